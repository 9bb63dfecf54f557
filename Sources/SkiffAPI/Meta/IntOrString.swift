/// intstr.IntOrString: a port number or name, or a count or percentage ("25%").
public enum IntOrString: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int32)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int32.self) { self = .int(i); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected integer or string")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        }
    }

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }

    public var intValue: Int32? {
        if case .int(let i) = self { return i }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Resolves an absolute count or a percentage of `total` (Kubernetes'
    /// `GetScaledValueFromIntOrPercent`): nil when the string is not a percentage.
    public func scaledValue(total: Int, roundUp: Bool) -> Int? {
        switch self {
        case .int(let i): return Int(i)
        case .string(let s):
            guard s.hasSuffix("%"), let p = Int(s.dropLast()) else { return nil }
            let num = p * total
            return roundUp ? (num + 99) / 100 : num / 100
        }
    }
}
