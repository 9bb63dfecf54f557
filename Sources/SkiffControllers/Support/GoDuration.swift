/// Go's duration syntax as Kubernetes flags take it (`40s`, `5m`, `1m30s`, `500ms`, `1h`).
public enum GoDuration {
    public struct ParseError: Error, CustomStringConvertible {
        public let flag: String
        public let text: String
        public var description: String { "\(flag): invalid duration \"\(text)\" (examples: 40s, 5m, 1m30s, 500ms)" }
    }

    public static func parse(_ text: String, flag: String) throws -> Duration {
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { throw ParseError(flag: flag, text: text) }
        if rest == "0" { return .zero }
        var total = 0.0
        while !rest.isEmpty {
            let num = rest.prefix { $0.isNumber || $0 == "." }
            guard !num.isEmpty, let v = Double(num) else { throw ParseError(flag: flag, text: text) }
            rest = rest.dropFirst(num.count)
            let unitText = rest.prefix { !$0.isNumber && $0 != "." }
            guard let unit = units.first(where: { $0.0 == unitText }) else { throw ParseError(flag: flag, text: text) }
            rest = rest.dropFirst(unitText.count)
            total += v * unit.1
        }
        return .nanoseconds(Int64((total * 1e9).rounded()))
    }
}
