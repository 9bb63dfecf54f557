/// Kubernetes' name and label rules (k8s.io/apimachinery/pkg/util/validation) with its exact
/// messages. Each check walks the bytes once instead of running a regular expression, because
/// every create validates several names and labels.
public enum NameValidation {
    public static let dns1123LabelMaxLength = 63
    public static let dns1123SubdomainMaxLength = 253
    public static let dns1035LabelMaxLength = 63
    public static let labelValueMaxLength = 63
    public static let qualifiedNameMaxLength = 63

    public static let dns1123LabelErrorMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
    public static let dns1123SubdomainErrorMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
    public static let dns1035LabelErrorMessage = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"
    static let qualifiedNameErrorMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let labelValueErrorMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

    /// Go's `RegexError`: the message, examples and the regex used.
    static func regexError(_ msg: String, _ regex: String, _ examples: [String]) -> String {
        var s = msg + " (e.g. "
        s += examples.map { "'\($0)'" }.joined(separator: ",  or ")
        return s + ", regex used for validation is '\(regex)')"
    }

    static func maxLenError(_ n: Int) -> String { "must be no more than \(n) characters" }

    @inline(__always) static func isLowerAlnum(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isLowerAlnum(c) || (c >= 0x41 && c <= 0x5A) }
    @inline(__always) static func isLowerAlpha(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }

    static func isDNS1123LabelBytes(_ b: some Collection<UInt8>) -> Bool {
        guard let f = b.first, isLowerAlnum(f) else { return false }
        var last = f
        for c in b {
            guard isLowerAlnum(c) || c == 0x2D else { return false }
            last = c
        }
        return isLowerAlnum(last)
    }

    /// Errors for an RFC 1123 label (namespace names, container names, port names of services).
    public static func dns1123Label(_ value: String) -> [String] {
        var errs: [String] = []
        let b = value.utf8
        if b.count > dns1123LabelMaxLength { errs.append(maxLenError(dns1123LabelMaxLength)) }
        if !isDNS1123LabelBytes(b) {
            errs.append(regexError(dns1123LabelErrorMessage, "[a-z0-9]([-a-z0-9]*[a-z0-9])?", ["my-name", "123-abc"]))
        }
        return errs
    }

    /// Errors for an RFC 1123 subdomain (most object names).
    public static func dns1123Subdomain(_ value: String) -> [String] {
        var errs: [String] = []
        var v = value
        let (count, ok) = v.withUTF8 { ($0.count, isDNS1123Subdomain($0)) }
        if count > dns1123SubdomainMaxLength { errs.append(maxLenError(dns1123SubdomainMaxLength)) }
        if !ok {
            errs.append(regexError(dns1123SubdomainErrorMessage, "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", ["example.com"]))
        }
        return errs
    }

    /// Dot-separated RFC 1123 labels, checked in one pass over the bytes.
    static func isDNS1123Subdomain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !b.isEmpty else { return false }
        var labelStart = true
        var prev: UInt8 = 0
        for c in b {
            if c == 0x2E {
                if labelStart || !isLowerAlnum(prev) { return false }
                labelStart = true
            } else if labelStart {
                if !isLowerAlnum(c) { return false }
                labelStart = false
            } else if !(isLowerAlnum(c) || c == 0x2D) {
                return false
            }
            prev = c
        }
        return !labelStart && isLowerAlnum(prev)
    }

    /// Errors for an RFC 1035 label (service names).
    public static func dns1035Label(_ value: String) -> [String] {
        var errs: [String] = []
        let b = value.utf8
        if b.count > dns1035LabelMaxLength { errs.append(maxLenError(dns1035LabelMaxLength)) }
        let ok: Bool = {
            guard let f = b.first, isLowerAlpha(f) else { return false }
            return isDNS1123LabelBytes(b)
        }()
        if !ok {
            errs.append(regexError(dns1035LabelErrorMessage, "[a-z]([-a-z0-9]*[a-z0-9])?", ["my-name", "abc-123"]))
        }
        return errs
    }

    static func isQualifiedNamePart(_ b: some Collection<UInt8>) -> Bool {
        guard let f = b.first, isAlnum(f) else { return false }
        var last = f
        for c in b {
            guard isAlnum(c) || c == 0x2D || c == 0x5F || c == 0x2E else { return false }
            last = c
        }
        return isAlnum(last)
    }

    /// Errors for a qualified name (`prefix/name`): label keys, annotation keys, finalizers.
    public static func qualifiedName(_ value: String) -> [String] {
        var v = value
        return v.withUTF8 { b -> [String] in
            var slash = -1
            var slashes = 0
            for i in 0..<b.count where b[i] == 0x2F {
                slashes += 1
                if slash < 0 { slash = i }
            }
            let namePart = UnsafeBufferPointer(rebasing: b[(slash + 1)...])
            // The common case, a valid key, allocates nothing.
            if slashes == 0, !namePart.isEmpty, namePart.count <= qualifiedNameMaxLength, isQualifiedNamePart(namePart) { return [] }
            if slashes == 1, slash > 0, isDNS1123Subdomain(UnsafeBufferPointer(rebasing: b[..<slash])), slash <= dns1123SubdomainMaxLength,
               !namePart.isEmpty, namePart.count <= qualifiedNameMaxLength, isQualifiedNamePart(namePart)
            {
                return []
            }
            if slashes > 1 {
                return ["a qualified name " + regexError(qualifiedNameErrorMessage, "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]", ["MyName", "my.name", "123-abc"]) + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
            }
            var errs: [String] = []
            if slashes == 1 {
                if slash == 0 {
                    errs.append("prefix part must be non-empty")
                } else {
                    let prefix = String(decoding: UnsafeBufferPointer(rebasing: b[..<slash]), as: UTF8.self)
                    errs.append(contentsOf: dns1123Subdomain(prefix).map { "prefix part " + $0 })
                }
            }
            if namePart.isEmpty {
                errs.append("name part must be non-empty")
            } else if namePart.count > qualifiedNameMaxLength {
                errs.append("name part " + maxLenError(qualifiedNameMaxLength))
            }
            if !namePart.isEmpty && !isQualifiedNamePart(namePart) {
                errs.append("name part " + regexError(qualifiedNameErrorMessage, "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]", ["MyName", "my.name", "123-abc"]))
            }
            return errs
        }
    }

    /// Errors for a label value (may be empty).
    public static func labelValue(_ value: String) -> [String] {
        var errs: [String] = []
        let b = value.utf8
        if b.count > labelValueMaxLength { errs.append(maxLenError(labelValueMaxLength)) }
        if !b.isEmpty && !isQualifiedNamePart(b) {
            errs.append(regexError(labelValueErrorMessage, "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", ["MyValue", "my_value", "12345"]))
        }
        return errs
    }

    /// Errors for an IANA service name (named container ports): at most 15 characters,
    /// lowercase letters, digits and single hyphens, at least one letter.
    public static func ianaServiceName(_ value: String) -> [String] {
        var errs: [String] = []
        let b = Array(value.utf8)
        if b.count > 15 { errs.append("must be no more than 15 characters") }
        if !b.allSatisfy({ isLowerAlnum($0) || $0 == 0x2D }) {
            errs.append("must contain only alphanumeric characters (a-z, 0-9), and hyphens (-)")
        }
        var prevHyphen = false
        for c in b {
            if c == 0x2D && prevHyphen { errs.append("must not contain consecutive hyphens"); break }
            prevHyphen = c == 0x2D
        }
        if !b.contains(where: isLowerAlpha) { errs.append("must contain at least one letter (a-z)") }
        if b.first == 0x2D || b.last == 0x2D { errs.append("must not begin or end with a hyphen") }
        return errs
    }

    /// Errors for a port number.
    public static func portNumber(_ port: Int64) -> [String] {
        (1...65535).contains(port) ? [] : ["must be between 1 and 65535, inclusive"]
    }

    /// Errors for an environment variable name (C identifier rule with '-' and '.').
    public static func envVarName(_ value: String) -> [String] {
        let b = value.utf8
        let ok: Bool = {
            guard let f = b.first, !(f >= 0x30 && f <= 0x39) else { return false }
            return b.allSatisfy { isAlnum($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }
        }()
        if ok { return [] }
        return [regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", "[-._a-zA-Z][-._a-zA-Z0-9]*", ["my.env-name", "MY_ENV.NAME", "MyEnvName1"])]
    }

    /// Errors for a ConfigMap or Secret key.
    public static func configMapKey(_ value: String) -> [String] {
        var errs: [String] = []
        let b = value.utf8
        if b.count > dns1123SubdomainMaxLength { errs.append(maxLenError(dns1123SubdomainMaxLength)) }
        if b.isEmpty || !b.allSatisfy({ isAlnum($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }) {
            errs.append(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+", ["key.name", "KEY_NAME", "key-name"]))
        }
        if value == "." { errs.append("must not be '.'") }
        else if value == ".." { errs.append("must not be '..'") }
        else if value.hasPrefix("..") { errs.append("must not start with '..'") }
        return errs
    }

    /// Kubernetes' check for IPv4/IPv6 literals (used by clusterIP, podIP, hostIP).
    public static func isIP(_ value: String) -> Bool { isIPv4(value) || isIPv6(value) }

    public static func isIPv4(_ value: String) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(p), n <= 255 else { return false }
            if p.count > 1 && p.first == "0" { return false }
        }
        return true
    }

    public static func isIPv6(_ value: String) -> Bool {
        guard value.contains(":") else { return false }
        let halves = value.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (hi, half) in halves.enumerated() {
            if half.isEmpty { continue }
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (i, p) in parts.enumerated() {
                if hi == halves.count - 1 && i == parts.count - 1 && p.contains(".") {
                    guard isIPv4(String(p)) else { return false }
                    groups += 2
                    continue
                }
                guard !p.isEmpty, p.count <= 4, p.allSatisfy({ $0.isHexDigit }) else { return false }
                groups += 1
            }
        }
        return halves.count == 2 ? groups < 8 : groups == 8
    }
}
