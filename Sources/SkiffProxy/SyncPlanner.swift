/// What one sync writes: the iptables-restore input, and the conntrack deletions to run after it.
public struct SyncPlan: Sendable {
    public var full: Bool
    /// Transactions applied before `restoreInput`, in order, when the sync writes more service
    /// chains than one transaction should hold (see `SyncPlanner.plan`'s `chainsPerTransaction`).
    /// Each (re)writes whole service ports' chains and nothing else; empty for most syncs.
    public var stagingInputs: [String] = []
    /// iptables-restore input (both tables, each ending in COMMIT); applied with --noflush.
    public var restoreInput: String
    /// Service ports whose chains were (re)written.
    public var changedServicePorts: Int
    /// Chains deleted as stale.
    public var deletedChains: [String]
    /// `conntrack` argument lists for stale UDP flows.
    public var conntrackDeletions: [[String]]
    /// Total rules in the proxy's nat and filter chains after this sync.
    public var natRules: Int
    public var filterRules: Int
}

/// The partial-sync memory: which input produced which rules at the last successful apply.
public struct SyncState: Sendable {
    public var rendered: [String: (info: ServicePortInfo, rules: ServicePortRules)] = [:]
    public var natServicesLines: [String] = []
    public var natNodePortsLines: [String] = []
    public var filterServicesLines: [String] = []
    public var filterExternalLines: [String] = []
    /// Rules in all per-service chains together.
    public var serviceChainRules = 0
    /// Whether any sync has been applied (the first one is always full).
    public var applied = false

    public init() {}
}

/// Decides what to write (KEP-3453 partial sync): a full sync declares and rewrites every chain
/// and deletes stale service chains found on the host; a partial sync rewrites only the chains of
/// service ports whose input changed, the top-level chains only when a changed service port's
/// lines in them changed, and deletes the chains those service ports no longer have. A partial
/// sync's work is proportional to what changed, apart from one equality check per service port.
/// Pure: the caller commits the returned state only after the apply succeeded.
///
/// `chainsPerTransaction`, when set, bounds the service chains one transaction writes: the
/// chains of service ports beyond it go into staging transactions applied first, a service
/// port's chains always together, and the main transaction then rewrites the top-level chains
/// and deletes stale ones. Nothing new is referenced before the main transaction, and each
/// service port's chains change in one step, so every state in between is consistent.
/// iptables 1.8's nf_tables backend spends time quadratic in the chains one restore declares
/// (8,000 chains: 1.6 s in one transaction, 0.36 s in eight), while the legacy backend
/// rewrites its whole table per transaction and wants a single one.
public enum SyncPlanner {
    public static func plan(ports: [ServicePortInfo], config: RenderConfig, previous: SyncState, full fullRequested: Bool,
                            existingChains: Set<String> = [], chainsPerTransaction: Int? = nil) -> (SyncPlan, SyncState) {
        let full = fullRequested || !previous.applied
        var next = SyncState()
        next.applied = true
        next.rendered.reserveCapacity(ports.count)
        var changedKeys: [String] = []
        var conntrack: [[String]] = []
        var topChanged = full
        var chainRules = previous.serviceChainRules
        var stale = Set<String>()
        for info in ports {
            if let old = previous.rendered[info.key], old.info == info {
                next.rendered[info.key] = old
                continue
            }
            let rules = RuleRenderer.render(info, config: config)
            next.rendered[info.key] = (info, rules)
            changedKeys.append(info.key)
            let old = previous.rendered[info.key]
            conntrack += staleFlows(old: old?.info, new: info)
            if let o = old?.rules {
                if o.natServices != rules.natServices || o.natNodePorts != rules.natNodePorts
                    || o.filterServices != rules.filterServices || o.filterExternal != rules.filterExternal { topChanged = true }
                let now = Set(rules.chainNames)
                for c in o.chainNames where !now.contains(c) { stale.insert(c) }
                chainRules -= o.chains.reduce(0) { $0 + $1.rules.count }
            } else {
                topChanged = true
            }
            chainRules += rules.chains.reduce(0) { $0 + $1.rules.count }
        }
        if next.rendered.count != previous.rendered.count || changedKeys.count > 0 {
            for (key, old) in previous.rendered where next.rendered[key] == nil {
                conntrack += staleFlows(old: old.info, new: nil)
                for c in old.rules.chainNames { stale.insert(c) }
                chainRules -= old.rules.chains.reduce(0) { $0 + $1.rules.count }
                topChanged = true
            }
        }
        if full {
            // Recount from scratch and look for leftovers on the host.
            chainRules = 0
            var wanted = Set<String>()
            for (_, v) in next.rendered {
                for c in v.rules.chains { wanted.insert(c.name); chainRules += c.rules.count }
            }
            for c in existingChains where ChainNames.isServiceChain(c) && !wanted.contains(c) { stale.insert(c) }
            for c in stale where wanted.contains(c) { stale.remove(c) }
        }
        next.serviceChainRules = chainRules

        let sortedKeys: [String]
        if topChanged {
            sortedKeys = next.rendered.keys.sorted()
            var natServices: [String] = [], natNodePorts: [String] = [], filterServices: [String] = [], filterExternal: [String] = []
            for key in sortedKeys {
                guard let r = next.rendered[key]?.rules else { continue }
                natServices += r.natServices
                natNodePorts += r.natNodePorts
                filterServices += r.filterServices
                filterExternal += r.filterExternal
            }
            natServices.append(RuleRenderer.nodePortsJump)
            next.natServicesLines = natServices
            next.natNodePortsLines = natNodePorts
            next.filterServicesLines = filterServices
            next.filterExternalLines = filterExternal
        } else {
            sortedKeys = []
            next.natServicesLines = previous.natServicesLines
            next.natNodePortsLines = previous.natNodePortsLines
            next.filterServicesLines = previous.filterServicesLines
            next.filterExternalLines = previous.filterExternalLines
        }
        let deleted = stale.sorted()
        var writeKeys = full ? sortedKeys : changedKeys.sorted()
        let natStatic = RuleRenderer.natStaticRules(config: config)

        // Staging transactions for the service ports beyond one transaction's share.
        var staging: [String] = []
        if let limit = chainsPerTransaction, limit > 0,
           writeKeys.reduce(0, { $0 + (next.rendered[$1]?.rules.chains.count ?? 0) }) > limit {
            var batch: [String] = [], batchChains = 0
            func flush() {
                guard !batch.isEmpty else { return }
                var sw = RestoreWriter()
                sw.table("nat")
                // Service chains jump to KUBE-MARK-MASQ: it exists before the first of them.
                if staging.isEmpty { for c in natStatic { sw.declare(c.name) }; for c in natStatic { sw.lines(c.rules) } }
                for key in batch { for c in next.rendered[key]?.rules.chains ?? [] { sw.declare(c.name) } }
                for key in batch { for c in next.rendered[key]?.rules.chains ?? [] { sw.lines(c.rules) } }
                sw.line("COMMIT")
                staging.append(sw.text)
                batch = []; batchChains = 0
            }
            for key in writeKeys {
                let n = next.rendered[key]?.rules.chains.count ?? 0
                if batchChains + n > limit { flush() }
                batch.append(key); batchChains += n
            }
            flush()
            writeKeys = []
        }

        var w = RestoreWriter()
        // filter: small, rewritten whole (its chains hold only REJECTs and the fixed rules).
        w.table("filter")
        let filterStatic = RuleRenderer.filterStaticRules(config: config)
        for c in [RuleRenderer.filterServicesChain, RuleRenderer.filterExternalChain] { w.declare(c) }
        for c in filterStatic { w.declare(c.name) }
        w.lines(next.filterServicesLines)
        w.lines(next.filterExternalLines)
        for c in filterStatic { w.lines(c.rules) }
        w.line("COMMIT")

        // nat
        w.table("nat")
        let writeServices = full || (topChanged && next.natServicesLines != previous.natServicesLines)
        let writeNodePorts = full || (topChanged && next.natNodePortsLines != previous.natNodePortsLines)
        if writeServices { w.declare(RuleRenderer.natServicesChain) }
        if writeNodePorts { w.declare(RuleRenderer.natNodePortsChain) }
        if full { for c in natStatic { w.declare(c.name) } }
        for key in writeKeys {
            for c in next.rendered[key]?.rules.chains ?? [] { w.declare(c.name) }
        }
        for c in deleted { w.declare(c) }
        if writeServices { w.lines(next.natServicesLines) }
        if writeNodePorts { w.lines(next.natNodePortsLines) }
        if full { for c in natStatic { w.lines(c.rules) } }
        for key in writeKeys {
            for c in next.rendered[key]?.rules.chains ?? [] { w.lines(c.rules) }
        }
        for c in deleted { w.line("-X \(c)") }
        w.line("COMMIT")

        let filterRules = next.filterServicesLines.count + next.filterExternalLines.count + filterStatic.reduce(0) { $0 + $1.rules.count }
        let natRules = chainRules + next.natServicesLines.count + next.natNodePortsLines.count + natStatic.reduce(0) { $0 + $1.rules.count }
        let plan = SyncPlan(full: full, stagingInputs: staging, restoreInput: w.text, changedServicePorts: full ? next.rendered.count : changedKeys.count,
                            deletedChains: deleted, conntrackDeletions: conntrack, natRules: natRules, filterRules: filterRules)
        return (plan, next)
    }

    /// UDP flows that would keep going to a removed endpoint (or kept a rejected verdict from
    /// before a service had endpoints) until conntrack forgets them: delete them.
    static func staleFlows(old: ServicePortInfo?, new: ServicePortInfo?) -> [[String]] {
        let s = new ?? old
        guard let s, s.proto == "UDP" else { return [] }
        var out: [[String]] = []
        let oldEps = Set((old?.endpoints ?? []).map(\.ip))
        let newEps = Set((new?.endpoints ?? []).map(\.ip))
        let oldInfo = old ?? s
        let destinations = [oldInfo.clusterIP] + oldInfo.externalIPs + oldInfo.loadBalancerIPs
        for ip in oldEps.subtracting(newEps).sorted() {
            for d in destinations { out.append(["-D", "-p", "udp", "--orig-dst", d, "--dst-nat", ip]) }
            if oldInfo.nodePort != 0 {
                out.append(["-D", "-p", "udp", "--orig-port-dst", String(oldInfo.nodePort), "--dst-nat", ip])
            }
        }
        if let new, oldEps.isEmpty, !newEps.isEmpty {
            for d in [new.clusterIP] + new.externalIPs + new.loadBalancerIPs {
                out.append(["-D", "-p", "udp", "--orig-dst", d, "--orig-port-dst", String(new.port)])
            }
            if new.nodePort != 0 { out.append(["-D", "-p", "udp", "--orig-port-dst", String(new.nodePort)]) }
        }
        return out
    }
}

/// Builds iptables-restore input with one growing buffer (tens of thousands of lines at scale).
struct RestoreWriter {
    private(set) var text = ""
    private var declared = Set<String>()

    init() { text.reserveCapacity(1 << 16) }

    mutating func line(_ l: String) {
        text += l
        text += "\n"
    }

    mutating func lines(_ ls: [String]) { for l in ls { line(l) } }

    /// "*TABLE": chain names are per table (filter and nat both have a KUBE-SERVICES).
    mutating func table(_ name: String) {
        declared = []
        line("*\(name)")
    }

    /// ":CHAIN - [0:0]": creates the chain or, with --noflush, empties it.
    mutating func declare(_ chain: String) {
        guard declared.insert(chain).inserted else { return }
        line(":\(chain) - [0:0]")
    }
}
