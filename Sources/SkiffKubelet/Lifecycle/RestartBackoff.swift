/// CrashLoopBackOff timing, as the kubelet does it: the delay before restarting a container
/// starts at 10 s and doubles after each restart up to 5 min; a container that ran for 10 min
/// without exiting resets its backoff. Pure: callers pass the clock.
public struct RestartBackoff: Sendable, Equatable {
    public var initial: Double = 10
    public var maximum: Double = 300
    public var resetAfterRunning: Double = 600

    /// Per container: the delay to apply before the next restart, and when it may happen.
    public struct Entry: Sendable, Equatable {
        public var delay: Double
        public var notBefore: Double
    }

    private var entries: [String: Entry] = [:]

    public init(initial: Double = 10, maximum: Double = 300, resetAfterRunning: Double = 600) {
        self.initial = initial; self.maximum = maximum; self.resetAfterRunning = resetAfterRunning
    }

    /// Records that container `key` exited at `exitedAt` after starting at `startedAt`, and
    /// returns the time before which it must not be restarted.
    public mutating func containerExited(_ key: String, startedAt: Double, exitedAt: Double) -> Double {
        let ranLong = exitedAt - startedAt >= resetAfterRunning
        let delay: Double
        if let e = entries[key], !ranLong {
            delay = min(e.delay * 2, maximum)
        } else {
            delay = initial
        }
        let entry = Entry(delay: delay, notBefore: exitedAt + delay)
        entries[key] = entry
        return entry.notBefore
    }

    /// True while the container is waiting out its backoff (the Waiting reason is CrashLoopBackOff).
    public func isBackingOff(_ key: String, now: Double) -> Bool {
        guard let e = entries[key] else { return false }
        return now < e.notBefore
    }

    public func entry(_ key: String) -> Entry? { entries[key] }

    public mutating func forget(_ key: String) { entries[key] = nil }
}
