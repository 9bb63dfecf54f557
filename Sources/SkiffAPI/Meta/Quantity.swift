/// resource.Quantity: "100m", "128Mi", "1e3", "0.5". Stored as an exact count of nano-units so
/// arithmetic and comparison never go through floating point; values finer than a nano-unit
/// round up, as Kubernetes rounds.
public struct Quantity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Format: String, Sendable, Hashable {
        case binarySI = "BinarySI", decimalSI = "DecimalSI", decimalExponent = "DecimalExponent"
    }

    /// The value in units of 10^-9.
    public private(set) var nanos: Int128
    public var format: Format

    /// Kubernetes' text for any unparsable quantity.
    public static let formatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

    public init(nanos: Int128, format: Format = .decimalSI) {
        self.nanos = nanos
        self.format = format
    }

    public init(integer: Int64, format: Format = .decimalSI) {
        self.init(nanos: Int128(integer) * 1_000_000_000, format: format)
    }

    public init(milli: Int64) {
        self.init(nanos: Int128(milli) * 1_000_000, format: .decimalSI)
    }

    /// Parses a quantity; the error is a `FieldError` with Kubernetes' message (the caller sets
    /// the field path).
    public init(_ text: String, field: String = "") throws {
        guard let q = Quantity.parse(text) else {
            throw FieldError.invalid(field, text, Quantity.formatError)
        }
        self = q
    }

    static let pow10: [Int128] = {
        var a: [Int128] = [1]
        for _ in 1...38 { a.append(a[a.count - 1] * 10) }
        return a
    }()

    static func parse(_ text: String) -> Quantity? {
        let b = Array(text.utf8)
        var i = 0
        var negative = false
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D { negative = b[i] == 0x2D; i += 1 }
        var mantissa: Int128 = 0
        var digits = 0, fracDigits = 0
        var inexact = false
        var seenPoint = false
        let limit: Int128 = Int128(1) << 120
        while i < b.count {
            let c = b[i]
            if c == 0x2E {
                if seenPoint { return nil }
                seenPoint = true
                i += 1
                continue
            }
            guard c >= 0x30 && c <= 0x39 else { break }
            digits += 1
            if mantissa < limit / 10 {
                mantissa = mantissa * 10 + Int128(c - 0x30)
                if seenPoint { fracDigits += 1 }
            } else if seenPoint {
                if c != 0x30 { inexact = true }
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        // Suffix.
        let rest = b[i...]
        var format = Format.decimalSI
        var exp10 = 0
        var binaryShift = 0
        switch String(decoding: rest, as: UTF8.self) {
        case "": break
        case "n": exp10 = -9
        case "u": exp10 = -6
        case "m": exp10 = -3
        case "k": exp10 = 3
        case "M": exp10 = 6
        case "G": exp10 = 9
        case "T": exp10 = 12
        case "P": exp10 = 15
        case "E": exp10 = 18
        case "Ki": binaryShift = 10; format = .binarySI
        case "Mi": binaryShift = 20; format = .binarySI
        case "Gi": binaryShift = 30; format = .binarySI
        case "Ti": binaryShift = 40; format = .binarySI
        case "Pi": binaryShift = 50; format = .binarySI
        case "Ei": binaryShift = 60; format = .binarySI
        default:
            guard let first = rest.first, first == 0x65 || first == 0x45 else { return nil }
            var j = rest.startIndex + 1
            var expNeg = false
            if j < b.count, b[j] == 0x2B || b[j] == 0x2D { expNeg = b[j] == 0x2D; j += 1 }
            guard j < b.count else { return nil }
            var e = 0
            while j < b.count {
                guard b[j] >= 0x30 && b[j] <= 0x39 else { return nil }
                e = e * 10 + Int(b[j] - 0x30)
                if e > 1000 { return nil }
                j += 1
            }
            exp10 = expNeg ? -e : e
            format = .decimalExponent
        }
        // nanos = mantissa * 2^shift * 10^(9 - fracDigits + exp10), rounded up in magnitude.
        var value = mantissa
        if binaryShift > 0 {
            guard value == 0 || value.leadingZeroBitCount > binaryShift + 1 else { return nil }
            value <<= binaryShift
        }
        let scale = 9 - fracDigits + exp10
        if scale >= 0 {
            guard scale <= 38 else { if value == 0 { return Quantity(nanos: 0, format: format) }; return nil }
            let (r, o) = value.multipliedReportingOverflow(by: pow10[scale])
            guard !o else { return nil }
            value = r
            if inexact { value += 1 }
        } else {
            let d = -scale
            if d > 38 {
                value = value == 0 && !inexact ? 0 : 1
            } else {
                let (q, r) = value.quotientAndRemainder(dividingBy: pow10[d])
                value = q + ((r != 0 || inexact) ? 1 : 0)
            }
        }
        return Quantity(nanos: negative ? -value : value, format: format)
    }

    /// The value rounded up to a whole unit (bytes, cores), as Kubernetes' `Value()`.
    public var value: Int64 { Self.clamp(Self.ceilDiv(nanos, 1_000_000_000)) }
    /// The value in thousandths rounded up (millicores), as Kubernetes' `MilliValue()`.
    public var milliValue: Int64 { Self.clamp(Self.ceilDiv(nanos, 1_000_000)) }

    static func ceilDiv(_ a: Int128, _ b: Int128) -> Int128 {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r > 0 ? q + 1 : q
    }

    static func clamp(_ v: Int128) -> Int64 {
        if v > Int128(Int64.max) { return Int64.max }
        if v < Int128(Int64.min) { return Int64.min }
        return Int64(v)
    }

    public var isZero: Bool { nanos == 0 }

    /// The canonical text Kubernetes returns: "1Gi" for "1024Mi", "500m" for "0.5", "1k" for "1000".
    public var canonical: String {
        if nanos == 0 { return "0" }
        let negative = nanos < 0
        let mag = negative ? -nanos : nanos
        let sign = negative ? "-" : ""
        if format == .binarySI, mag >= 1024 * 1_000_000_000, mag % 1_000_000_000 == 0 {
            var v = mag / 1_000_000_000
            var k = 0
            while k < 6, v % 1024 == 0 { v /= 1024; k += 1 }
            let suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
            return sign + String(describing: v) + suffixes[k]
        }
        var m = mag
        var e = -9
        while e < 18, m % 1000 == 0 { m /= 1000; e += 3 }
        let suffix: String
        if format == .decimalExponent {
            suffix = e == 0 ? "" : "e\(e)"
        } else {
            switch e {
            case -9: suffix = "n"
            case -6: suffix = "u"
            case -3: suffix = "m"
            case 0: suffix = ""
            case 3: suffix = "k"
            case 6: suffix = "M"
            case 9: suffix = "G"
            case 12: suffix = "T"
            case 15: suffix = "P"
            default: suffix = "E"
            }
        }
        return sign + String(describing: m) + suffix
    }

    public var description: String { canonical }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.nanos < b.nanos }
    public static func == (a: Quantity, b: Quantity) -> Bool { a.nanos == b.nanos }
    public func hash(into h: inout Hasher) { h.combine(nanos) }

    public static func + (a: Quantity, b: Quantity) -> Quantity { Quantity(nanos: a.nanos + b.nanos, format: a.format) }
    public static func - (a: Quantity, b: Quantity) -> Quantity { Quantity(nanos: a.nanos - b.nanos, format: a.format) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            guard let q = Quantity.parse(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: Quantity.formatError)
            }
            self = q
        } else if let i = try? c.decode(Int64.self) {
            self.init(integer: i)
        } else if let d = try? c.decode(Double.self), let q = Quantity.parse(String(d)) {
            self = q
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a quantity string such as \"100m\" or \"128Mi\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}
