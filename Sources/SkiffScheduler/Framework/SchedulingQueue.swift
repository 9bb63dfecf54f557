import SkiffAPI

/// The pending pods: an active FIFO of pods to try now, and the pods that did not fit,
/// waiting out a backoff (1 s doubling to 10 s per failed attempt) or a cluster change
/// (a node added or changed, a pod deleted), whichever comes first. Pure: time is passed in.
public struct SchedulingQueue: Sendable {
    public var initialBackoff: Double
    public var maxBackoff: Double

    private var active: [String] = []
    private var head = 0
    private var inActive = Set<String>()
    /// The newest version of every pending pod (active or waiting).
    private var pods: [String: PodInfo] = [:]
    /// Pods that did not fit, with when they may be tried again.
    private var waiting: [String: Double] = [:]
    private var attempts: [String: Int] = [:]

    public init(initialBackoff: Double = 1, maxBackoff: Double = 10) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    public var activeCount: Int { active.count - head }
    public var waitingCount: Int { waiting.count }
    public func contains(_ key: String) -> Bool { pods[key] != nil }
    public func isWaiting(_ key: String) -> Bool { waiting[key] != nil }

    /// A new or changed pending pod. A waiting pod goes back to the active queue only when its
    /// spec, labels or annotations changed (not for a status write, such as our own
    /// PodScheduled condition).
    public mutating func add(_ p: PodInfo) {
        let old = pods.updateValue(p, forKey: p.key)
        if waiting[p.key] != nil {
            if let old, old.pod.spec == p.pod.spec, old.pod.metadata.labels == p.pod.metadata.labels,
               old.pod.metadata.annotations == p.pod.metadata.annotations { return }
            waiting[p.key] = nil
        }
        pushActive(p.key)
    }

    /// Forgets a pod (deleted, bound elsewhere, or no longer ours).
    public mutating func remove(_ key: String) {
        pods[key] = nil
        waiting[key] = nil
        attempts[key] = nil
        inActive.remove(key)
    }

    /// The next pod to try, oldest first.
    public mutating func pop() -> PodInfo? {
        while head < active.count {
            let k = active[head]
            head += 1
            if head > 1024 && head * 2 > active.count {
                active.removeFirst(head)
                head = 0
            }
            guard inActive.remove(k) != nil, let p = pods[k] else { continue }
            // Popped pods are out of the queue until they come back through `add`/`unschedulable`.
            pods[k] = nil
            return p
        }
        return nil
    }

    /// Puts back a pod that fit nowhere (or whose binding failed); it waits its backoff.
    /// Returns the delay.
    @discardableResult
    public mutating func unschedulable(_ p: PodInfo, now: Double) -> Double {
        let n = (attempts[p.key] ?? 0) + 1
        attempts[p.key] = n
        let delay = backoff(attempts: n)
        pods[p.key] = p
        inActive.remove(p.key)
        waiting[p.key] = now + delay
        return delay
    }

    /// The backoff after `attempts` failed attempts: 1 s, 2 s, 4 s, 8 s, then 10 s.
    public func backoff(attempts: Int) -> Double {
        var d = initialBackoff
        for _ in 1..<max(attempts, 1) {
            d *= 2
            if d >= maxBackoff { return maxBackoff }
        }
        return min(d, maxBackoff)
    }

    /// A pod was scheduled: its attempt count starts over.
    public mutating func scheduled(_ key: String) { attempts[key] = nil }

    /// Moves the waiting pods whose backoff has passed to the active queue; returns when the
    /// next one is due (nil when none waits).
    @discardableResult
    public mutating func flush(now: Double) -> Double? {
        var next: Double?
        for (k, due) in waiting {
            if due <= now {
                waiting[k] = nil
                pushActive(k)
            } else {
                next = min(next ?? due, due)
            }
        }
        return next
    }

    /// The cluster changed so a waiting pod may fit now: every waiting pod is tried again at once.
    public mutating func moveAllToActive() {
        for k in waiting.keys.sorted() { pushActive(k) }
        waiting.removeAll()
    }

    private mutating func pushActive(_ k: String) {
        if inActive.insert(k).inserted { active.append(k) }
    }
}
