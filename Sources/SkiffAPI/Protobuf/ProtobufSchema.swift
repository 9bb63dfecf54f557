/// The protobuf layout of the Kubernetes API messages: for each message (by full name, e.g.
/// `k8s.io.api.core.v1.ConfigMap`) its fields by number, with the JSON name, the value type and
/// whether it repeats. Built once from `KubernetesProtobufSchema.text` (generated from kubectl's
/// own descriptors by hack/gen/protobuf-schema.py).
public struct KubernetesProtobufSchema: Sendable {
    public enum ValueType: Sendable, Equatable {
        case string, signed, unsigned, zigzag, bool, bytes, double, float
        case message(String)
        /// `map<string, V>`.
        indirect case map(ValueType)
    }

    public struct Field: Sendable {
        public var name: String
        public var type: ValueType
        public var repeated: Bool
    }

    public struct Message: Sendable {
        public var name: String
        public var fields: [Int: Field]
    }

    public let messages: [String: Message]

    public static let shared = KubernetesProtobufSchema(text: text)

    init(text: String) {
        var messages: [String: Message] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard let name = parts.first else { continue }
            var fields: [Int: Field] = [:]
            for part in parts.dropFirst() {
                // [*]name=number:type[:Message]
                guard let eq = part.firstIndex(of: "=") else { continue }
                var fieldName = part[..<eq]
                let repeated = fieldName.hasPrefix("*")
                if repeated { fieldName = fieldName.dropFirst() }
                let rest = part[part.index(after: eq)...].split(separator: ":", maxSplits: 1)
                guard rest.count == 2, let number = Int(rest[0]), let type = Self.valueType(rest[1]) else { continue }
                fields[number] = Field(name: String(fieldName), type: type, repeated: repeated)
            }
            messages[String(name)] = Message(name: String(name), fields: fields)
        }
        self.messages = messages
    }

    static func valueType(_ code: Substring) -> ValueType? {
        guard let first = code.first else { return nil }
        switch first {
        case "s": return .string
        case "i": return .signed
        case "u": return .unsigned
        case "z": return .zigzag
        case "b": return .bool
        case "y": return .bytes
        case "d": return .double
        case "f": return .float
        case "m":
            guard code.hasPrefix("m:") else { return nil }
            return .message(String(code.dropFirst(2)))
        case "M":
            guard let value = valueType(code.dropFirst()) else { return nil }
            return .map(value)
        default: return nil
        }
    }

    /// The message for an object's `apiVersion` and `kind`: `v1` → core, `apps/v1` → apps,
    /// `coordination.k8s.io/v1` → coordination; kinds every group version carries
    /// (DeleteOptions, Status, ...) come from meta/v1.
    public func message(apiVersion: String, kind: String) -> Message? {
        let slash = apiVersion.split(separator: "/", omittingEmptySubsequences: false)
        let group = slash.count == 2 ? String(slash[0]) : ""
        let version = String(slash.last ?? "")
        let groupPackage = group.isEmpty ? "core" : String(group.split(separator: ".").first ?? "")
        if let m = messages["k8s.io.api.\(groupPackage).\(version).\(kind)"] { return m }
        return messages["k8s.io.apimachinery.pkg.apis.meta.v1.\(kind)"]
    }
}
