/// Unknown-field detection for `fieldValidation=Strict` (reject) and `Warn` (warning header):
/// walks a request body against the schema probed from the target type.
public enum UnknownFields {
    /// Paths of fields the type does not have, in Kubernetes' notation (`spec.containers[0].foo`).
    public static func paths(in json: JSONValue, for type: any Decodable.Type, registry: SchemaRegistry = .shared) -> [String] {
        var out: [String] = []
        walk(json, registry.schemaType(for: type), path: "", registry: registry, into: &out)
        return out.sorted()
    }

    static func walk(_ v: JSONValue, _ t: SchemaType, path: String, registry: SchemaRegistry, into out: inout [String]) {
        switch (t, v) {
        case (.object(let name), .object(let o)):
            guard let schema = registry.schema(named: name) else { return }
            for (k, child) in o {
                let p = path.isEmpty ? k : "\(path).\(k)"
                guard let f = schema.field(k) else {
                    out.append(p)
                    continue
                }
                walk(child, f.type, path: p, registry: registry, into: &out)
            }
        case (.array(let el), .array(let a)):
            for (i, child) in a.enumerated() { walk(child, el, path: "\(path)[\(i)]", registry: registry, into: &out) }
        case (.map(let el), .object(let o)):
            for (k, child) in o { walk(child, el, path: path.isEmpty ? k : "\(path).\(k)", registry: registry, into: &out) }
        default:
            return
        }
    }
}

/// `unknown field "spec.foo"` messages, as Kubernetes words them, for a strict decode.
public func unknownFields<T: Decodable>(in json: JSONValue, for type: T.Type) -> [String] {
    UnknownFields.paths(in: json, for: type).map { "unknown field \"\($0)\"" }
}
