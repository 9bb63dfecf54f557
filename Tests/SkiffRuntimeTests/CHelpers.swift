import CSkiffRuntime

func skiffFormat(_ sec: Int64, _ nsec: Int, _ buf: inout [CChar]) -> Int32 {
    skiff_format_rfc3339nano(sec, nsec, &buf, Int32(buf.count))
}

/// PR_SET_CHILD_SUBREAPER on or off for this test process.
func setSubreaper(_ on: Bool) { _ = skiff_prctl_set(36, on ? 1 : 0) }

func skiffProcState(_ pid: Int32) -> CChar { skiff_proc_state(pid) }
