import Foundation
import Logging

/// When a rule-writing proxier syncs: at once when something changed (but not within
/// `minSyncPeriod` of the last sync, so bursts coalesce), a full sync every `syncPeriod`, and a
/// full one after any failure. Pure bookkeeping; the proxier's loop asks and reports.
struct SyncSchedule {
    var syncPeriod: Double
    var minSyncPeriod: Double
    var dirty = true
    var forceFull = true
    var lastSync: ContinuousClock.Instant?
    var lastFull: ContinuousClock.Instant?

    /// nil when nothing is due; otherwise whether the due sync must be full.
    func due(at now: ContinuousClock.Instant) -> Bool? {
        let fullDue = lastFull.map { now - $0 >= .seconds(syncPeriod) } ?? true
        let minOK = lastSync.map { now - $0 >= .seconds(minSyncPeriod) } ?? true
        guard (dirty && minOK) || fullDue || (forceFull && minOK) else { return nil }
        return fullDue || forceFull
    }

    mutating func succeeded(full: Bool, at now: ContinuousClock.Instant) {
        forceFull = false
        lastSync = now
        if full { lastFull = now }
    }

    /// The host may now differ from what the proxier remembers: the next sync is full.
    mutating func failed(at now: ContinuousClock.Instant? = nil) {
        forceFull = true
        dirty = true
        if let now { lastSync = now }
    }
}

/// Host settings and clean-ups both rule-writing modes share.
enum ProxyHost {
    /// net.ipv4.conf.all.route_localnet=1, so node ports answer on 127.0.0.1.
    static func enableRouteLocalnet(logger: Logger) {
        let path = "/proc/sys/net/ipv4/conf/all/route_localnet"
        if (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) != "1" {
            do { try "1".write(toFile: path, atomically: false, encoding: .utf8) } catch {
                logger.warning("cannot set route_localnet (node ports will not answer on 127.0.0.1): \(error)")
            }
        }
    }

    /// Runs the `conntrack -D` deletions. A missing conntrack is logged once: pass whether it
    /// was already, get whether it is now.
    static func flushConntrack(_ deletions: [[String]], runner: any CommandRunner, logger: Logger, missingLogged: Bool) async -> Bool {
        var missingLogged = missingLogged
        for args in deletions {
            do {
                let r = try await runner.run("conntrack", args, stdin: nil)
                // conntrack exits 1 when nothing matched; that is the common case.
                if r.status != 0 && !r.stderr.contains("0 flow entries") {
                    logger.debug("conntrack \(args.joined(separator: " ")): \(r.stderr)")
                }
            } catch {
                if !missingLogged {
                    logger.warning("conntrack not runnable (stale UDP flows stay until they expire): \(error)")
                    missingLogged = true
                }
            }
        }
        return missingLogged
    }
}
