/// The outcome of one probe attempt.
public enum ProbeOutcome: Sendable, Equatable {
    case success
    case failure(String)
}

/// Turns probe attempts into the probe's result, as the kubelet's prober does: the result flips
/// to failure only after `failureThreshold` consecutive failures and back to success after
/// `successThreshold` consecutive successes; nothing is probed before `initialDelaySeconds`.
/// Pure: callers pass the times.
public struct ProbeTracker: Sendable, Equatable {
    public enum Result: Sendable, Equatable { case unknown, success, failure }

    public let initialDelay: Double
    public let period: Double
    public let successThreshold: Int
    public let failureThreshold: Int
    public private(set) var result: Result
    public private(set) var consecutiveSuccesses = 0
    public private(set) var consecutiveFailures = 0
    public private(set) var lastMessage = ""

    /// - Parameter initialResult: readiness starts as failure, liveness and startup as success
    ///   until proven otherwise (startup gates liveness until it succeeds).
    public init(initialDelay: Double = 0, period: Double = 10, successThreshold: Int = 1, failureThreshold: Int = 3,
                initialResult: Result = .unknown) {
        self.initialDelay = initialDelay
        self.period = max(period, 1)
        self.successThreshold = max(successThreshold, 1)
        self.failureThreshold = max(failureThreshold, 1)
        self.result = initialResult
    }

    /// When the next probe is due for a container started at `startedAt`, given the last probe time.
    public func nextProbe(startedAt: Double, lastProbe: Double?) -> Double {
        guard let last = lastProbe else { return startedAt + initialDelay }
        return last + period
    }

    /// Records one attempt; returns true when the result changed.
    @discardableResult
    public mutating func record(_ outcome: ProbeOutcome) -> Bool {
        let before = result
        switch outcome {
        case .success:
            consecutiveSuccesses += 1
            consecutiveFailures = 0
            lastMessage = ""
            if consecutiveSuccesses >= successThreshold { result = .success }
        case .failure(let message):
            consecutiveFailures += 1
            consecutiveSuccesses = 0
            lastMessage = message
            if consecutiveFailures >= failureThreshold { result = .failure }
        }
        return result != before
    }

    /// After a restart the counters start over (the result keeps its initial meaning).
    public mutating func reset(to initial: Result) {
        result = initial
        consecutiveSuccesses = 0
        consecutiveFailures = 0
        lastMessage = ""
    }
}
