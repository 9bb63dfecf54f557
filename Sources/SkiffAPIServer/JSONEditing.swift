import Foundation
import SkiffAPI

/// Small edits of a JSON tree that the registry makes without a round trip through the typed
/// object (resourceVersion injection, deletion timestamps, status phases).
extension JSONValue {
    /// The value at a key path, nil when any step is missing.
    func value(at path: [String]) -> JSONValue? {
        var cur: JSONValue? = self
        for k in path { cur = cur?[k] }
        return cur
    }

    /// A copy with `value` at the key path (intermediate objects created as needed);
    /// nil removes the key.
    func setting(_ path: [String], to value: JSONValue?) -> JSONValue {
        guard let key = path.first else { return value ?? .null }
        var dict: [String: JSONValue]
        if case .object(let d) = self { dict = d } else { dict = [:] }
        if path.count == 1 {
            dict[key] = value
        } else {
            let child = dict[key] ?? .object([:])
            dict[key] = child.setting(Array(path.dropFirst()), to: value)
        }
        return .object(dict)
    }

    var metadataName: String { value(at: ["metadata", "name"])?.stringValue ?? "" }
    var metadataNamespace: String? { value(at: ["metadata", "namespace"])?.stringValue }
    var metadataLabels: [String: String] {
        guard case .object(let d)? = value(at: ["metadata", "labels"]) else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in d { if let s = v.stringValue { out[k] = s } }
        return out
    }

    /// The typed metadata of any object.
    func objectMeta() throws -> ObjectMeta {
        try (self["metadata"] ?? .object([:])).decode(ObjectMeta.self)
    }

    /// A copy with its metadata replaced by `meta`.
    func withObjectMeta(_ meta: ObjectMeta) throws -> JSONValue {
        setting(["metadata"], to: try JSONValue(encoding: meta))
    }

    /// The object as read from the store at `revision`: resourceVersion is the store's revision.
    func withResourceVersion(_ revision: Int64) -> JSONValue {
        setting(["metadata", "resourceVersion"], to: .string(String(revision)))
    }
}

/// The compact JSON bytes of any `Encodable` response body.
func encodeJSON<T: Encodable>(_ value: T) throws -> Data {
    try JSONValue(encoding: value).encoded()
}
