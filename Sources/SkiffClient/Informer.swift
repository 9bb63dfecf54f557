import Foundation
import Logging
import SkiffAPI

/// Callbacks for an informer's changes. They run on the informer's task, in order.
public struct InformerHandler<T: KubeObject>: Sendable {
    public var onAdd: @Sendable (T) async -> Void
    public var onUpdate: @Sendable (_ old: T, _ new: T) async -> Void
    public var onDelete: @Sendable (T) async -> Void
    /// The objects a list adds, in one call (thousands of them on a first list, where one
    /// hop into the owner per object costs more than the work); nil: `onAdd` for each.
    public var onAddAll: (@Sendable ([T]) async -> Void)?

    public init(onAdd: @escaping @Sendable (T) async -> Void = { _ in },
                onUpdate: @escaping @Sendable (T, T) async -> Void = { _, _ in },
                onDelete: @escaping @Sendable (T) async -> Void = { _ in },
                onAddAll: (@Sendable ([T]) async -> Void)? = nil) {
        self.onAdd = onAdd
        self.onUpdate = onUpdate
        self.onDelete = onDelete
        self.onAddAll = onAddAll
    }
}

/// A local, always-current cache of one resource kind: list, then watch from the list's
/// resourceVersion; resume a broken watch from the last seen resourceVersion; relist when the
/// server answers 410 Gone. Objects are indexed by namespace. Handlers see adds, updates and
/// deletes (a relist reports the differences as such).
public actor Informer<T: KubeObject> {
    public let client: SkiffClient
    public let namespace: String?
    public let params: ListParams
    private var items: [String: T] = [:]
    private var byNamespace: [String: Set<String>] = [:]
    private var handlers: [InformerHandler<T>] = []
    private var task: Task<Void, Never>?
    private var synced = false
    /// The newest resourceVersion seen (list or event), where a watch resumes.
    public private(set) var lastResourceVersion: String = ""
    /// How many full lists were made (1 plus one per 410), for tests and metrics.
    public private(set) var listCount = 0
    private let logger = Logger(label: "skiff.client.informer")

    /// Watch events this returns true for are not decoded and reach no handler (see
    /// `SkiffClient.watch(_:namespace:_:skip:)`); the cached copy of their object stays at its
    /// last decoded version. For owners that already know what such an event says.
    private let skip: (@Sendable (WatchEvent<T>.EventType, RawWatchObject) -> Bool)?

    /// Objects of the first list this answers true for (asked about their JSON, before
    /// decoding) are the ones `waitForEssentials` waits for. The first list hands its pages to
    /// the handlers as they are decoded, so an owner that needs only these objects before it
    /// acts can start while the rest is still arriving.
    private let essential: (@Sendable (UnsafeBufferPointer<UInt8>) -> Bool)?
    /// Objects per page of a list.
    private let pageSize: Int
    /// Essential objects of the first list not yet handed to the handlers; nil until the
    /// whole first list has been fetched.
    private var essentialsPending: Int?

    public init(client: SkiffClient, namespace: String? = nil, params: ListParams = ListParams(),
                skip: (@Sendable (WatchEvent<T>.EventType, RawWatchObject) -> Bool)? = nil,
                essential: (@Sendable (UnsafeBufferPointer<UInt8>) -> Bool)? = nil, pageSize: Int = 500) {
        self.client = client
        self.pageSize = pageSize
        self.namespace = namespace
        self.params = params
        self.skip = skip
        self.essential = essential
    }

    public func addHandler(_ h: InformerHandler<T>) { handlers.append(h) }

    public static func key(_ obj: T) -> String {
        let ns = obj.metadata.namespace ?? ""
        return ns.isEmpty ? (obj.metadata.name ?? "") : "\(ns)/\(obj.metadata.name ?? "")"
    }

    public func start() {
        guard task == nil else { return }
        task = Task { await self.loop() }
    }

    public func stop() {
        task?.cancel()
        task = nil
    }

    /// Waits until the first list has been loaded (bounded).
    public func waitForSync(timeout: Duration = .seconds(30)) async -> Bool {
        await wait(for: .synced, timeout: timeout)
    }

    /// Whether every essential object of the first list (see `essential`) has reached the
    /// handlers: true once synced, or once the whole list is fetched and those delivered.
    public var hasEssentials: Bool { synced || essentialsPending == 0 }

    /// Waits (bounded) until `hasEssentials`; without an `essential` predicate, until synced.
    public func waitForEssentials(timeout: Duration = .seconds(30)) async -> Bool {
        await wait(for: .essentials, timeout: timeout)
    }

    private enum Wanted { case synced, essentials }
    private var waiters: [UUID: (wanted: Wanted, continuation: CheckedContinuation<Void, Never>)] = [:]

    private func holds(_ wanted: Wanted) -> Bool { wanted == .synced ? synced : hasEssentials }

    private func wait(for wanted: Wanted, timeout: Duration) async -> Bool {
        if holds(wanted) { return true }
        let id = UUID()
        let timer = Task {
            try? await Task.sleep(for: timeout)
            self.resumeWaiter(id)
        }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            if holds(wanted) { c.resume() } else { waiters[id] = (wanted, c) }
        }
        timer.cancel()
        return holds(wanted)
    }

    private func resumeWaiter(_ id: UUID) {
        waiters.removeValue(forKey: id)?.continuation.resume()
    }

    /// Wakes every waiter whose condition now holds.
    private func wakeWaiters() {
        for (id, w) in waiters where holds(w.wanted) {
            waiters[id] = nil
            w.continuation.resume()
        }
    }

    private func markSynced() {
        synced = true
        wakeWaiters()
    }

    private func essentialsArrived(_ n: Int) {
        guard let pending = essentialsPending else { return }
        essentialsPending = pending - n
        wakeWaiters()
    }

    public var hasSynced: Bool { synced }

    // MARK: reads

    public func get(namespace: String?, name: String) -> T? {
        items[(namespace ?? "").isEmpty ? name : "\(namespace ?? "")/\(name)"]
    }

    public func list(namespace: String? = nil) -> [T] {
        guard let ns = namespace else { return items.keys.sorted().compactMap { items[$0] } }
        return (byNamespace[ns] ?? []).sorted().compactMap { items[$0] }
    }

    public var count: Int { items.count }

    // MARK: the loop

    private func loop() async {
        var backoff: UInt64 = 100_000_000
        var needList = !synced
        while !Task.isCancelled {
            do {
                if needList {
                    try await relist()
                    needList = false
                }
                var p = params
                p.resourceVersion = lastResourceVersion
                p.allowWatchBookmarks = true
                p.timeoutSeconds = Int.random(in: 300...600)
                for try await ev in client.watch(T.self, namespace: namespace, p, skip: skip) {
                    await apply(ev)
                    backoff = 100_000_000
                }
                // The server ended the watch (timeout): resume from the last version.
            } catch let e as ClientError where e.isGone {
                logger.info("\(T.resourceInfo.plural): resourceVersion \(lastResourceVersion) expired, relisting")
                needList = true
            } catch {
                if Task.isCancelled { return }
                logger.warning("\(T.resourceInfo.plural): \(error); retrying")
                try? await Task.sleep(nanoseconds: backoff)
                backoff = min(backoff * 2, 5_000_000_000)
            }
        }
    }

    /// The first list into an empty cache: each page's objects go to the handlers (as
    /// additions) as soon as the page is decoded.
    private func firstList() async throws {
        var resourceVersion = ""
        try await client.listPages(T.self, namespace: namespace, params, pageSize: pageSize, counting: essential, onFetched: { total in
            guard self.essential != nil else { return }
            self.essentialsPending = total
            self.essentialsArrived(0)
        }, onPage: { index, page, counted in
            if index == 0 { resourceVersion = page.metadata.resourceVersion ?? "" }
            var added: [T] = []
            for obj in page.items where items[Self.key(obj)] == nil {
                store(obj)
                added.append(obj)
            }
            await self.handOver(added)
            self.essentialsArrived(counted)
        })
        listCount += 1
        lastResourceVersion = resourceVersion
        markSynced()
    }

    /// Additions to every handler: in one call where it takes them so, else one by one.
    private func handOver(_ added: [T]) async {
        guard !added.isEmpty else { return }
        for h in handlers {
            if let all = h.onAddAll {
                await all(added)
            } else {
                for obj in added { await h.onAdd(obj) }
            }
        }
    }

    /// Replaces the cache with a fresh list, reporting the differences to the handlers.
    private func relist() async throws {
        if !synced && items.isEmpty && listCount == 0 { return try await firstList() }
        let fresh = try await client.listAll(T.self, namespace: namespace, params, pageSize: pageSize)
        listCount += 1
        var seen = Set<String>()
        var added: [T] = []
        for obj in fresh.items {
            let k = Self.key(obj)
            seen.insert(k)
            if let old = items[k] {
                store(obj)
                if old.metadata.resourceVersion != obj.metadata.resourceVersion {
                    for h in handlers { await h.onUpdate(old, obj) }
                }
            } else {
                store(obj)
                added.append(obj)
            }
        }
        await handOver(added)
        for (k, old) in items where !seen.contains(k) {
            remove(old)
            for h in handlers { await h.onDelete(old) }
        }
        lastResourceVersion = fresh.metadata.resourceVersion ?? ""
        markSynced()
    }

    private func apply(_ ev: WatchEvent<T>) async {
        if let rv = ev.object.metadata.resourceVersion, !rv.isEmpty { lastResourceVersion = rv }
        let k = Self.key(ev.object)
        switch ev.type {
        case .added, .modified:
            if let old = items[k] {
                store(ev.object)
                for h in handlers { await h.onUpdate(old, ev.object) }
            } else {
                store(ev.object)
                for h in handlers { await h.onAdd(ev.object) }
            }
        case .deleted:
            if let old = items[k] {
                remove(old)
                for h in handlers { await h.onDelete(ev.object) }
            }
        case .bookmark, .error:
            break
        }
    }

    private func store(_ obj: T) {
        let k = Self.key(obj)
        items[k] = obj
        byNamespace[obj.metadata.namespace ?? "", default: []].insert(k)
    }

    private func remove(_ obj: T) {
        let k = Self.key(obj)
        items[k] = nil
        byNamespace[obj.metadata.namespace ?? ""]?.remove(k)
    }
}
