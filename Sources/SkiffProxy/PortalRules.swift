/// Userspace mode's rules: each service address (cluster IP, external and load-balancer IPs,
/// node ports on local addresses) is redirected to the local port of its listener. Pod traffic
/// passes PREROUTING (KUBE-PORTALS-CONTAINER), the node's own traffic OUTPUT (KUBE-PORTALS-HOST).
/// Pure.
public enum PortalRules {
    public static let containerChain = "KUBE-PORTALS-CONTAINER"
    public static let hostChain = "KUBE-PORTALS-HOST"

    public static let jumps: [JumpRule] = [
        JumpRule(table: "nat", chain: "PREROUTING", target: containerChain, match: ["-m", "comment", "--comment", "handle ClusterIPs; NOTE: this must be before the NodePort rules"]),
        JumpRule(table: "nat", chain: "OUTPUT", target: hostChain, match: ["-m", "comment", "--comment", "handle ClusterIPs; NOTE: this must be before the NodePort rules"]),
    ]

    public static func render(_ portals: [(info: ServicePortInfo, listenPort: Int)]) -> String {
        var w = RestoreWriter()
        w.table("nat")
        w.declare(containerChain)
        w.declare(hostChain)
        for (s, lport) in portals.sorted(by: { $0.info.key < $1.info.key }) {
            let p = s.proto.lowercased()
            let c = RuleRenderer.comment(s.servicePortName)
            for chain in [containerChain, hostChain] {
                for ip in [s.clusterIP] + s.externalIPs + s.loadBalancerIPs {
                    w.line("-A \(chain) \(c) -m \(p) -p \(p) -d \(ip) --dport \(s.port) -j REDIRECT --to-ports \(lport)")
                }
                if s.nodePort != 0 {
                    w.line("-A \(chain) \(c) -m addrtype --dst-type LOCAL -m \(p) -p \(p) --dport \(s.nodePort) -j REDIRECT --to-ports \(lport)")
                }
            }
        }
        w.line("COMMIT")
        return w.text
    }
}
