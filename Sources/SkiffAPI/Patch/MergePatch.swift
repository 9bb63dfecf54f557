/// JSON merge patch (RFC 7386): objects merge recursively, null deletes, anything else replaces.
extension JSONValue {
    public func applyingMergePatch(_ patch: JSONValue) -> JSONValue {
        guard case .object(let p) = patch else { return patch }
        var result: [String: JSONValue]
        if case .object(let o) = self { result = o } else { result = [:] }
        for (k, v) in p {
            if v.isNull {
                result.removeValue(forKey: k)
            } else {
                result[k] = (result[k] ?? .null).applyingMergePatch(v)
            }
        }
        return .object(result)
    }

    /// The merge patch that turns `self` into `target` (used to compute what changed).
    public func mergePatch(to target: JSONValue) -> JSONValue {
        guard case .object(let a) = self, case .object(let b) = target else { return target }
        var patch: [String: JSONValue] = [:]
        for (k, v) in a where b[k] == nil { patch[k] = .null }
        for (k, v) in b {
            if let old = a[k] {
                if old != v {
                    if case .object = old, case .object = v { patch[k] = old.mergePatch(to: v) } else { patch[k] = v }
                }
            } else {
                patch[k] = v
            }
        }
        return .object(patch)
    }
}
