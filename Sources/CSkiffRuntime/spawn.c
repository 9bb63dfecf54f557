/* Foreground creation (`run`, exec) and waiting: the parent side of the clone. */
#include "internal.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Reads the child's report: 'R' (ready, waiting for start), 'E...' (failed), EOF (exec'd).
 * Returns 1 ready, 0 exec'd, -1 failed (err filled). */
static int read_report(int fd, char *err, int errlen) {
    char buf[SKIFF_MSG + 1];
    ssize_t n;
    do { n = read(fd, buf, SKIFF_MSG); } while (n < 0 && errno == EINTR);
    if (n < 0) { sk_report(-1, "read report", NULL, errno); if (errlen > 0) { err[0] = 0; sk_cat(err, (size_t)errlen, "read report: "); sk_cat(err, (size_t)errlen, skiff_errno_name(errno, NULL, 0)); } return -1; }
    if (n == 0) return 0;
    buf[n] = 0;
    if (buf[0] == 'R') return 1;
    if (errlen > 0) { err[0] = 0; sk_cat(err, (size_t)errlen, buf[0] == 'E' ? buf + 1 : buf); }
    return -1;
}

int skiff_spawn(const struct skiff_plan *plan, char *err, int errlen) {
    int ep[2];
    if (pipe2(ep, O_CLOEXEC) < 0) { sk_cpy(err, (size_t)errlen, "pipe: "); sk_cat(err, (size_t)errlen, skiff_errno_name(errno, NULL, 0)); return -1; }
    int saved; const char *step = NULL;
    if (sk_enter_pid_ns(plan, &saved, &step) < 0) {
        int e = errno; close(ep[0]); close(ep[1]);
        sk_cpy(err, (size_t)errlen, step); sk_cat(err, (size_t)errlen, ": "); sk_cat(err, (size_t)errlen, skiff_errno_name(e, NULL, 0));
        return -1;
    }
    pid_t pid = sk_clone((unsigned long)plan->clone_flags);
    int clone_errno = errno;
    sk_leave_pid_ns(saved);
    errno = clone_errno;
    if (pid < 0) {
        int e = errno; close(ep[0]); close(ep[1]);
        sk_cpy(err, (size_t)errlen, "clone: "); sk_cat(err, (size_t)errlen, skiff_errno_name(e, NULL, 0));
        return -1;
    }
    if (pid == 0) { close(ep[0]); sk_child_main(plan, ep[1]); }
    close(ep[1]);
    int r = read_report(ep[0], err, errlen);
    close(ep[0]);
    if (r < 0) { int st; while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {} return -1; }
    return pid;
}

int skiff_exec(const struct skiff_plan *plan, char *err, int errlen) {
    int ep[2], pp[2];
    if (pipe2(ep, O_CLOEXEC) < 0 || pipe2(pp, O_CLOEXEC) < 0) { sk_cpy(err, (size_t)errlen, "pipe: "); sk_cat(err, (size_t)errlen, skiff_errno_name(errno, NULL, 0)); return -1; }
    pid_t helper = sk_clone(0);
    if (helper < 0) {
        int e = errno; close(ep[0]); close(ep[1]); close(pp[0]); close(pp[1]);
        sk_cpy(err, (size_t)errlen, "clone: "); sk_cat(err, (size_t)errlen, skiff_errno_name(e, NULL, 0));
        return -1;
    }
    if (helper == 0) {
        /* The helper joins cgroup and namespaces, then clones the process as our sibling
         * (CLONE_PARENT) so it lands in the container's pid namespace and the caller's care. */
        close(ep[0]); close(pp[0]);
        if (syscall(SYS_prctl, 4 /* PR_SET_DUMPABLE */, 0, 0, 0, 0) < 0) sk_fail(ep[1], "prctl dumpable", NULL, errno);
        int keep[2] = { ep[1], pp[1] };
        /* stdio stays; everything else the caller held is closed in the helper. */
        for (int i = 0; i < plan->ncgroup_procs; i++) {
            int fd = open(plan->cgroup_procs[i], O_WRONLY | O_CLOEXEC);
            if (fd < 0 || write(fd, "0", 1) != 1) sk_fail(ep[1], "join cgroup", plan->cgroup_procs[i], errno);
            close(fd);
        }
        int nsfd[16]; int nj = plan->njoins > 16 ? 16 : plan->njoins;
        for (int i = 0; i < nj; i++) {
            nsfd[i] = open(plan->joins[i].path, O_RDONLY | O_CLOEXEC);
            if (nsfd[i] < 0) sk_fail(ep[1], "open namespace", plan->joins[i].path, errno);
        }
        for (int i = 0; i < nj; i++) {
            if (setns(nsfd[i], plan->joins[i].type) < 0) sk_fail(ep[1], "setns", plan->joins[i].path, errno);
            close(nsfd[i]);
        }
        (void)keep;
        struct skiff_plan local = *plan;
        local.njoins = 0; local.ncgroup_procs = 0; local.setup_rootfs = 0; local.clone_flags = 0;
        local.unshare_cgroup = 0;
        pid_t child = sk_clone(CLONE_PARENT);
        if (child < 0) sk_fail(ep[1], "clone exec process", NULL, errno);
        if (child == 0) { close(pp[1]); sk_child_main(&local, ep[1]); }
        char num[24] = ""; sk_cat_long(num, sizeof num, child);
        sk_write_all(pp[1], num, sk_len(num));
        _exit(0);
    }
    close(ep[1]); close(pp[1]);
    int st;
    while (waitpid(helper, &st, 0) < 0 && errno == EINTR) {}
    char num[24]; ssize_t n;
    do { n = read(pp[0], num, sizeof num - 1); } while (n < 0 && errno == EINTR);
    close(pp[0]);
    pid_t child = -1;
    if (n > 0) { num[n] = 0; child = 0; for (int i = 0; num[i] >= '0' && num[i] <= '9'; i++) child = child * 10 + (num[i] - '0'); }
    int r = read_report(ep[0], err, errlen);
    close(ep[0]);
    if (r < 0) { if (child > 0) while (waitpid(child, &st, 0) < 0 && errno == EINTR) {} return -1; }
    if (child <= 0) { sk_cpy(err, (size_t)errlen, "exec helper: exited without a process"); return -1; }
    return child;
}

static volatile pid_t forward_pid = 0;

static void forward(int sig) {
    int saved = errno;
    if (forward_pid > 0) kill(forward_pid, sig);
    errno = saved;
}

void skiff_forward_signals_to(pid_t pid) {
    forward_pid = pid;
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH };
    sigset_t set;
    sigemptyset(&set);
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa; memset(&sa, 0, sizeof sa);
        sa.sa_handler = forward; sa.sa_flags = SA_RESTART;
        sigaction(sigs[i], &sa, NULL);
        sigaddset(&set, sigs[i]);
    }
    /* A mask inherited from the parent (a blocked SIGTERM) must not keep them from us. */
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int skiff_wait_forwarding(pid_t pid) {
    skiff_forward_signals_to(pid);
    for (;;) {
        int st;
        pid_t w = waitpid(-1, &st, 0);
        if (w == pid) { forward_pid = 0; return st; }
        if (w < 0) {
            if (errno == EINTR) continue;
            forward_pid = 0;
            return -1;
        }
    }
}
