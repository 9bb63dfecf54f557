/*
 * The monitor of a detached container. Forked from the creating process, it detaches
 * (setsid), becomes a child subreaper, clones the container init with stdout/stderr on
 * pipes, relays those into a CRI log file, reaps every process that lands on it and, when
 * the init ends, writes the exit file the runtime reads for `state` and `wait`. It runs only
 * raw syscalls on its own stack because it is a fork of a multithreaded process.
 */
#include "internal.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h> /* rename */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LINE_MAX_BYTES 16384

struct stream {
    int fd;
    const char *name;  /* "stdout" / "stderr" */
    char buf[LINE_MAX_BYTES];
    size_t len;
};

/* Size rotation: the monitor is the only writer, so it renames the full file away and opens
 * a fresh one between two records; readers following the path drain the renamed file and
 * move on, and no record is split. Old rotated files are pruned by the kubelet. */
static const char *g_log_path;
static long long g_log_max, g_log_size;
#define ROTATED_MAX 16
static int g_log_keep;                     /* rotated files to keep (max files - 1) */
static char g_rotated[ROTATED_MAX][1024];  /* names this monitor made, oldest first */
static int g_rotated_n;

static void rotate_log(int *logfd) {
    struct timespec ts; clock_gettime(CLOCK_REALTIME, &ts);
    char when[40]; int w = skiff_format_rfc3339nano(ts.tv_sec, ts.tv_nsec, when, sizeof when);
    if (w < 0) return;
    when[w] = 0;
    /* <path>.20261204T170000.123456789Z: digits only, fixed width, so names sort by time. */
    char suffix[40]; size_t k = 0;
    for (int i = 0; when[i] && k + 1 < sizeof suffix; i++) if (when[i] != '-' && when[i] != ':') suffix[k++] = when[i];
    suffix[k] = 0;
    char target[4096] = "";
    if (sk_cat(target, sizeof target, g_log_path) < 0 || sk_cat(target, sizeof target, ".") < 0 || sk_cat(target, sizeof target, suffix) < 0) return;
    if (rename(g_log_path, target) < 0) return;
    if (g_log_keep > 0 && sk_len(target) < sizeof g_rotated[0]) {
        if (g_rotated_n == ROTATED_MAX || g_rotated_n >= g_log_keep) {
            unlink(g_rotated[0]);
            for (int i = 1; i < g_rotated_n; i++) { g_rotated[i - 1][0] = 0; sk_cat(g_rotated[i - 1], sizeof g_rotated[0], g_rotated[i]); }
            g_rotated_n--;
        }
        g_rotated[g_rotated_n][0] = 0;
        sk_cat(g_rotated[g_rotated_n], sizeof g_rotated[0], target);
        g_rotated_n++;
    }
    int nfd = open(g_log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (nfd < 0) return;
    if (*logfd >= 0 && dup3(nfd, *logfd, O_CLOEXEC) >= 0) close(nfd); else *logfd = nfd;
    g_log_size = 0;
}

static void log_line(int logfd, const char *stream, const char *data, size_t n, int partial) {
    if (logfd < 0) return;
    if (g_log_max > 0 && g_log_size >= g_log_max) rotate_log(&logfd);
    struct timespec ts; clock_gettime(CLOCK_REALTIME, &ts);
    char head[64]; int h = skiff_format_rfc3339nano(ts.tv_sec, ts.tv_nsec, head, sizeof head);
    if (h < 0) return;
    head[h] = 0;
    sk_cat(head, sizeof head, " "); sk_cat(head, sizeof head, stream);
    sk_cat(head, sizeof head, partial ? " P " : " F ");
    struct iovec_like { const void *b; size_t n; } parts[3] = { { head, sk_len(head) }, { data, n }, { "\n", 1 } };
    /* One write per record keeps records whole when several writers share the file. */
    char rec[LINE_MAX_BYTES + 96]; size_t off = 0;
    for (int i = 0; i < 3; i++) { for (size_t j = 0; j < parts[i].n && off < sizeof rec; j++) rec[off++] = ((const char *)parts[i].b)[j]; }
    sk_write_all(logfd, rec, off);
    g_log_size += (long long)off;
}

/* Emits every complete line in the buffer; a full buffer without newline goes out as P. */
static void flush_lines(struct stream *s, int logfd, int eof) {
    size_t start = 0;
    for (size_t i = 0; i < s->len; i++) {
        if (s->buf[i] == '\n') { log_line(logfd, s->name, s->buf + start, i - start, 0); start = i + 1; }
    }
    size_t rest = s->len - start;
    if (rest == sizeof s->buf || (eof && rest > 0)) { log_line(logfd, s->name, s->buf + start, rest, !eof); rest = 0; start = s->len; }
    for (size_t i = 0; i < rest; i++) s->buf[i] = s->buf[start + i];
    s->len = rest;
}

static int pump(struct stream *s, int logfd) {
    ssize_t n;
    do { n = read(s->fd, s->buf + s->len, sizeof s->buf - s->len); } while (n < 0 && errno == EINTR);
    if (n <= 0) { flush_lines(s, logfd, 1); close(s->fd); s->fd = -1; return 0; }
    s->len += (size_t)n;
    flush_lines(s, logfd, 0);
    return 1;
}

/* The "oom_kill N" count in a cgroup events file; 0 when unreadable. */
static unsigned long long oom_kills(const char *path) {
    char buf[512];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n;
    do { n = read(fd, buf, sizeof buf - 1); } while (n < 0 && errno == EINTR);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = 0;
    for (char *line = buf; line && *line; ) {
        static const char key[] = "oom_kill ";
        int match = 1;
        for (int i = 0; key[i]; i++) if (line[i] != key[i]) { match = 0; break; }
        if (match) {
            unsigned long long v = 0;
            for (char *p = line + sizeof key - 1; *p >= '0' && *p <= '9'; p++) v = v * 10 + (unsigned)(*p - '0');
            return v;
        }
        while (*line && *line != '\n') line++;
        if (*line) line++;
    }
    return 0;
}

/* Whether the OOM killer struck this container's cgroup. The kernel counts the kill a few
 * instructions after sending SIGKILL, long before the victim has exited and been reaped here;
 * a zero is still read twice more, 2 ms apart, in case that path was preempted in between. */
static int oom_killed(const struct skiff_shim_opts *o) {
    if (!o->oom_events_path) return 0;
    for (int i = 0; i < 3; i++) {
        if (oom_kills(o->oom_events_path) > 0) return 1;
        struct timespec d = { 0, 2 * 1000 * 1000 };
        nanosleep(&d, NULL);
    }
    return 0;
}

static void write_exit(const struct skiff_shim_opts *o, int status, const char *error) {
    char text[1024] = "";
    int code = 0, sig = 0;
    if (WIFEXITED(status)) code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) { sig = WTERMSIG(status); code = 128 + sig; }
    int oom = sig == SIGKILL && oom_killed(o);
    struct timespec ts; clock_gettime(CLOCK_REALTIME, &ts);
    char when[40]; int w = skiff_format_rfc3339nano(ts.tv_sec, ts.tv_nsec, when, sizeof when);
    if (w < 0) when[0] = 0;
    sk_cat(text, sizeof text, "exitCode="); sk_cat_long(text, sizeof text, code);
    sk_cat(text, sizeof text, "\nsignal="); sk_cat_long(text, sizeof text, sig);
    sk_cat(text, sizeof text, "\nfinishedAt="); sk_cat(text, sizeof text, when);
    sk_cat(text, sizeof text, "\nerror="); if (error) sk_cat(text, sizeof text, error);
    sk_cat(text, sizeof text, "\n");
    if (oom) sk_cat(text, sizeof text, "oomKilled=1\n");
    int fd = open(o->exit_tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    /* No fsync: the state root is a tmpfs (/run) and rename keeps readers from half a file. */
    sk_write_all(fd, text, sk_len(text));
    close(fd);
    rename(o->exit_tmp_path, o->exit_path);
}

static void reply(int fd, const char *msg) { sk_write_all(fd, msg, sk_len(msg)); }

static void shim_main(const struct skiff_plan *plan, const struct skiff_shim_opts *o, int rep, int done) __attribute__((noreturn));
static void shim_main(const struct skiff_plan *plan, const struct skiff_shim_opts *o, int rep, int done) {
    setsid();
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    /* Clear of stdio, which is about to become /dev/null. */
    if (done >= 0 && done < 3) done = fcntl(done, F_DUPFD_CLOEXEC, 3);
    int netns = plan->use_netns_fd ? plan->netns_fd : -1;
    if (netns >= 0 && netns < 3 && (netns = fcntl(netns, F_DUPFD_CLOEXEC, 3)) < 0) { sk_report(rep, "dup network namespace", NULL, errno); _exit(1); }
    int keep[3] = { rep, done, netns };
    sk_close_except(keep, 3);
    int nullfd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (nullfd >= 0) { dup2(nullfd, 0); dup2(nullfd, 1); dup2(nullfd, 2); }
    int logfd = -1;
    if (o->log_path) {
        logfd = open(o->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
        if (logfd < 0) { sk_report(rep, "open log", o->log_path, errno); _exit(1); }
        g_log_path = o->log_path;
        g_log_max = o->log_max_bytes;
        g_log_keep = o->log_max_files > 1 ? (o->log_max_files - 1 < ROTATED_MAX ? o->log_max_files - 1 : ROTATED_MAX) : 0;
        off_t end = lseek(logfd, 0, SEEK_END);
        g_log_size = end > 0 ? (long long)end : 0;
    }
    int outp[2], errp[2], ep[2];
    if (pipe2(outp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0 || pipe2(ep, O_CLOEXEC) < 0) { sk_report(rep, "pipe", NULL, errno); _exit(1); }
    sigset_t mask, old; sigemptyset(&mask); sigaddset(&mask, SIGCHLD);
    sigprocmask(SIG_BLOCK, &mask, &old);
    int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sfd < 0) { sk_report(rep, "signalfd", NULL, errno); _exit(1); }

    struct skiff_plan local = *plan;
    local.stdin_fd = nullfd; local.stdout_fd = outp[1]; local.stderr_fd = errp[1];
    local.netns_fd = netns;
    int saved; const char *step = NULL;
    if (sk_enter_pid_ns(plan, &saved, &step) < 0) { sk_report(rep, step, NULL, errno); _exit(1); }
    pid_t init = sk_clone((unsigned long)plan->clone_flags);
    if (init < 0) { sk_report(rep, "clone", NULL, errno); _exit(1); }
    if (init == 0) { close(rep); sk_child_main(&local, ep[1]); }
    close(outp[1]); close(errp[1]); close(ep[1]);
    if (netns >= 0) close(netns); /* only the init holds the namespace now */

    char msg[SKIFF_MSG + 1]; ssize_t n;
    do { n = read(ep[0], msg, SKIFF_MSG); } while (n < 0 && errno == EINTR);
    int exec_pipe_open = 1;
    if (n > 0 && msg[0] == 'R') {
        char r[32] = "R"; sk_cat_long(r, sizeof r, init); reply(rep, r);
    } else if (n == 0 && !plan->exec_fifo) {
        char r[32] = "R"; sk_cat_long(r, sizeof r, init); reply(rep, r);
        exec_pipe_open = 0; close(ep[0]);
    } else {
        if (n > 0) { msg[n] = 0; reply(rep, msg); } else reply(rep, "Einit: exited during setup");
        int st; while (waitpid(init, &st, 0) < 0 && errno == EINTR) {}
        _exit(1);
    }
    close(rep);

    static struct stream out, err;
    out.fd = outp[0]; out.name = "stdout"; out.len = 0;
    err.fd = errp[0]; err.name = "stderr"; err.len = 0;
    int status = 0, exited = 0;
    char error[SKIFF_MSG + 1]; error[0] = 0;
    struct timespec exited_at = {0, 0};
    for (;;) {
        struct pollfd pf[4]; int np = 0;
        int iout = -1, ierr = -1, iep = -1;
        if (out.fd >= 0) { pf[np].fd = out.fd; pf[np].events = POLLIN; iout = np++; }
        if (err.fd >= 0) { pf[np].fd = err.fd; pf[np].events = POLLIN; ierr = np++; }
        if (exec_pipe_open) { pf[np].fd = ep[0]; pf[np].events = POLLIN; iep = np++; }
        pf[np].fd = sfd; pf[np].events = POLLIN; int isig = np++;
        if (exited && out.fd < 0 && err.fd < 0) break;
        int timeout = -1;
        if (exited) {
            /* Output of processes outliving the init (a shared pid namespace) gets 1s more. */
            struct timespec now; clock_gettime(CLOCK_MONOTONIC, &now);
            long ms = (now.tv_sec - exited_at.tv_sec) * 1000 + (now.tv_nsec - exited_at.tv_nsec) / 1000000;
            if (ms >= 1000) break;
            timeout = (int)(1000 - ms);
        }
        int r = poll(pf, (nfds_t)np, timeout);
        if (r < 0) { if (errno == EINTR) continue; break; }
        if (r == 0) continue;
        if (iout >= 0 && pf[iout].revents) pump(&out, logfd);
        if (ierr >= 0 && pf[ierr].revents) pump(&err, logfd);
        if (iep >= 0 && pf[iep].revents) {
            do { n = read(ep[0], msg, SKIFF_MSG); } while (n < 0 && errno == EINTR);
            if (n > 0) {
                msg[n] = 0;
                sk_cpy(error, sizeof error, msg[0] == 'E' ? msg + 1 : msg);
                char line[SKIFF_MSG + 16] = "skiff: "; sk_cat(line, sizeof line, error);
                log_line(logfd, "stderr", line, sk_len(line), 0);
            }
            close(ep[0]); exec_pipe_open = 0;
        }
        if (pf[isig].revents) {
            struct signalfd_siginfo si;
            while (read(sfd, &si, sizeof si) > 0) {}
            for (;;) {
                int st; pid_t w = waitpid(-1, &st, WNOHANG);
                if (w <= 0) break;
                if (w == init) { status = st; exited = 1; clock_gettime(CLOCK_MONOTONIC, &exited_at); }
            }
        }
    }
    if (out.fd >= 0) { flush_lines(&out, logfd, 1); }
    if (err.fd >= 0) { flush_lines(&err, logfd, 1); }
    if (exec_pipe_open) {
        /* An exec failure after start is the last thing on the error pipe. */
        do { n = read(ep[0], msg, SKIFF_MSG); } while (n < 0 && errno == EINTR);
        if (n > 0) { msg[n] = 0; sk_cpy(error, sizeof error, msg[0] == 'E' ? msg + 1 : msg); }
    }
    write_exit(o, status, error[0] ? error : NULL);
    /* The exit file is in place: a waiter in the creating process need not wait for our exit. */
    if (done >= 0) close(done);
    for (;;) { int st; if (waitpid(-1, &st, WNOHANG) <= 0) break; }
    _exit(0);
}

int skiff_create_detached(const struct skiff_plan *plan, const struct skiff_shim_opts *opts,
                          pid_t *shim_pid, pid_t *init_pid, int *done_fd, char *err, int errlen) {
    int rep[2], done[2] = { -1, -1 };
    if (pipe2(rep, O_CLOEXEC) < 0) { sk_cpy(err, (size_t)errlen, "pipe: "); sk_cat(err, (size_t)errlen, skiff_errno_name(errno, NULL, 0)); return -1; }
    if (done_fd && pipe2(done, O_CLOEXEC) < 0) {
        int e = errno; close(rep[0]); close(rep[1]);
        sk_cpy(err, (size_t)errlen, "pipe: "); sk_cat(err, (size_t)errlen, skiff_errno_name(e, NULL, 0));
        return -1;
    }
    pid_t shim = sk_clone(0);
    if (shim < 0) {
        int e = errno; close(rep[0]); close(rep[1]);
        if (done[0] >= 0) { close(done[0]); close(done[1]); }
        sk_cpy(err, (size_t)errlen, "clone shim: "); sk_cat(err, (size_t)errlen, skiff_errno_name(e, NULL, 0));
        return -1;
    }
    if (shim == 0) { close(rep[0]); if (done[0] >= 0) close(done[0]); shim_main(plan, opts, rep[1], done[1]); }
    close(rep[1]);
    if (done[1] >= 0) close(done[1]);
    char msg[SKIFF_MSG + 1]; ssize_t n;
    do { n = read(rep[0], msg, SKIFF_MSG); } while (n < 0 && errno == EINTR);
    close(rep[0]);
    if (n > 0 && msg[0] == 'R') {
        msg[n] = 0; pid_t p = 0;
        for (int i = 1; msg[i] >= '0' && msg[i] <= '9'; i++) p = p * 10 + (msg[i] - '0');
        *shim_pid = shim; *init_pid = p;
        if (done_fd) *done_fd = done[0];
        return 0;
    }
    if (done[0] >= 0) close(done[0]);
    int st; while (waitpid(shim, &st, 0) < 0 && errno == EINTR) {}
    if (n > 0) { msg[n] = 0; sk_cpy(err, (size_t)errlen, msg[0] == 'E' ? msg + 1 : msg); }
    else sk_cpy(err, (size_t)errlen, "shim: exited before the container was set up");
    return -1;
}
