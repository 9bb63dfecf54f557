/// One validation failure, shaped like Kubernetes' `field.Error` so a 422 `Status` carries the
/// same causes (`reason`, `field`, `message`) that kubectl and clients expect.
public struct FieldError: Sendable, Hashable, Error, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case duplicate = "FieldValueDuplicate"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case notFound = "FieldValueNotFound"

        /// The words Kubernetes prints for each kind.
        public var text: String {
            switch self {
            case .required: return "Required value"
            case .invalid: return "Invalid value"
            case .notSupported: return "Unsupported value"
            case .duplicate: return "Duplicate value"
            case .forbidden: return "Forbidden"
            case .tooLong: return "Too long"
            case .tooMany: return "Too many"
            case .notFound: return "Not found"
            }
        }
    }

    public var kind: Kind
    /// The field path, e.g. `spec.containers[0].name`.
    public var field: String
    /// The offending value as Kubernetes prints it: strings quoted (`"Foo"`), numbers bare.
    public var badValue: String?
    public var detail: String

    public init(kind: Kind, field: String, badValue: String? = nil, detail: String = "") {
        self.kind = kind
        self.field = field
        self.badValue = badValue
        self.detail = detail
    }

    /// Kubernetes' text: `spec.containers[0].name: Required value`,
    /// `metadata.name: Invalid value: "Foo": a lowercase RFC 1123 ...`.
    public var message: String {
        field.isEmpty ? body : "\(field): \(body)"
    }

    /// The message without the field: what Kubernetes puts in a Status cause's `message`.
    public var body: String {
        var s = kind.text
        switch kind {
        case .required, .forbidden, .tooLong, .tooMany:
            break
        default:
            if let v = badValue { s += ": \(v)" }
        }
        if !detail.isEmpty { s += ": \(detail)" }
        return s
    }

    public var description: String { message }

    // MARK: constructors mirroring Go's field.Required/Invalid/...

    public static func required(_ field: String, _ detail: String = "") -> FieldError {
        FieldError(kind: .required, field: field, detail: detail)
    }
    public static func invalid(_ field: String, _ value: String, _ detail: String) -> FieldError {
        FieldError(kind: .invalid, field: field, badValue: quote(value), detail: detail)
    }
    public static func invalid(_ field: String, int value: Int64, _ detail: String) -> FieldError {
        FieldError(kind: .invalid, field: field, badValue: String(value), detail: detail)
    }
    public static func invalid(_ field: String, raw value: String, _ detail: String) -> FieldError {
        FieldError(kind: .invalid, field: field, badValue: value, detail: detail)
    }
    public static func notSupported(_ field: String, _ value: String, _ supported: [String]) -> FieldError {
        let detail = supported.isEmpty ? "" : "supported values: " + supported.map(quote).joined(separator: ", ")
        return FieldError(kind: .notSupported, field: field, badValue: quote(value), detail: detail)
    }
    public static func duplicate(_ field: String, _ value: String) -> FieldError {
        FieldError(kind: .duplicate, field: field, badValue: quote(value))
    }
    public static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(kind: .forbidden, field: field, detail: detail)
    }
    public static func tooLong(_ field: String, max: Int) -> FieldError {
        FieldError(kind: .tooLong, field: field, detail: "may not be more than \(max) bytes")
    }
    public static func tooMany(_ field: String, actual: Int, max: Int) -> FieldError {
        FieldError(kind: .tooMany, field: field, detail: "must have at most \(max) items")
    }
    public static func notFound(_ field: String, _ value: String) -> FieldError {
        FieldError(kind: .notFound, field: field, badValue: quote(value))
    }

    /// Go's `%q`: double quotes with backslash escapes.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out += "\\x" + String(u.value, radix: 16).leftPadded(2)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    func leftPadded(_ n: Int, with c: Character = "0") -> String {
        count >= n ? self : String(repeating: c, count: n - count) + self
    }
}

/// Builds field paths the way Go's `field.Path` does: `spec.containers[0].ports[1]`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public private(set) var string: String
    public init(_ root: String) { string = root }
    public func child(_ name: String) -> FieldPath {
        FieldPath(string.isEmpty ? name : string + "." + name)
    }
    public func index(_ i: Int) -> FieldPath { FieldPath(string + "[\(i)]") }
    public func key(_ k: String) -> FieldPath { FieldPath(string + "[\(k)]") }
    public var description: String { string }
}
