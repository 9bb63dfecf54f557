import SkiffStats

/// The kubelet's own metric families (names as the Kubernetes kubelet exports them).
public enum KubeletMetrics {
    public static let podWorkerDuration = "kubelet_pod_worker_duration_seconds"
    public static let podStartDuration = "kubelet_pod_start_duration_seconds"
    public static let runningPods = "kubelet_running_pods"
    public static let runningContainers = "kubelet_running_containers"
    public static let proberProbeTotal = "prober_probe_total"
    public static let housekeepingCPU = "skiff_stats_housekeeping_cpu_seconds_total"
    public static let housekeepingPasses = "skiff_stats_housekeeping_total"

    static let durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    static let startBuckets = [0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240, 300, 360, 480, 600, 900, 1200, 1800, 2700, 3600]

    public static func makeRegistry() -> MetricsRegistry {
        let r = MetricsRegistry()
        r.register(podWorkerDuration, kind: .histogram, help: "Duration in seconds to sync a single pod. Broken down by operation type: create, update, or sync",
                   labels: ["operation_type"], buckets: durationBuckets)
        r.register(podStartDuration, kind: .histogram, help: "Duration in seconds from kubelet seeing a pod for the first time to the pod starting to run",
                   buckets: startBuckets)
        r.register(runningPods, kind: .gauge, help: "Number of pods that have a running pod sandbox")
        r.register(runningContainers, kind: .gauge, help: "Number of containers currently running", labels: ["container_state"])
        r.register(proberProbeTotal, kind: .counter, help: "Cumulative number of a liveness, readiness or startup probe for a container by result.",
                   labels: ["probe_type", "result", "container", "pod", "namespace"])
        r.register(housekeepingCPU, kind: .counter, help: "CPU time the stats collector's housekeeping passes took, in seconds")
        r.register(housekeepingPasses, kind: .counter, help: "Housekeeping passes of the stats collector")
        return r
    }
}
