/// The RuntimeDefault seccomp profile, modelled on moby's default: everything not listed
/// fails with EPERM. Left out on purpose: mount/umount, unshare/setns, the keyring calls,
/// module loading, kexec, bpf, ptrace and cross-process memory access, perf, reboot, swap,
/// clock setting, open_by_handle_at, the new mount API, userfaultfd, io_uring; clone only without
/// namespace flags; clone3 answers ENOSYS so libcs fall back to clone.
public enum DefaultSeccomp {
    static let allowed: [String] = """
    accept accept4 access adjtimex alarm arch_prctl bind brk cachestat capget capset chdir chmod chown chroot \
    clock_getres clock_gettime clock_nanosleep close close_range connect copy_file_range creat dup dup2 dup3 \
    epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait epoll_wait_old \
    eventfd eventfd2 execve execveat exit exit_group faccessat faccessat2 fadvise64 fallocate fanotify_mark \
    fchdir fchmod fchmodat fchmodat2 fchown fchownat fcntl fdatasync fgetxattr flistxattr flock fork fremovexattr \
    fsetxattr fstat fstatfs fsync ftruncate futex futex_requeue futex_wait futex_waitv futex_wake futimesat \
    get_mempolicy get_robust_list get_thread_area getcpu getcwd getdents getdents64 getegid geteuid getgid \
    getgroups getitimer getpeername getpgid getpgrp getpid getppid getpriority getrandom getresgid getresuid \
    getrlimit getrusage getsid getsockname getsockopt gettid gettimeofday getuid getxattr inotify_add_watch \
    inotify_init inotify_init1 inotify_rm_watch io_cancel io_destroy io_getevents io_pgetevents io_setup \
    io_submit ioctl ioprio_get ioprio_set kill \
    landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown lgetxattr link linkat listen \
    listxattr llistxattr lremovexattr lseek lsetxattr lstat madvise map_shadow_stack mbind membarrier \
    memfd_create memfd_secret mincore mkdir mkdirat mknod mknodat mlock mlock2 mlockall mmap modify_ldt \
    mprotect mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedsend mq_unlink mremap msgctl msgget \
    msgrcv msgsnd msync munlock munlockall munmap name_to_handle_at nanosleep newfstatat open openat openat2 \
    pause pidfd_open pidfd_send_signal pipe pipe2 pkey_alloc pkey_free pkey_mprotect poll ppoll prctl pread64 \
    preadv preadv2 prlimit64 process_mrelease pselect6 pwrite64 pwritev pwritev2 read readahead readlink \
    readlinkat readv recvfrom recvmmsg recvmsg remap_file_pages removexattr rename renameat renameat2 \
    restart_syscall rmdir rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigreturn \
    rt_sigsuspend rt_sigtimedwait rt_tgsigqueueinfo sched_get_priority_max sched_get_priority_min \
    sched_getaffinity sched_getattr sched_getparam sched_getscheduler sched_rr_get_interval sched_setaffinity \
    sched_setattr sched_setparam sched_setscheduler sched_yield seccomp select semctl semget semop semtimedop \
    sendfile sendmmsg sendmsg sendto set_mempolicy set_robust_list set_thread_area set_tid_address setfsgid \
    setfsuid setgid setgroups setitimer setpgid setpriority setregid setresgid setresuid setreuid setrlimit \
    setsid setsockopt setuid setxattr shmat shmctl shmdt shmget shutdown sigaltstack signalfd signalfd4 \
    socketpair splice stat statfs statx symlink symlinkat sync sync_file_range syncfs sysinfo tee \
    tgkill time timer_create timer_delete timer_getoverrun timer_gettime timer_settime timerfd_create \
    timerfd_gettime timerfd_settime times tkill truncate umask uname unlink unlinkat utime utimensat utimes \
    vfork vmsplice wait4 waitid write writev
    """.split(separator: " ").map { String($0) }.filter { !$0.isEmpty }

    /// Never allowed by this profile (listed so tests can check none slipped in).
    public static let denied: [String] = [
        "mount", "umount", "umount2", "unshare", "setns", "keyctl", "add_key", "request_key", "kexec_load",
        "kexec_file_load", "init_module", "finit_module", "delete_module", "create_module", "bpf", "ptrace",
        "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd", "process_madvise", "perf_event_open",
        "reboot", "swapon", "swapoff", "pivot_root", "acct", "quotactl", "quotactl_fd", "open_by_handle_at",
        "settimeofday", "clock_settime", "clock_adjtime", "stime", "syslog", "lookup_dcookie", "userfaultfd",
        "vhangup", "iopl", "ioperm", "uselib", "nfsservctl", "sysfs", "_sysctl", "ustat", "fsopen", "fsmount",
        "fsconfig", "fspick", "move_mount", "open_tree", "mount_setattr", "personality", "get_kernel_syms",
        "query_module", "fanotify_init",
        // io_uring submissions run syscalls the filter never sees (moby and containerd dropped them too).
        "io_uring_setup", "io_uring_enter", "io_uring_register",
    ]

    /// Namespace flags a container may not pass to clone (CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET).
    public static let cloneNamespaceMask: UInt64 = 0x7E02_0000

    public static func profile() -> OCISpec.Seccomp {
        var rules: [OCISpec.Syscall] = [OCISpec.Syscall(names: allowed, action: "SCMP_ACT_ALLOW")]
        rules.append(OCISpec.Syscall(names: ["clone"], action: "SCMP_ACT_ALLOW",
                                     args: [OCISpec.SyscallArg(index: 0, value: cloneNamespaceMask, valueTwo: 0, op: "SCMP_CMP_MASKED_EQ")]))
        rules.append(OCISpec.Syscall(names: ["clone3"], action: "SCMP_ACT_ERRNO", errnoRet: 38))
        // personality: only the harmless personas (linux, linux32, UNAME26 variants, query).
        for v: UInt64 in [0x0, 0x8, 0x20000, 0x20008, 0xffff_ffff] {
            rules.append(OCISpec.Syscall(names: ["personality"], action: "SCMP_ACT_ALLOW",
                                         args: [OCISpec.SyscallArg(index: 0, value: v, op: "SCMP_CMP_EQ")]))
        }
        // socket: every address family except AF_VSOCK (40), which reaches the hypervisor.
        rules.append(OCISpec.Syscall(names: ["socket"], action: "SCMP_ACT_ALLOW",
                                     args: [OCISpec.SyscallArg(index: 0, value: 40, op: "SCMP_CMP_NE")]))
        return OCISpec.Seccomp(defaultAction: "SCMP_ACT_ERRNO", defaultErrnoRet: 1,
                               architectures: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"], syscalls: rules)
    }
}
