extension Runtime {
    /// The host's cgroup driver. Until the SkiffCgroups drivers are wired in, containers run
    /// without a cgroup and specs with `linux.resources` are refused.
    public static func defaultCgroups() -> (any RuntimeCgroupProvider)? { nil }
}
