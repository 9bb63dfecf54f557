/// Discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/apps/v1`) built from the registry,
/// so that what is served and what is advertised cannot drift apart.
extension APIResources {
    static let standardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    static func subresourceEntry(_ info: ResourceInfo, _ sub: String) -> APIResource? {
        let name = "\(info.plural)/\(sub)"
        switch sub {
        case "status":
            return APIResource(name: name, singularName: "", namespaced: info.namespaced, kind: info.kind, verbs: ["get", "patch", "update"])
        case "scale":
            return APIResource(name: name, singularName: "", namespaced: info.namespaced, group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"])
        case "binding":
            return APIResource(name: name, singularName: "", namespaced: true, kind: "Binding", verbs: ["create"])
        case "log":
            return APIResource(name: name, singularName: "", namespaced: true, kind: "Pod", verbs: ["get"])
        case "exec":
            return APIResource(name: name, singularName: "", namespaced: true, kind: "PodExecOptions", verbs: ["create", "get"])
        case "eviction":
            return APIResource(name: name, singularName: "", namespaced: true, group: "policy", version: "v1", kind: "Eviction", verbs: ["create"])
        case "finalize":
            return APIResource(name: name, singularName: "", namespaced: false, kind: "Namespace", verbs: ["update"])
        default:
            return nil
        }
    }

    /// The resources of one group/version, with the subresources Skiff serves.
    public static func resourceList(groupVersion: String, servedSubresources: Set<String> = ["status", "scale", "binding", "log", "exec", "finalize"]) -> APIResourceList? {
        var resources: [APIResource] = []
        for s in all where s.resourceInfo.apiVersion == groupVersion {
            let i = s.resourceInfo
            let verbs = i.kind == "Namespace" ? standardVerbs.filter { $0 != "deletecollection" } : standardVerbs
            resources.append(APIResource(name: i.plural, singularName: i.singular, namespaced: i.namespaced, kind: i.kind, verbs: verbs,
                                         shortNames: i.shortNames.isEmpty ? nil : i.shortNames,
                                         categories: i.categories.isEmpty ? nil : i.categories))
            for sub in i.subresources where servedSubresources.contains(sub) {
                if let e = subresourceEntry(i, sub) { resources.append(e) }
            }
        }
        if groupVersion == "v1" {
            resources.append(APIResource(name: "bindings", singularName: "binding", namespaced: true, kind: "Binding", verbs: ["create"]))
        }
        guard !resources.isEmpty else { return nil }
        return APIResourceList(kind: "APIResourceList", apiVersion: "v1", groupVersion: groupVersion, resources: resources.sorted { $0.name < $1.name })
    }

    /// `/apis`: every named group with its one version.
    public static func groupList() -> APIGroupList {
        var groups: [APIGroup] = []
        for gv in groupVersions where gv.contains("/") {
            let parts = gv.split(separator: "/")
            let v = GroupVersionForDiscovery(groupVersion: gv, version: String(parts[1]))
            groups.append(APIGroup(name: String(parts[0]), versions: [v], preferredVersion: v))
        }
        return APIGroupList(kind: "APIGroupList", apiVersion: "v1", groups: groups)
    }

    /// `/api`.
    public static func coreVersions(serverAddress: String) -> APIVersions {
        APIVersions(kind: "APIVersions", versions: ["v1"],
                    serverAddressByClientCIDRs: [ServerAddressByClientCIDR(clientCIDR: "0.0.0.0/0", serverAddress: serverAddress)])
    }
}
