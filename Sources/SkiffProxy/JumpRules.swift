/// A rule in a built-in chain that sends packets into one of the proxy's chains. These are the
/// only rules the proxy adds outside its own chains; they are checked with `-C` and inserted with
/// `-I` so other software's rules (CNI portmap, firewalls) stay where they are.
public struct JumpRule: Hashable, Sendable {
    public var table: String
    public var chain: String
    public var target: String
    /// Match arguments before `-j target`.
    public var match: [String]

    public var ruleArgs: [String] { match + ["-j", target] }
}

public enum JumpRules {
    static let portals = ["-m", "comment", "--comment", "kubernetes service portals"]
    static let external = ["-m", "comment", "--comment", "kubernetes externally-visible service portals"]
    static let new = ["-m", "conntrack", "--ctstate", "NEW"]

    /// The jumps of iptables mode, in kube-proxy's places.
    public static let iptablesMode: [JumpRule] = [
        JumpRule(table: "filter", chain: "INPUT", target: RuleRenderer.filterExternalChain, match: new + external),
        JumpRule(table: "filter", chain: "FORWARD", target: RuleRenderer.filterServicesChain, match: new + portals),
        JumpRule(table: "filter", chain: "FORWARD", target: RuleRenderer.filterExternalChain, match: new + external),
        JumpRule(table: "filter", chain: "FORWARD", target: RuleRenderer.forwardChain, match: ["-m", "comment", "--comment", "kubernetes forwarding rules"]),
        JumpRule(table: "filter", chain: "OUTPUT", target: RuleRenderer.filterServicesChain, match: new + portals),
        JumpRule(table: "filter", chain: "INPUT", target: RuleRenderer.firewallChain, match: []),
        JumpRule(table: "filter", chain: "OUTPUT", target: RuleRenderer.firewallChain, match: []),
        JumpRule(table: "nat", chain: "PREROUTING", target: RuleRenderer.natServicesChain, match: portals),
        JumpRule(table: "nat", chain: "OUTPUT", target: RuleRenderer.natServicesChain, match: portals),
        JumpRule(table: "nat", chain: "POSTROUTING", target: RuleRenderer.postroutingChain, match: ["-m", "comment", "--comment", "kubernetes postrouting rules"]),
    ]

    /// The top-level chains iptables mode owns, by table (created before the jumps).
    public static let iptablesChains: [(table: String, chain: String)] = [
        ("filter", RuleRenderer.filterServicesChain), ("filter", RuleRenderer.filterExternalChain),
        ("filter", RuleRenderer.forwardChain), ("filter", RuleRenderer.firewallChain),
        ("nat", RuleRenderer.natServicesChain), ("nat", RuleRenderer.natNodePortsChain),
        ("nat", RuleRenderer.markMasqChain), ("nat", RuleRenderer.postroutingChain),
    ]
}
