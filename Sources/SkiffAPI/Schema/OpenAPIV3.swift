import Foundation

/// The `/openapi/v3` documents, generated from the probed schemas of the served types.
/// kubectl 1.32 decides whether the server supports `fieldValidation` by looking for that
/// query parameter on the PATCH operation tagged with the object's
/// `x-kubernetes-group-version-kind`; `kubectl explain` reads the component schemas.
public enum OpenAPIV3 {
    static let metaPrefix = "io.k8s.apimachinery.pkg.apis.meta.v1."
    static let metaTypes: Set<String> = [
        "ObjectMeta", "ListMeta", "OwnerReference", "LabelSelector", "LabelSelectorRequirement", "Condition", "Status",
        "StatusDetails", "StatusCause", "DeleteOptions", "Preconditions", "APIResourceList", "APIResource", "APIGroupList",
        "APIGroup", "GroupVersionForDiscovery", "APIVersions", "ServerAddressByClientCIDR",
    ]
    static let appsTypes: Set<String> = [
        "Deployment", "DeploymentSpec", "DeploymentStatus", "DeploymentStrategy", "RollingUpdateDeployment", "DeploymentCondition",
        "ReplicaSet", "ReplicaSetSpec", "ReplicaSetStatus", "ReplicaSetCondition",
    ]

    /// The Kubernetes schema name of a Swift type (`Pod` -> `io.k8s.api.core.v1.Pod`).
    public static func schemaName(_ swiftName: String) -> String {
        if metaTypes.contains(swiftName) { return metaPrefix + swiftName }
        if appsTypes.contains(swiftName) || swiftName.hasPrefix("Deployment") || swiftName.hasPrefix("ReplicaSet") { return "io.k8s.api.apps.v1." + swiftName }
        if swiftName.hasPrefix("Scale") { return "io.k8s.api.autoscaling.v1." + swiftName }
        if swiftName.hasPrefix("Lease") { return "io.k8s.api.coordination.v1." + swiftName }
        return "io.k8s.api.core.v1." + swiftName
    }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func schemaJSON(_ t: SchemaType) -> JSONValue {
        switch t {
        case .string: return ["type": "string"]
        case .int32: return ["type": "integer", "format": "int32"]
        case .int64: return ["type": "integer", "format": "int64"]
        case .bool: return ["type": "boolean"]
        case .double: return ["type": "number", "format": "double"]
        case .quantity: return ref("io.k8s.apimachinery.pkg.api.resource.Quantity")
        case .intOrString: return ref("io.k8s.apimachinery.pkg.util.intstr.IntOrString")
        case .time: return ref(metaPrefix + "Time")
        case .microTime: return ref(metaPrefix + "MicroTime")
        case .any: return ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
        case .object(let name): return ref(schemaName(name))
        case .array(let el): return ["type": "array", "items": schemaJSON(el)]
        case .map(let el): return ["type": "object", "additionalProperties": schemaJSON(el)]
        }
    }

    static let leafSchemas: [String: JSONValue] = [
        "io.k8s.apimachinery.pkg.api.resource.Quantity": [
            "description": "Quantity is a fixed-point representation of a number, e.g. \"100m\" or \"128Mi\".",
            "oneOf": [["type": "string"], ["type": "number"]],
        ],
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString": [
            "description": "IntOrString is a type that can hold an int32 or a string.",
            "type": "string", "format": "int-or-string", "x-kubernetes-int-or-string": true,
        ],
        metaPrefix + "Time": ["description": "RFC 3339 time with second precision.", "type": "string", "format": "date-time"],
        metaPrefix + "MicroTime": ["description": "RFC 3339 time with microsecond precision.", "type": "string", "format": "date-time"],
        metaPrefix + "Patch": ["description": "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.", "type": "object"],
    ]

    static func objectSchemaJSON(_ s: ObjectSchema, gvk: ResourceInfo?) -> JSONValue {
        var props: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        for f in s.fields {
            var p = schemaJSON(f.type)
            if let meta = f.patch {
                if meta.strategy != "atomic" { p["x-kubernetes-patch-strategy"] = .string(meta.strategy) }
                if let k = meta.mergeKey {
                    p["x-kubernetes-patch-merge-key"] = .string(k)
                    p["x-kubernetes-list-type"] = "map"
                    p["x-kubernetes-list-map-keys"] = [.string(k)]
                } else if case .array = f.type {
                    p["x-kubernetes-list-type"] = meta.merges ? "set" : "atomic"
                }
            }
            props[f.name] = p
            if f.required { required.append(.string(f.name)) }
        }
        var o: JSONValue = ["type": "object", "properties": .object(props)]
        if !required.isEmpty { o["required"] = .array(required) }
        if let i = gvk {
            o["x-kubernetes-group-version-kind"] = [["group": .string(i.group), "kind": .string(i.kind), "version": .string(i.version)]]
        }
        return o
    }

    static func strategies(groupVersion: String) -> [any ResourceStrategy.Type] {
        APIResources.all.filter { $0.resourceInfo.apiVersion == groupVersion }
    }

    static func objectType<S: ResourceStrategy>(_ s: S.Type) -> any Decodable.Type { S.Object.self }

    /// The document for one group/version ("v1", "apps/v1", ...), or nil when none is served.
    public static func document(groupVersion: String, registry: SchemaRegistry = .shared) -> JSONValue? {
        let served = strategies(groupVersion: groupVersion)
        guard !served.isEmpty else { return nil }
        var kinds: [String: ResourceInfo] = [:]
        var roots: [String] = []
        for s in served {
            let t = objectType(s)
            if case .object(let name) = registry.schemaType(for: t) {
                kinds[name] = s.resourceInfo
                roots.append(name)
            }
        }
        var extraRoots = ["Status", "DeleteOptions"]
        if served.contains(where: { $0.resourceInfo.subresources.contains("scale") }) {
            _ = registry.schemaType(for: Scale.self)
            kinds["Scale"] = Scale.resourceInfo
            extraRoots.append("Scale")
        }
        if served.contains(where: { $0.resourceInfo.subresources.contains("binding") }) {
            _ = registry.schemaType(for: Binding.self)
            kinds["Binding"] = Binding.resourceInfo
            extraRoots.append("Binding")
        }
        _ = registry.schemaType(for: Status.self)
        _ = registry.schemaType(for: DeleteOptions.self)
        // Every schema reachable from the roots.
        var schemas: [String: JSONValue] = leafSchemas
        var queue = roots + extraRoots
        var seen = Set<String>()
        while let name = queue.popLast() {
            guard !seen.contains(name), let s = registry.schema(named: name) else { continue }
            seen.insert(name)
            schemas[schemaName(name)] = objectSchemaJSON(s, gvk: kinds[name])
            for f in s.fields { collectRefs(f.type, into: &queue) }
        }
        for s in served {
            let i = s.resourceInfo
            let listName = schemaName(i.listKind)
            schemas[listName] = [
                "type": "object",
                "required": ["items"],
                "properties": [
                    "apiVersion": ["type": "string"], "kind": ["type": "string"],
                    "metadata": ref(metaPrefix + "ListMeta"),
                    "items": ["type": "array", "items": ref(schemaName(i.kind))],
                ],
                "x-kubernetes-group-version-kind": [["group": .string(i.group), "kind": .string(i.listKind), "version": .string(i.version)]],
            ]
        }
        if schemas[metaPrefix + "ListMeta"] == nil, let lm = registry.schema(for: ListMeta.self) {
            schemas[metaPrefix + "ListMeta"] = objectSchemaJSON(lm, gvk: nil)
        }
        var paths: [String: JSONValue] = [:]
        for s in served { addPaths(for: s.resourceInfo, into: &paths) }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": .string(SkiffVersion.gitVersion)],
            "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }

    static func collectRefs(_ t: SchemaType, into q: inout [String]) {
        switch t {
        case .object(let n): q.append(n)
        case .array(let el), .map(let el): collectRefs(el, into: &q)
        default: break
        }
    }

    /// Every served group/version's document, built once (the types cannot change at run time)
    /// and already encoded, with the index that points at them.
    public struct Cache: Sendable {
        public let documents: [String: JSONValue]
        public let encoded: [String: [UInt8]]
        public let index: JSONValue
    }

    public static let cache: Cache = {
        var docs: [String: JSONValue] = [:]
        var bytes: [String: [UInt8]] = [:]
        for gv in APIResources.groupVersions {
            guard let d = document(groupVersion: gv) else { continue }
            docs[gv] = d
            bytes[gv] = Array(d.encoded())
        }
        return Cache(documents: docs, encoded: bytes, index: index())
    }()

    /// `/openapi/v3`: the index of per-group-version documents with content hashes, as kubectl
    /// expects (`{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."}}}`).
    public static func index(registry: SchemaRegistry = .shared) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for gv in APIResources.groupVersions {
            guard let doc = document(groupVersion: gv, registry: registry) else { continue }
            let key = gv.contains("/") ? "apis/\(gv)" : "api/\(gv)"
            paths[key] = ["serverRelativeURL": .string("/openapi/v3/\(key)?hash=\(hash(doc.encoded()))")]
        }
        return ["paths": .object(paths)]
    }

    /// FNV-1a 64 as hex: a stable content hash for cache-busting, not for security.
    public static func hash(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16, uppercase: true).leftPadded(16)
    }

    // MARK: paths

    static func param(_ name: String, _ inWhere: String, _ type: String, _ description: String, required: Bool = false, uniqueItems: Bool = false) -> JSONValue {
        var p: JSONValue = ["name": .string(name), "in": .string(inWhere), "description": .string(description), "schema": ["type": .string(type)]]
        if required { p["required"] = true }
        if uniqueItems { p["schema"]?["uniqueItems"] = true }
        return p
    }

    static let pretty = param("pretty", "query", "string", "If 'true', then the output is pretty printed.")
    static let dryRun = param("dryRun", "query", "string", "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed", uniqueItems: true)
    static let fieldManager = param("fieldManager", "query", "string", "fieldManager is a name associated with the actor or entity that is making these changes.", uniqueItems: true)
    static let fieldValidation = param("fieldValidation", "query", "string", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict", uniqueItems: true)
    static let force = param("force", "query", "boolean", "Force is going to \"force\" Apply requests.", uniqueItems: true)
    static let listParams: [JSONValue] = [
        param("allowWatchBookmarks", "query", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\".", uniqueItems: true),
        param("continue", "query", "string", "The continue option should be set when retrieving more results from the server.", uniqueItems: true),
        param("fieldSelector", "query", "string", "A selector to restrict the list of returned objects by their fields. Defaults to everything.", uniqueItems: true),
        param("labelSelector", "query", "string", "A selector to restrict the list of returned objects by their labels. Defaults to everything.", uniqueItems: true),
        param("limit", "query", "integer", "limit is a maximum number of responses to return for a list call.", uniqueItems: true),
        param("resourceVersion", "query", "string", "resourceVersion sets a constraint on what resource versions a request may be served from.", uniqueItems: true),
        param("resourceVersionMatch", "query", "string", "resourceVersionMatch determines how resourceVersion is applied to list calls.", uniqueItems: true),
        param("sendInitialEvents", "query", "boolean", "sendInitialEvents=true may be set together with watch=true.", uniqueItems: true),
        param("timeoutSeconds", "query", "integer", "Timeout for the list/watch call.", uniqueItems: true),
        param("watch", "query", "boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.", uniqueItems: true),
    ]
    static let deleteParams: [JSONValue] = [
        dryRun,
        param("gracePeriodSeconds", "query", "integer", "The duration in seconds before the object should be deleted.", uniqueItems: true),
        param("orphanDependents", "query", "boolean", "Deprecated: please use the PropagationPolicy.", uniqueItems: true),
        param("propagationPolicy", "query", "string", "Whether and how garbage collection will be performed: Orphan, Background, Foreground.", uniqueItems: true),
    ]

    static func response(_ schema: String) -> JSONValue {
        ["description": "OK", "content": ["application/json": ["schema": ref(schema)], "application/yaml": ["schema": ref(schema)]]]
    }

    static func operation(_ action: String, _ id: String, _ tag: String, _ gvk: ResourceInfo, params: [JSONValue], responseSchema: String, bodySchema: String? = nil, patchBody: Bool = false) -> JSONValue {
        var op: JSONValue = [
            "operationId": .string(id),
            "tags": [.string(tag)],
            "description": .string("\(action) \(gvk.kind)"),
            "parameters": .array(params),
            "responses": ["200": response(responseSchema), "401": ["description": "Unauthorized"]],
            "x-kubernetes-action": .string(action),
            "x-kubernetes-group-version-kind": ["group": .string(gvk.group), "kind": .string(gvk.kind), "version": .string(gvk.version)],
        ]
        if let body = bodySchema {
            op["requestBody"] = ["required": true, "content": ["*/*": ["schema": ref(body)]]]
            op["responses"]?["201"] = response(responseSchema)
        }
        if patchBody {
            let patchRef = ref(metaPrefix + "Patch")
            op["requestBody"] = ["required": true, "content": [
                "application/apply-patch+yaml": ["schema": patchRef],
                "application/json-patch+json": ["schema": patchRef],
                "application/merge-patch+json": ["schema": patchRef],
                "application/strategic-merge-patch+json": ["schema": patchRef],
            ]]
            op["responses"]?["201"] = response(responseSchema)
        }
        return op
    }

    static func addPaths(for i: ResourceInfo, into paths: inout [String: JSONValue]) {
        let prefix = i.group.isEmpty ? "/api/\(i.version)" : "/apis/\(i.group)/\(i.version)"
        let tag = i.group.isEmpty ? "core_\(i.version)" : "\(i.group.split(separator: ".").first.map(String.init) ?? i.group)_\(i.version)"
        let idKind = i.kind
        let idGV = (i.group.isEmpty ? "Core" : (i.group.split(separator: ".").first.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? "")) + i.version.prefix(1).uppercased() + i.version.dropFirst()
        let ns = i.namespaced ? "Namespaced" : ""
        let kindSchema = schemaName(i.kind)
        let listSchema = schemaName(i.listKind)
        let nsParam = param("namespace", "path", "string", "object name and auth scope, such as for teams and projects", required: true)
        let nameParam = param("name", "path", "string", "name of the \(i.kind)", required: true)
        let collection = i.namespaced ? "\(prefix)/namespaces/{namespace}/\(i.plural)" : "\(prefix)/\(i.plural)"
        let item = "\(collection)/{name}"
        var collParams: [JSONValue] = [pretty]
        if i.namespaced { collParams.insert(nsParam, at: 0) }
        paths[collection] = [
            "parameters": .array(collParams),
            "get": operation("list", "list\(idGV)\(ns)\(idKind)", tag, i, params: listParams, responseSchema: listSchema),
            "post": operation("post", "create\(idGV)\(ns)\(idKind)", tag, i, params: [dryRun, fieldManager, fieldValidation], responseSchema: kindSchema, bodySchema: kindSchema),
            "delete": operation("deletecollection", "deletecollection\(idGV)\(ns)\(idKind)", tag, i, params: deleteParams + listParams, responseSchema: metaPrefix + "Status"),
        ]
        paths[item] = [
            "parameters": .array((i.namespaced ? [nameParam, nsParam] : [nameParam]) + [pretty]),
            "get": operation("get", "read\(idGV)\(ns)\(idKind)", tag, i, params: [], responseSchema: kindSchema),
            "put": operation("put", "replace\(idGV)\(ns)\(idKind)", tag, i, params: [dryRun, fieldManager, fieldValidation], responseSchema: kindSchema, bodySchema: kindSchema),
            "patch": operation("patch", "patch\(idGV)\(ns)\(idKind)", tag, i, params: [dryRun, fieldManager, fieldValidation, force], responseSchema: kindSchema, patchBody: true),
            "delete": operation("delete", "delete\(idGV)\(ns)\(idKind)", tag, i, params: deleteParams, responseSchema: metaPrefix + "Status"),
        ]
        if i.namespaced {
            paths["\(prefix)/\(i.plural)"] = [
                "parameters": [pretty],
                "get": operation("list", "list\(idGV)\(idKind)ForAllNamespaces", tag, i, params: listParams, responseSchema: listSchema),
            ]
        }
        for sub in i.subresources {
            let subPath = "\(item)/\(sub)"
            let subParams: JSONValue = .array((i.namespaced ? [nameParam, nsParam] : [nameParam]) + [pretty])
            let suffix = sub.prefix(1).uppercased() + sub.dropFirst()
            switch sub {
            case "status":
                paths[subPath] = [
                    "parameters": subParams,
                    "get": operation("get", "read\(idGV)\(ns)\(idKind)\(suffix)", tag, i, params: [], responseSchema: kindSchema),
                    "put": operation("put", "replace\(idGV)\(ns)\(idKind)\(suffix)", tag, i, params: [dryRun, fieldManager, fieldValidation], responseSchema: kindSchema, bodySchema: kindSchema),
                    "patch": operation("patch", "patch\(idGV)\(ns)\(idKind)\(suffix)", tag, i, params: [dryRun, fieldManager, fieldValidation, force], responseSchema: kindSchema, patchBody: true),
                ]
            case "scale":
                let scale = Scale.resourceInfo
                let scaleSchema = schemaName("Scale")
                paths[subPath] = [
                    "parameters": subParams,
                    "get": operation("get", "read\(idGV)\(ns)\(idKind)\(suffix)", tag, scale, params: [], responseSchema: scaleSchema),
                    "put": operation("put", "replace\(idGV)\(ns)\(idKind)\(suffix)", tag, scale, params: [dryRun, fieldManager, fieldValidation], responseSchema: scaleSchema, bodySchema: scaleSchema),
                    "patch": operation("patch", "patch\(idGV)\(ns)\(idKind)\(suffix)", tag, scale, params: [dryRun, fieldManager, fieldValidation, force], responseSchema: scaleSchema, patchBody: true),
                ]
            case "binding":
                let b = Binding.resourceInfo
                paths[subPath] = [
                    "parameters": subParams,
                    "post": operation("post", "create\(idGV)\(ns)\(idKind)Binding", tag, b, params: [dryRun, fieldManager, fieldValidation], responseSchema: schemaName("Binding"), bodySchema: schemaName("Binding")),
                ]
            default:
                continue
            }
        }
    }
}
