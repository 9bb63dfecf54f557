import Foundation
import Logging
import SkiffAPI
import SkiffStore

/// Resource-specific side effects around storage (cluster IP and node port allocation for
/// services). The registry calls them; they never decide the generic semantics.
public protocol RegistryHooks: Sendable {
    /// Called after validation, before the object is stored; returns the object to store.
    func beforeCreate(_ h: ResourceHandler, _ object: JSONValue) async throws -> JSONValue
    /// Undo `beforeCreate` when storing failed.
    func createFailed(_ h: ResourceHandler, _ object: JSONValue) async
    func beforeUpdate(_ h: ResourceHandler, _ object: JSONValue, old: JSONValue) async throws -> JSONValue
    func afterDelete(_ h: ResourceHandler, _ object: JSONValue) async
}

/// Options of a delete (metav1.DeleteOptions).
public struct DeleteRequest: Sendable {
    public var gracePeriodSeconds: Int64?
    public var propagationPolicy: String?
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var dryRun = false

    public init() {}

    /// Reads a DeleteOptions body (may be empty) and the query parameters that mirror it.
    public static func parse(body: JSONValue?, query: [String: String]) throws -> DeleteRequest {
        var d = DeleteRequest()
        if let b = body, case .object = b {
            if let g = b["gracePeriodSeconds"], !g.isNull {
                guard let v = g.intValue else { throw APIError.badRequest("gracePeriodSeconds: expected an integer") }
                d.gracePeriodSeconds = v
            }
            d.propagationPolicy = b["propagationPolicy"]?.stringValue
            d.preconditionUID = b.value(at: ["preconditions", "uid"])?.stringValue
            d.preconditionResourceVersion = b.value(at: ["preconditions", "resourceVersion"])?.stringValue
            if case .array(let a)? = b["dryRun"], !a.isEmpty { d.dryRun = true }
        }
        if let g = query["gracePeriodSeconds"], !g.isEmpty {
            guard let v = Int64(g) else { throw APIError.badRequest("gracePeriodSeconds: expected an integer, got \"\(g)\"") }
            d.gracePeriodSeconds = v
        }
        if let p = query["propagationPolicy"], !p.isEmpty { d.propagationPolicy = p }
        if let p = d.propagationPolicy, !["Orphan", "Background", "Foreground"].contains(p) {
            throw APIError.badRequest("propagationPolicy: Unsupported value: \"\(p)\": supported values: \"Foreground\", \"Background\", \"Orphan\"")
        }
        if query["dryRun"] == "All" { d.dryRun = true }
        return d
    }
}

/// A listed page.
public struct ListPage: Sendable {
    public var items: [JSONValue]
    public var revision: Int64
    public var continueToken: String?
    public var remaining: Int64?
}

/// The generic registry: every resource's create/get/list/update/patch/delete/watch over the
/// revisioned store, driven by `ResourceHandler` (Kubernetes' generic registry store).
///
/// Stored values are the object's JSON; `metadata.resourceVersion` is never stored but set from
/// the store's `modRevision` on every read, so it is always exact.
public final class Registry: Sendable {
    public let store: any KVStore
    public let catalog: ResourceCatalog
    public let cache: WatchCache
    let hooks: [String: any RegistryHooks]   // by qualified resource
    let activeNamespaces = RecentSet(ttl: .seconds(1))
    let logger = Logger(label: "skiff.apiserver.registry")

    public init(store: any KVStore, catalog: ResourceCatalog, cache: WatchCache, hooks: [String: any RegistryHooks] = [:]) {
        self.store = store
        self.catalog = catalog
        self.cache = cache
        self.hooks = hooks
    }

    // MARK: keys

    public static func groupSegment(_ info: ResourceInfo) -> String { info.group.isEmpty ? "core" : info.group }

    /// `/registry/<group>/<plural>/[<ns>/]` — the prefix of a collection.
    public static func prefix(_ info: ResourceInfo, namespace: String?) -> String {
        var p = "/registry/\(groupSegment(info))/\(info.plural)/"
        if info.namespaced, let ns = namespace, !ns.isEmpty { p += "\(ns)/" }
        return p
    }

    public static func key(_ info: ResourceInfo, namespace: String?, name: String) -> String {
        if info.namespaced { return "/registry/\(groupSegment(info))/\(info.plural)/\(namespace ?? "")/\(name)" }
        return "/registry/\(groupSegment(info))/\(info.plural)/\(name)"
    }

    func hook(_ h: ResourceHandler) -> (any RegistryHooks)? { hooks[h.info.qualifiedResource] }

    // MARK: reads

    /// The stored object, or 404.
    public func get(_ h: ResourceHandler, namespace: String?, name: String) async throws -> JSONValue {
        let (obj, _) = try await getWithKV(h, namespace: namespace, name: name)
        return obj
    }

    /// The stored object's bytes (with resourceVersion), or 404.
    public func getEncoded(_ h: ResourceHandler, namespace: String?, name: String) async throws -> Data {
        let key = Self.key(h.info, namespace: namespace, name: name)
        let kv: KeyValue?
        do { kv = try await store.get(key) } catch let e as StoreError { throw APIError.fromStore(e) }
        guard let kv else { throw APIError.notFound(h.info, name) }
        return try encodedStored(kv)
    }

    func getWithKV(_ h: ResourceHandler, namespace: String?, name: String) async throws -> (JSONValue, KeyValue) {
        let key = Self.key(h.info, namespace: namespace, name: name)
        let kv: KeyValue?
        do { kv = try await store.get(key) } catch let e as StoreError { throw APIError.fromStore(e) }
        guard let kv else { throw APIError.notFound(h.info, name) }
        return (try decodeStored(kv), kv)
    }

    func decodeStored(_ kv: KeyValue) throws -> JSONValue {
        do {
            return try JSONValue(from: kv.value).withResourceVersion(kv.modRevision)
        } catch {
            throw APIError.internalError("stored object \(kv.key) is not valid JSON: \(error)")
        }
    }

    /// Whether an object passes a list's label and field selectors.
    public func matches(_ h: ResourceHandler, _ obj: JSONValue, options: ListOptions) -> Bool {
        if !options.labelSelector.isEmpty && !options.labelSelector.matches(obj.metadataLabels) { return false }
        if !options.fieldSelector.isEmpty {
            return options.fieldSelector.matches { path in
                switch path {
                case "metadata.name": return obj.metadataName
                case "metadata.namespace": return obj.metadataNamespace ?? ""
                default: return h.fieldValue(obj, path: path)
                }
            }
        }
        return true
    }

    /// Fields the resource does not support in selectors are a 400, as in Kubernetes.
    func checkFieldSelector(_ h: ResourceHandler, _ options: ListOptions) throws {
        for r in options.fieldSelector.requirements where r.field != "metadata.name" && r.field != "metadata.namespace" {
            if h.fieldValue(.object([:]), path: r.field) == nil && !knownSelectable(h, r.field) {
                throw APIError.badRequest("field label not supported: \(r.field)")
            }
        }
    }

    /// A strategy answers nil for an unsupported path, but may also answer nil for an empty
    /// object it cannot decode; probe with a minimal object of the right kind.
    private func knownSelectable(_ h: ResourceHandler, _ field: String) -> Bool {
        let probe: JSONValue = .object(["apiVersion": .string(h.info.apiVersion), "kind": .string(h.info.kind),
                                        "metadata": .object(["name": "probe"])])
        return h.fieldValue(probe, path: field) != nil
    }

    /// A consistent list (or one page of it) with selectors applied.
    public func list(_ h: ResourceHandler, namespace: String?, options: ListOptions) async throws -> ListPage {
        var items: [JSONValue] = []
        let (revision, token) = try await scan(h, namespace: namespace, options: options) { kv in
            let obj = try self.decodeStored(kv)
            guard self.matches(h, obj, options: options) else { return false }
            items.append(obj)
            return true
        }
        return ListPage(items: items, revision: revision, continueToken: token, remaining: nil)
    }

    /// The same list as encoded objects, without parsing them (no selectors allowed: nil then).
    public func listEncoded(_ h: ResourceHandler, namespace: String?, options: ListOptions) async throws -> (items: [Data], revision: Int64, continueToken: String?)? {
        guard options.labelSelector.isEmpty && options.fieldSelector.isEmpty else { return nil }
        var items: [Data] = []
        let (revision, token) = try await scan(h, namespace: namespace, options: options) { kv in
            items.append(try self.encodedStored(kv))
            return true
        }
        return (items, revision, token)
    }

    /// A stored object's bytes with its resourceVersion, spliced without a parse when possible.
    func encodedStored(_ kv: KeyValue) throws -> Data {
        if let d = StoredJSON.withResourceVersion(kv.value, kv.modRevision) { return d }
        return try decodeStored(kv).encoded()
    }

    /// Walks the collection at one revision in key order, page by page, handing each item to
    /// `take` (which says whether it counted toward `limit`); returns the revision read and a
    /// continue token when items remain.
    func scan(_ h: ResourceHandler, namespace: String?, options: ListOptions,
              take: (KeyValue) throws -> Bool) async throws -> (Int64, String?) {
        try checkFieldSelector(h, options)
        let prefix = Self.prefix(h.info, namespace: namespace)
        var revision: Int64? = nil
        var startAfter: String? = nil
        if let c = options.continueToken {
            revision = c.rv
            startAfter = c.start
        }
        var taken = 0
        var readRevision: Int64 = 0
        var more = false
        var lastKey: String? = nil
        let pageSize = options.limit > 0 ? max(options.limit, 64) : 0
        outer: while true {
            let page: ListResult
            do {
                page = try await store.list(prefix: prefix, revision: revision, startAfter: startAfter, limit: pageSize)
            } catch let e as StoreError {
                if case .compacted = e, options.continueToken != nil {
                    throw APIError.gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
                }
                throw APIError.fromStore(e)
            }
            readRevision = page.revision
            revision = page.revision
            for (idx, kv) in page.items.enumerated() {
                lastKey = kv.key
                if try take(kv) {
                    taken += 1
                    if options.limit > 0 && taken >= options.limit {
                        more = idx + 1 < page.items.count || page.more
                        break outer
                    }
                }
            }
            guard page.more, let last = page.items.last?.key else { break }
            startAfter = last
        }
        var token: String? = nil
        if more, let lastKey {
            token = ContinueToken(rv: readRevision, start: lastKey).encode()
        }
        return (readRevision, token)
    }

    // MARK: create

    /// Creates an object: metadata filled (generateName, uid, creationTimestamp, generation),
    /// defaulted, validated, namespace checked, stored create-if-absent.
    public func create(_ h: ResourceHandler, namespace: String?, body: JSONValue, dryRun: Bool = false) async throws -> JSONValue {
        let created = try await createEncoded(h, namespace: namespace, body: body, dryRun: dryRun)
        do { return try JSONValue(from: created) } catch {
            throw APIError.internalError("created object is not valid JSON: \(error)")
        }
    }

    /// `create` answering with the created object's bytes (resourceVersion set): the object is
    /// encoded once, for the store, and the answer splices its revision into those bytes.
    public func createEncoded(_ h: ResourceHandler, namespace: String?, body: JSONValue, dryRun: Bool = false) async throws -> Data {
        guard case .object = body else { throw APIError.badRequest("the request body must be a JSON or YAML object") }
        if let kind = body["kind"]?.stringValue, !kind.isEmpty, kind != h.info.kind {
            throw APIError.badRequest("the kind of the body (\(kind)) does not match the resource (\(h.info.kind))")
        }
        if h.info.namespaced {
            guard let ns = namespace, !ns.isEmpty else { throw APIError.badRequest("a namespace is required to create \(h.info.plural)") }
            if let bodyNS = body.metadataNamespace, !bodyNS.isEmpty, bodyNS != ns {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            try await checkNamespaceAcceptsContent(ns, h: h, name: body.metadataName)
        }
        let ns = h.info.namespaced ? namespace : nil
        let fillMeta: @Sendable (inout ObjectMeta) throws -> Void = { meta in
            if (meta.name ?? "").isEmpty, let g = meta.generateName, !g.isEmpty {
                meta.name = g + NameGenerator.suffix()
            }
            meta.namespace = ns
            meta.uid = UUID().uuidString.lowercased()
            meta.creationTimestamp = Time.now()
            meta.resourceVersion = nil
            meta.selfLink = nil
            meta.generation = 1
            meta.deletionTimestamp = nil
            meta.deletionGracePeriodSeconds = nil
        }
        let hook = self.hook(h)
        for attempt in 0..<3 {
            // The tree is built only when something works on it: a dry run's answer or a hook.
            var tree: JSONValue?
            let name: String
            let stored: Data
            if dryRun || hook != nil {
                var obj = try h.prepareCreate(body, fillMeta: fillMeta)
                if dryRun { return obj.encoded() }
                name = obj.metadataName
                if let hook {
                    // Refuse a taken name before allocating anything for it.
                    if (try? await store.get(Self.key(h.info, namespace: ns, name: name))) != nil {
                        throw APIError.alreadyExists(h.info, name)
                    }
                    obj = try await hook.beforeCreate(h, obj)
                }
                tree = obj
                stored = storedBytes(obj)
            } else {
                let encoded = try h.prepareCreateEncoded(body, fillMeta: fillMeta)
                name = encoded.name
                stored = encoded.bytes
            }
            let key = Self.key(h.info, namespace: ns, name: name)
            do {
                let rev = try await store.create(key, value: stored)
                if let spliced = StoredJSON.withResourceVersion(stored, rev) { return spliced }
                return try (tree ?? JSONValue(from: stored)).withResourceVersion(rev).encoded()
            } catch let e as StoreError {
                if let hook, let tree { await hook.createFailed(h, tree) }
                if case .keyExists = e {
                    let generated = body.metadataName.isEmpty && body.value(at: ["metadata", "generateName"]) != nil
                    if generated && attempt < 2 { continue }
                    throw APIError.alreadyExists(h.info, name)
                }
                throw APIError.fromStore(e)
            }
        }
        throw APIError.internalError("could not generate a unique name")
    }

    func storedBytes(_ obj: JSONValue) -> Data {
        obj.setting(["metadata", "resourceVersion"], to: nil).encoded()
    }

    /// Objects may only be created in a namespace that exists and is not being deleted. An
    /// active namespace is remembered for a moment (as Kubernetes' namespace lifecycle check
    /// reads an informer), so a stream of creates costs one store read, not one per create.
    func checkNamespaceAcceptsContent(_ ns: String, h: ResourceHandler, name: String) async throws {
        if activeNamespaces.isFresh(ns) { return }
        guard let nsHandler = catalog.handler(group: "", version: "v1", plural: "namespaces") else { return }
        let kv: KeyValue?
        do { kv = try await store.get(Self.key(nsHandler.info, namespace: nil, name: ns)) } catch let e as StoreError {
            throw APIError.fromStore(e)
        }
        guard let kv else { throw APIError.notFound(nsHandler.info, ns) }
        let obj = try decodeStored(kv)
        if obj.value(at: ["metadata", "deletionTimestamp"]) != nil || obj.value(at: ["status", "phase"])?.stringValue == "Terminating" {
            throw APIError.forbidden("\(h.info.qualifiedResource) \"\(name)\" is forbidden: unable to create new content in namespace \(ns) because it is being terminated",
                                     info: h.info, name: name)
        }
        activeNamespaces.remember(ns)
    }

    // MARK: update

    /// Replaces an object through the main or the status endpoint with optimistic concurrency:
    /// a body carrying a resourceVersion other than the stored one gets 409 Conflict.
    public func update(_ h: ResourceHandler, namespace: String?, name: String, body: JSONValue,
                       kind: ResourceHandler.UpdateKind = .main, dryRun: Bool = false) async throws -> JSONValue {
        guard case .object = body else { throw APIError.badRequest("the request body must be a JSON or YAML object") }
        let bodyName = body.metadataName
        if !bodyName.isEmpty && bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if h.info.namespaced, let bodyNS = body.metadataNamespace, !bodyNS.isEmpty, bodyNS != namespace {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        let pinned = body.value(at: ["metadata", "resourceVersion"])?.stringValue ?? ""
        return try await guaranteedUpdate(h, namespace: namespace, name: name, dryRun: dryRun) { current in
            if !pinned.isEmpty && pinned != current.value(at: ["metadata", "resourceVersion"])?.stringValue {
                throw APIError.conflict(h.info, name)
            }
            return body
        } finish: { candidate, current in
            try self.normalizeUpdate(h, candidate: candidate, current: current, kind: kind, name: name)
        }
    }

    /// Runs the strategy's update rules and carries over what clients cannot change.
    func normalizeUpdate(_ h: ResourceHandler, candidate: JSONValue, current: JSONValue,
                         kind: ResourceHandler.UpdateKind, name: String) throws -> JSONValue {
        try h.prepareUpdate(candidate, old: current, kind: kind) { meta, old in
            meta.name = old.name
            meta.namespace = old.namespace
            meta.uid = old.uid
            meta.creationTimestamp = old.creationTimestamp
            meta.deletionTimestamp = old.deletionTimestamp
            meta.deletionGracePeriodSeconds = old.deletionGracePeriodSeconds
            meta.generation = old.generation
            meta.generateName = meta.generateName ?? old.generateName
            meta.selfLink = nil
            meta.resourceVersion = old.resourceVersion
            if old.deletionTimestamp != nil, let newF = meta.finalizers {
                // A deleting object may lose finalizers but not gain new ones.
                let oldF = Set(old.finalizers ?? [])
                if newF.contains(where: { !oldF.contains($0) }) {
                    throw APIError.forbidden("\(h.info.qualifiedResource) \"\(name)\" is forbidden: no new finalizers can be added if the object is being deleted",
                                             info: h.info, name: name)
                }
            }
        }
    }

    /// Read-modify-write with compare-and-swap, retried on a concurrent change. `mutate` gets
    /// the current object and returns the candidate (or throws, e.g. 409 for a pinned
    /// resourceVersion); `finish` normalizes it. An update that changes nothing is not written.
    /// An object that is being deleted and has lost its last finalizer is deleted.
    func guaranteedUpdate(_ h: ResourceHandler, namespace: String?, name: String, dryRun: Bool,
                          mutate: (JSONValue) throws -> JSONValue,
                          finish: (JSONValue, JSONValue) throws -> JSONValue) async throws -> JSONValue {
        for _ in 0..<32 {
            let (current, kv) = try await getWithKV(h, namespace: namespace, name: name)
            let candidate = try mutate(current)
            var updated = try finish(candidate, current)
            updated = updated.withResourceVersion(kv.modRevision)
            if updated == current { return current }
            if dryRun { return updated }
            if let hook = hook(h) { updated = try await hook.beforeUpdate(h, updated, old: current) }
            do {
                if Self.readyToFinalize(updated) {
                    let deleted = try await store.delete(kv.key, expectedRevision: kv.modRevision)
                    if let hook = hook(h) { await hook.afterDelete(h, updated) }
                    return updated.withResourceVersion(deleted.modRevision)
                }
                let rev = try await store.update(kv.key, value: storedBytes(updated), expectedRevision: kv.modRevision)
                return updated.withResourceVersion(rev)
            } catch let e as StoreError {
                try Self.throwUnlessConflict(e, h.info, name)
                continue
            }
        }
        throw APIError.conflict(h.info, name)
    }

    /// A conditional write's store error as the API error it stands for; a conflict (someone
    /// wrote first) throws nothing: the caller reads again and retries.
    static func throwUnlessConflict(_ e: StoreError, _ info: ResourceInfo, _ name: String) throws {
        switch e {
        case .conflict: return
        case .notFound: throw APIError.notFound(info, name)
        default: throw APIError.fromStore(e)
        }
    }

    /// Deleting (deletionTimestamp set), no finalizers left and no grace period pending.
    static func readyToFinalize(_ obj: JSONValue) -> Bool {
        guard obj.value(at: ["metadata", "deletionTimestamp"]) != nil else { return false }
        if case .array(let f)? = obj.value(at: ["metadata", "finalizers"]), !f.isEmpty { return false }
        return (obj.value(at: ["metadata", "deletionGracePeriodSeconds"])?.intValue ?? 0) == 0
    }

    // MARK: patch

    /// Applies a patch to the current object and stores the result as an update would.
    public func patch(_ h: ResourceHandler, namespace: String?, name: String, kind: ResourceHandler.UpdateKind,
                      dryRun: Bool = false, apply: @escaping @Sendable (JSONValue) throws -> JSONValue) async throws -> JSONValue {
        try await guaranteedUpdate(h, namespace: namespace, name: name, dryRun: dryRun) { current in
            let patched = try apply(current)
            guard case .object = patched else { throw APIError.badRequest("the patched object must be a JSON object") }
            if patched.metadataName != name {
                throw APIError.badRequest("the name of the object (\(patched.metadataName)) does not match the name on the URL (\(name))")
            }
            let pinned = patched.value(at: ["metadata", "resourceVersion"])?.stringValue ?? ""
            if !pinned.isEmpty && pinned != current.value(at: ["metadata", "resourceVersion"])?.stringValue {
                throw APIError.conflict(h.info, name)
            }
            return patched
        } finish: { candidate, current in
            try self.normalizeUpdate(h, candidate: candidate, current: current, kind: kind, name: name)
        }
    }

    // MARK: delete

    /// Deletes an object, gracefully where it must: a pod bound to a node gets a deletion
    /// timestamp and grace period and stays until its node deletes it with grace 0; an object
    /// with finalizers stays until they are gone. Returns the object and whether it is gone.
    public func delete(_ h: ResourceHandler, namespace: String?, name: String, options: DeleteRequest) async throws -> (object: JSONValue, gone: Bool) {
        if h.info.group == "" && h.info.plural == "namespaces" {
            return try await deleteNamespace(h, name: name, options: options)
        }
        for _ in 0..<32 {
            let (current, kv) = try await getWithKV(h, namespace: namespace, name: name)
            let meta = try current.objectMeta()
            if let uid = options.preconditionUID, uid != meta.uid {
                throw APIError(.conflict(h.info, name: name, detail: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(meta.uid ?? "")"))
            }
            if let rv = options.preconditionResourceVersion, rv != meta.resourceVersion {
                throw APIError(.conflict(h.info, name: name, detail: "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(meta.resourceVersion ?? "")"))
            }
            let grace = gracePeriod(h, current, options: options)
            let finalizers = Self.finalizers(meta.finalizers ?? [], policy: options.propagationPolicy)
            let finalizersChanged = finalizers != (meta.finalizers ?? [])
            if grace == 0 && finalizers.isEmpty {
                if options.dryRun { return (current, true) }
                do {
                    let deleted = try await store.delete(kv.key, expectedRevision: kv.modRevision)
                    if let hook = hook(h) { await hook.afterDelete(h, current) }
                    return (current.withResourceVersion(deleted.modRevision), true)
                } catch let e as StoreError {
                    try Self.throwUnlessConflict(e, h.info, name)
                    continue
                }
            }
            // Graceful: mark (or shorten) and keep the object.
            var newMeta = meta
            let now = Time.now()
            if let existing = meta.deletionGracePeriodSeconds, meta.deletionTimestamp != nil {
                if grace >= existing && !finalizersChanged { return (current, false) }
            }
            newMeta.finalizers = finalizers.isEmpty ? nil : finalizers
            newMeta.deletionGracePeriodSeconds = min(grace, meta.deletionGracePeriodSeconds ?? grace)
            let deadline = Time(secondsSinceEpoch: now.secondsSinceEpoch + grace)
            if let old = meta.deletionTimestamp, old < deadline {
                newMeta.deletionTimestamp = old
            } else {
                newMeta.deletionTimestamp = deadline
            }
            var updated = try current.withObjectMeta(newMeta)
            if options.dryRun { return (updated, false) }
            do {
                let rev = try await store.update(kv.key, value: storedBytes(updated), expectedRevision: kv.modRevision)
                updated = updated.withResourceVersion(rev)
                return (updated, false)
            } catch let e as StoreError {
                try Self.throwUnlessConflict(e, h.info, name)
                continue
            }
        }
        throw APIError.conflict(h.info, name)
    }

    /// The finalizers the garbage collector acts on, set by the delete's propagation policy:
    /// Orphan adds `orphan` (dependents lose their owner reference), Foreground adds
    /// `foregroundDeletion` (dependents go first), Background drops both; none keeps them.
    static func finalizers(_ current: [String], policy: String?) -> [String] {
        var f = current
        func add(_ x: String) { if !f.contains(x) { f.append(x) } }
        switch policy {
        case "Orphan":
            f.removeAll { $0 == "foregroundDeletion" }
            add("orphan")
        case "Foreground":
            f.removeAll { $0 == "orphan" }
            add("foregroundDeletion")
        case "Background":
            f.removeAll { $0 == "orphan" || $0 == "foregroundDeletion" }
        default:
            break
        }
        return f
    }

    /// Pods on a node get their grace period (options, else the pod's own, else 30s); pods
    /// never scheduled or already finished go at once, as do all other resources.
    func gracePeriod(_ h: ResourceHandler, _ obj: JSONValue, options: DeleteRequest) -> Int64 {
        guard h.info.group == "" && h.info.plural == "pods" else { return 0 }
        let node = obj.value(at: ["spec", "nodeName"])?.stringValue ?? ""
        if node.isEmpty { return 0 }
        if Pod.isTerminal(phase: obj.value(at: ["status", "phase"])?.stringValue) { return 0 }
        var g = options.gracePeriodSeconds ?? obj.value(at: ["spec", "terminationGracePeriodSeconds"])?.intValue ?? 30
        if g < 0 { g = 0 }
        // Kubernetes turns a requested 0 into 1 unless forced; `--force` sends 0 with
        // `--grace-period=0`, which deletes at once.
        return g
    }

    /// Marks a namespace Terminating and removes its contents in the background, then the
    /// namespace itself. The initial namespaces may not be deleted.
    func deleteNamespace(_ h: ResourceHandler, name: String, options: DeleteRequest) async throws -> (object: JSONValue, gone: Bool) {
        if ["default", "kube-system", "kube-public"].contains(name) {
            throw APIError.forbidden("namespaces \"\(name)\" is forbidden: this namespace may not be deleted", info: h.info, name: name)
        }
        activeNamespaces.forget(name)
        let updated = try await guaranteedUpdate(h, namespace: nil, name: name, dryRun: options.dryRun) { current in
            var obj = current
            if obj.value(at: ["metadata", "deletionTimestamp"]) == nil {
                obj = obj.setting(["metadata", "deletionTimestamp"], to: .string(Time.now().rfc3339))
                obj = obj.setting(["metadata", "deletionGracePeriodSeconds"], to: .int(0))
            }
            return obj.setting(["status", "phase"], to: "Terminating")
        } finish: { candidate, _ in
            // Keep the finalizers so the object stays until its contents are gone.
            candidate.setting(["metadata", "finalizers"], to: .array(["kubernetes"]))
        }
        if !options.dryRun {
            Task { await self.finalizeNamespace(h, name: name) }
        }
        return (updated, false)
    }

    /// The namespace finalizer: deletes every namespaced object in it, waits until they are all
    /// gone (bound pods wait for their nodes), then removes the namespace.
    func finalizeNamespace(_ nsHandler: ResourceHandler, name: String) async {
        for round in 0..<3600 {
            var remaining = 0
            for h in catalog.handlers where h.info.namespaced {
                guard let page = try? await list(h, namespace: name, options: ListOptions()) else { remaining += 1; continue }
                for obj in page.items {
                    remaining += 1
                    if obj.value(at: ["metadata", "deletionTimestamp"]) == nil || round > 0 {
                        _ = try? await delete(h, namespace: name, name: obj.metadataName, options: DeleteRequest())
                    }
                }
            }
            if remaining == 0 { break }
            try? await Task.sleep(nanoseconds: 1_000_000_000)
        }
        _ = try? await guaranteedUpdate(nsHandler, namespace: nil, name: name, dryRun: false) { current in
            current.setting(["metadata", "finalizers"], to: nil)
        } finish: { candidate, _ in candidate }
    }

    // MARK: binding

    /// `POST pods/NAME/binding`: sets spec.nodeName once; a pod already bound is a 409.
    public func bind(_ h: ResourceHandler, namespace: String?, name: String, body: JSONValue) async throws {
        guard let node = body.value(at: ["target", "name"])?.stringValue, !node.isEmpty else {
            throw APIError(.invalid(ResourceInfo(kind: "Binding", plural: "bindings", namespaced: true), name: name,
                                    errors: [FieldError(kind: .required, field: "target.name")]))
        }
        let bindInfo = ResourceInfo(kind: "Binding", plural: "pods/binding", namespaced: true)
        let uid = body.value(at: ["metadata", "uid"])?.stringValue
        if try await bindSpliced(h, namespace: namespace, name: name, node: node, uid: uid) { return }
        _ = try await guaranteedUpdate(h, namespace: namespace, name: name, dryRun: false) { current in
            if current.value(at: ["metadata", "deletionTimestamp"]) != nil {
                throw APIError(.conflict(bindInfo, name: name, detail: "pod \(name) is being deleted, cannot be assigned to a host"))
            }
            let existing = current.value(at: ["spec", "nodeName"])?.stringValue ?? ""
            if !existing.isEmpty {
                throw APIError(.conflict(bindInfo, name: name, detail: "pod \(name) is already assigned to node \"\(existing)\""))
            }
            if let uid, !uid.isEmpty, uid != current.value(at: ["metadata", "uid"])?.stringValue {
                throw APIError(.conflict(bindInfo, name: name, detail: "Precondition failed: UID in precondition: \(uid)"))
            }
            var obj = current.setting(["spec", "nodeName"], to: .string(node))
            var conditions: [JSONValue] = []
            if case .array(let c)? = obj.value(at: ["status", "conditions"]) {
                conditions = c.filter { $0["type"]?.stringValue != "PodScheduled" }
            }
            conditions.append(PodBindingSplice.scheduledCondition(at: Time.now()))
            obj = obj.setting(["status", "conditions"], to: .array(conditions))
            return obj
        } finish: { candidate, _ in candidate }
    }

    /// The common binding (see `PodBindingSplice`) written without parsing the pod: true when
    /// done, false when the tree path must decide.
    func bindSpliced(_ h: ResourceHandler, namespace: String?, name: String, node: String, uid: String?) async throws -> Bool {
        let key = Self.key(h.info, namespace: namespace, name: name)
        let now = Time.now()
        do {
            // One read-modify-write in the store: the splice runs on the current bytes.
            return try await store.modify(key) { PodBindingSplice.bound($0.value, node: node, uid: uid, at: now) } != nil
        } catch let e as StoreError {
            // Other writers kept winning: the tree path decides.
            try Self.throwUnlessConflict(e, h.info, name)
            return false
        }
    }
}

/// Names seen recently, each remembered for `ttl`.
final class RecentSet: @unchecked Sendable {
    private var seen: [String: ContinuousClock.Instant] = [:]
    private let lock = NSLock()
    private let ttl: Duration

    init(ttl: Duration) { self.ttl = ttl }

    func isFresh(_ name: String) -> Bool {
        lock.withLock {
            guard let t = seen[name] else { return false }
            return ContinuousClock.now - t < ttl
        }
    }

    func remember(_ name: String) { lock.withLock { seen[name] = .now } }
    func forget(_ name: String) { lock.withLock { seen[name] = nil } }
}

/// Random suffixes for generateName: 5 characters from Kubernetes' alphabet without vowels.
enum NameGenerator {
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    static func suffix() -> String {
        String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
    }
}
