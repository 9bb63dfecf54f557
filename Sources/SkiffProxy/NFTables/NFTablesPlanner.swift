/// What the nftables mode remembers of the last applied sync.
public struct NFTSyncState: Sendable {
    public var rendered: [String: (info: ServicePortInfo, objects: NFTServicePortObjects)] = [:]
    /// The input of the last sync, in its order: a service port equal to the one at the same
    /// index last time is unchanged without computing its key.
    public var ports: [ServicePortInfo] = []
    /// How many service ports have each endpoint address (the hairpin set holds those above 0).
    public var hairpinUsers: [[UInt8]: Int] = [:]
    /// Each service port's id in the endpoints map (even; id + 1 is its node-local set).
    public var ids: [String: UInt32] = [:]
    public var nextID: UInt32 = 2
    /// Which service port holds each key of the shared maps: two services claiming the same
    /// address and port (an external IP given twice) must not make the transaction fail; the
    /// first keeps it.
    public var owners: [String: [[UInt8]: String]] = [:]
    public var applied = false
    public var serviceRules = 0

    public init() {}
}

/// One sync's transaction and its bookkeeping.
public struct NFTSyncPlan: Sendable {
    public var full: Bool
    public var ops: [NFTOp]
    public var changedServicePorts: Int
    public var deletedChains: [String]
    public var conntrackDeletions: [[String]]
    /// Rules in the table after this sync.
    public var rules: Int
}

/// Decides the nf_tables transaction of a sync. A full sync (re)declares every chain, set and
/// map, flushes and refills them (and the first one replaces the table outright); a partial sync
/// touches only the service ports whose input changed: their chains are flushed and refilled
/// where their rules differ, their map elements swapped, what they no longer have deleted. Its
/// cost outside the kernel is one equality check per service port. Pure: the caller keeps the
/// returned state only once the transaction has been committed.
public enum NFTablesPlanner {
    public static func plan(ports: [ServicePortInfo], config: RenderConfig, previous: consuming NFTSyncState,
                            full fullRequested: Bool) -> (NFTSyncPlan, NFTSyncState) {
        let fresh = !previous.applied
        let full = fullRequested || fresh
        // `next` starts as the previous state (moved, not copied) and is updated in place; a
        // key's old value is read from it before being replaced.
        var next = fresh ? NFTSyncState() : previous
        next.applied = true
        let previousRules = next.serviceRules
        let previousPorts = next.ports
        let previousCount = next.rendered.count
        var conntrack: [[String]] = []
        var changed: [(key: String, old: NFTServicePortObjects?, new: NFTServicePortObjects)] = []
        var keysMoved = ports.count != previousPorts.count
        for (i, info) in ports.enumerated() {
            let samePlace = i < previousPorts.count && previousPorts[i] == info
            if samePlace && !full { continue }
            let key = info.key
            let old = next.rendered[key]
            if let old, old.info == info {
                if full { changed.append((key, old.objects, old.objects)) }
                if !samePlace { keysMoved = true }
                continue
            }
            if !(i < previousPorts.count && previousPorts[i].key == key) { keysMoved = true }
            let id: UInt32
            if let known = next.ids[key] {
                id = known
            } else {
                id = next.nextID
                next.nextID &+= 2
                next.ids[key] = id
            }
            let objects = NFTablesRenderer.render(info, config: config, id: id)
            next.rendered[key] = (info, objects)
            conntrack += SyncPlanner.staleFlows(old: old?.info, new: info)
            changed.append((key, old?.objects, objects))
        }
        next.ports = ports
        // Service ports gone: only looked for when the input did not keep its keys in place.
        var removed: [(key: String, objects: NFTServicePortObjects)] = []
        if keysMoved || full || next.rendered.count != previousCount {
            let seen = Set(ports.map(\.key))
            let gone = next.rendered.filter { !seen.contains($0.key) }
            for (key, old) in gone {
                removed.append((key, old.objects))
                next.rendered[key] = nil
                next.ids[key] = nil
                conntrack += SyncPlanner.staleFlows(old: old.info, new: nil)
            }
        }

        var create: [NFTOp] = [], dropElements: [NFTOp] = [], flush: [NFTOp] = [], fill: [NFTOp] = []
        var addElements: [String: [NFTElement]] = [:], delete: [NFTOp] = []
        var deletedChains: [String] = []
        var changedCount = 0
        var rules = previousRules
        if full {
            create = fresh ? [.addTable, .deleteTable, .addTable] : [.addTable]
            create += NFTablesRenderer.staticOps(config: config)
            if !fresh {
                for m in [NFTablesRenderer.serviceIPsMap, NFTablesRenderer.serviceNodePortsMap, NFTablesRenderer.noEndpointServicesMap,
                          NFTablesRenderer.noEndpointNodePortsMap, NFTablesRenderer.hairpinSet] + NFTablesRenderer.allEndpointsMaps {
                    dropElements.append(.flushSet(m))
                }
            }
            next.hairpinUsers = [:]
            next.owners = [:]
            rules = 0
        }
        /// Keys of `elements` this service port holds (and gives up).
        func release(_ elements: [NFTElement], map: String, owner: String) -> [[UInt8]] {
            var out: [[UInt8]] = []
            for e in elements where next.owners[map]?[e.key] == owner {
                next.owners[map]?[e.key] = nil
                out.append(e.key)
            }
            return out
        }
        func claim(_ e: NFTElement, map: String, owner: String) -> Bool {
            if let holder = next.owners[map]?[e.key], holder != owner { return false }
            next.owners[map, default: [:]][e.key] = owner
            return true
        }
        func retire(_ old: NFTServicePortObjects, key: String) {
            for c in old.chains {
                flush.append(.flushChain(c.name))
                delete.append(.deleteChain(c.name))
                deletedChains.append(c.name)
            }
            for m in old.affinitySets { delete.append(.deleteSet(m)) }
            if !full {
                for (map, elements) in old.elements where !elements.isEmpty {
                    let keys = release(elements, map: map, owner: key)
                    if !keys.isEmpty { dropElements.append(.deleteElements(set: map, keys: keys)) }
                }
            }
        }
        var hairpinDelta: [[UInt8]: Int] = [:]
        // Departed service ports first, so a key one gives up can be taken by another in this sync.
        for (key, old) in removed {
            changedCount += 1
            rules -= full ? 0 : old.ruleCount
            if !full { for a in old.hairpinAddresses { hairpinDelta[a, default: 0] -= 1 } }
            retire(old, key: key)
        }
        for (key, old, new) in changed {
            if old != new { changedCount += 1 }
            rules += new.ruleCount - (full ? 0 : (old?.ruleCount ?? 0))
            if full {
                for a in new.hairpinAddresses { hairpinDelta[a, default: 0] += 1 }
            } else {
                for a in old?.hairpinAddresses ?? [] { hairpinDelta[a, default: 0] -= 1 }
                for a in new.hairpinAddresses { hairpinDelta[a, default: 0] += 1 }
            }
            let oldChains = Dictionary((old?.chains ?? []).map { ($0.name, $0.rules) }, uniquingKeysWith: { a, _ in a })
            let newChains = Set(new.chains.map(\.name))
            let oldSets = Set(old?.affinitySets ?? [])
            for s in new.affinitySets where full || !oldSets.contains(s) { create.append(.addTimeoutSet(s)) }
            for c in new.chains {
                let before = oldChains[c.name]
                if full || before == nil { create.append(.addChain(c.name, base: nil)) }
                if full || before != c.rules {
                    if before != nil && !fresh { flush.append(.flushChain(c.name)) }
                    for r in c.rules { fill.append(.addRule(chain: c.name, r)) }
                }
            }
            for c in old?.chains ?? [] where !newChains.contains(c.name) {
                flush.append(.flushChain(c.name))
                delete.append(.deleteChain(c.name))
                deletedChains.append(c.name)
            }
            let newSets = Set(new.affinitySets)
            for s in oldSets where !newSets.contains(s) { delete.append(.deleteSet(s)) }
            // Map elements: a full sync emptied the maps; a partial one swaps what differs.
            if !full, let old {
                for (map, elements) in old.elements {
                    let now = Set(new.elements[map] ?? [])
                    let gone = release(elements.filter { !now.contains($0) }, map: map, owner: key)
                    if !gone.isEmpty { dropElements.append(.deleteElements(set: map, keys: gone)) }
                }
            }
            for (map, elements) in new.elements {
                let keep = full ? [] : Set(old?.elements[map] ?? [])
                for e in elements where !keep.contains(e) && claim(e, map: map, owner: key) {
                    addElements[map, default: []].append(e)
                }
            }
        }
        // The hairpin set: an address is in it while some service port has it as an endpoint.
        var hairpinAdd: [NFTElement] = [], hairpinDrop: [[UInt8]] = []
        for (a, d) in hairpinDelta where d != 0 {
            let before = next.hairpinUsers[a] ?? 0
            let after = before + d
            next.hairpinUsers[a] = after > 0 ? after : nil
            if before == 0 && after > 0 { hairpinAdd.append(NFTElement(key: a + a)) }
            if before > 0 && after <= 0 { hairpinDrop.append(a + a) }
        }
        if !hairpinDrop.isEmpty { dropElements.append(.deleteElements(set: NFTablesRenderer.hairpinSet, keys: hairpinDrop)) }
        if !hairpinAdd.isEmpty { addElements[NFTablesRenderer.hairpinSet, default: []] += hairpinAdd }
        next.serviceRules = rules

        var ops = create + dropElements + flush + fill
        for (map, elements) in addElements.sorted(by: { $0.key < $1.key }) { ops.append(.addElements(set: map, elements)) }
        ops += delete
        let plan = NFTSyncPlan(full: full, ops: ops, changedServicePorts: changedCount, deletedChains: deletedChains,
                               conntrackDeletions: conntrack, rules: rules)
        return (plan, next)
    }
}
