/// A body that is valid JSON but does not fit the type: the field path in Kubernetes' notation
/// (`spec.containers[0].ports[0].containerPort`) and what was expected there.
public struct DecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var detail: String

    public init(field: String, detail: String) {
        self.field = field
        self.detail = detail
    }

    public var description: String { field.isEmpty ? detail : "\(field): \(detail)" }
    public var message: String { description }

    /// Formats a coding path the way Kubernetes prints field paths.
    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for k in keys {
            if let i = k.intValue {
                out += "[\(i)]"
            } else {
                if !out.isEmpty { out += "." }
                out += k.stringValue
            }
        }
        return out
    }

    /// Converts any error thrown while decoding into a `DecodeError` with a readable path.
    static func from(_ error: any Error) -> any Error {
        switch error {
        case let e as DecodeError: return e
        case let e as SyntaxError: return e
        case let e as FieldError: return DecodeError(field: e.field, detail: e.detail)
        case let DecodingError.typeMismatch(type, ctx):
            return DecodeError(field: path(ctx.codingPath), detail: "expected \(expectedName(type))")
        case let DecodingError.valueNotFound(type, ctx):
            return DecodeError(field: path(ctx.codingPath), detail: "expected \(expectedName(type)), got null")
        case let DecodingError.keyNotFound(key, ctx):
            return DecodeError(field: path(ctx.codingPath + [key]), detail: "Required value")
        case let DecodingError.dataCorrupted(ctx):
            return DecodeError(field: path(ctx.codingPath), detail: ctx.debugDescription)
        default:
            return error
        }
    }

    static func expectedName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "string"
        case is Bool.Type: return "boolean"
        case is Double.Type, is Float.Type: return "number"
        case is any FixedWidthInteger.Type: return "integer"
        default:
            let n = String(describing: type)
            if n.hasPrefix("Array") || n.hasPrefix("[") { return "array" }
            return "object"
        }
    }
}

/// A coding key for array indexes and dictionary keys in error paths.
struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ i: Int) { stringValue = "\(i)"; intValue = i }
    init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    init?(intValue: Int) { self.init(intValue) }
}
