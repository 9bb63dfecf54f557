/// What a request path names, parsed without touching any state so routing can be unit-tested.
///
/// Kubernetes' URL layout:
/// `/api/v1[/watch][/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]]` for the core group and
/// `/apis/GROUP/VERSION[/watch][/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]]` for the others.
/// `/api/v1/namespaces/NAME/status` is the namespace's own status (not a resource called
/// "status" in namespace NAME), as in Kubernetes.
public enum RequestTarget: Sendable, Equatable {
    case version
    case health(String)              // healthz, livez, readyz
    case coreVersions                // /api
    case groupList                   // /apis
    case group(String)               // /apis/apps
    case resourceList(group: String, version: String)   // /api/v1, /apis/apps/v1
    case openAPIv3Root               // /openapi/v3
    case openAPIv3(groupVersion: String)  // /openapi/v3/api/v1 -> "v1", /openapi/v3/apis/apps/v1 -> "apps/v1"
    case openAPIv2
    case resource(ResourcePath)
    case notFound

    public static func parse(_ path: String) -> RequestTarget {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else { return .notFound }
        switch first {
        case "version" where parts.count == 1: return .version
        case "healthz", "livez", "readyz": return .health(first)
        case "openapi":
            if parts.count == 2 && parts[1] == "v2" { return .openAPIv2 }
            guard parts.count >= 2, parts[1] == "v3" else { return .notFound }
            if parts.count == 2 { return .openAPIv3Root }
            if parts.count == 4 && parts[2] == "api" { return .openAPIv3(groupVersion: parts[3]) }
            if parts.count == 5 && parts[2] == "apis" { return .openAPIv3(groupVersion: "\(parts[3])/\(parts[4])") }
            return .notFound
        case "api":
            if parts.count == 1 { return .coreVersions }
            if parts.count == 2 { return .resourceList(group: "", version: parts[1]) }
            return resource(group: "", version: parts[1], rest: Array(parts.dropFirst(2)))
        case "apis":
            if parts.count == 1 { return .groupList }
            if parts.count == 2 { return .group(parts[1]) }
            if parts.count == 3 { return .resourceList(group: parts[1], version: parts[2]) }
            return resource(group: parts[1], version: parts[2], rest: Array(parts.dropFirst(3)))
        default:
            return .notFound
        }
    }

    private static func resource(group: String, version: String, rest: [String]) -> RequestTarget {
        var rest = rest
        var watch = false
        if rest.first == "watch" {
            watch = true
            rest.removeFirst()
        }
        guard !rest.isEmpty else { return .notFound }
        var namespace: String?
        // namespaces/NS/PLURAL... names a namespaced resource; namespaces, namespaces/NAME and
        // namespaces/NAME/{status,finalize} name the namespace itself.
        if rest[0] == "namespaces" && rest.count >= 3 && !(rest.count == 3 && (rest[2] == "status" || rest[2] == "finalize")) {
            namespace = rest[1]
            rest.removeFirst(2)
        }
        guard rest.count <= 3 else { return .notFound }
        return .resource(ResourcePath(group: group, version: version, namespace: namespace, plural: rest[0],
                                      name: rest.count > 1 ? rest[1] : nil,
                                      subresource: rest.count > 2 ? rest[2] : nil, watchPath: watch))
    }
}

/// A path naming a resource collection, one object, or one object's subresource.
public struct ResourcePath: Sendable, Equatable {
    public var group: String
    public var version: String
    public var namespace: String?
    public var plural: String
    public var name: String?
    public var subresource: String?
    /// The deprecated `/watch/` path form (same as `?watch=true`).
    public var watchPath: Bool

    public init(group: String, version: String, namespace: String?, plural: String, name: String?, subresource: String?, watchPath: Bool) {
        self.group = group
        self.version = version
        self.namespace = namespace
        self.plural = plural
        self.name = name
        self.subresource = subresource
        self.watchPath = watchPath
    }
}
