import SkiffAPI

/// `fieldValidation=Strict`: a field is unknown when it does not survive a decode/encode round
/// trip through the resource's typed schema.
enum StrictValidation {
    static func unknownFields(_ h: ResourceHandler, _ body: JSONValue) -> [String] {
        guard let typed = h.roundTrip(body) else { return [] }
        var out: [String] = []
        diff(body, typed, path: "", into: &out)
        return out.sorted()
    }

    static func diff(_ given: JSONValue, _ kept: JSONValue, path: String, into out: inout [String]) {
        switch (given, kept) {
        case (.object(let g), .object(let k)):
            for (key, v) in g {
                if v.isNull { continue }
                let p = path.isEmpty ? key : "\(path).\(key)"
                if let kv = k[key] {
                    diff(v, kv, path: p, into: &out)
                } else {
                    out.append(p)
                }
            }
        case (.array(let g), .array(let k)):
            for (i, v) in g.enumerated() where i < k.count {
                diff(v, k[i], path: "\(path)[\(i)]", into: &out)
            }
        default:
            break
        }
    }
}
