import Foundation

/// The proxy's Prometheus metrics, named as kube-proxy names them so dashboards carry over.
public final class ProxyMetrics: @unchecked Sendable {
    /// Exponential buckets 1 ms · 2^i (kube-proxy's sync histogram layout).
    public static let buckets: [Double] = (0..<15).map { 0.001 * pow(2, Double($0)) }

    struct Histogram {
        var counts = [UInt64](repeating: 0, count: ProxyMetrics.buckets.count)
        var sum = 0.0
        var count: UInt64 = 0

        mutating func observe(_ v: Double) {
            for (i, b) in ProxyMetrics.buckets.enumerated() where v <= b { counts[i] += 1 }
            sum += v
            count += 1
        }
    }

    private let lock = NSLock()
    private var syncDuration = Histogram()
    private var fullSyncDuration = Histogram()
    private var partialSyncDuration = Histogram()
    private var lastSyncTimestamp = 0.0
    private var natRules = 0
    private var filterRules = 0
    private var restoreFailures: UInt64 = 0
    private var partialRestoreFailures: UInt64 = 0
    private var servicesChanged: UInt64 = 0
    private var lastQueued = 0.0

    public init() {}

    public func observeSync(seconds: Double, full: Bool, natRules: Int, filterRules: Int, changedServicePorts: Int) {
        lock.withLock {
            syncDuration.observe(seconds)
            if full { fullSyncDuration.observe(seconds) } else { partialSyncDuration.observe(seconds) }
            lastSyncTimestamp = Date().timeIntervalSince1970
            self.natRules = natRules
            self.filterRules = filterRules
            servicesChanged += UInt64(changedServicePorts)
        }
    }

    public func observeRestoreFailure(partial: Bool) {
        lock.withLock {
            restoreFailures += 1
            if partial { partialRestoreFailures += 1 }
        }
    }

    public func markQueued() { lock.withLock { lastQueued = Date().timeIntervalSince1970 } }

    /// Seconds since the last successful sync (nil before the first).
    public var lastSyncAge: Double? {
        lock.withLock { lastSyncTimestamp == 0 ? nil : Date().timeIntervalSince1970 - lastSyncTimestamp }
    }

    public var lastSync: Double { lock.withLock { lastSyncTimestamp } }
    public var lastQueuedTime: Double { lock.withLock { lastQueued } }

    /// Prometheus text exposition format 0.0.4.
    public func render() -> String {
        lock.withLock {
            var o = ""
            func hist(_ name: String, _ help: String, _ h: Histogram) {
                o += "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
                for (i, b) in Self.buckets.enumerated() { o += "\(name)_bucket{le=\"\(b)\"} \(h.counts[i])\n" }
                o += "\(name)_bucket{le=\"+Inf\"} \(h.count)\n\(name)_sum \(h.sum)\n\(name)_count \(h.count)\n"
            }
            hist("kubeproxy_sync_proxy_rules_duration_seconds", "SyncProxyRules latency in seconds", syncDuration)
            hist("kubeproxy_sync_full_proxy_rules_duration_seconds", "SyncProxyRules latency in seconds for full resyncs", fullSyncDuration)
            hist("kubeproxy_sync_partial_proxy_rules_duration_seconds", "SyncProxyRules latency in seconds for partial resyncs", partialSyncDuration)
            o += "# HELP kubeproxy_sync_proxy_rules_last_timestamp_seconds The last time proxy rules were successfully synced\n"
            o += "# TYPE kubeproxy_sync_proxy_rules_last_timestamp_seconds gauge\n"
            o += "kubeproxy_sync_proxy_rules_last_timestamp_seconds \(lastSyncTimestamp)\n"
            o += "# HELP kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds The last time a sync of proxy rules was queued\n"
            o += "# TYPE kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds gauge\n"
            o += "kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds \(lastQueued)\n"
            o += "# HELP kubeproxy_sync_proxy_rules_iptables_total Total number of iptables rules owned by kube-proxy\n"
            o += "# TYPE kubeproxy_sync_proxy_rules_iptables_total gauge\n"
            o += "kubeproxy_sync_proxy_rules_iptables_total{table=\"filter\"} \(filterRules)\n"
            o += "kubeproxy_sync_proxy_rules_iptables_total{table=\"nat\"} \(natRules)\n"
            o += "# HELP kubeproxy_sync_proxy_rules_iptables_restore_failures_total Cumulative proxy iptables restore failures\n"
            o += "# TYPE kubeproxy_sync_proxy_rules_iptables_restore_failures_total counter\n"
            o += "kubeproxy_sync_proxy_rules_iptables_restore_failures_total \(restoreFailures)\n"
            o += "# HELP kubeproxy_sync_proxy_rules_iptables_partial_restore_failures_total Cumulative proxy iptables partial restore failures\n"
            o += "# TYPE kubeproxy_sync_proxy_rules_iptables_partial_restore_failures_total counter\n"
            o += "kubeproxy_sync_proxy_rules_iptables_partial_restore_failures_total \(partialRestoreFailures)\n"
            o += "# HELP kubeproxy_sync_proxy_rules_service_changes_total Cumulative service port changes written\n"
            o += "# TYPE kubeproxy_sync_proxy_rules_service_changes_total counter\n"
            o += "kubeproxy_sync_proxy_rules_service_changes_total \(servicesChanged)\n"
            return o
        }
    }
}
