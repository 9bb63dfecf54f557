import Foundation
import Yams

/// YAML request bodies (`Content-Type: application/yaml`) and manifests become the same JSON tree
/// as JSON bodies, following the YAML 1.1 scalar rules that Kubernetes' YAML reader applies.
extension JSONValue {
    /// Parses the first YAML document. An empty document is `null`.
    public init(yaml: String) throws {
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            throw SyntaxError("invalid YAML: \(Self.describeYAMLError(error))")
        }
        guard let node else { self = .null; return }
        var budget = Self.nodeBudget(yaml)
        self = try Self.fromYAML(node, depth: 0, budget: &budget)
    }

    /// Parses every document of a multi-document YAML stream (`---` separated), skipping empty ones.
    public static func documents(yaml: String) throws -> [JSONValue] {
        var result: [JSONValue] = []
        do {
            let parser = try Parser(yaml: yaml)
            var budget = nodeBudget(yaml)
            while let node = try parser.nextRoot() {
                let v = try fromYAML(node, depth: 0, budget: &budget)
                if !v.isNull { result.append(v) }
            }
        } catch let e as SyntaxError {
            throw e
        } catch {
            throw SyntaxError("invalid YAML: \(describeYAMLError(error))")
        }
        return result
    }

    /// Parses a body that is JSON or YAML (JSON is tried first when it looks like JSON).
    public static func parseBody(_ data: Data) throws -> JSONValue {
        let first = data.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            do {
                return try JSONValue(from: data)
            } catch let jsonError {
                // `{a: 1}` is a YAML flow mapping, not JSON; report the JSON error if it is neither.
                guard let text = String(data: data, encoding: .utf8), let v = try? JSONValue(yaml: text), case .object = v else {
                    throw jsonError
                }
                return v
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SyntaxError("request body is neither JSON nor YAML: not valid UTF-8")
        }
        let v = try JSONValue(yaml: text)
        if case .object = v { return v }
        throw SyntaxError("request body is neither JSON nor YAML: expected an object, got \(v.typeName)")
    }

    static func describeYAMLError(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.split(separator: "\n").first.map(String.init) ?? text
    }

    /// Aliases let a small document expand exponentially ("billion laughs"); the expansion is
    /// capped relative to the text's size, as Go's YAML reader caps it.
    static func nodeBudget(_ yaml: String) -> Int {
        max(100_000, yaml.utf8.count * 20)
    }

    static func fromYAML(_ node: Yams.Node, depth: Int, budget: inout Int) throws -> JSONValue {
        guard depth < JSONParser.maxDepth else { throw SyntaxError("invalid YAML: nesting deeper than \(JSONParser.maxDepth)") }
        budget -= 1
        guard budget >= 0 else { throw SyntaxError("invalid YAML: document expands to too many values (aliases)") }
        switch node {
        case .scalar(let scalar):
            let tag = Tag.Name(rawValue: node.tag.rawValue)
            if tag == .str || scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                || scalar.style == .literal || scalar.style == .folded
            {
                return .string(scalar.string)
            }
            switch tag {
            case .null: return .null
            case .bool: if let b = node.bool { return .bool(b) }
            case .int:
                if let i = node.int { return .int(Int64(i)) }
                if let d = node.float { return .double(d) }
            case .float: if let d = node.float { return .double(d) }
            default: break
            }
            return .string(scalar.string)
        case .mapping(let mapping):
            var o: [String: JSONValue] = [:]
            for (k, v) in mapping {
                let key: String
                switch k {
                case .scalar(let s): key = s.string
                default: throw SyntaxError("invalid YAML: object keys must be strings (line \(k.mark?.line ?? 0))")
                }
                o[key] = try fromYAML(v, depth: depth + 1, budget: &budget)
            }
            return .object(o)
        case .sequence(let seq):
            var items: [JSONValue] = []
            for item in seq { items.append(try fromYAML(item, depth: depth + 1, budget: &budget)) }
            return .array(items)
        case .alias:
            throw SyntaxError("invalid YAML: unresolved alias")
        }
    }
}
