import Foundation
import Testing
@testable import SkiffProxy

/// Records every command; iptables -C/-S fail (nothing exists yet), restores can be made to fail.
final class FakeRunner: CommandRunner, @unchecked Sendable {
    let lock = NSLock()
    var calls: [(String, [String], String?)] = []
    var failRestore = false

    func run(_ program: String, _ args: [String], stdin: String?) async throws -> CommandResult {
        lock.withLock { calls.append((program, args, stdin)) }
        if program.hasSuffix("-restore") { return CommandResult(status: lock.withLock { failRestore } ? 1 : 0, stderr: "boom") }
        if program.hasSuffix("-save") { return CommandResult(status: 0, stdout: "*nat\n:KUBE-SVC-STALESTALESTALE1 - [0:0]\nCOMMIT\n") }
        if args.contains("-C") || args.contains("-S") { return CommandResult(status: 1) }
        return CommandResult(status: 0)
    }

    func take() -> [(String, [String], String?)] { lock.withLock { defer { calls = [] }; return calls } }
}

final class PortsBox: @unchecked Sendable {
    let lock = NSLock()
    var value: [ServicePortInfo]
    init(_ v: [ServicePortInfo]) { value = v }
    func get() -> [ServicePortInfo] { lock.withLock { value } }
    func set(_ v: [ServicePortInfo]) { lock.withLock { value = v } }
}

@Test func proxierSyncsFullThenPartialAndRecoversFromFailure() async throws {
    let runner = FakeRunner()
    let box = PortsBox(ports(3))
    var cfg = ProxierConfig()
    cfg.localhostNodePorts = false
    let proxier = IPTablesProxier(iptables: IPTables(runner: runner), config: cfg, snapshot: { box.get() })

    let first = try await proxier.sync(full: false)
    #expect(first.full)
    var calls = runner.take()
    // Chains created, every jump inserted after its check, one dump, one restore with --noflush.
    #expect(calls.filter { $0.1.contains("-I") }.count == JumpRules.iptablesMode.count)
    #expect(calls.filter { $0.1.contains("-C") }.count == JumpRules.iptablesMode.count)
    let restores = calls.filter { $0.0 == "iptables-restore" }
    #expect(restores.count == 1 && restores[0].1.contains("--noflush"))
    #expect(restores[0].2?.contains("-X KUBE-SVC-STALESTALESTALE1") == true)
    #expect(!calls.contains { $0.1.contains("-F") || $0.1.contains("--flush") })

    var p = box.get()
    p[1].endpoints.removeFirst()
    box.set(p)
    let second = try await proxier.sync(full: false)
    #expect(!second.full && second.changedServicePorts == 1)
    calls = runner.take()
    #expect(calls.map(\.0) == ["iptables-restore"])

    // A failed restore makes the next sync a full one.
    p[2].endpoints.removeFirst()
    box.set(p)
    runner.failRestore = true
    await #expect(throws: CommandError.self) { try await proxier.sync(full: false) }
    runner.failRestore = false
    _ = runner.take()
    let third = try await proxier.sync(full: false)
    #expect(third.full)
    let m = proxier.metrics.render()
    #expect(m.contains("kubeproxy_sync_proxy_rules_iptables_partial_restore_failures_total 1"))
}
