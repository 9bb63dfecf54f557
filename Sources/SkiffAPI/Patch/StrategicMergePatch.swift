/// Strategic merge patch with Kubernetes' semantics: like a JSON merge patch, except that lists
/// the schema marks `merge` are merged element by element (by their merge key, or as sets for
/// primitive lists), and the directives `$patch` (delete/replace/merge), `$retainKeys`,
/// `$deleteFromPrimitiveList/<field>` and `$setElementOrder/<field>` are honoured.
public enum StrategicMergePatch {
    /// Applies `patch` to `original`, an encoded `type` (e.g. `Pod.self`).
    public static func apply(_ patch: JSONValue, to original: JSONValue, type: any Decodable.Type, registry: SchemaRegistry = .shared) throws -> JSONValue {
        let root = registry.schemaType(for: type)
        guard case .object = patch else {
            throw PatchError("strategic merge patch must be a JSON object, got \(patch.typeName)", malformed: true)
        }
        return try Merger(registry: registry).merge(original, patch, root) ?? .object([:])
    }

    struct Merger {
        let registry: SchemaRegistry

        func objectSchema(_ t: SchemaType?) -> ObjectSchema? {
            if case .object(let name)? = t { return registry.schema(named: name) }
            return nil
        }

        /// Returns nil when the patch deletes the value (`$patch: delete`).
        func merge(_ original: JSONValue, _ patch: JSONValue, _ type: SchemaType?) throws -> JSONValue? {
            guard case .object(var p) = patch else { return patch }
            if let directive = p["$patch"] {
                guard let d = directive.stringValue else { throw PatchError("$patch must be a string", malformed: true) }
                switch d {
                case "delete": return nil
                case "replace":
                    p.removeValue(forKey: "$patch")
                    return try stripDirectives(.object(p))
                case "merge": p.removeValue(forKey: "$patch")
                default: throw PatchError("unknown patch type \"\(d)\" in $patch", malformed: true)
                }
            }
            var result: [String: JSONValue]
            if case .object(let o) = original { result = o } else { result = [:] }
            let schema = objectSchema(type)
            var elementType: SchemaType?
            if case .map(let el)? = type { elementType = el }
            var retainKeys: [String]?
            if let rk = p.removeValue(forKey: "$retainKeys") {
                guard let arr = rk.arrayValue else { throw PatchError("$retainKeys must be a list", malformed: true) }
                retainKeys = arr.compactMap(\.stringValue)
            }
            var orders: [String: [JSONValue]] = [:]
            var deletions: [String: [JSONValue]] = [:]
            for key in p.keys.sorted() {
                if key.hasPrefix("$setElementOrder/") {
                    orders[String(key.dropFirst("$setElementOrder/".count))] = p[key]?.arrayValue ?? []
                    p.removeValue(forKey: key)
                } else if key.hasPrefix("$deleteFromPrimitiveList/") {
                    deletions[String(key.dropFirst("$deleteFromPrimitiveList/".count))] = p[key]?.arrayValue ?? []
                    p.removeValue(forKey: key)
                }
            }
            for (k, v) in p {
                let field = schema?.field(k)
                let ftype = field?.type ?? elementType
                if v.isNull {
                    result.removeValue(forKey: k)
                    continue
                }
                switch v {
                case .array(let items):
                    if let meta = field?.patch, meta.merges, case .array(let el)? = ftype {
                        result[k] = .array(try mergeList(result[k]?.arrayValue ?? [], items, mergeKey: meta.mergeKey, elementType: el))
                    } else {
                        result[k] = try stripDirectives(v)
                    }
                case .object:
                    if let merged = try merge(result[k] ?? .null, v, ftype) {
                        result[k] = merged
                    } else {
                        result.removeValue(forKey: k)
                    }
                default:
                    result[k] = v
                }
            }
            for (k, values) in deletions {
                if var list = result[k]?.arrayValue {
                    list.removeAll { values.contains($0) }
                    result[k] = .array(list)
                }
            }
            for (k, order) in orders {
                guard let list = result[k]?.arrayValue else { continue }
                let meta = schema?.field(k)?.patch
                result[k] = .array(reorder(list, order, mergeKey: meta?.mergeKey))
            }
            if let keep = retainKeys {
                for k in Array(result.keys) where !keep.contains(k) { result.removeValue(forKey: k) }
            }
            return .object(result)
        }

        func mergeList(_ original: [JSONValue], _ patch: [JSONValue], mergeKey: String?, elementType: SchemaType) throws -> [JSONValue] {
            // A `{"$patch": "replace"}` element replaces the whole list with the other elements.
            if patch.contains(where: { $0["$patch"]?.stringValue == "replace" && $0.objectValue?.count == 1 }) {
                return try patch.filter { !($0["$patch"]?.stringValue == "replace" && $0.objectValue?.count == 1) }.map(stripDirectives)
            }
            guard let key = mergeKey else {
                // Primitive set merge: keep the original order, append what is new.
                var result = original
                for item in patch where !result.contains(item) { result.append(item) }
                return result
            }
            var result = original
            for item in patch {
                guard case .object = item else {
                    throw PatchError("list items merged by \"\(key)\" must be objects, got \(item.typeName)")
                }
                let k = item[key]
                if item["$patch"]?.stringValue == "delete" {
                    result.removeAll { $0[key] == k }
                    continue
                }
                guard k != nil else {
                    throw PatchError("map: \(item.jsonString) does not contain declared merge key: \(key)")
                }
                if let i = result.firstIndex(where: { $0[key] == k }) {
                    if let merged = try merge(result[i], item, elementType) {
                        result[i] = merged
                    } else {
                        result.remove(at: i)
                    }
                } else if let added = try merge(.null, item, elementType) {
                    result.append(added)
                }
            }
            return result
        }

        func reorder(_ list: [JSONValue], _ order: [JSONValue], mergeKey: String?) -> [JSONValue] {
            func key(_ v: JSONValue) -> JSONValue { mergeKey.flatMap { v[$0] } ?? v }
            let wanted = order.map(key)
            var ordered: [JSONValue] = []
            for w in wanted {
                if let item = list.first(where: { key($0) == w }) { ordered.append(item) }
            }
            for item in list where !wanted.contains(key(item)) { ordered.append(item) }
            return ordered
        }

        func stripDirectives(_ v: JSONValue) throws -> JSONValue {
            switch v {
            case .object(let o):
                var r: [String: JSONValue] = [:]
                for (k, x) in o where !k.hasPrefix("$") { r[k] = try stripDirectives(x) }
                return .object(r)
            case .array(let a):
                return .array(try a.map(stripDirectives))
            default:
                return v
            }
        }
    }
}
