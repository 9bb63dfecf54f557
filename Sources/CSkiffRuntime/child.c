/*
 * The container side of process creation, run in a freshly cloned child. Every step is a
 * raw syscall on data the parent prepared; failures go back over `errfd` as
 * "E<step>: <ERRNO>" and the child exits. The child is non-dumpable until execve so no
 * process in the container can open /proc/<pid>/exe of ours (CVE-2019-5736).
 */
#include "internal.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/close_range.h>
#include <linux/filter.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/*
 * Paths inside the container are resolved with openat2(RESOLVE_IN_ROOT) against the rootfs,
 * so a symlink in an image (/dev -> /etc/host-thing) can never send a mount, a device node or
 * a directory outside the root. Mounts then target "/proc/self/fd/<n>" of the resolved file.
 */
static int open_in_root(int rootfd, const char *path, int flags, mode_t mode) {
    struct open_how how;
    for (size_t i = 0; i < sizeof how; i++) ((char *)&how)[i] = 0;
    how.flags = (uint64_t)(flags | O_CLOEXEC);
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    const char *rel = path;
    while (*rel == '/') rel++;
    if (!*rel) rel = ".";
    return (int)syscall(SYS_openat2, rootfd, rel, &how, sizeof how);
}

static void fd_path(int fd, char *out) {
    out[0] = 0; sk_cat(out, 64, "/proc/self/fd/"); sk_cat_long(out, 64, fd);
}

/* Splits "/a/b/c" into the parent ("/a/b") and the last component ("c"). */
static int split_path(const char *path, char *parent, char *name) {
    if (sk_cpy(parent, SKIFF_PATH, path) < 0) return -1;
    size_t n = sk_len(parent);
    while (n > 1 && parent[n - 1] == '/') parent[--n] = 0;
    size_t i = n; while (i > 0 && parent[i - 1] != '/') i--;
    if (sk_cpy(name, SKIFF_PATH, parent + i) < 0) return -1;
    if (i <= 1) { parent[0] = '/'; parent[1] = 0; } else parent[i - 1] = 0;
    return 0;
}

/* mkdir -p inside the root; returns an O_PATH descriptor of the directory or -1. */
static int mkdir_in_root(int rootfd, const char *path) {
    int fd = open_in_root(rootfd, path, O_PATH | O_DIRECTORY, 0);
    if (fd >= 0 || errno != ENOENT) return fd;
    char parent[SKIFF_PATH], name[SKIFF_PATH];
    if (split_path(path, parent, name) < 0) { errno = ENAMETOOLONG; return -1; }
    int pfd = mkdir_in_root(rootfd, parent);
    if (pfd < 0) return -1;
    if (mkdirat(pfd, name, 0755) < 0 && errno != EEXIST) { int e = errno; close(pfd); errno = e; return -1; }
    close(pfd);
    return open_in_root(rootfd, path, O_PATH | O_DIRECTORY, 0);
}

/* The mount target inside the root (created as a directory or an empty file). */
static int target_in_root(int rootfd, const char *path, int is_file, int errfd) {
    if (!is_file) {
        int fd = mkdir_in_root(rootfd, path);
        if (fd < 0) sk_fail(errfd, "mkdir", path, errno);
        return fd;
    }
    char parent[SKIFF_PATH], name[SKIFF_PATH];
    if (split_path(path, parent, name) < 0) sk_fail(errfd, "mount target", path, ENAMETOOLONG);
    int pfd = mkdir_in_root(rootfd, parent);
    if (pfd < 0) sk_fail(errfd, "mkdir", parent, errno);
    close(pfd);
    int fd = open_in_root(rootfd, path, O_CREAT | O_WRONLY, 0644);
    if (fd < 0 && errno == EISDIR) fd = open_in_root(rootfd, path, O_PATH, 0);
    if (fd < 0) sk_fail(errfd, "create mount target", path, errno);
    close(fd);
    fd = open_in_root(rootfd, path, O_PATH, 0);
    if (fd < 0) sk_fail(errfd, "open mount target", path, errno);
    return fd;
}

/* Flags a bind remount must keep (nosuid, nodev, noexec ... of the mount underneath). */
static unsigned long kept_flags(const char *path) {
    struct statfs s;
    if (statfs(path, &s) < 0) return 0;
    return (unsigned long)s.f_flags & (MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME);
}

/* Reopens a mount target after mounting, so the descriptor names the new mount's root. */
static int reopen(int rootfd, const char *path, int errfd) {
    int fd = open_in_root(rootfd, path, O_PATH, 0);
    if (fd < 0) sk_fail(errfd, "open mount", path, errno);
    return fd;
}

static void do_mount(int rootfd, const struct skiff_mount *m, int errfd) {
    char dst[64];
    int fd = target_in_root(rootfd, m->target, m->bind && m->source_is_file, errfd);
    fd_path(fd, dst);
    if (m->bind) {
        if (mount(m->source, dst, NULL, MS_BIND | (m->flags & MS_REC), NULL) < 0)
            sk_fail(errfd, "mount", m->target, errno);
        unsigned long extra = m->flags & ~(unsigned long)(MS_BIND | MS_REC);
        if (extra) {
            close(fd); fd = reopen(rootfd, m->target, errfd); fd_path(fd, dst);
            if (mount(NULL, dst, NULL, MS_BIND | MS_REMOUNT | extra | kept_flags(dst), NULL) < 0)
                sk_fail(errfd, "remount", m->target, errno);
        }
    } else {
        if (mount(m->source, dst, m->fstype, m->flags, m->data) < 0)
            sk_fail(errfd, "mount", m->target, errno);
    }
    if (m->propagation) {
        close(fd); fd = reopen(rootfd, m->target, errfd); fd_path(fd, dst);
        if (mount(NULL, dst, NULL, m->propagation, NULL) < 0) sk_fail(errfd, "mount propagation", m->target, errno);
    }
    close(fd);
}

static void make_devices(const struct skiff_plan *p, int rootfd, int errfd) {
    char parent[SKIFF_PATH], name[SKIFF_PATH];
    for (int i = 0; i < p->ndevices; i++) {
        const struct skiff_device *d = &p->devices[i];
        if (split_path(d->path, parent, name) < 0) sk_fail(errfd, "device path", d->path, ENAMETOOLONG);
        int dir = mkdir_in_root(rootfd, parent);
        if (dir < 0) sk_fail(errfd, "mkdir", parent, errno);
        unlinkat(dir, name, 0);
        if (mknodat(dir, name, d->mode, makedev(d->major, d->minor)) == 0) {
            if (fchownat(dir, name, d->uid, d->gid, AT_SYMLINK_NOFOLLOW) < 0) sk_fail(errfd, "chown", d->path, errno);
            close(dir);
            continue;
        }
        if (errno != EPERM) sk_fail(errfd, "mknod", d->path, errno);
        /* Without CAP_MKNOD: bind the host's node instead. */
        int fd = openat(dir, name, O_CREAT | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0) sk_fail(errfd, "create device", d->path, errno);
        close(fd);
        close(dir);
        int t = open_in_root(rootfd, d->path, O_PATH, 0);
        if (t < 0) sk_fail(errfd, "open device", d->path, errno);
        char dst[64]; fd_path(t, dst);
        if (mount(d->path, dst, NULL, MS_BIND, NULL) < 0) sk_fail(errfd, "bind device", d->path, errno);
        close(t);
    }
    if (p->dev_symlinks) {
        static const char *const links[][2] = {
            {"/proc/self/fd", "fd"}, {"/proc/self/fd/0", "stdin"}, {"/proc/self/fd/1", "stdout"},
            {"/proc/self/fd/2", "stderr"}, {"pts/ptmx", "ptmx"}, {"/proc/kcore", "core"},
        };
        int dev = mkdir_in_root(rootfd, "/dev");
        if (dev < 0) sk_fail(errfd, "mkdir", "/dev", errno);
        for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++) {
            if (symlinkat(links[i][0], dev, links[i][1]) < 0 && errno != EEXIST) sk_fail(errfd, "symlink /dev", links[i][1], errno);
        }
        close(dev);
    }
}

static void pivot(const struct skiff_plan *p, int errfd) {
    int oldroot = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (oldroot < 0) sk_fail(errfd, "open /", NULL, errno);
    int newroot = open(p->rootfs, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (newroot < 0) sk_fail(errfd, "open rootfs", p->rootfs, errno);
    if (fchdir(newroot) < 0) sk_fail(errfd, "chdir rootfs", p->rootfs, errno);
    /* pivot_root(".", ".") stacks the old root on top of the new one; then detach it. */
    if (syscall(SYS_pivot_root, ".", ".") < 0) sk_fail(errfd, "pivot_root", NULL, errno);
    if (fchdir(oldroot) < 0) sk_fail(errfd, "chdir old root", NULL, errno);
    if (mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0) sk_fail(errfd, "make old root rslave", NULL, errno);
    if (umount2(".", MNT_DETACH) < 0) sk_fail(errfd, "umount old root", NULL, errno);
    if (chdir("/") < 0) sk_fail(errfd, "chdir /", NULL, errno);
    close(oldroot); close(newroot);
}

static void setup_rootfs(const struct skiff_plan *p, int errfd) {
    unsigned long prop = p->rootfs_propagation ? p->rootfs_propagation : (MS_SLAVE | MS_REC);
    if (mount(NULL, "/", NULL, prop, NULL) < 0) sk_fail(errfd, "rootfs propagation", NULL, errno);
    if (mount(p->rootfs, p->rootfs, NULL, MS_BIND | MS_REC, NULL) < 0) sk_fail(errfd, "bind rootfs", p->rootfs, errno);
    int rootfd = open(p->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (rootfd < 0) sk_fail(errfd, "open rootfs", p->rootfs, errno);
    for (int i = 0; i < p->nmounts; i++) do_mount(rootfd, &p->mounts[i], errfd);
    make_devices(p, rootfd, errfd);
    close(rootfd);
    pivot(p, errfd);
    if (p->rootfs_propagation & MS_SHARED) {
        if (mount(NULL, "/", NULL, p->rootfs_propagation, NULL) < 0) sk_fail(errfd, "rootfs propagation", "/", errno);
    }
}

static void mask_paths(const struct skiff_plan *p, int errfd) {
    for (int i = 0; i < p->nmasked; i++) {
        const char *path = p->masked[i];
        if (mount("/dev/null", path, NULL, MS_BIND, NULL) == 0) continue;
        if (errno == ENOENT) continue;
        if (errno == ENOTDIR || errno == EISDIR) {
            if (mount("tmpfs", path, "tmpfs", MS_RDONLY, "size=0k") == 0) continue;
        }
        sk_fail(errfd, "mask", path, errno);
    }
    for (int i = 0; i < p->nreadonly; i++) {
        const char *path = p->readonly[i];
        if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) < 0) {
            if (errno == ENOENT) continue;
            sk_fail(errfd, "bind readonly", path, errno);
        }
        if (mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | kept_flags(path), NULL) < 0)
            sk_fail(errfd, "remount readonly", path, errno);
    }
}

static void write_file(const char *path, const char *value, const char *step, int errfd) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) sk_fail(errfd, step, path, errno);
    if (sk_write_all(fd, value, sk_len(value)) < 0) sk_fail(errfd, step, path, errno);
    close(fd);
}

/* Finds argv[0] along PATH (from the process environment) as execvp would. */
static void resolve_exec(const struct skiff_plan *p, char *out, int errfd) {
    const char *name = p->argv[0];
    for (const char *c = name; *c; c++)
        if (*c == '/') {
            if (sk_cpy(out, SKIFF_PATH, name) < 0) sk_fail(errfd, "exec lookup", name, ENAMETOOLONG);
            struct stat st;
            if (stat(out, &st) < 0) sk_fail(errfd, "exec lookup", name, errno);
            if (!S_ISREG(st.st_mode)) sk_fail(errfd, "exec lookup", name, EACCES);
            return;
        }
    const char *path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    for (int i = 0; p->envp[i]; i++) {
        const char *e = p->envp[i];
        if (e[0] == 'P' && e[1] == 'A' && e[2] == 'T' && e[3] == 'H' && e[4] == '=') { path = e + 5; break; }
    }
    int last = ENOENT;
    const char *s = path;
    while (*s || s == path) {
        const char *end = s; while (*end && *end != ':') end++;
        char cand[SKIFF_PATH]; size_t n = (size_t)(end - s);
        if (n == 0) { cand[0] = '.'; n = 1; } else if (n < SKIFF_PATH - 1) { for (size_t i = 0; i < n; i++) cand[i] = s[i]; }
        else n = 0;
        cand[n] = 0;
        if (n && sk_cat(cand, sizeof cand, "/") == 0 && sk_cat(cand, sizeof cand, name) == 0) {
            struct stat st;
            if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
                if (access(cand, X_OK) == 0) { sk_cpy(out, SKIFF_PATH, cand); return; }
                last = EACCES;
            }
        }
        if (!*end) break;
        s = end + 1;
    }
    sk_fail(errfd, "exec lookup", name, last);
}

static void apply_seccomp(const struct skiff_plan *p, int errfd) {
    if (!p->seccomp_filter) return;
    struct sock_fprog prog = { .len = p->seccomp_len, .filter = (struct sock_filter *)p->seccomp_filter };
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, p->seccomp_flags, &prog) < 0) sk_fail(errfd, "seccomp", NULL, errno);
}

static void apply_creds(const struct skiff_plan *p, int errfd) {
    if (p->set_caps) {
        if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) sk_fail(errfd, "prctl keepcaps", NULL, errno);
        for (int c = 0; c <= 63; c++) {
            if (p->cap_bounding & (1ULL << c)) continue;
            if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0) {
                if (errno == EINVAL) break; /* past the kernel's last capability */
                sk_fail(errfd, "drop bounding capability", NULL, errno);
            }
        }
    }
    /* Raw syscalls: glibc's wrappers would try to signal threads that do not exist here. */
    if (p->set_groups || p->ngroups > 0) {
        gid_t g[64]; int n = p->ngroups > 64 ? 64 : p->ngroups;
        for (int i = 0; i < n; i++) g[i] = p->groups[i];
        if (syscall(SYS_setgroups, n, g) < 0) sk_fail(errfd, "setgroups", NULL, errno);
    }
    if (syscall(SYS_setresgid, p->gid, p->gid, p->gid) < 0) sk_fail(errfd, "setgid", NULL, errno);
    if (syscall(SYS_setresuid, p->uid, p->uid, p->uid) < 0) sk_fail(errfd, "setuid", NULL, errno);
    if (p->set_caps) {
        if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0) sk_fail(errfd, "prctl keepcaps", NULL, errno);
        struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
        struct __user_cap_data_struct data[2];
        data[0].effective = (uint32_t)p->cap_effective; data[1].effective = (uint32_t)(p->cap_effective >> 32);
        data[0].permitted = (uint32_t)p->cap_permitted; data[1].permitted = (uint32_t)(p->cap_permitted >> 32);
        data[0].inheritable = (uint32_t)p->cap_inheritable; data[1].inheritable = (uint32_t)(p->cap_inheritable >> 32);
        if (syscall(SYS_capset, &hdr, data) < 0) sk_fail(errfd, "capset", NULL, errno);
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
            sk_fail(errfd, "clear ambient capabilities", NULL, errno);
        for (int c = 0; c <= 63; c++) {
            if (!(p->cap_ambient & (1ULL << c))) continue;
            if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0) < 0) sk_fail(errfd, "raise ambient capability", NULL, errno);
        }
    }
}

void sk_child_main(const struct skiff_plan *p, int errfd) {
    /* Not dumpable: /proc/<pid>/exe (our binary) stays out of reach until execve. */
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) sk_fail(errfd, "prctl dumpable", NULL, errno);
    sigset_t none; sigemptyset(&none);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, sizeof(unsigned long));
    for (int s = 1; s < 32; s++) if (s != SIGKILL && s != SIGSTOP) { struct sigaction sa = {0}; sa.sa_handler = SIG_DFL; sigaction(s, &sa, NULL); }

    int netns = p->use_netns_fd ? p->netns_fd : -1;
    if (netns >= 0 && netns < 3 && (netns = fcntl(netns, F_DUPFD_CLOEXEC, 3)) < 0) sk_fail(errfd, "dup network namespace", NULL, errno);
    /* stdio first, then drop every descriptor the parent process had open. */
    int fds[3] = { p->stdin_fd, p->stdout_fd, p->stderr_fd };
    for (int i = 0; i < 3; i++) if (fds[i] >= 0 && fds[i] != i && dup2(fds[i], i) < 0) sk_fail(errfd, "dup2 stdio", NULL, errno);
    if (p->controlling_tty) {
        if (setsid() < 0) sk_fail(errfd, "setsid", NULL, errno);
        if (ioctl(0, TIOCSCTTY, 0) < 0) sk_fail(errfd, "ioctl TIOCSCTTY", NULL, errno);
    }
    if (errfd >= 0 && errfd < 3) sk_fail(-1, "errfd", NULL, EBADF);
    int keep[2] = { errfd, netns };
    sk_close_except(keep, 2);

    for (int i = 0; i < p->ncgroup_procs; i++) write_file(p->cgroup_procs[i], "0", "join cgroup", errfd);

    int fifo = -1;
    if (p->exec_fifo) {
        fifo = open(p->exec_fifo, O_PATH | O_CLOEXEC);
        if (fifo < 0) sk_fail(errfd, "open exec fifo", p->exec_fifo, errno);
    }

    /* Open every namespace first: after joining a mount namespace the host paths are gone. */
    int nsfd[16]; int nj = p->njoins > 16 ? 16 : p->njoins;
    /* A pid namespace was entered by the parent before the clone (see sk_enter_pid_ns). */
    for (int i = 0; i < nj; i++) {
        nsfd[i] = -1;
        if (p->joins[i].type == CLONE_NEWPID) continue;
        nsfd[i] = open(p->joins[i].path, O_RDONLY | O_CLOEXEC);
        if (nsfd[i] < 0) sk_fail(errfd, "open namespace", p->joins[i].path, errno);
    }
    for (int i = 0; i < nj; i++) {
        if (nsfd[i] < 0) continue;
        if (setns(nsfd[i], p->joins[i].type) < 0) sk_fail(errfd, "setns", p->joins[i].path, errno);
        close(nsfd[i]);
    }
    if (netns >= 0) {
        if (setns(netns, CLONE_NEWNET) < 0) sk_fail(errfd, "setns network namespace", NULL, errno);
        close(netns);
    }
    if (p->unshare_cgroup && unshare(CLONE_NEWCGROUP) < 0) sk_fail(errfd, "unshare cgroup", NULL, errno);

    if (p->setup_rootfs) {
        setup_rootfs(p, errfd);
        char path[SKIFF_PATH];
        for (int i = 0; i < p->nsysctls; i++) {
            sk_cpy(path, sizeof path, "/proc/sys/");
            if (sk_cat(path, sizeof path, p->sysctls[i].key) < 0) sk_fail(errfd, "sysctl", p->sysctls[i].key, ENAMETOOLONG);
            write_file(path, p->sysctls[i].value, "sysctl", errfd);
        }
        mask_paths(p, errfd);
        if (p->rootfs_readonly && mount(NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | kept_flags("/"), NULL) < 0)
            sk_fail(errfd, "remount rootfs readonly", NULL, errno);
    }
    if (p->hostname && sethostname(p->hostname, sk_len(p->hostname)) < 0) sk_fail(errfd, "sethostname", p->hostname, errno);

    for (int i = 0; i < p->nrlimits; i++) {
        struct rlimit r = { .rlim_cur = p->rlimits[i].soft, .rlim_max = p->rlimits[i].hard };
        if (setrlimit(p->rlimits[i].resource, &r) < 0) sk_fail(errfd, "setrlimit", NULL, errno);
    }
    if (p->set_oom_score_adj) {
        char v[24] = ""; sk_cat_long(v, sizeof v, p->oom_score_adj);
        write_file("/proc/self/oom_score_adj", v, "oom_score_adj", errfd);
    }
    if (p->set_umask) umask(p->umask);
    if (p->cwd && p->cwd[0] && chdir(p->cwd) < 0) sk_fail(errfd, "chdir", p->cwd, errno);

    char exe[SKIFF_PATH];
    resolve_exec(p, exe, errfd);

    if (fifo >= 0) {
        /* Setup done: tell the creator, then block until `start` opens the fifo. */
        if (sk_write_all(errfd, "R", 1) < 0) sk_fail(-1, "report ready", NULL, errno);
        char self[64] = "/proc/self/fd/"; sk_cat_long(self, sizeof self, fifo);
        int w = open(self, O_WRONLY | O_CLOEXEC);
        if (w < 0) sk_fail(errfd, "open exec fifo", NULL, errno);
        if (sk_write_all(w, "0", 1) < 0) sk_fail(errfd, "write exec fifo", NULL, errno);
        close(w); close(fifo);
    }

    if (!p->no_new_privs) apply_seccomp(p, errfd); /* needs CAP_SYS_ADMIN without no_new_privs */
    apply_creds(p, errfd);
    if (p->no_new_privs) {
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) sk_fail(errfd, "prctl no_new_privs", NULL, errno);
        apply_seccomp(p, errfd);
    }
    syscall(SYS_execve, exe, p->argv, p->envp);
    sk_fail(errfd, "execve", exe, errno);
}
