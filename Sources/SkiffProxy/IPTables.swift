/// iptables over a `CommandRunner`: restore transactions, idempotent chains and jumps, and
/// listing the proxy's chains. Never flushes a whole table.
public struct IPTables: Sendable {
    public let runner: any CommandRunner
    /// Program names; "legacy"/"nft" select the backend explicitly, nil uses the system's default.
    public let iptables: String
    public let restore: String
    public let save: String

    public init(runner: any CommandRunner, backend: String? = nil) {
        self.runner = runner
        let suffix = backend.map { "-\($0)" } ?? ""
        iptables = "iptables\(suffix)"
        restore = "iptables\(suffix)-restore"
        save = "iptables\(suffix)-save"
    }

    /// Whether this iptables programs nf_tables ("nf_tables") or the old x_tables ("legacy"),
    /// as `iptables --version` says; nil when it does not say.
    public func backend() async -> String? {
        guard let r = try? await runner.run(iptables, ["--version"], stdin: nil), r.status == 0 else { return nil }
        if r.stdout.contains("(nf_tables)") { return "nf_tables" }
        if r.stdout.contains("(legacy)") { return "legacy" }
        return nil
    }

    /// Applies one transaction; tables not named are untouched, chains not declared keep their rules.
    public func apply(_ input: String) async throws {
        let r = try await runner.run(restore, ["--noflush", "-w", "5"], stdin: input)
        guard r.status == 0 else {
            throw CommandError("\(restore) --noflush failed (exit \(r.status)): \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// Creates a chain if it does not exist.
    public func ensureChain(table: String, _ chain: String) async throws {
        let check = try await runner.run(iptables, ["-w", "5", "-t", table, "-S", chain, "1"], stdin: nil)
        if check.status == 0 { return }
        let r = try await runner.run(iptables, ["-w", "5", "-t", table, "-N", chain], stdin: nil)
        guard r.status == 0 || r.stderr.contains("already exists") else {
            throw CommandError("\(iptables) -t \(table) -N \(chain): \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// `iptables -C || iptables -I`: the jump is added once, at the top, and never duplicated.
    public func ensureJump(_ j: JumpRule) async throws {
        let check = try await runner.run(iptables, ["-w", "5", "-t", j.table, "-C", j.chain] + j.ruleArgs, stdin: nil)
        if check.status == 0 { return }
        let r = try await runner.run(iptables, ["-w", "5", "-t", j.table, "-I", j.chain] + j.ruleArgs, stdin: nil)
        guard r.status == 0 else {
            throw CommandError("\(iptables) -t \(j.table) -I \(j.chain) -j \(j.target): \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// Removes every copy of a jump (used by cleanup); a missing chain or rule is fine.
    public func deleteJump(_ j: JumpRule) async throws {
        for _ in 0..<16 {
            let r = try await runner.run(iptables, ["-w", "5", "-t", j.table, "-D", j.chain] + j.ruleArgs, stdin: nil)
            if r.status != 0 { return }
        }
    }

    /// The table as iptables-save prints it.
    public func dump(table: String) async throws -> String {
        let r = try await runner.run(save, ["-t", table], stdin: nil)
        guard r.status == 0 else { throw CommandError("\(save) -t \(table): \(r.stderr)") }
        return r.stdout
    }

    /// Chain names declared in an iptables-save dump.
    public static func chains(inDump dump: String) -> Set<String> {
        var out = Set<String>()
        for line in dump.split(separator: "\n") where line.hasPrefix(":") {
            if let name = line.dropFirst().split(separator: " ").first { out.insert(String(name)) }
        }
        return out
    }
}
