import Foundation

extension EtcdStore {
    /// After a conditional delete whose first attempt got no answer, finds out whether that
    /// attempt is what removed the key: the key's first change after `expectedRevision` must
    /// be a delete of exactly that version. Returns the deleted value at the delete's
    /// revision, or nil when something else happened (or history is compacted), in which
    /// case the caller reports the key as not found.
    ///
    /// etcd keeps no request ids, so the key's history is the only witness; either way the
    /// key now stands exactly as this delete would have left it.
    func deleteAfterUnansweredAttempt(_ key: String, expectedRevision: Int64) async -> KeyValue? {
        // The version must have existed; then, the key being absent now, a later change of
        // it is in the history and the watch below answers at once.
        guard let atExpected = try? await list(prefix: key, revision: expectedRevision, startAfter: nil, limit: 1),
              let version = atExpected.items.first, version.key == key, version.modRevision == expectedRevision else {
            return nil
        }
        let history = watch(prefix: key, afterRevision: expectedRevision)
        return await withTaskGroup(of: KeyValue?.self) { group in
            group.addTask {
                do {
                    for try await event in history where event.kv.key == key {
                        guard event.kind == .delete, event.prevKV?.modRevision == expectedRevision else { return nil }
                        return event.kv
                    }
                } catch {
                    return nil
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
