import SkiffAPI

/// One object as the garbage collector sees it.
public struct GraphNode: Sendable, Hashable {
    public var kind: String
    public var namespace: String?
    public var name: String
    public var uid: String
    public var owners: [OwnerReference]
    public var deleting: Bool
    public var finalizers: [String]

    public init(kind: String, namespace: String?, name: String, uid: String, owners: [OwnerReference] = [],
                deleting: Bool = false, finalizers: [String] = []) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.owners = owners
        self.deleting = deleting
        self.finalizers = finalizers
    }

    public init<T: KubeObject>(_ obj: T) {
        self.init(kind: T.resourceInfo.kind, namespace: obj.metadata.namespace, name: obj.metadata.name ?? "",
                  uid: obj.metadata.uid ?? "", owners: obj.metadata.ownerReferences ?? [],
                  deleting: obj.metadata.deletionTimestamp != nil, finalizers: obj.metadata.finalizers ?? [])
    }
}

/// The ownership graph (objects by uid, dependents by owner uid) and the garbage collector's
/// decisions over it, pure.
public struct OwnerGraph: Sendable {
    public static let orphanFinalizer = "orphan"
    public static let foregroundFinalizer = "foregroundDeletion"

    public private(set) var nodes: [String: GraphNode] = [:]
    private var index: [String: Set<String>] = [:]

    public init() {}

    /// Stores the node; returns the uids of owners it no longer references.
    @discardableResult
    public mutating func upsert(_ n: GraphNode) -> [String] {
        let before = Set(nodes[n.uid]?.owners.map(\.uid) ?? [])
        let after = Set(n.owners.map(\.uid))
        for u in before.subtracting(after) { index[u]?.remove(n.uid) }
        for u in after { index[u, default: []].insert(n.uid) }
        nodes[n.uid] = n
        return Array(before.subtracting(after))
    }

    public mutating func remove(uid: String) {
        guard let n = nodes.removeValue(forKey: uid) else { return }
        for o in n.owners { index[o.uid]?.remove(uid) }
    }

    public func dependents(of uid: String) -> [GraphNode] {
        (index[uid] ?? []).compactMap { nodes[$0] }.sorted { $0.name < $1.name }
    }

    public enum OwnerState: Equatable, Sendable {
        /// Present and not waiting for its dependents.
        case solid
        /// Present, being deleted in the foreground: blocking dependents go first.
        case waitingForDependents
        /// Not in the graph: to be confirmed against the API before acting.
        case absent
    }

    public func ownerState(_ ref: OwnerReference) -> OwnerState {
        guard let o = nodes[ref.uid] else { return .absent }
        if o.deleting && o.finalizers.contains(Self.foregroundFinalizer) { return .waitingForDependents }
        return .solid
    }

    public enum Action: Equatable, Sendable {
        case none
        /// Remove these owner references from each dependent, then the orphan finalizer.
        case orphanDependents(dependents: [GraphNode])
        /// Delete these dependents (foreground when they block), then drop the
        /// foregroundDeletion finalizer once no blocking dependent is left.
        case deleteDependents(toDelete: [GraphNode], blockingLeft: Int)
        /// The object's owners are all gone: delete it (foreground when an owner waits).
        case delete(foreground: Bool)
        /// Some owners are gone, others remain: drop the references to the gone ones.
        case removeDanglingRefs([String])
    }

    /// What to do about the object `uid`, given which of its absent owners are confirmed gone
    /// (`confirmedAbsent`: owner uids the API no longer has).
    public func decide(uid: String, confirmedAbsent: Set<String>) -> Action {
        guard let n = nodes[uid] else { return .none }
        if n.deleting && n.finalizers.contains(Self.orphanFinalizer) {
            return .orphanDependents(dependents: dependents(of: uid))
        }
        if n.deleting && n.finalizers.contains(Self.foregroundFinalizer) {
            let deps = dependents(of: uid)
            let blocking = deps.filter { d in d.owners.contains { $0.uid == uid && $0.blockOwnerDeletion == true } }
            return .deleteDependents(toDelete: deps.filter { !$0.deleting }, blockingLeft: blocking.count)
        }
        if n.owners.isEmpty || n.deleting { return .none }
        var solid = 0, waiting = 0
        var gone: [String] = []
        for ref in n.owners {
            switch ownerState(ref) {
            case .solid: solid += 1
            case .waitingForDependents: waiting += 1
            case .absent:
                if confirmedAbsent.contains(ref.uid) { gone.append(ref.uid) } else { solid += 1 }
            }
        }
        if solid > 0 { return gone.isEmpty ? .none : .removeDanglingRefs(gone) }
        if waiting > 0 || !gone.isEmpty { return .delete(foreground: waiting > 0) }
        return .none
    }
}
