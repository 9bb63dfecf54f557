/// What one sync writes: the iptables-restore input, and the conntrack deletions to run after it.
public struct SyncPlan: Sendable {
    public var full: Bool
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
    /// Whether any sync has been applied (the first one is always full).
    public var applied = false

    public init() {}
}

/// Decides what to write (KEP-3453 partial sync): a full sync declares and rewrites every chain
/// and deletes stale service chains found on the host; a partial sync rewrites only the chains of
/// service ports whose input changed, the top-level nat chains only when their lines changed,
/// deletes the chains of vanished service ports, and always rewrites the small filter chains.
/// Pure: the caller commits the returned state only after the apply succeeded.
public enum SyncPlanner {
    public static func plan(ports: [ServicePortInfo], config: RenderConfig, previous: SyncState, full fullRequested: Bool,
                            existingChains: Set<String> = []) -> (SyncPlan, SyncState) {
        let full = fullRequested || !previous.applied
        var next = SyncState()
        next.applied = true
        var changedKeys: [String] = []
        var conntrack: [[String]] = []
        let sorted = ports.sorted { $0.key < $1.key }
        for info in sorted {
            if let old = previous.rendered[info.key], old.info == info {
                next.rendered[info.key] = old
            } else {
                let rules = RuleRenderer.render(info, config: config)
                next.rendered[info.key] = (info, rules)
                changedKeys.append(info.key)
                conntrack += staleFlows(old: previous.rendered[info.key]?.info, new: info)
            }
        }
        for (key, old) in previous.rendered where next.rendered[key] == nil {
            conntrack += staleFlows(old: old.info, new: nil)
        }

        var natServices: [String] = [], natNodePorts: [String] = [], filterServices: [String] = [], filterExternal: [String] = []
        var natRules = 0
        for info in sorted {
            guard let r = next.rendered[info.key]?.rules else { continue }
            natServices += r.natServices
            natNodePorts += r.natNodePorts
            filterServices += r.filterServices
            filterExternal += r.filterExternal
            natRules += r.chains.reduce(0) { $0 + $1.rules.count }
        }
        natServices.append(RuleRenderer.nodePortsJump)
        next.natServicesLines = natServices
        next.natNodePortsLines = natNodePorts

        // Chains that must go: those of vanished or shrunk service ports (partial), or every
        // service chain on the host that is not wanted (full).
        var wanted = Set<String>()
        for (_, v) in next.rendered { for c in v.rules.chains { wanted.insert(c.name) } }
        var stale = Set<String>()
        if full {
            for c in existingChains where ChainNames.isServiceChain(c) && !wanted.contains(c) { stale.insert(c) }
        }
        for (_, old) in previous.rendered { for c in old.rules.chains where !wanted.contains(c.name) { stale.insert(c.name) } }
        let deleted = stale.sorted()

        var w = RestoreWriter()
        // filter: small, always rewritten whole.
        w.table("filter")
        let filterStatic = RuleRenderer.filterStaticRules(config: config)
        for c in [RuleRenderer.filterServicesChain, RuleRenderer.filterExternalChain] { w.declare(c) }
        for c in filterStatic { w.declare(c.name) }
        w.lines(filterServices)
        w.lines(filterExternal)
        for c in filterStatic { w.lines(c.rules) }
        w.line("COMMIT")

        // nat
        w.table("nat")
        let natStatic = RuleRenderer.natStaticRules(config: config)
        let writeServices = full || natServices != previous.natServicesLines
        let writeNodePorts = full || natNodePorts != previous.natNodePortsLines
        if writeServices { w.declare(RuleRenderer.natServicesChain) }
        if writeNodePorts { w.declare(RuleRenderer.natNodePortsChain) }
        if full { for c in natStatic { w.declare(c.name) } }
        let changedSet = Set(changedKeys)
        for info in sorted where full || changedSet.contains(info.key) {
            for c in next.rendered[info.key]?.rules.chains ?? [] { w.declare(c.name) }
        }
        for c in deleted { w.declare(c) }
        if writeServices { w.lines(natServices) }
        if writeNodePorts { w.lines(natNodePorts) }
        if full { for c in natStatic { w.lines(c.rules) } }
        for info in sorted where full || changedSet.contains(info.key) {
            for c in next.rendered[info.key]?.rules.chains ?? [] { w.lines(c.rules) }
        }
        for c in deleted { w.line("-X \(c)") }
        w.line("COMMIT")

        let filterRules = filterServices.count + filterExternal.count + filterStatic.reduce(0) { $0 + $1.rules.count }
        natRules += natServices.count + natNodePorts.count + natStatic.reduce(0) { $0 + $1.rules.count }
        let plan = SyncPlan(full: full, restoreInput: w.text, changedServicePorts: full ? sorted.count : changedKeys.count,
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
