import Foundation
import SkiffAPI

/// `/openapi/v3` and `/openapi/v3/<group-version>` from SkiffAPI's generator. The documents
/// are pure functions of the served types, so each is built once and kept.
public final class OpenAPIDocuments: @unchecked Sendable {
    private var cache: [String: JSONValue] = [:]
    private var index: JSONValue?
    private let lock = NSLock()

    public init() {}

    /// The document for "v1", "apps/v1", ...; the index for nil; nil when nothing is served there.
    public func document(_ groupVersion: String?) -> JSONValue? {
        guard let gv = groupVersion else {
            if let i = lock.withLock({ index }) { return i }
            let i = OpenAPIV3.index()
            lock.withLock { index = i }
            return i
        }
        if let d = lock.withLock({ cache[gv] }) { return d }
        guard let d = OpenAPIV3.document(groupVersion: gv) else { return nil }
        lock.withLock { cache[gv] = d }
        return d
    }
}
