import Synchronization

/// A small in-process metrics registry (counters, gauges, histograms with labels) rendered in
/// the Prometheus text format: the kubelet's own `/metrics`.
public final class MetricsRegistry: Sendable {
    public enum Kind: String, Sendable { case counter, gauge, histogram }

    struct Family: Sendable {
        var kind: Kind
        var help: String
        var labelNames: [String]
        var buckets: [Double]
        /// label values → value (counter, gauge) or bucket counts + sum + count (histogram).
        var values: [[String]: Double] = [:]
        var histograms: [[String]: (counts: [UInt64], sum: Double, count: UInt64)] = [:]
    }

    private let families = Mutex<[String: Family]>([:])
    private let order = Mutex<[String]>([])

    public init() {}

    public func register(_ name: String, kind: Kind, help: String, labels: [String] = [], buckets: [Double] = []) {
        families.withLock { f in
            guard f[name] == nil else { return }
            f[name] = Family(kind: kind, help: help, labelNames: labels, buckets: buckets.sorted())
            order.withLock { $0.append(name) }
        }
    }

    public func inc(_ name: String, labels: [String] = [], by v: Double = 1) {
        families.withLock { $0[name]?.values[labels, default: 0] += v }
    }

    public func set(_ name: String, labels: [String] = [], _ v: Double) {
        families.withLock { $0[name]?.values[labels] = v }
    }

    /// Replaces every series of a gauge at once (a family whose label sets come and go).
    public func replace(_ name: String, _ series: [[String]: Double]) {
        families.withLock { $0[name]?.values = series }
    }

    public func observe(_ name: String, labels: [String] = [], _ v: Double) {
        families.withLock { f in
            guard var fam = f[name] else { return }
            var h = fam.histograms[labels] ?? (counts: [UInt64](repeating: 0, count: fam.buckets.count), sum: 0, count: 0)
            for (i, b) in fam.buckets.enumerated() where v <= b { h.counts[i] += 1 }
            h.sum += v
            h.count += 1
            fam.histograms[labels] = h
            f[name] = fam
        }
    }

    public func value(_ name: String, _ labels: [String] = []) -> Double? {
        families.withLock { $0[name]?.values[labels] }
    }

    public func render() -> String {
        let names = order.withLock { $0 }
        let snapshot = families.withLock { $0 }
        var p = PrometheusText()
        for name in names {
            guard let f = snapshot[name] else { continue }
            p.family(name, type: f.kind.rawValue, help: f.help)
            func labels(_ values: [String]) -> [(String, String)] { Array(zip(f.labelNames, values)) }
            if f.kind == .histogram {
                for key in f.histograms.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    guard let h = f.histograms[key] else { continue }
                    for (i, b) in f.buckets.enumerated() {
                        p.sample(name + "_bucket", labels(key) + [("le", PrometheusText.format(b))], h.counts[i])
                    }
                    p.sample(name + "_bucket", labels(key) + [("le", "+Inf")], h.count)
                    p.sample(name + "_sum", labels(key), h.sum)
                    p.sample(name + "_count", labels(key), h.count)
                }
            } else {
                for key in f.values.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    p.sample(name, labels(key), f.values[key] ?? 0)
                }
            }
        }
        return p.text
    }
}
