import Foundation

/// JSON patch (RFC 6902) with JSON pointers (RFC 6901). Errors name the operation and path.
extension JSONValue {
    public func applyingJSONPatch(_ patch: JSONValue) throws -> JSONValue {
        guard case .array(let ops) = patch else {
            throw PatchError("JSON patch must be an array of operations, got \(patch.typeName)", malformed: true)
        }
        var doc = self
        for (i, op) in ops.enumerated() {
            guard case .object(let o) = op else {
                throw PatchError("JSON patch operation \(i) must be an object", malformed: true)
            }
            guard let name = o["op"]?.stringValue else {
                throw PatchError("JSON patch operation \(i) has no \"op\"", malformed: true)
            }
            guard let pathText = o["path"]?.stringValue else {
                throw PatchError("\"\(name)\" operation \(i) has no \"path\"", malformed: true)
            }
            let path = try JSONPointer(pathText, op: name)
            switch name {
            case "add":
                guard let v = o["value"] else { throw PatchError("\"add\" operation at \"\(pathText)\" has no \"value\"", malformed: true) }
                try doc.pointerAdd(path, v, op: name)
            case "remove":
                _ = try doc.pointerRemove(path, op: name)
            case "replace":
                guard let v = o["value"] else { throw PatchError("\"replace\" operation at \"\(pathText)\" has no \"value\"", malformed: true) }
                _ = try doc.pointerRemove(path, op: name)
                try doc.pointerAdd(path, v, op: name)
            case "move":
                guard let fromText = o["from"]?.stringValue else { throw PatchError("\"move\" operation at \"\(pathText)\" has no \"from\"", malformed: true) }
                let from = try JSONPointer(fromText, op: name)
                if path.tokens.starts(with: from.tokens) && path.tokens.count > from.tokens.count {
                    throw PatchError("\"move\" operation: \"from\" \(fromText) is a prefix of path \(pathText)")
                }
                let v = try doc.pointerRemove(from, op: name)
                try doc.pointerAdd(path, v, op: name)
            case "copy":
                guard let fromText = o["from"]?.stringValue else { throw PatchError("\"copy\" operation at \"\(pathText)\" has no \"from\"", malformed: true) }
                let v = try doc.pointerGet(try JSONPointer(fromText, op: name), op: name)
                try doc.pointerAdd(path, v, op: name)
            case "test":
                guard let v = o["value"] else { throw PatchError("\"test\" operation at \"\(pathText)\" has no \"value\"", malformed: true) }
                let actual = try doc.pointerGet(path, op: name)
                if !actual.jsonEquals(v) {
                    throw PatchError("\"test\" operation failed: value at \"\(pathText)\" is \(actual.jsonString), expected \(v.jsonString)")
                }
            default:
                throw PatchError("unknown JSON patch operation \"\(name)\" at \"\(pathText)\"", malformed: true)
            }
        }
        return doc
    }

    /// Equality with numbers compared by value (1 equals 1.0), as RFC 6902's test requires.
    public func jsonEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.jsonEquals($1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { k, v in b[k].map { v.jsonEquals($0) } ?? false }
        default: return self == other
        }
    }

    func pointerGet(_ p: JSONPointer, op: String) throws -> JSONValue {
        var cur = self
        for t in p.tokens {
            switch cur {
            case .object(let o):
                guard let v = o[t] else { throw PatchError("\"\(op)\" operation: path \"\(p.text)\" does not exist") }
                cur = v
            case .array(let a):
                guard let i = JSONPointer.index(t), i < a.count else { throw PatchError("\"\(op)\" operation: path \"\(p.text)\" does not exist") }
                cur = a[i]
            default:
                throw PatchError("\"\(op)\" operation: path \"\(p.text)\" does not exist")
            }
        }
        return cur
    }

    mutating func pointerAdd(_ p: JSONPointer, _ value: JSONValue, op: String) throws {
        guard let last = p.tokens.last else { self = value; return }
        try modifyParent(p, op: op) { parent in
            switch parent {
            case .object(var o):
                parent = .null
                o[last] = value
                parent = .object(o)
            case .array(var a):
                parent = .null
                if last == "-" {
                    a.append(value)
                } else if let i = JSONPointer.index(last), i <= a.count {
                    a.insert(value, at: i)
                } else {
                    parent = .array(a)
                    throw PatchError("\"\(op)\" operation: index \"\(last)\" out of range in path \"\(p.text)\"")
                }
                parent = .array(a)
            default:
                throw PatchError("\"\(op)\" operation: parent of path \"\(p.text)\" is not an object or array")
            }
        }
    }

    mutating func pointerRemove(_ p: JSONPointer, op: String) throws -> JSONValue {
        guard let last = p.tokens.last else {
            let whole = self
            self = .null
            return whole
        }
        var removed = JSONValue.null
        try modifyParent(p, op: op) { parent in
            switch parent {
            case .object(var o):
                guard let v = o.removeValue(forKey: last) else {
                    throw PatchError("\"\(op)\" operation: path \"\(p.text)\" does not exist")
                }
                removed = v
                parent = .object(o)
            case .array(var a):
                guard let i = JSONPointer.index(last), i < a.count else {
                    throw PatchError("\"\(op)\" operation: path \"\(p.text)\" does not exist")
                }
                removed = a.remove(at: i)
                parent = .array(a)
            default:
                throw PatchError("\"\(op)\" operation: path \"\(p.text)\" does not exist")
            }
        }
        return removed
    }

    /// Runs `body` on the container holding the pointer's last token.
    mutating func modifyParent(_ p: JSONPointer, op: String, _ body: (inout JSONValue) throws -> Void) throws {
        try modify(p.tokens.dropLast(), p, op: op, body)
    }

    private mutating func modify(_ tokens: ArraySlice<String>, _ p: JSONPointer, op: String, _ body: (inout JSONValue) throws -> Void) throws {
        guard let first = tokens.first else { try body(&self); return }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var o):
            guard var child = o[first] else { throw PatchError("\"\(op)\" operation: path \"\(p.text)\" does not exist") }
            self = .null
            o[first] = nil
            defer { o[first] = child; self = .object(o) }
            try child.modify(rest, p, op: op, body)
        case .array(var a):
            guard let i = JSONPointer.index(first), i < a.count else { throw PatchError("\"\(op)\" operation: path \"\(p.text)\" does not exist") }
            var child = a[i]
            self = .null
            defer { a[i] = child; self = .array(a) }
            try child.modify(rest, p, op: op, body)
        default:
            throw PatchError("\"\(op)\" operation: path \"\(p.text)\" does not exist")
        }
    }
}

/// An RFC 6901 pointer: "/spec/containers/0/image", with "~1" for "/" and "~0" for "~".
struct JSONPointer {
    let text: String
    let tokens: [String]

    init(_ text: String, op: String) throws {
        self.text = text
        if text.isEmpty { tokens = []; return }
        guard text.hasPrefix("/") else {
            throw PatchError("\"\(op)\" operation: path \"\(text)\" must start with '/'", malformed: true)
        }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func index(_ t: String) -> Int? {
        guard !t.isEmpty, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), t == "0" || !t.hasPrefix("0") else { return nil }
        return Int(t)
    }
}
