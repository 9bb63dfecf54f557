/// A label selector in the query-string syntax (`a=b,c!=d,e in (x,y),!f,g`), parsed by hand
/// (no regular expressions) because every list and watch request may carry one.
public struct Selector: Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Sendable, Hashable {
        case equals = "="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        public var key: String
        public var op: Operator
        public var values: [String]

        public init(key: String, op: Operator, values: [String] = []) {
            self.key = key
            self.op = op
            self.values = values
        }

        public func matches(_ labels: [String: String]) -> Bool {
            let v = labels[key]
            switch op {
            case .equals, .in: return v.map(values.contains) ?? false
            case .notEquals, .notIn: return v.map { !values.contains($0) } ?? true
            case .exists: return v != nil
            case .doesNotExist: return v == nil
            case .greaterThan, .lessThan:
                guard let v, let have = Int64(v), let want = values.first.flatMap({ Int64($0) }) else { return false }
                return op == .greaterThan ? have > want : have < want
            }
        }

        public var description: String {
            switch op {
            case .equals: return "\(key)=\(values.first ?? "")"
            case .notEquals: return "\(key)!=\(values.first ?? "")"
            case .in: return "\(key) in (\(values.joined(separator: ",")))"
            case .notIn: return "\(key) notin (\(values.joined(separator: ",")))"
            case .exists: return key
            case .doesNotExist: return "!\(key)"
            case .greaterThan: return "\(key)>\(values.first ?? "")"
            case .lessThan: return "\(key)<\(values.first ?? "")"
            }
        }
    }

    public var requirements: [Requirement]

    public init(_ requirements: [Requirement] = []) { self.requirements = requirements }

    /// Matches everything.
    public static let everything = Selector()

    /// A selector from equality pairs (Services' and ReplicationControllers' selectors).
    public init(matchLabels: [String: String]) {
        requirements = matchLabels.keys.sorted().map { Requirement(key: $0, op: .equals, values: [matchLabels[$0] ?? ""]) }
    }

    public var isEmpty: Bool { requirements.isEmpty }

    public func matches(_ labels: [String: String]?) -> Bool {
        let l = labels ?? [:]
        for r in requirements where !r.matches(l) { return false }
        return true
    }

    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// Parse errors read like Kubernetes': `unable to parse requirement: ...`, `found ',', expected: ...`.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func parse(_ text: String) throws -> Selector {
        var lexer = Lexer(Array(text.utf8))
        var reqs: [Requirement] = []
        while true {
            let tok = lexer.peek()
            if tok == .end { break }
            reqs.append(try parseRequirement(&lexer))
            let next = lexer.next()
            switch next {
            case .end: return Selector(reqs)
            case .comma:
                if lexer.peek() == .end { throw ParseError(message: "found '', expected: identifier after ','") }
            default: throw ParseError(message: "found '\(next.text)', expected: ',' or 'end of string'")
            }
        }
        return Selector(reqs)
    }

    static func parseRequirement(_ lexer: inout Lexer) throws -> Requirement {
        var tok = lexer.next()
        var negated = false
        if tok == .bang { negated = true; tok = lexer.next() }
        guard case .ident(let key) = tok else {
            throw ParseError(message: "found '\(tok.text)', expected: !, identifier, or 'end of string'")
        }
        try validateKey(key)
        if negated {
            let after = lexer.peek()
            guard after == .end || after == .comma else {
                throw ParseError(message: "found '\(after.text)', expected: ',' or 'end of string'")
            }
            return Requirement(key: key, op: .doesNotExist)
        }
        let opTok = lexer.peek()
        switch opTok {
        case .end, .comma: return Requirement(key: key, op: .exists)
        default: break
        }
        _ = lexer.next()
        let op: Operator
        switch opTok {
        case .equals, .doubleEquals: op = .equals
        case .notEquals: op = .notEquals
        case .gt: op = .greaterThan
        case .lt: op = .lessThan
        case .ident("in"): op = .in
        case .ident("notin"): op = .notIn
        default:
            throw ParseError(message: "found '\(opTok.text)', expected: in, notin, =, ==, !=, gt, lt")
        }
        if op == .in || op == .notIn {
            guard lexer.next() == .open else { throw ParseError(message: "found '\(lexer.last.text)', expected: '('") }
            var values: [String] = []
            while true {
                let t = lexer.next()
                switch t {
                case .ident(let v):
                    try validateValue(v)
                    values.append(v)
                    let sep = lexer.next()
                    if sep == .close { return Requirement(key: key, op: op, values: values) }
                    guard sep == .comma else { throw ParseError(message: "found '\(sep.text)', expected: ',' or ')'") }
                case .close:
                    // `in ()` and a trailing comma give an empty value, as in Kubernetes.
                    values.append("")
                    return Requirement(key: key, op: op, values: values)
                case .comma:
                    values.append("")
                default:
                    throw ParseError(message: "found '\(t.text)', expected: ',', ')' or identifier")
                }
            }
        }
        // Single value (may be empty: `a=`).
        let vt = lexer.peek()
        var value = ""
        if case .ident(let v) = vt { value = v; _ = lexer.next() }
        if op == .greaterThan || op == .lessThan {
            guard Int64(value) != nil else {
                throw ParseError(message: "unable to parse requirement: for 'gt', 'lt' operators, the value must be an integer")
            }
        } else {
            try validateValue(value)
        }
        return Requirement(key: key, op: op, values: [value])
    }

    static func validateKey(_ k: String) throws {
        if let msg = NameValidation.qualifiedName(k).first {
            throw ParseError(message: "unable to parse requirement: key: Invalid value: \(FieldError.quote(k)): \(msg)")
        }
    }

    static func validateValue(_ v: String) throws {
        if let msg = NameValidation.labelValue(v).first {
            throw ParseError(message: "unable to parse requirement: values[0][\(v)]: Invalid value: \(FieldError.quote(v)): \(msg)")
        }
    }

    enum Token: Equatable {
        case ident(String), equals, doubleEquals, notEquals, bang, open, close, comma, gt, lt, end

        var text: String {
            switch self {
            case .ident(let s): return s
            case .equals: return "="
            case .doubleEquals: return "=="
            case .notEquals: return "!="
            case .bang: return "!"
            case .open: return "("
            case .close: return ")"
            case .comma: return ","
            case .gt: return ">"
            case .lt: return "<"
            case .end: return ""
            }
        }
    }

    struct Lexer {
        let b: [UInt8]
        var i = 0
        var last: Token = .end
        var peeked: Token?

        init(_ b: [UInt8]) { self.b = b }

        mutating func peek() -> Token {
            if let p = peeked { return p }
            let t = scan()
            peeked = t
            return t
        }

        mutating func next() -> Token {
            let t: Token
            if let p = peeked { t = p; peeked = nil } else { t = scan() }
            last = t
            return t
        }

        static func isSpecial(_ c: UInt8) -> Bool {
            switch c {
            case 0x3D, 0x21, 0x28, 0x29, 0x2C, 0x3E, 0x3C, 0x20, 0x09, 0x0A, 0x0D: return true
            default: return false
            }
        }

        mutating func scan() -> Token {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
            guard i < b.count else { return .end }
            let c = b[i]
            i += 1
            switch c {
            case 0x3D:
                if i < b.count, b[i] == 0x3D { i += 1; return .doubleEquals }
                return .equals
            case 0x21:
                if i < b.count, b[i] == 0x3D { i += 1; return .notEquals }
                return .bang
            case 0x28: return .open
            case 0x29: return .close
            case 0x2C: return .comma
            case 0x3E: return .gt
            case 0x3C: return .lt
            default:
                let start = i - 1
                while i < b.count, !Lexer.isSpecial(b[i]) { i += 1 }
                return .ident(String(decoding: b[start..<i], as: UTF8.self))
            }
        }
    }
}

extension LabelSelector {
    /// Converts to a `Selector`. An empty LabelSelector matches everything; callers decide
    /// what a nil one means (Kubernetes: nothing).
    public func toSelector() throws -> Selector {
        var reqs: [Selector.Requirement] = []
        for k in (matchLabels ?? [:]).keys.sorted() {
            reqs.append(.init(key: k, op: .equals, values: [matchLabels?[k] ?? ""]))
        }
        for e in matchExpressions ?? [] {
            let op: Selector.Operator
            switch e.operator {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default: throw Selector.ParseError(message: "\(FieldError.quote(e.operator)) is not a valid label selector operator")
            }
            reqs.append(.init(key: e.key, op: op, values: e.values ?? []))
        }
        return Selector(reqs)
    }

    public func matches(_ labels: [String: String]?) -> Bool {
        (try? toSelector().matches(labels)) ?? false
    }

    /// Kubernetes' `ValidateLabelSelector`.
    public func validate(path: FieldPath) -> [FieldError] {
        var errs = ObjectMetaValidation.validateLabels(matchLabels, path: path.child("matchLabels"))
        for (i, e) in (matchExpressions ?? []).enumerated() {
            let p = path.child("matchExpressions").index(i)
            switch e.operator {
            case "In", "NotIn":
                if (e.values ?? []).isEmpty {
                    errs.append(.required(p.child("values").string, "must be specified when `operator` is 'In' or 'NotIn'"))
                }
            case "Exists", "DoesNotExist":
                if !(e.values ?? []).isEmpty {
                    errs.append(.forbidden(p.child("values").string, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
                }
            default:
                errs.append(.invalid(p.child("operator").string, e.operator, "not a valid selector operator"))
            }
            for msg in NameValidation.qualifiedName(e.key) {
                errs.append(.invalid(p.child("key").string, e.key, msg))
            }
        }
        return errs
    }

    public var isEmpty: Bool { (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty }
}
