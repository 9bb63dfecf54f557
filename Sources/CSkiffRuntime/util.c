/* String, pipe and process helpers that are safe between clone() and execve(). */
#include "internal.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/close_range.h>
#include <sched.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <linux/capability.h>

int skiff_runtime_abi_version(void) { return 2; }

size_t sk_len(const char *s) { size_t n = 0; if (!s) return 0; while (s[n]) n++; return n; }

int sk_cat(char *buf, size_t cap, const char *s) {
    size_t a = sk_len(buf), b = sk_len(s);
    if (a + b + 1 > cap) return -1;
    for (size_t i = 0; i < b; i++) buf[a + i] = s[i];
    buf[a + b] = 0;
    return 0;
}

int sk_cpy(char *buf, size_t cap, const char *s) { if (cap) buf[0] = 0; return sk_cat(buf, cap, s); }

int sk_cat_long(char *buf, size_t cap, long long v) {
    char tmp[24]; int i = 23; tmp[i] = 0;
    unsigned long long u = v < 0 ? (unsigned long long)(-(v + 1)) + 1 : (unsigned long long)v;
    do { tmp[--i] = (char)('0' + u % 10); u /= 10; } while (u && i > 1);
    if (v < 0) tmp[--i] = '-';
    return sk_cat(buf, cap, tmp + i);
}

int sk_write_all(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) { if (errno == EINTR) continue; return -1; }
        p += w; n -= (size_t)w;
    }
    return 0;
}

pid_t sk_clone(unsigned long flags) {
    return (pid_t)syscall(SYS_clone, flags | SIGCHLD, 0, NULL, NULL, 0);
}

void sk_close_except(const int *keep, int nkeep) {
    /* Walk the gaps between the kept descriptors in ascending order. */
    unsigned int lo = 3;
    for (;;) {
        int next = -1;
        for (int i = 0; i < nkeep; i++)
            if (keep[i] >= (int)lo && (next < 0 || keep[i] < next)) next = keep[i];
        if (next < 0) { syscall(SYS_close_range, lo, ~0U, 0); return; }
        if ((unsigned)next > lo) syscall(SYS_close_range, lo, (unsigned)next - 1, 0);
        lo = (unsigned)next + 1;
    }
}

const char *skiff_errno_name(int e, char *buf, int buflen) {
    const char *n = strerrorname_np(e);
    if (n) return n;
    if (buf && buflen > 0) { buf[0] = 0; sk_cat(buf, (size_t)buflen, "E"); sk_cat_long(buf, (size_t)buflen, e); return buf; }
    return "EUNKNOWN";
}

void sk_report(int fd, const char *step, const char *arg, int err) {
    char msg[SKIFF_MSG]; char nb[24];
    sk_cpy(msg, sizeof msg, "E");
    sk_cat(msg, sizeof msg, step);
    if (arg && arg[0]) {
        sk_cat(msg, sizeof msg, " ");
        if (sk_cat(msg, sizeof msg, arg) < 0) sk_cat(msg, sizeof msg, "...");
    }
    sk_cat(msg, sizeof msg, ": ");
    sk_cat(msg, sizeof msg, skiff_errno_name(err, nb, sizeof nb));
    if (fd >= 0) sk_write_all(fd, msg, sk_len(msg));
}

void sk_fail(int fd, const char *step, const char *arg, int err) {
    sk_report(fd, step, arg, err);
    _exit(1);
}

/* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm, written out here). */
static void civil(long long z, int *y, int *m, int *d) {
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long yy = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static void put2(char *o, int v) { o[0] = (char)('0' + v / 10); o[1] = (char)('0' + v % 10); }

int skiff_format_rfc3339nano(int64_t sec, long nsec, char *out, int outlen) {
    if (outlen < 31) return -1;
    long long days = sec / 86400; long long rem = sec % 86400;
    if (rem < 0) { rem += 86400; days--; }
    int y, m, d; civil(days, &y, &m, &d);
    out[0] = (char)('0' + (y / 1000) % 10); out[1] = (char)('0' + (y / 100) % 10);
    out[2] = (char)('0' + (y / 10) % 10); out[3] = (char)('0' + y % 10);
    out[4] = '-'; put2(out + 5, m); out[7] = '-'; put2(out + 8, d); out[10] = 'T';
    put2(out + 11, (int)(rem / 3600)); out[13] = ':'; put2(out + 14, (int)(rem / 60 % 60));
    out[16] = ':'; put2(out + 17, (int)(rem % 60)); out[19] = '.';
    long n = nsec;
    for (int i = 28; i >= 20; i--) { out[i] = (char)('0' + n % 10); n /= 10; }
    out[29] = 'Z'; out[30] = 0;
    return 30;
}

int skiff_memfd(const char *name) { return (int)syscall(SYS_memfd_create, name, 1U /* MFD_CLOEXEC */); }

long long skiff_proc_start_time(int pid) {
    /* Field 22 of /proc/<pid>/stat: tells a reused pid from the process we started. */
    char path[64] = "/proc/"; sk_cat_long(path, sizeof path, pid); sk_cat(path, sizeof path, "/stat");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    char buf[1024]; ssize_t n = read(fd, buf, sizeof buf - 1); close(fd);
    if (n <= 0) return -1;
    buf[n] = 0;
    int i = (int)n - 1; while (i > 0 && buf[i] != ')') i--;
    int field = 2; long long v = 0;
    for (i++; i < n; i++) {
        if (buf[i] == ' ') { field++; continue; }
        if (field == 22) { v = 0; while (i < n && buf[i] >= '0' && buf[i] <= '9') v = v * 10 + (buf[i++] - '0'); return v; }
    }
    return -1;
}

char skiff_proc_state(int pid) {
    char path[64] = "/proc/"; sk_cat_long(path, sizeof path, pid); sk_cat(path, sizeof path, "/stat");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char buf[1024]; ssize_t n = read(fd, buf, sizeof buf - 1); close(fd);
    if (n <= 0) return 0;
    int i = (int)n - 1; while (i > 0 && buf[i] != ')') i--;
    return (i + 2 < n) ? buf[i + 2] : 0;
}

int skiff_mkfifo(const char *path, unsigned int mode) { return mkfifo(path, mode); }

int skiff_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int skiff_make_netns(int home) {
    if (unshare(CLONE_NEWNET) < 0) return -1;
    int fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    int e = errno;
    if (setns(home, CLONE_NEWNET) < 0) { if (fd >= 0) close(fd); return -2; }
    errno = e;
    return fd;
}

int skiff_rename_exchange(const char *from, const char *to) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 2U /* RENAME_EXCHANGE */);
}

int skiff_set_subreaper(void) { return (int)syscall(SYS_prctl, 36 /* PR_SET_CHILD_SUBREAPER */, 1UL, 0UL, 0UL, 0UL); }

int skiff_prctl_set(int option, unsigned long value) { return (int)syscall(SYS_prctl, option, value, 0UL, 0UL, 0UL); }

int skiff_has_effective_cap(int cap) {
    struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[2];
    if (cap < 0 || cap > 63 || syscall(SYS_capget, &hdr, data) < 0) return 0;
    return (int)((data[cap / 32].effective >> (cap % 32)) & 1U);
}

int sk_enter_pid_ns(const struct skiff_plan *p, int *saved, const char **step) {
    *saved = -1;
    for (int i = 0; i < p->njoins; i++) {
        if (p->joins[i].type != CLONE_NEWPID) continue;
        int own = open("/proc/thread-self/ns/pid_for_children", O_RDONLY | O_CLOEXEC);
        if (own < 0) { *step = "open /proc/thread-self/ns/pid_for_children"; return -1; }
        int fd = open(p->joins[i].path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) { int e = errno; close(own); errno = e; *step = "open pid namespace"; return -1; }
        if (setns(fd, CLONE_NEWPID) < 0) { int e = errno; close(fd); close(own); errno = e; *step = "setns pid"; return -1; }
        close(fd);
        *saved = own;
        return 0;
    }
    return 0;
}

void sk_leave_pid_ns(int saved) {
    if (saved < 0) return;
    setns(saved, CLONE_NEWPID);
    close(saved);
}
