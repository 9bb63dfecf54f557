import SkiffAPI

/// `/openapi/v3` documents: the root lists one document per group/version, each document has
/// a path and operations for every resource, with the `fieldValidation`, `dryRun` and
/// `fieldManager` query parameters (kubectl 1.32 looks for `fieldValidation` on each kind's
/// PATCH operation to decide that the server validates, then sends `fieldValidation=Strict`)
/// and `x-kubernetes-group-version-kind` on every operation. Component schemas come from
/// SkiffAPI's generator where it has them.
public struct OpenAPIDocuments: Sendable {
    let catalog: ResourceCatalog
    let schemas: @Sendable (String) -> JSONValue?

    public init(catalog: ResourceCatalog, schemas: @escaping @Sendable (String) -> JSONValue? = { _ in nil }) {
        self.catalog = catalog
        self.schemas = schemas
    }

    static func urlPath(_ gv: (group: String, version: String)) -> String {
        gv.group.isEmpty ? "api/\(gv.version)" : "apis/\(gv.group)/\(gv.version)"
    }

    /// The document for "v1", "apps/v1", ...; the root index for nil.
    public func document(_ groupVersion: String?) -> JSONValue? {
        guard let groupVersion else { return root() }
        guard let gv = catalog.groupVersions.first(where: { ($0.group.isEmpty ? $0.version : "\($0.group)/\($0.version)") == groupVersion }) else {
            return nil
        }
        return groupVersionDocument(gv)
    }

    func root() -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for gv in catalog.groupVersions {
            let p = Self.urlPath(gv)
            let hash = String(UInt64(bitPattern: Int64(groupVersionDocument(gv).encoded().hashValue)), radix: 16).uppercased()
            paths[p] = .object(["serverRelativeURL": .string("/openapi/v3/\(p)?hash=\(hash)")])
        }
        return .object(["paths": .object(paths)])
    }

    static func queryParam(_ name: String, _ description: String) -> JSONValue {
        .object(["name": .string(name), "in": "query", "description": .string(description),
                 "schema": .object(["type": "string", "uniqueItems": true])])
    }

    static func pathParam(_ name: String, _ description: String) -> JSONValue {
        .object(["name": .string(name), "in": "path", "description": .string(description), "required": true,
                 "schema": .object(["type": "string", "uniqueItems": true])])
    }

    static let writeParams: [JSONValue] = [
        queryParam("dryRun", "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed"),
        queryParam("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."),
        queryParam("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict."),
    ]
    static let listParams: [JSONValue] = [
        queryParam("allowWatchBookmarks", "allowWatchBookmarks requests watch events with type \"BOOKMARK\"."),
        queryParam("continue", "The continue option should be set when retrieving more results from the server."),
        queryParam("fieldSelector", "A selector to restrict the list of returned objects by their fields."),
        queryParam("labelSelector", "A selector to restrict the list of returned objects by their labels."),
        queryParam("limit", "limit is a maximum number of responses to return for a list call."),
        queryParam("resourceVersion", "resourceVersion sets a constraint on what resource versions a request may be served from."),
        queryParam("timeoutSeconds", "Timeout for the list/watch call."),
        queryParam("watch", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications."),
    ]

    static func schemaName(_ info: ResourceInfo, kind: String? = nil) -> String {
        let group: String
        switch info.group {
        case "": group = "core"
        case "coordination.k8s.io": group = "coordination"
        case "events.k8s.io": group = "events"
        default: group = info.group
        }
        return "io.k8s.api.\(group).\(info.version).\(kind ?? info.kind)"
    }

    func operation(_ action: String, _ id: String, gvk: (group: String, version: String, kind: String), params: [JSONValue],
                   body: Bool, schema: String?) -> JSONValue {
        var content: JSONValue = .object([:])
        if let schema {
            content = .object(["application/json": .object(["schema": .object(["$ref": .string("#/components/schemas/\(schema)")])])])
        }
        var op: [String: JSONValue] = [
            "operationId": .string(id),
            "parameters": .array(params),
            "responses": .object(["200": .object(["description": "OK", "content": content])]),
            "x-kubernetes-action": .string(action),
            "x-kubernetes-group-version-kind": .object(["group": .string(gvk.group), "version": .string(gvk.version), "kind": .string(gvk.kind)]),
        ]
        if body {
            var types: [String: JSONValue] = [:]
            let bodySchema: JSONValue = schema.map { .object(["$ref": .string("#/components/schemas/\($0)")]) } ?? .object(["type": "object"])
            if action == "patch" {
                for t in ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"] {
                    types[t] = .object(["schema": .object(["type": "object"])])
                }
            } else {
                types["application/json"] = .object(["schema": bodySchema])
                types["application/yaml"] = .object(["schema": bodySchema])
            }
            op["requestBody"] = .object(["content": .object(types), "required": true])
        }
        return .object(op)
    }

    func groupVersionDocument(_ gv: (group: String, version: String)) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        var schemaNames: [String] = []
        let base = "/" + Self.urlPath(gv)
        for h in catalog.handlers where h.info.group == gv.group && h.info.version == gv.version {
            let i = h.info
            let gvk = (group: i.group, version: i.version, kind: i.kind)
            let schema = Self.schemaName(i)
            let haveSchema = schemas(schema) != nil
            if haveSchema { schemaNames.append(schema) }
            let ref = haveSchema ? schema : nil
            let nsParam = Self.pathParam("namespace", "object name and auth scope, such as for teams and projects")
            let nameParam = Self.pathParam("name", "name of the \(i.kind)")
            let collection = i.namespaced ? "\(base)/namespaces/{namespace}/\(i.plural)" : "\(base)/\(i.plural)"
            let scopeParams: [JSONValue] = i.namespaced ? [nsParam] : []
            let idBase = "\(i.kind)"
            paths[collection] = .object([
                "get": operation("list", "list\(idBase)", gvk: gvk, params: scopeParams + Self.listParams, body: false, schema: nil),
                "post": operation("post", "create\(idBase)", gvk: gvk, params: scopeParams + Self.writeParams, body: true, schema: ref),
                "delete": operation("deletecollection", "deleteCollection\(idBase)", gvk: gvk, params: scopeParams + Self.listParams, body: false, schema: nil),
            ])
            if i.namespaced {
                paths["\(base)/\(i.plural)"] = .object([
                    "get": operation("list", "list\(idBase)ForAllNamespaces", gvk: gvk, params: Self.listParams, body: false, schema: nil),
                ])
            }
            let item = "\(collection)/{name}"
            let itemParams = scopeParams + [nameParam]
            paths[item] = .object([
                "get": operation("get", "read\(idBase)", gvk: gvk, params: itemParams, body: false, schema: ref),
                "put": operation("put", "replace\(idBase)", gvk: gvk, params: itemParams + Self.writeParams, body: true, schema: ref),
                "patch": operation("patch", "patch\(idBase)", gvk: gvk, params: itemParams + Self.writeParams, body: true, schema: ref),
                "delete": operation("delete", "delete\(idBase)", gvk: gvk, params: itemParams + [Self.queryParam("dryRun", "dry run"),
                    Self.queryParam("gracePeriodSeconds", "The duration in seconds before the object should be deleted."),
                    Self.queryParam("propagationPolicy", "Whether and how garbage collection will be performed.")], body: false, schema: nil),
            ])
            for sub in i.subresources where Discovery.servedSubresources.contains(sub) {
                switch sub {
                case "status":
                    paths["\(item)/status"] = .object([
                        "get": operation("get", "read\(idBase)Status", gvk: gvk, params: itemParams, body: false, schema: ref),
                        "put": operation("put", "replace\(idBase)Status", gvk: gvk, params: itemParams + Self.writeParams, body: true, schema: ref),
                        "patch": operation("patch", "patch\(idBase)Status", gvk: gvk, params: itemParams + Self.writeParams, body: true, schema: ref),
                    ])
                case "scale":
                    let sgvk = (group: "autoscaling", version: "v1", kind: "Scale")
                    paths["\(item)/scale"] = .object([
                        "get": operation("get", "read\(idBase)Scale", gvk: sgvk, params: itemParams, body: false, schema: nil),
                        "put": operation("put", "replace\(idBase)Scale", gvk: sgvk, params: itemParams + Self.writeParams, body: true, schema: nil),
                        "patch": operation("patch", "patch\(idBase)Scale", gvk: sgvk, params: itemParams + Self.writeParams, body: true, schema: nil),
                    ])
                case "binding":
                    paths["\(item)/binding"] = .object([
                        "post": operation("post", "create\(idBase)Binding", gvk: (group: "", version: "v1", kind: "Binding"),
                                          params: itemParams + Self.writeParams, body: true, schema: nil),
                    ])
                default: break
                }
            }
        }
        var components: [String: JSONValue] = [:]
        for name in schemaNames { if let s = schemas(name) { components[name] = s } }
        return .object([
            "openapi": "3.0.0",
            "info": .object(["title": "Kubernetes", "version": .string(SkiffVersion.gitVersion)]),
            "paths": .object(paths),
            "components": .object(["schemas": .object(components)]),
        ])
    }
}
