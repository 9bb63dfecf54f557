#ifndef SKIFF_RUNTIME_H
#define SKIFF_RUNTIME_H
/*
 * Container process creation: the only code that runs between clone() and execve().
 *
 * The Swift side resolves everything (paths, masks, the seccomp BPF program, mount flags)
 * into a flat `skiff_plan` before cloning, because a child forked from a multithreaded
 * process may only make async-signal-safe calls: no malloc, no stdio, no locks. The C code
 * here touches nothing but the plan, its own stack and raw syscalls.
 */
#include <stdint.h>
#include <sys/types.h>
#ifndef SKIFF_C_INTERNAL
#include "skiff_libs.h"
#endif

int skiff_runtime_abi_version(void);

/* One entry of `mounts` (OCI `mounts[]`), resolved to mount(2) arguments. */
struct skiff_mount {
    const char *source;      /* host path for binds, fs name otherwise */
    const char *target;      /* absolute path inside the container */
    const char *fstype;      /* NULL for binds */
    const char *data;        /* fs options string, may be NULL */
    unsigned long flags;     /* MS_* without propagation */
    unsigned long propagation; /* MS_SHARED/MS_SLAVE/MS_PRIVATE/MS_UNBINDABLE (+MS_REC) or 0 */
    int bind;                /* 1 when MS_BIND */
    int source_is_file;      /* binds of a file need a file target */
};

/* A namespace to join by path (OCI `linux.namespaces[].path`). */
struct skiff_ns_join {
    int type;                /* CLONE_NEW* */
    const char *path;
};

struct skiff_rlimit {
    int resource;
    uint64_t soft;
    uint64_t hard;
};

/* A device node to create under /dev (mknod, falling back to a bind of the host node). */
struct skiff_device {
    const char *path;        /* absolute inside the container, e.g. /dev/null */
    uint32_t mode;           /* S_IFCHR|0666 ... */
    uint32_t major, minor;
    uint32_t uid, gid;
};

struct skiff_kv {
    const char *key;
    const char *value;
};

struct skiff_plan {
    /* ---- process ---- */
    const char *const *argv;        /* NULL-terminated */
    const char *const *envp;        /* NULL-terminated */
    const char *cwd;
    uint32_t uid, gid;
    const uint32_t *groups; int ngroups;
    int set_groups;                 /* call setgroups even with ngroups == 0 */
    int no_new_privs;
    int set_caps;
    uint64_t cap_effective, cap_permitted, cap_inheritable, cap_bounding, cap_ambient;
    const void *seccomp_filter;     /* struct sock_filter[] or NULL */
    unsigned short seccomp_len;     /* number of sock_filter entries */
    unsigned int seccomp_flags;     /* SECCOMP_FILTER_FLAG_* for seccomp(2) */
    const struct skiff_rlimit *rlimits; int nrlimits;
    int set_oom_score_adj; int oom_score_adj;
    uint32_t umask; int set_umask;

    /* ---- container ---- */
    int clone_flags;                /* CLONE_NEW* to create at clone time (not CGROUP) */
    int unshare_cgroup;             /* new cgroup namespace after joining the cgroup */
    const struct skiff_ns_join *joins; int njoins;
    const char *const *cgroup_procs; int ncgroup_procs; /* files to write "0" into */
    int setup_rootfs;               /* 0 for exec: no mounts, no pivot_root */
    const char *rootfs;             /* absolute host path */
    int rootfs_readonly;
    unsigned long rootfs_propagation; /* applied to "/" recursively before mounting */
    const struct skiff_mount *mounts; int nmounts;
    const struct skiff_device *devices; int ndevices;
    int dev_symlinks;               /* create /dev/fd, stdin, stdout, stderr, ptmx, core */
    const char *const *masked; int nmasked;
    const char *const *readonly; int nreadonly;
    const char *hostname;           /* NULL: leave */
    const struct skiff_kv *sysctls; int nsysctls; /* key = path below /proc/sys */

    /* ---- start synchronisation and stdio ---- */
    const char *exec_fifo;          /* host path of the fifo to wait on, or NULL */
    int stdin_fd, stdout_fd, stderr_fd; /* -1: inherit */
    int controlling_tty;            /* stdin is a terminal: new session, it becomes the controlling tty */

    /* ---- a network namespace made ahead of time ---- */
    int use_netns_fd;               /* enter netns_fd (a fresh namespace) instead of CLONE_NEWNET */
    int netns_fd;
};

/*
 * Foreground spawn: clone a container init (or, with setup_rootfs == 0 and joins, an exec
 * process) as a direct child of the caller. Returns the host pid or -1 with `err` holding
 * "step: ERRNO-NAME". When the plan has no exec fifo, returns after execve succeeded (the
 * error pipe closed on exec); with a fifo, returns once the child waits for start.
 */
int skiff_spawn(const struct skiff_plan *plan, char *err, int errlen);

/* Options for a detached container watched by a monitor process (the shim). */
struct skiff_shim_opts {
    const char *log_path;       /* CRI log file (appended), or NULL to discard output */
    const char *exit_path;      /* written atomically when the container ends */
    const char *exit_tmp_path;  /* temporary name for the above */
    long long log_max_bytes;    /* rotate the log past this size (0: never): the file is renamed
                                   to <log_path>.<UTC time> and a new one opened */
    int log_max_files;          /* files kept (current + rotated, at most 16); older rotated ones
                                   this monitor made are removed (0: keep all) */
    const char *oom_events_path; /* the cgroup file with an "oom_kill N" line (v1 memory.oom_control,
                                   v2 memory.events), read when the init dies of SIGKILL: a count
                                   above 0 adds "oomKilled=1" to the exit file; NULL: not read */
};

/*
 * Detached create: fork a monitor (setsid, child subreaper) which clones the container
 * init with stdout/stderr piped into the CRI log, reaps everything and writes the exit
 * file. Returns 0 with *shim_pid and *init_pid (host pids) once the init waits on the exec
 * fifo, or -1 with `err`. With `done_fd`, it also gets the read end (close-on-exec) of a pipe
 * whose only writer is the monitor: it reads end of file once the exit file is written (or
 * the monitor died), before the monitor has finished exiting.
 */
int skiff_create_detached(const struct skiff_plan *plan, const struct skiff_shim_opts *opts,
                          pid_t *shim_pid, pid_t *init_pid, int *done_fd, char *err, int errlen);

/*
 * Exec into a running container: a helper child joins the init's namespaces
 * (`plan->joins`) and clones the process with CLONE_PARENT so it is the caller's own child.
 * Returns its host pid or -1 with `err`.
 */
int skiff_exec(const struct skiff_plan *plan, char *err, int errlen);

/* Wait for `pid` while reaping every other child (the caller is a child subreaper) and
 * forwarding SIGINT/SIGTERM/SIGHUP/SIGQUIT/SIGUSR1/SIGUSR2 to it. Returns the wait status. */
int skiff_wait_forwarding(pid_t pid);

/* Installs the forwarding handlers for `pid` without waiting (used by skiff_wait_forwarding). */
void skiff_forward_signals_to(pid_t pid);

/* Formats `ns` nanoseconds since the epoch as RFC 3339 with nanoseconds ("...Z"); returns length. */
int skiff_format_rfc3339nano(int64_t sec, long nsec, char *out, int outlen);

/* Name of an errno value ("EINVAL"), or "E<number>". Thread and signal safe. */
const char *skiff_errno_name(int e, char *buf, int buflen);

/* memfd_create(name, MFD_CLOEXEC). */
int skiff_memfd(const char *name);
/* Start time (clock ticks since boot) of a process, or -1 when it does not exist. */
long long skiff_proc_start_time(int pid);
/* State letter of a process from /proc/<pid>/stat ('R', 'S', 'Z' ...), 0 when gone. */
char skiff_proc_state(int pid);
int skiff_mkfifo(const char *path, unsigned int mode);
/* pipe2(fds, O_CLOEXEC). */
int skiff_pipe_cloexec(int fds[2]);
/* Makes a new network namespace on the calling thread, opens it (close-on-exec) and puts the
 * thread back into the network namespace `home`. Returns the new namespace's descriptor, -1
 * with errno when none was made, -2 when the thread could not go back (it is then still in the
 * new namespace). */
int skiff_make_netns(int home);
/* renameat2(RENAME_EXCHANGE): swaps two existing names atomically; 0 or -1 with errno. */
int skiff_rename_exchange(const char *from, const char *to);

/* Makes the caller a child subreaper (orphans below it are reparented to it). */
int skiff_set_subreaper(void);

/* prctl(option, value, 0, 0, 0) for the Swift side (prctl is variadic in C). */
int skiff_prctl_set(int option, unsigned long value);

/* 1 when capability `cap` is in the calling thread's effective set (capget), else 0. */
int skiff_has_effective_cap(int cap);

/* Drops this process's clean pages of its own executable (read-only private mappings with no
 * copied-on-write page) and marks them random-access, so a long-running daemon keeps resident
 * only the code and constants it goes on using, without fault-around neighbours. Returns the
 * bytes of address space trimmed, -1 when /proc is unreadable. */
long skiff_trim_executable_pages(void);

/* Opens a new pseudo-terminal of the devpts instance at `pts_dir` (its `ptmx`), unlocked;
 * returns the pty number, or -errno. */
int skiff_open_pty(const char *pts_dir, int *master, int *slave);

/* TIOCSWINSZ; 0 or -errno. */
int skiff_set_winsize(int fd, unsigned short rows, unsigned short cols);

#endif
