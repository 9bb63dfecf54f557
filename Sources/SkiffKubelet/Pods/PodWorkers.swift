/// One worker per pod: syncs for the same pod never run at once, and while one runs, newer
/// requests for that pod collapse into a single follow-up sync with the latest input (the
/// kubelet is level-triggered: only the newest desired state matters). Different pods sync
/// in parallel.
public actor PodWorkers<Key: Hashable & Sendable, Input: Sendable> {
    public typealias Sync = @Sendable (Key, Input) async -> Void

    private struct Slot {
        var running = false
        var pending: Input?
    }

    private var slots: [Key: Slot] = [:]
    private let sync: Sync
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(sync: @escaping Sync) { self.sync = sync }

    /// Asks for a sync of `key` with `input`; returns at once.
    public func update(_ key: Key, _ input: Input) {
        var slot = slots[key] ?? Slot()
        slot.pending = input
        let start = !slot.running
        if start { slot.running = true }
        slots[key] = slot
        if start { Task { await self.drain(key) } }
    }

    /// Keys with a sync running or queued.
    public var busyKeys: [Key] { slots.filter { $0.value.running }.map(\.key) }

    /// Waits until no sync is running or queued (for tests and orderly shutdown).
    public func waitIdle() async {
        if slots.values.allSatisfy({ !$0.running }) { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func take(_ key: Key) -> Input? {
        guard var slot = slots[key], let next = slot.pending else {
            slots[key] = nil
            if slots.isEmpty || slots.values.allSatisfy({ !$0.running }) {
                let waiters = idleWaiters
                idleWaiters = []
                waiters.forEach { $0.resume() }
            }
            return nil
        }
        slot.pending = nil
        slots[key] = slot
        return next
    }

    private func drain(_ key: Key) async {
        while let input = take(key) {
            await sync(key, input)
        }
    }
}
