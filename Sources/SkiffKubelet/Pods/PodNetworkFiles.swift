/// The pod's `/etc/resolv.conf` and `/etc/hosts`, rendered as the kubelet does. Pure.
public enum PodNetworkFiles {
    public struct DNSSettings: Sendable, Equatable {
        public var nameservers: [String]
        public var searches: [String]
        public var options: [String]
        public init(nameservers: [String] = [], searches: [String] = [], options: [String] = []) {
            self.nameservers = nameservers; self.searches = searches; self.options = options
        }
    }

    public enum Policy: String, Sendable { case clusterFirst = "ClusterFirst", clusterFirstWithHostNet = "ClusterFirstWithHostNet", defaultPolicy = "Default", none = "None" }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unsupportedPolicy(String)
        public var description: String {
            switch self {
            case .unsupportedPolicy(let p):
                return "spec.dnsPolicy: Unsupported value: \"\(p)\": supported values: \"ClusterFirst\", \"ClusterFirstWithHostNet\", \"Default\", \"None\""
            }
        }
    }

    /// Parses a resolv.conf (the host's, for `Default` and for the search path Kubernetes appends).
    public static func parseResolvConf(_ text: String) -> DNSSettings {
        var s = DNSSettings()
        for raw in text.split(separator: "\n") {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let key = f.first else { continue }
            switch key {
            case "nameserver": if f.count > 1 { s.nameservers.append(f[1]) }
            case "search", "domain": s.searches = Array(f.dropFirst())
            case "options": s.options.append(contentsOf: f.dropFirst())
            default: break
            }
        }
        return s
    }

    /// The DNS settings of a pod. `clusterDNS` empty means the cluster has no DNS service, where
    /// ClusterFirst falls back to the host's settings as Kubernetes does.
    public static func dns(policy rawPolicy: String?, hostNetwork: Bool, namespace: String, clusterDomain: String,
                           clusterDNS: [String], host: DNSSettings, podConfig: DNSSettings?) throws -> DNSSettings {
        let policyName = (rawPolicy?.isEmpty ?? true) ? "ClusterFirst" : rawPolicy ?? "ClusterFirst"
        guard var policy = Policy(rawValue: policyName) else { throw Failure.unsupportedPolicy(policyName) }
        if policy == .clusterFirst && hostNetwork { policy = .defaultPolicy }
        if (policy == .clusterFirst || policy == .clusterFirstWithHostNet) && clusterDNS.isEmpty { policy = .defaultPolicy }
        var s: DNSSettings
        switch policy {
        case .clusterFirst, .clusterFirstWithHostNet:
            s = DNSSettings(nameservers: clusterDNS,
                            searches: ["\(namespace).svc.\(clusterDomain)", "svc.\(clusterDomain)", clusterDomain] + host.searches,
                            options: ["ndots:5"])
        case .defaultPolicy:
            s = host
        case .none:
            s = DNSSettings()
        }
        if let c = podConfig {
            s.nameservers = unique(s.nameservers + c.nameservers)
            s.searches = unique(s.searches + c.searches)
            // Options merge by name; the pod's value wins.
            var merged: [String] = []
            for o in s.options + c.options {
                let name = o.split(separator: ":").first.map(String.init) ?? o
                merged.removeAll { ($0.split(separator: ":").first.map(String.init) ?? $0) == name }
                merged.append(o)
            }
            s.options = merged
        }
        // The resolver honours at most 3 nameservers and 32 search domains.
        s.nameservers = Array(s.nameservers.prefix(3))
        s.searches = Array(s.searches.prefix(32))
        return s
    }

    public static func resolvConf(_ s: DNSSettings) -> String {
        var out = ""
        if !s.searches.isEmpty { out += "search \(s.searches.joined(separator: " "))\n" }
        for n in s.nameservers { out += "nameserver \(n)\n" }
        if !s.options.isEmpty { out += "options \(s.options.joined(separator: " "))\n" }
        return out
    }

    /// `/etc/hosts` for a pod: localhost entries, the pod's own name on its IPs (with the FQDN
    /// when hostname and subdomain are set), then the pod's hostAliases.
    public static func hosts(podIPs: [String], hostname: String, subdomain: String?, namespace: String,
                             clusterDomain: String, hostAliases: [(ip: String, hostnames: [String])]) -> String {
        var out = """
        # Kubernetes-managed hosts file.
        127.0.0.1\tlocalhost
        ::1\tlocalhost ip6-localhost ip6-loopback
        fe00::0\tip6-localnet
        fe00::0\tip6-mcastprefix
        fe00::1\tip6-allnodes
        fe00::2\tip6-allrouters

        """
        let names: String
        if let sub = subdomain, !sub.isEmpty {
            names = "\(hostname).\(sub).\(namespace).svc.\(clusterDomain)\t\(hostname)"
        } else {
            names = hostname
        }
        for ip in podIPs { out += "\(ip)\t\(names)\n" }
        if !hostAliases.isEmpty {
            out += "\n# Entries added by HostAliases.\n"
            for a in hostAliases { out += "\(a.ip)\t\(a.hostnames.joined(separator: "\t"))\n" }
        }
        return out
    }

    private static func unique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }
}
