import Logging

/// Component logger: the drivers log only what an operator would want to know (a setting
/// skipped because the host lacks it, a cgroup that would not go away).
let cgroupLog = Logger(label: "skiff.cgroups")
