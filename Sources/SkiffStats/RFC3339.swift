/// RFC 3339 UTC timestamps ("2026-12-04T16:46:03Z") without Foundation's formatters.
public enum RFC3339 {
    public static func format(_ epochSeconds: Double, fractional: Bool = false) -> String {
        let total = Int(epochSeconds.rounded(.down))
        var days = total / 86400
        var rem = total % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        // Civil from days (Howard Hinnant's algorithm).
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = "\(y)-\(p2(m))-\(p2(d))T\(p2(rem / 3600)):\(p2(rem % 3600 / 60)):\(p2(rem % 60))"
        if fractional {
            let nanos = Int(((epochSeconds - Double(total)) * 1e9).rounded(.down))
            var f = String(max(0, min(nanos, 999_999_999)))
            while f.count < 9 { f = "0" + f }
            s += "." + f
        }
        return s + "Z"
    }
}
