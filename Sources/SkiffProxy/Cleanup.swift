/// `skiff proxy --cleanup`: removes every KUBE-* chain and every jump to one, in both tables,
/// leaving all other rules alone.
public enum Cleanup {
    static let builtins: Set<String> = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"]

    /// iptables-restore input that deletes the jumps (`-D` of the exact saved rule), empties the
    /// KUBE-* chains and deletes them. nil when the table holds nothing of ours.
    public static func restoreInput(table: String, dump: String) -> String? {
        var jumps: [String] = []
        var chains: [String] = []
        for raw in dump.split(separator: "\n") {
            let line = String(raw)
            if line.hasPrefix(":KUBE-") {
                if let name = line.dropFirst().split(separator: " ").first { chains.append(String(name)) }
            } else if line.hasPrefix("-A ") {
                let parts = line.split(separator: " ", maxSplits: 2)
                guard parts.count == 3, builtins.contains(String(parts[1])) else { continue }
                if line.contains(" -j KUBE-") || line.contains(" -g KUBE-") { jumps.append("-D " + parts[1] + " " + parts[2]) }
            }
        }
        if jumps.isEmpty && chains.isEmpty { return nil }
        var out = "*\(table)\n"
        for j in jumps { out += j + "\n" }
        for c in chains { out += ":\(c) - [0:0]\n" }
        for c in chains { out += "-X \(c)\n" }
        out += "COMMIT\n"
        return out
    }

    public static func run(_ iptables: IPTables) async throws {
        for table in ["nat", "filter"] {
            let dump = try await iptables.dump(table: table)
            if let input = restoreInput(table: table, dump: dump) { try await iptables.apply(input) }
        }
    }
}
