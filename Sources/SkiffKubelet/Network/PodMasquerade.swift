import Foundation
import Logging
import SkiffSubprocess

/// Masquerade for traffic leaving the pod range, installed once per node. Skiff's default
/// network runs the bridge plugin with `ipMasq` off: with it on, the plugin creates and removes
/// a chain and its rules for every pod, several iptables runs on each sandbox start and stop.
/// One node-wide chain does the same job: from the pod range to anywhere but the pod range and
/// multicast, MASQUERADE.
public struct PodMasquerade: Sendable {
    public static let chain = "SKIFF-POD-MASQ"
    public static let comment = "skiff: masquerade traffic leaving the pod range"

    public let podCIDR: String
    /// Prepended to every command, e.g. `["/usr/bin/nsenter", "--net=/run/netns/h", "--"]`.
    public let prefix: [String]
    private let logger = Logger(label: "skiff.kubelet.masquerade")

    public init(podCIDR: String, prefix: [String] = []) {
        self.podCIDR = podCIDR
        self.prefix = prefix
    }

    /// The `iptables-restore --noflush` input: the chain declared (so rewritten whole) with its
    /// rules, and the POSTROUTING jump when it is missing. Pure.
    public static func restoreInput(podCIDR: String, jumpExists: Bool) -> String {
        var s = "*nat\n:\(chain) - [0:0]\n"
        if !jumpExists {
            s += "-I POSTROUTING -s \(podCIDR) -m comment --comment \"\(comment)\" -j \(chain)\n"
        }
        s += "-A \(chain) -d \(podCIDR) -j RETURN\n"
        s += "-A \(chain) -d 224.0.0.0/4 -j RETURN\n"
        s += "-A \(chain) -j MASQUERADE\n"
        s += "COMMIT\n"
        return s
    }

    var jumpRule: [String] {
        ["POSTROUTING", "-s", podCIDR, "-m", "comment", "--comment", Self.comment, "-j", Self.chain]
    }

    /// Installs or refreshes the chain and its jump; idempotent.
    public func ensure() throws {
        let exists = try run(["iptables", "-w", "-t", "nat", "-C"] + jumpRule, allowFailure: true) == 0
        try run(["iptables-restore", "-w", "--noflush"], input: Self.restoreInput(podCIDR: podCIDR, jumpExists: exists))
        logger.info("pod range \(podCIDR) masqueraded through \(Self.chain)")
    }

    /// Removes the jump and the chain (tests; a node leaving). Missing pieces are fine.
    public func remove() throws {
        while try run(["iptables", "-w", "-t", "nat", "-D"] + jumpRule, allowFailure: true) == 0 {}
        _ = try run(["iptables", "-w", "-t", "nat", "-F", Self.chain], allowFailure: true)
        _ = try run(["iptables", "-w", "-t", "nat", "-X", Self.chain], allowFailure: true)
    }

    @discardableResult
    private func run(_ argv: [String], input: String? = nil, allowFailure: Bool = false) throws -> Int32 {
        let r: SubprocessOutput
        do { r = try Subprocess.run(prefix + argv, stdin: Array((input ?? "").utf8)) }
        catch { throw CNIError.exec("\(error)") }
        if r.status != 0 && !allowFailure {
            throw CNIError.badResult("\(argv.joined(separator: " ")): exit \(r.status): \(r.stderrText)")
        }
        return r.status
    }
}
