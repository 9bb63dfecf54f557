/// A field selector (`metadata.name=foo,status.phase!=Running`, `==` accepted). Values may
/// escape `,`, `=` and `\` with a backslash, as Kubernetes allows.
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    public struct Requirement: Sendable, Hashable {
        public var field: String
        public var negated: Bool
        public var value: String

        public init(field: String, negated: Bool = false, value: String) {
            self.field = field
            self.negated = negated
            self.value = value
        }
    }

    public var requirements: [Requirement]

    public init(_ requirements: [Requirement] = []) { self.requirements = requirements }

    public var isEmpty: Bool { requirements.isEmpty }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func parse(_ text: String) throws -> FieldSelector {
        var reqs: [Requirement] = []
        if text.isEmpty { return FieldSelector() }
        for part in splitUnescaped(text, ",") {
            if part.isEmpty { continue }
            let (lhs, op, rhs) = try splitTerm(part)
            let field = lhs.trimmingSpaces()
            guard !field.isEmpty else { throw ParseError(message: "invalid selector: '\(text)'; field label must not be empty") }
            reqs.append(Requirement(field: field, negated: op == "!=", value: unescape(rhs)))
        }
        return FieldSelector(reqs)
    }

    /// The value `lookup` gives for each field must satisfy every requirement; a nil lookup
    /// (unsupported field) does not match.
    public func matches(_ lookup: (String) -> String?) -> Bool {
        for r in requirements {
            guard let v = lookup(r.field) else { return false }
            if (v == r.value) == r.negated { return false }
        }
        return true
    }

    /// The single value required for `field` by an `=` term (e.g. to narrow a list by node).
    public func requiredValue(for field: String) -> String? {
        requirements.first { $0.field == field && !$0.negated }?.value
    }

    public var description: String {
        requirements.map { "\($0.field)\($0.negated ? "!=" : "=")\(FieldSelector.escape($0.value))" }.joined(separator: ",")
    }

    static func splitUnescaped(_ s: String, _ sep: Character) -> [String] {
        var parts: [String] = []
        var cur = ""
        var escaped = false
        for c in s {
            if escaped { cur.append(c); escaped = false; continue }
            if c == "\\" { cur.append(c); escaped = true; continue }
            if c == sep { parts.append(cur); cur = ""; continue }
            cur.append(c)
        }
        parts.append(cur)
        return parts
    }

    static func splitTerm(_ term: String) throws -> (String, String, String) {
        let chars = Array(term)
        var i = 0
        var escaped = false
        while i < chars.count {
            let c = chars[i]
            if escaped { escaped = false; i += 1; continue }
            if c == "\\" { escaped = true; i += 1; continue }
            if c == "!" && i + 1 < chars.count && chars[i + 1] == "=" {
                return (String(chars[..<i]), "!=", String(chars[(i + 2)...]))
            }
            if c == "=" {
                if i + 1 < chars.count && chars[i + 1] == "=" {
                    return (String(chars[..<i]), "==", String(chars[(i + 2)...]))
                }
                return (String(chars[..<i]), "=", String(chars[(i + 1)...]))
            }
            i += 1
        }
        throw ParseError(message: "invalid selector: '\(term)'; can't understand '\(term)'")
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var escaped = false
        for c in s {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "\\" || c == "," || c == "=" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
