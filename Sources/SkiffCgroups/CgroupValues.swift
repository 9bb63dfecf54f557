/// Input checks shared by both drivers, so bad resources fail before any file is touched and
/// name the field at fault.
enum CgroupValues {
    static func validate(_ r: CgroupResources) throws {
        if let v = r.memoryLimit, v < -1 {
            throw CgroupError.invalidArgument(field: "memoryLimit", value: "\(v)", expected: "bytes ≥ 0, or -1 for unlimited")
        }
        if let v = r.memorySwap, v < -1 {
            throw CgroupError.invalidArgument(field: "memorySwap", value: "\(v)", expected: "bytes ≥ 0, or -1 for unlimited")
        }
        if let v = r.memoryReservation, v < -1 {
            throw CgroupError.invalidArgument(field: "memoryReservation", value: "\(v)", expected: "bytes ≥ 0, or -1 for unlimited")
        }
        if let l = r.memoryLimit, let s = r.memorySwap, l > 0, s > 0, s < l {
            throw CgroupError.invalidArgument(field: "memorySwap", value: "\(s)", expected: "memory+swap ≥ memoryLimit (\(l))")
        }
        if let p = r.cpuPeriod, p != 0, p < 1000 || p > 1_000_000 {
            throw CgroupError.invalidArgument(field: "cpuPeriod", value: "\(p)", expected: "microseconds in 1000...1000000")
        }
        if let q = r.cpuQuota, q > 0, q < 1000 {
            throw CgroupError.invalidArgument(field: "cpuQuota", value: "\(q)", expected: "microseconds ≥ 1000, or -1 for unlimited")
        }
        if let c = r.cpusetCpus { try checkList(c, field: "cpusetCpus") }
        if let m = r.cpusetMems { try checkList(m, field: "cpusetMems") }
        for (i, rule) in (r.devices ?? []).enumerated() { try rule.validate(index: i) }
    }

    /// Kernel list format: "0-3,5,7-8".
    static func checkList(_ s: String, field: String) throws {
        let ok = !s.isEmpty && s.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { item in
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 1 || ends.count == 2, ends.allSatisfy({ !$0.isEmpty && UInt32($0) != nil }) else { return false }
            return ends.count == 1 || (UInt32(ends[0]) ?? 0) <= (UInt32(ends[1]) ?? 0)
        }
        if !ok { throw CgroupError.invalidArgument(field: field, value: s, expected: "a CPU/node list such as \"0-3,5\"") }
    }
}
