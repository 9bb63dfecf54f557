import Foundation

/// One stored key at one revision, in etcd's model.
///
/// `createRevision` is the revision that created the key (kept across updates);
/// `modRevision` is the revision of the last change. The API server uses
/// `modRevision` as an object's `metadata.resourceVersion`.
public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: Data
    public var createRevision: Int64
    public var modRevision: Int64

    public init(key: String, value: Data, createRevision: Int64, modRevision: Int64) {
        self.key = key
        self.value = value
        self.createRevision = createRevision
        self.modRevision = modRevision
    }
}

/// A change seen by a watch.
public struct StoreEvent: Sendable, Equatable {
    public enum Kind: String, Sendable { case put, delete }
    public var kind: Kind
    /// For `.put` the new value; for `.delete` the key with the value it had and
    /// `modRevision` set to the revision of the delete.
    public var kv: KeyValue
    /// The value before this change, when there was one.
    public var prevKV: KeyValue?

    public init(kind: Kind, kv: KeyValue, prevKV: KeyValue?) {
        self.kind = kind
        self.kv = kv
        self.prevKV = prevKV
    }
}

/// One page of a consistent list.
public struct ListResult: Sendable {
    public var items: [KeyValue]
    /// The store revision the list was read at.
    public var revision: Int64
    /// True when more keys follow the last one returned (limit reached).
    public var more: Bool

    public init(items: [KeyValue], revision: Int64, more: Bool) {
        self.items = items
        self.revision = revision
        self.more = more
    }
}

public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// create() found the key already present.
    case keyExists(String)
    /// The key is not there (get-for-update, update, delete).
    case notFound(String)
    /// compare-and-swap failed: the key is at `currentRevision`, not the expected one.
    case conflict(key: String, currentRevision: Int64)
    /// The requested revision has been compacted away (the API answers 410 Gone).
    case compacted(requested: Int64, compactRevision: Int64)
    /// A revision in the future was requested.
    case futureRevision(requested: Int64, current: Int64)
    /// The backend cannot be reached or failed; the message says how.
    case unavailable(String)

    public var description: String {
        switch self {
        case .keyExists(let k): return "key already exists: \(k)"
        case .notFound(let k): return "key not found: \(k)"
        case .conflict(let k, let r): return "revision conflict on \(k): current revision is \(r)"
        case .compacted(let req, let c): return "revision \(req) has been compacted (oldest available after \(c))"
        case .futureRevision(let req, let cur): return "revision \(req) is in the future (current \(cur))"
        case .unavailable(let m): return "store unavailable: \(m)"
        }
    }
}

/// A revisioned key-value store in etcd's model (DESIGN.md, "Storage").
///
/// Every write bumps one global revision. Implementations: SQLite (embedded
/// default, kine's single-table design), etcd v3, and an in-memory store for tests.
/// All must pass the shared conformance suite in `Tests/SkiffStoreTests`.
public protocol KVStore: Sendable {
    /// The newest revision in the store.
    func currentRevision() async throws -> Int64

    /// The key's current value, or nil.
    func get(_ key: String) async throws -> KeyValue?

    /// Keys with `prefix`, in key order, read consistently at one revision.
    /// - Parameters:
    ///   - revision: read at this past revision (nil: now). Throws `.compacted` when too old.
    ///   - startAfter: continue a paged list after this key (exclusive).
    ///   - limit: at most this many items (0: no limit).
    func list(prefix: String, revision: Int64?, startAfter: String?, limit: Int) async throws -> ListResult

    /// Creates the key; throws `.keyExists` if present. Returns the new revision.
    func create(_ key: String, value: Data) async throws -> Int64

    /// Compare-and-swap: replaces the value only if the key's modRevision equals
    /// `expectedRevision`. Throws `.notFound` or `.conflict`. Returns the new revision.
    func update(_ key: String, value: Data, expectedRevision: Int64) async throws -> Int64

    /// Replaces the key's value by `transform(current)` with no other write in between: one
    /// round to the store where the backend can (SQLite applies it inside its write
    /// transaction), elsewhere a read and a compare-and-swap retried while other writers win.
    /// `transform` answering nil leaves the key as it is and gives nil; otherwise the new
    /// revision. Throws `.notFound` when the key is absent, `.conflict` when other writers won
    /// 32 times in a row.
    func modify(_ key: String, _ transform: @escaping @Sendable (KeyValue) -> Data?) async throws -> Int64?

    /// Deletes the key (only at `expectedRevision` when given). Returns the deleted
    /// value with `modRevision` = the delete's revision. Throws `.notFound` / `.conflict`.
    func delete(_ key: String, expectedRevision: Int64?) async throws -> KeyValue

    /// Changes under `prefix` with revision > `afterRevision`, in revision order, then
    /// live ones until the stream is cancelled. Fails with `.compacted` when
    /// `afterRevision` is older than the compaction point.
    func watch(prefix: String, afterRevision: Int64) -> AsyncThrowingStream<StoreEvent, Error>

    /// Drops history at or below `revision` (current values stay).
    ///
    /// Afterwards lists at `revision` or later and watches after `revision` or later still
    /// work; lists and watches from before it throw `.compacted` (etcd itself decides the
    /// exact boundary one revision below the point). Compacting to a point already passed
    /// does nothing; a point in the future throws `.futureRevision`.
    func compact(revision: Int64) async throws

    /// Releases connections and files.
    func close() async
}

extension KVStore {
    /// `modify` as a read and a compare-and-swap, for backends without a better way.
    public func modify(_ key: String, _ transform: @escaping @Sendable (KeyValue) -> Data?) async throws -> Int64? {
        var conflicts = 0
        while true {
            guard let current = try await get(key) else { throw StoreError.notFound(key) }
            guard let value = transform(current) else { return nil }
            do {
                return try await update(key, value: value, expectedRevision: current.modRevision)
            } catch StoreError.conflict(let k, let r) {
                conflicts += 1
                if conflicts >= 32 { throw StoreError.conflict(key: k, currentRevision: r) }
            }
        }
    }
}
