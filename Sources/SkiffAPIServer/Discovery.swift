import SkiffAPI

/// Discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/GROUP/VERSION`) built from the
/// catalog, so kubectl learns kinds, verbs, short names and scopes from what is really served.
public enum Discovery {
    static let objectVerbs: [JSONValue] = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    /// Subresources the server answers itself (log and exec belong to the node).
    static let servedSubresources: Set<String> = ["status", "scale", "binding", "log", "exec"]

    public static func coreVersions(serverAddress: String) -> JSONValue {
        .object([
            "kind": "APIVersions",
            "versions": ["v1"],
            "serverAddressByClientCIDRs": [.object(["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)])],
        ])
    }

    static func groupEntry(_ name: String, versions: [String]) -> JSONValue {
        let vs: [JSONValue] = versions.map { .object(["groupVersion": .string("\(name)/\($0)"), "version": .string($0)]) }
        return .object([
            "name": .string(name),
            "versions": .array(vs),
            "preferredVersion": vs.first ?? .null,
        ])
    }

    public static func groupList(_ catalog: ResourceCatalog) -> JSONValue {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for gv in catalog.groupVersions where !gv.group.isEmpty {
            if versions[gv.group] == nil { order.append(gv.group) }
            versions[gv.group, default: []].append(gv.version)
        }
        return .object([
            "kind": "APIGroupList",
            "apiVersion": "v1",
            "groups": .array(order.map { groupEntry($0, versions: versions[$0] ?? []) } + [MetricsAPI.groupEntry()]),
        ])
    }

    public static func group(_ catalog: ResourceCatalog, name: String) -> JSONValue? {
        let versions = catalog.groupVersions.filter { $0.group == name }.map(\.version)
        guard !versions.isEmpty else { return nil }
        var g = groupEntry(name, versions: versions)
        g = g.setting(["kind"], to: "APIGroup").setting(["apiVersion"], to: "v1")
        return g
    }

    public static func resourceList(_ catalog: ResourceCatalog, group: String, version: String) -> JSONValue? {
        let hs = catalog.handlers.filter { $0.info.group == group && $0.info.version == version }
        guard !hs.isEmpty else { return nil }
        var resources: [JSONValue] = []
        for h in hs {
            let i = h.info
            var r: [String: JSONValue] = [
                "name": .string(i.plural),
                "singularName": .string(i.singular),
                "namespaced": .bool(i.namespaced),
                "kind": .string(i.kind),
                "verbs": .array(objectVerbs),
            ]
            if !i.shortNames.isEmpty { r["shortNames"] = .array(i.shortNames.map { .string($0) }) }
            if !i.categories.isEmpty { r["categories"] = .array(i.categories.map { .string($0) }) }
            resources.append(.object(r))
            for sub in i.subresources where servedSubresources.contains(sub) {
                switch sub {
                case "status":
                    resources.append(.object(["name": .string("\(i.plural)/status"), "singularName": "", "namespaced": .bool(i.namespaced),
                                              "kind": .string(i.kind), "verbs": ["get", "patch", "update"]]))
                case "scale":
                    resources.append(.object(["name": .string("\(i.plural)/scale"), "singularName": "", "namespaced": .bool(i.namespaced),
                                              "group": "autoscaling", "version": "v1", "kind": "Scale",
                                              "verbs": ["get", "patch", "update"]]))
                case "binding":
                    resources.append(.object(["name": .string("\(i.plural)/binding"), "singularName": "", "namespaced": .bool(i.namespaced),
                                              "kind": "Binding", "verbs": ["create"]]))
                case "log":
                    resources.append(.object(["name": .string("\(i.plural)/log"), "singularName": "", "namespaced": .bool(i.namespaced),
                                              "kind": .string(i.kind), "verbs": ["get"]]))
                case "exec":
                    resources.append(.object(["name": .string("\(i.plural)/exec"), "singularName": "", "namespaced": .bool(i.namespaced),
                                              "kind": "PodExecOptions", "verbs": ["create", "get"]]))
                default: break
                }
            }
        }
        return .object([
            "kind": "APIResourceList",
            "apiVersion": "v1",
            "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"),
            "resources": .array(resources),
        ])
    }

    public static func version() -> JSONValue {
        .object([
            "major": .string(SkiffVersion.kubernetesMajor),
            "minor": .string(SkiffVersion.kubernetesMinor),
            "gitVersion": .string(SkiffVersion.gitVersion),
            "gitCommit": "",
            "gitTreeState": "clean",
            "buildDate": "1970-01-01T00:00:00Z",
            "goVersion": "swift",
            "compiler": "swiftc",
            "platform": "linux/amd64",
        ])
    }
}
