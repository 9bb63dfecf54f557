import Foundation
import SkiffAPI

/// Query parameters of list and watch requests, parsed and checked before any store access.
public struct ListOptions: Sendable {
    public var labelSelector = Selector.everything
    public var fieldSelector = FieldSelector()
    public var limit = 0
    public var continueToken: ContinueToken?
    /// "" (unset: a consistent read), "0" (any: may be served from the cache) or a revision.
    public var resourceVersion = ""
    public var watch = false
    public var allowWatchBookmarks = false
    public var timeoutSeconds: Int?
    public var sendInitialEvents = false

    public init() {}

    /// Parses `labelSelector`, `fieldSelector`, `limit`, `continue`, `resourceVersion`, `watch`,
    /// `allowWatchBookmarks`, `timeoutSeconds` and `sendInitialEvents`; bad values are a 400
    /// naming the parameter.
    public static func parse(_ query: [String: String]) throws -> ListOptions {
        var o = ListOptions()
        if let s = query["labelSelector"], !s.isEmpty {
            do { o.labelSelector = try Selector.parse(s) } catch {
                throw APIError.badRequest("unable to parse requirement: \(error)")
            }
        }
        if let s = query["fieldSelector"], !s.isEmpty {
            do { o.fieldSelector = try FieldSelector.parse(s) } catch {
                throw APIError.badRequest("invalid field selector: \(error)")
            }
        }
        if let s = query["limit"], !s.isEmpty {
            guard let n = Int(s), n >= 0 else { throw APIError.badRequest("limit: expected a non-negative integer, got \"\(s)\"") }
            o.limit = n
        }
        if let s = query["continue"], !s.isEmpty {
            o.continueToken = try ContinueToken.decode(s)
        }
        o.resourceVersion = query["resourceVersion"] ?? ""
        if !o.resourceVersion.isEmpty && Int64(o.resourceVersion) == nil {
            throw APIError.badRequest("resourceVersion: expected a number, got \"\(o.resourceVersion)\"")
        }
        o.watch = try bool(query, "watch")
        o.allowWatchBookmarks = try bool(query, "allowWatchBookmarks")
        o.sendInitialEvents = try bool(query, "sendInitialEvents")
        if let s = query["timeoutSeconds"], !s.isEmpty {
            guard let n = Int(s), n >= 0 else { throw APIError.badRequest("timeoutSeconds: expected a non-negative integer, got \"\(s)\"") }
            o.timeoutSeconds = n
        }
        return o
    }

    static func bool(_ query: [String: String], _ key: String) throws -> Bool {
        guard let s = query[key], !s.isEmpty else { return false }
        switch s.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.badRequest("\(key): expected true or false, got \"\(s)\"")
        }
    }
}

/// The opaque `continue` token of a paged list: the revision the first page was read at and
/// the last key returned, so later pages read the same snapshot.
public struct ContinueToken: Sendable, Equatable, Codable {
    public var v: String = "meta.k8s.io/v1"
    public var rv: Int64
    public var start: String

    public init(rv: Int64, start: String) {
        self.rv = rv
        self.start = start
    }

    public func encode() -> String {
        let json = JSONValue.object(["v": .string(v), "rv": .int(rv), "start": .string(start)])
        return json.encoded().base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ token: String) throws -> ContinueToken {
        var b = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b.count % 4 != 0 { b += "=" }
        guard let data = Data(base64Encoded: b), let json = try? JSONValue(from: data),
              let rv = json["rv"]?.intValue, let start = json["start"]?.stringValue
        else {
            throw APIError.badRequest("continue key is not valid: expected a token from a previous list response")
        }
        return ContinueToken(rv: rv, start: start)
    }
}
