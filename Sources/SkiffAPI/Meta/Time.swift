import Foundation

/// metav1.Time: RFC 3339 with second precision (`2026-11-23T07:00:00Z`). Kept as whole seconds
/// since the epoch because that is all the wire carries, and formatted by hand because
/// `ISO8601DateFormatter` is far too slow for the create path.
public struct Time: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }
    public init(_ date: Date) { secondsSinceEpoch = Int64(date.timeIntervalSince1970.rounded(.down)) }
    public static func now() -> Time { Time(Date()) }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)) }

    /// Parses RFC 3339 (fractions are accepted and dropped; offsets are applied).
    public init(rfc3339 text: String) throws {
        guard let (sec, _) = RFC3339.parse(text) else {
            throw FieldError.invalid("", text, "expected an RFC 3339 time such as 2006-01-02T15:04:05Z")
        }
        secondsSinceEpoch = sec
    }

    public var rfc3339: String { RFC3339.format(secondsSinceEpoch, micros: nil) }
    public var description: String { rfc3339 }

    public static func < (a: Time, b: Time) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let (sec, _) = RFC3339.parse(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected an RFC 3339 time such as 2006-01-02T15:04:05Z, got \(FieldError.quote(s))")
        }
        secondsSinceEpoch = sec
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }
}

/// metav1.MicroTime: RFC 3339 with six fractional digits (`2026-11-23T07:00:00.123456Z`),
/// used by Events' eventTime and Leases.
public struct MicroTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) { self.microsecondsSinceEpoch = microsecondsSinceEpoch }
    public init(_ date: Date) { microsecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down)) }
    public static func now() -> MicroTime { MicroTime(Date()) }
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(microsecondsSinceEpoch) / 1_000_000) }

    public var rfc3339: String {
        let sec = microsecondsSinceEpoch >= 0 ? microsecondsSinceEpoch / 1_000_000 : (microsecondsSinceEpoch - 999_999) / 1_000_000
        return RFC3339.format(sec, micros: microsecondsSinceEpoch - sec * 1_000_000)
    }
    public var description: String { rfc3339 }
    public static func < (a: MicroTime, b: MicroTime) -> Bool { a.microsecondsSinceEpoch < b.microsecondsSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let (sec, micros) = RFC3339.parse(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected an RFC 3339 time such as 2006-01-02T15:04:05.000000Z, got \(FieldError.quote(s))")
        }
        microsecondsSinceEpoch = sec * 1_000_000 + micros
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }
}

/// Civil-date arithmetic for RFC 3339 (Howard Hinnant's days-from-civil algorithm).
enum RFC3339 {
    static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }

    static func format(_ seconds: Int64, micros: Int64?) -> String {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rem = seconds - days * 86400
        let (y, m, d) = civilFromDays(days)
        var s = String(y).leftPadded(4) + "-" + two(m) + "-" + two(d) + "T"
        s += two(rem / 3600) + ":" + two(rem / 60 % 60) + ":" + two(rem % 60)
        if let micros { s += "." + String(micros).leftPadded(6) }
        return s + "Z"
    }

    /// Returns seconds since the epoch and the microseconds fraction, or nil when malformed.
    static func parse(_ text: String) -> (Int64, Int64)? {
        let b = Array(text.utf8)
        var i = 0
        func num(_ n: Int) -> Int64? {
            guard i + n <= b.count else { return nil }
            var v: Int64 = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int64(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8...) -> Bool {
            guard i < b.count, c.contains(b[i]) else { return false }
            i += 1
            return true
        }
        guard let y = num(4), expect(0x2D), let mo = num(2), expect(0x2D), let d = num(2),
              expect(0x54, 0x74, 0x20), let h = num(2), expect(0x3A), let mi = num(2), expect(0x3A), let s = num(2)
        else { return nil }
        guard (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        var micros: Int64 = 0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                if digits < 6 { micros = micros * 10 + Int64(b[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offset: Int64 = 0
        guard i < b.count else { return nil }
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            let sign: Int64 = b[i] == 0x2D ? -1 : 1
            i += 1
            guard let oh = num(2), expect(0x3A), let om = num(2) else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let secs = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset
        return (secs, micros)
    }
}
