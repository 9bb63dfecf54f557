import Foundation
import SkiffSubprocess
import Testing
@testable import SkiffProxy

/// Runs every command inside one network namespace (`ip netns exec NS ...`).
private struct NamespaceRunner: CommandRunner {
    let namespace: String
    func run(_ program: String, _ args: [String], stdin: String?) async throws -> CommandResult {
        try await ProcessRunner().run("ip", ["netns", "exec", namespace, program] + args, stdin: stdin)
    }
}

private func sh(_ args: [String]) -> Int32 {
    (try? Subprocess.run(args, stdin: []))?.status ?? -1
}

/// The nat table as iptables-save prints it, without counters and the header and footer
/// comments, sorted: two tables with the same chains and rules give the same text.
private func natRules(_ ns: String) async throws -> [String] {
    let dump = try await NamespaceRunner(namespace: ns).run("iptables-save", ["-t", "nat"], stdin: nil).stdout
    return dump.split(separator: "\n").map { line in
        line.hasPrefix(":") ? String(line.split(separator: " ").prefix(2).joined(separator: " ")) : String(line)
    }.filter { !$0.hasPrefix("#") }.sorted()
}

/// A sync staged over many transactions leaves exactly the rules one transaction leaves, on
/// the system's iptables, in two private network namespaces (nothing is routed or sent).
@Test(.enabled(if: getuid() == 0, "needs root for network namespaces and iptables"))
func stagedSyncLeavesTheSameRulesAsOneTransaction() async throws {
    let a = "skiff-staged-a-\(getpid())", b = "skiff-staged-b-\(getpid())"
    defer { _ = sh(["ip", "netns", "del", a]); _ = sh(["ip", "netns", "del", b]) }
    #expect(sh(["ip", "netns", "add", a]) == 0 && sh(["ip", "netns", "add", b]) == 0)
    var cfg = ProxierConfig()
    cfg.localhostNodePorts = false
    cfg.render = RenderConfig(clusterCIDR: "10.244.0.0/16")
    var p = (0..<300).map { i in
        ServicePortInfo(namespace: "ns", name: "s\(i)", clusterIP: "10.96.\(i / 200).\(i % 200 + 10)", port: 80,
                        endpoints: (0..<3).map { ProxyEndpoint(ip: "10.244.\(i % 250).\($0 + 2 + 3 * (i / 250))", port: 8080) })
    }
    p[3].nodePort = 30003
    p[4].externalPolicyLocal = true
    p[4].nodePort = 30004
    p[5].affinitySeconds = 10800
    let box = PortsBox(p)
    var staged = cfg
    staged.chainsPerTransaction = 100
    var single = cfg
    single.chainsPerTransaction = Int.max
    let pa = IPTablesProxier(iptables: IPTables(runner: NamespaceRunner(namespace: a)), config: staged, snapshot: { box.get() })
    let pb = IPTablesProxier(iptables: IPTables(runner: NamespaceRunner(namespace: b)), config: single, snapshot: { box.get() })
    let first = try await pa.sync(full: true)
    #expect(first.stagingInputs.count >= 12)
    #expect(try await pb.sync(full: true).stagingInputs.isEmpty)
    let ra = try await natRules(a)
    #expect(ra.filter { $0.hasPrefix(":KUBE-SEP-") }.count == 900)
    #expect(ra == (try await natRules(b)))

    // Services removed and changed, then a full resync: still the same.
    p.removeLast(40)
    p[7].endpoints.removeFirst()
    box.set(p)
    _ = try await pa.sync(full: false)
    _ = try await pb.sync(full: false)
    #expect(try await natRules(a) == (try await natRules(b)))
    p[8].endpoints = []
    box.set(p)
    _ = try await pa.sync(full: true)
    _ = try await pb.sync(full: true)
    let after = try await natRules(a)
    #expect(after.filter { $0.hasPrefix(":KUBE-SVC-") }.count == 259)
    #expect(after == (try await natRules(b)))
}
