import Logging

/// Keeps service and pod addresses from leaving the node by its default route. The service
/// range is routed to a dummy device (so a host process can still connect to a cluster IP: the
/// route lookup succeeds and the nat OUTPUT chain rewrites the destination; where the kernel has
/// no dummy driver, a bridge without ports and without ARP does the same); the cluster's pod
/// range gets an `unreachable` route, below the more specific per-node pod routes. Existing
/// routes for exactly these ranges are left alone.
public struct RouteGuard: Sendable {
    public static let device = "skiff-svc0"
    public let runner: any CommandRunner
    private let logger = Logger(label: "skiff.proxy.routes")

    public init(runner: any CommandRunner) { self.runner = runner }

    public func ensure(serviceCIDR: String?, clusterCIDR: String?) async {
        if let cidr = serviceCIDR {
            do {
                if try await !hasRoute(cidr) {
                    var link = try await runner.run("ip", ["link", "show", Self.device], stdin: nil)
                    if link.status != 0 { link = try await runner.run("ip", ["link", "add", Self.device, "type", "dummy"], stdin: nil) }
                    if link.status != 0 { link = try await runner.run("ip", ["link", "add", Self.device, "type", "bridge"], stdin: nil) }
                    let dev = Self.device
                    _ = try await runner.run("ip", ["link", "set", dev, "arp", "off", "up"], stdin: nil)
                    let r = try await runner.run("ip", ["route", "add", cidr, "dev", dev], stdin: nil)
                    if r.status == 0 { logger.info("routed the service range \(cidr) to \(dev)") } else { logger.warning("ip route add \(cidr) dev \(dev): \(r.stderr)") }
                }
            } catch { logger.warning("cannot route the service range \(cidr): \(error)") }
        }
        if let cidr = clusterCIDR {
            do {
                if try await !hasRoute(cidr) {
                    let r = try await runner.run("ip", ["route", "add", "unreachable", cidr], stdin: nil)
                    if r.status == 0 { logger.info("pod range \(cidr) unreachable except through node routes") } else { logger.warning("ip route add unreachable \(cidr): \(r.stderr)") }
                }
            } catch { logger.warning("cannot guard the pod range \(cidr): \(error)") }
        }
    }

    /// Removes what `ensure` added (cleanup).
    public func remove(serviceCIDR: String?, clusterCIDR: String?) async {
        if let cidr = serviceCIDR {
            _ = try? await runner.run("ip", ["route", "del", cidr, "dev", Self.device], stdin: nil)
        }
        if let cidr = clusterCIDR { _ = try? await runner.run("ip", ["route", "del", "unreachable", cidr], stdin: nil) }
        _ = try? await runner.run("ip", ["link", "del", Self.device], stdin: nil)
    }

    private func hasRoute(_ cidr: String) async throws -> Bool {
        let r = try await runner.run("ip", ["route", "show", "table", "all", "exact", cidr], stdin: nil)
        return r.status == 0 && !r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}
