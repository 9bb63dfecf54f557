import Foundation
import SkiffAPI

/// URL paths of Kubernetes resources (pure, unit-tested).
public enum ResourcePaths {
    /// `/api/v1/namespaces/NS/pods[/NAME[/SUB]]` or `/apis/GROUP/VERSION/...`.
    public static func path(_ info: ResourceInfo, namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var p = info.group.isEmpty ? "/api/\(info.version)" : "/apis/\(info.group)/\(info.version)"
        if info.namespaced, let ns = namespace, !ns.isEmpty { p += "/namespaces/\(escape(ns))" }
        p += "/\(info.plural)"
        if let name { p += "/\(escape(name))" }
        if let subresource { p += "/\(subresource)" }
        return p
    }

    static let allowed: CharacterSet = {
        var c = CharacterSet.alphanumerics
        c.insert(charactersIn: "-._~")
        return c
    }()

    public static func escape(_ s: String) -> String {
        // Names are almost always plain (DNS labels): no need for Foundation's encoder.
        if s.utf8.allSatisfy(isUnreserved) { return s }
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// RFC 3986's unreserved characters, which a path segment carries as they are.
    static func isUnreserved(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    public static func query(_ items: [(String, String?)]) -> String {
        let parts = items.compactMap { k, v in v.map { "\(k)=\(escape($0))" } }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}

/// Options of a list or watch call.
public struct ListParams: Sendable, Equatable {
    public var labelSelector: String?
    public var fieldSelector: String?
    public var limit: Int?
    public var continueToken: String?
    public var resourceVersion: String?
    public var timeoutSeconds: Int?
    public var allowWatchBookmarks = false

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
                resourceVersion: String? = nil, timeoutSeconds: Int? = nil, allowWatchBookmarks: Bool = false) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.timeoutSeconds = timeoutSeconds
        self.allowWatchBookmarks = allowWatchBookmarks
    }

    func queryItems(watch: Bool) -> [(String, String?)] {
        var q: [(String, String?)] = [
            ("labelSelector", labelSelector), ("fieldSelector", fieldSelector), ("limit", limit.map(String.init)),
            ("continue", continueToken), ("resourceVersion", resourceVersion), ("timeoutSeconds", timeoutSeconds.map(String.init)),
        ]
        if watch {
            q.append(("watch", "true"))
            if allowWatchBookmarks { q.append(("allowWatchBookmarks", "true")) }
        }
        return q
    }
}
