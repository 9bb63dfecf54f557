import Foundation
import SkiffAPI

/// Pod facts every controller asks about (pure).
public enum PodFacts {
    /// The pod's Ready condition is True.
    public static func isReady(_ pod: Pod) -> Bool {
        readyCondition(pod)?.status == "True"
    }

    public static func readyCondition(_ pod: Pod) -> PodCondition? {
        pod.status.conditions?.first { $0.type == "Ready" }
    }

    /// Ready for at least `minReadySeconds` at `now` (Kubernetes' IsPodAvailable).
    public static func isAvailable(_ pod: Pod, minReadySeconds: Int, now: Time) -> Bool {
        guard let c = readyCondition(pod), c.status == "True" else { return false }
        if minReadySeconds <= 0 { return true }
        guard let since = c.lastTransitionTime else { return false }
        return since.secondsSinceEpoch + Int64(minReadySeconds) <= now.secondsSinceEpoch
    }

    /// Not finished and not being deleted: counts toward a controller's replicas.
    public static func isActive(_ pod: Pod) -> Bool {
        let phase = pod.status.phase ?? ""
        return phase != "Succeeded" && phase != "Failed" && pod.metadata.deletionTimestamp == nil
    }

    public static func isTerminating(_ pod: Pod) -> Bool { pod.metadata.deletionTimestamp != nil }
}
