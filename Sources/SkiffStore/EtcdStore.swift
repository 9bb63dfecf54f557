import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// `KVStore` on etcd v3 through its gRPC-JSON gateway.
///
/// Creates are transactions on `create_revision == 0`, updates and conditional deletes on
/// `mod_revision == N`, so etcd's own revision is the store revision. Requests go to the
/// endpoint that last answered; a connection error or a leader loss moves on to the next
/// one and retries until the deadline, so a cluster that elects a new leader keeps serving.
public final class EtcdStore: KVStore {
    public struct Options: Sendable {
        /// How long one call keeps retrying across endpoints before it fails.
        public var deadline: Duration
        /// Timeout of one attempt against one endpoint.
        public var attemptTimeout: Duration

        public init(deadline: Duration = .seconds(15), attemptTimeout: Duration = .seconds(3)) {
            self.deadline = deadline
            self.attemptTimeout = attemptTimeout
        }
    }

    private let endpoints: [String]
    private let options: Options
    private let client: HTTPClient
    private let streamClient: HTTPClient
    private let state = EtcdState()
    private let logger = Logger(label: "skiff.store.etcd")

    /// - Parameter endpoints: client URLs such as `http://127.0.0.1:2379` (`--etcd-servers`).
    public init(endpoints: [String], options: Options = Options()) throws {
        let cleaned = endpoints.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !cleaned.isEmpty else {
            throw StoreError.unavailable("etcd-servers: expected at least one URL such as http://127.0.0.1:2379")
        }
        for url in cleaned {
            guard let parsed = URL(string: url), parsed.scheme == "http" || parsed.scheme == "https", parsed.host != nil else {
                throw StoreError.unavailable("etcd-servers: \(url) is not an http(s) URL such as http://127.0.0.1:2379")
            }
        }
        self.endpoints = cleaned.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.options = options
        let attempt = Self.timeAmount(options.attemptTimeout)
        // Every watch holds one HTTP/1.1 connection for its lifetime (the gateway maps one
        // watch to one request), so the stream pool must not queue them behind each other.
        var unary = HTTPClient.Configuration(timeout: .init(connect: .seconds(1), read: attempt))
        unary.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        // A refused connection (a dead member) must fail the attempt at once so the call moves
        // to the next endpoint, instead of the pool retrying it until the attempt times out.
        unary.connectionPool.retryConnectionEstablishment = false
        var streaming = HTTPClient.Configuration(timeout: .init(connect: .seconds(1), read: nil))
        streaming.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 100_000)
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: unary)
        streamClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: streaming)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    // MARK: - KVStore

    public func currentRevision() async throws -> Int64 {
        let body: [String: Any] = ["key": EtcdWire.bytes("\0"), "count_only": true]
        let response: EtcdWire.RangeResponse = try await call("/v3/kv/range", body)
        return response.header?.rev ?? 0
    }

    public func get(_ key: String) async throws -> KeyValue? {
        let response: EtcdWire.RangeResponse = try await call("/v3/kv/range", ["key": EtcdWire.bytes(key)])
        return response.kvs?.first?.keyValue()
    }

    public func list(prefix: String, revision: Int64?, startAfter: String?, limit: Int) async throws -> ListResult {
        var start = prefix
        if let startAfter, startAfter >= prefix { start = startAfter + "\0" }
        var body: [String: Any] = [
            "key": EtcdWire.bytes(start),
            "range_end": EtcdWire.bytes(EtcdWire.prefixEnd(prefix)),
        ]
        if let revision { body["revision"] = String(revision) }
        if limit > 0 { body["limit"] = String(limit) }
        let response: EtcdWire.RangeResponse = try await call("/v3/kv/range", body, requestedRevision: revision)
        let items = (response.kvs ?? []).map { $0.keyValue() }
        return ListResult(items: items, revision: revision ?? response.header?.rev ?? 0, more: response.more ?? false)
    }

    public func create(_ key: String, value: Data) async throws -> Int64 {
        let k = EtcdWire.bytes(key)
        let body: [String: Any] = [
            "compare": [["key": k, "target": "CREATE", "result": "EQUAL", "create_revision": "0"]],
            "success": [["request_put": ["key": k, "value": EtcdWire.bytes(value)]]],
            "failure": [["request_range": ["key": k]]],
        ]
        let (response, retried): (EtcdWire.TxnResponse, Bool) = try await callReportingRetry("/v3/kv/txn", body)
        if response.succeeded == true { return response.header?.rev ?? 0 }
        // An earlier attempt that got no answer may have been applied: if the key holds
        // exactly this value, freshly created, that attempt is the one that created it.
        if retried, let current = response.responses?.first?.responseRange?.kvs?.first?.keyValue(),
           current.value == value, current.createRevision == current.modRevision {
            logger.debug("create resolved after an unanswered attempt", metadata: ["key": "\(key)"])
            return current.modRevision
        }
        throw StoreError.keyExists(key)
    }

    public func update(_ key: String, value: Data, expectedRevision: Int64) async throws -> Int64 {
        let k = EtcdWire.bytes(key)
        let body: [String: Any] = [
            "compare": [["key": k, "target": "MOD", "result": "EQUAL", "mod_revision": String(expectedRevision)]],
            "success": [["request_put": ["key": k, "value": EtcdWire.bytes(value)]]],
            "failure": [["request_range": ["key": k]]],
        ]
        let (response, retried): (EtcdWire.TxnResponse, Bool) = try await callReportingRetry("/v3/kv/txn", body)
        if response.succeeded == true { return response.header?.rev ?? 0 }
        // As for create: an unanswered earlier attempt may be the write that is now there.
        if retried, let current = response.responses?.first?.responseRange?.kvs?.first?.keyValue(),
           current.value == value, current.modRevision > expectedRevision {
            logger.debug("update resolved after an unanswered attempt", metadata: ["key": "\(key)"])
            return current.modRevision
        }
        throw Self.failure(key, response)
    }

    public func delete(_ key: String, expectedRevision: Int64?) async throws -> KeyValue {
        let k = EtcdWire.bytes(key)
        // Without an expected revision the compare only asks that the key exist.
        let compare: [String: Any] = expectedRevision.map {
            ["key": k, "target": "MOD", "result": "EQUAL", "mod_revision": String($0)]
        } ?? ["key": k, "target": "CREATE", "result": "GREATER", "create_revision": "0"]
        let body: [String: Any] = [
            "compare": [compare],
            "success": [["request_delete_range": ["key": k, "prev_kv": true]]],
            "failure": [["request_range": ["key": k]]],
        ]
        let (response, retried): (EtcdWire.TxnResponse, Bool) = try await callReportingRetry("/v3/kv/txn", body)
        guard response.succeeded == true else {
            // The key is gone after an unanswered attempt: that attempt may be the delete.
            if retried, let expectedRevision, response.responses?.first?.responseRange?.kvs?.first == nil,
               let gone = await deleteAfterUnansweredAttempt(key, expectedRevision: expectedRevision) {
                return gone
            }
            throw Self.failure(key, response)
        }
        guard let prev = response.responses?.first?.responseDeleteRange?.prevKvs?.first else {
            throw StoreError.notFound(key)
        }
        var gone = prev.keyValue()
        gone.modRevision = response.header?.rev ?? 0
        return gone
    }

    public func watch(prefix: String, afterRevision: Int64) -> AsyncThrowingStream<StoreEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream<StoreEvent, Error>.makeStream(bufferingPolicy: .unbounded)
        let task = Task { await self.runWatch(prefix: prefix, afterRevision: afterRevision, continuation: continuation) }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    public func compact(revision: Int64) async throws {
        do {
            _ = try await callRaw("/v3/kv/compaction", ["revision": String(revision), "physical": false], requestedRevision: revision)
        } catch StoreError.compacted {
            return  // already compacted at or beyond `revision`
        }
    }

    public func close() async {
        try? await client.shutdown()
        try? await streamClient.shutdown()
    }

    /// A plain put with no compare, the ceiling a create can reach (benchmark peer).
    func rawPut(_ key: String, value: Data) async throws -> Int64 {
        let response: EtcdWire.RangeResponse = try await call("/v3/kv/put", ["key": EtcdWire.bytes(key), "value": EtcdWire.bytes(value)])
        return response.header?.rev ?? 0
    }

    /// The member id of the cluster leader, as an endpoint reports it.
    public func leaderStatus(endpoint: String) async throws -> (memberID: UInt64, leader: UInt64) {
        let data = try await attempt(endpoint: endpoint, path: "/v3/maintenance/status", body: Data("{}".utf8))
        let status = try EtcdWire.decoder.decode(EtcdWire.StatusResponse.self, from: data)
        return (status.header?.memberId?.value ?? 0, status.leader?.value ?? 0)
    }

    // MARK: - transport

    private static func failure(_ key: String, _ response: EtcdWire.TxnResponse) -> StoreError {
        if let current = response.responses?.first?.responseRange?.kvs?.first {
            return .conflict(key: key, currentRevision: current.modRevision?.value ?? 0)
        }
        return .notFound(key)
    }

    private func call<T: Decodable>(_ path: String, _ body: [String: Any], requestedRevision: Int64? = nil) async throws -> T {
        try await callReportingRetry(path, body, requestedRevision: requestedRevision).0
    }

    /// Like `call`, also saying whether an earlier attempt failed without a definite answer
    /// (it may have been applied), which a failed compare must then take into account.
    private func callReportingRetry<T: Decodable>(_ path: String, _ body: [String: Any],
                                                  requestedRevision: Int64? = nil) async throws -> (T, Bool) {
        let (data, retried) = try await callRaw(path, body, requestedRevision: requestedRevision)
        do {
            return (try EtcdWire.decoder.decode(T.self, from: data), retried)
        } catch {
            throw StoreError.unavailable("etcd: unexpected answer to \(path): \(error)")
        }
    }

    /// Sends one request, moving across endpoints on connection errors and leader loss until
    /// the deadline.
    private func callRaw(_ path: String, _ body: [String: Any], requestedRevision: Int64? = nil) async throws -> (Data, retried: Bool) {
        let payload: Data
        do {
            payload = try EtcdRequestJSON.encode(body)
        } catch {
            throw StoreError.unavailable("etcd: cannot encode request to \(path): \(error)")
        }
        let clock = ContinuousClock()
        let deadline = clock.now + options.deadline
        var lastError: Error = StoreError.unavailable("etcd: no endpoint answered")
        var delay = Duration.milliseconds(20)
        var tried = 0
        while true {
            let index = state.preferred(count: endpoints.count)
            let endpoint = endpoints[index]
            do {
                let data = try await attempt(endpoint: endpoint, path: path, body: payload, requestedRevision: requestedRevision)
                return (data, tried > 0)
            } catch let error as EtcdRetryable {
                lastError = StoreError.unavailable("etcd \(endpoint): \(error.message)")
                state.failed(index, count: endpoints.count)
                logger.debug("etcd endpoint failed, trying the next", metadata: ["endpoint": "\(endpoint)", "error": "\(error.message)"])
            }
            tried += 1
            if clock.now >= deadline { throw lastError }
            // After a full round of endpoints, wait a little (the cluster may be electing).
            if tried % endpoints.count == 0 {
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .milliseconds(500))
            }
            try Task.checkCancellation()
        }
    }

    /// One request to one endpoint. Throws `EtcdRetryable` for failures another endpoint or
    /// a later attempt may not have, `StoreError` for definite answers.
    private func attempt(endpoint: String, path: String, body: Data, requestedRevision: Int64? = nil) async throws -> Data {
        var request = HTTPClientRequest(url: endpoint + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        Self.requireLeader(&request)
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await client.execute(request, timeout: Self.timeAmount(options.attemptTimeout))
            bytes = try await response.body.collect(upTo: 256 << 20)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw EtcdRetryable(message: "\(error)")
        }
        let data = Data(bytes.readableBytesView)
        if response.status == .ok { return data }
        let detail = (try? EtcdWire.decoder.decode(EtcdWire.ErrorBody.self, from: data))
        let message = detail?.text ?? "HTTP \(response.status.code)"
        throw Self.classify(message: message, code: detail?.code, status: response.status, requestedRevision: requestedRevision)
    }

    /// Asks the member to refuse the request (and to end a watch) while it has no leader,
    /// etcd's "hasleader" gRPC metadata passed through the gateway: a member cut off from
    /// the quorum then answers at once, and the call or watch moves to another endpoint
    /// instead of waiting on a member that cannot serve it.
    static func requireLeader(_ request: inout HTTPClientRequest) {
        request.headers.add(name: "Grpc-Metadata-hasleader", value: "true")
    }

    /// Maps a gateway error to a definite `StoreError` or a retryable failure.
    static func classify(message: String, code: Int?, status: HTTPResponseStatus, requestedRevision: Int64?) -> Error {
        if message.contains("required revision has been compacted") {
            return StoreError.compacted(requested: requestedRevision ?? 0, compactRevision: 0)
        }
        if message.contains("required revision is a future revision") {
            return StoreError.futureRevision(requested: requestedRevision ?? 0, current: 0)
        }
        // gRPC Unavailable (14), DeadlineExceeded (4), Aborted (10) and leader troubles are
        // worth another endpoint or another try.
        let retryCodes: Set<Int> = [4, 10, 14]
        if let code, retryCodes.contains(code) { return EtcdRetryable(message: message) }
        if message.contains("leader") || message.contains("timed out") || message.contains("stopped")
            || status.code >= 500 && code == nil {
            return EtcdRetryable(message: message)
        }
        return StoreError.unavailable("etcd: \(message)")
    }

    // MARK: - watch

    private func runWatch(prefix: String, afterRevision: Int64, continuation: AsyncThrowingStream<StoreEvent, Error>.Continuation) async {
        var next = afterRevision + 1
        var failures = 0
        while !Task.isCancelled {
            let index = state.preferred(count: endpoints.count)
            let endpoint = endpoints[index]
            do {
                try await watchOnce(endpoint: endpoint, prefix: prefix, startRevision: next, afterRevision: afterRevision) { event in
                    next = event.kv.modRevision + 1
                    failures = 0
                    continuation.yield(event)
                }
                // The server ended the stream cleanly: reconnect from where it stopped.
            } catch let error as StoreError {
                continuation.finish(throwing: error)
                return
            } catch {
                if Task.isCancelled { break }
                state.failed(index, count: endpoints.count)
                failures += 1
                logger.debug("etcd watch broke, resuming", metadata: ["endpoint": "\(endpoint)", "from": "\(next)", "error": "\(error)"])
                if failures > 8 * endpoints.count {
                    continuation.finish(throwing: StoreError.unavailable("etcd watch: no endpoint answers: \(error)"))
                    return
                }
                try? await Task.sleep(for: .milliseconds(min(50 * failures, 500)))
            }
        }
        continuation.finish()
    }

    private func watchOnce(endpoint: String, prefix: String, startRevision: Int64, afterRevision: Int64,
                           deliver: (StoreEvent) -> Void) async throws {
        let create: [String: Any] = ["create_request": [
            "key": EtcdWire.bytes(prefix),
            "range_end": EtcdWire.bytes(EtcdWire.prefixEnd(prefix)),
            "start_revision": String(startRevision),
            "prev_kv": true,
        ] as [String: Any]]
        var request = HTTPClientRequest(url: endpoint + "/v3/watch")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        Self.requireLeader(&request)
        request.body = .bytes(ByteBuffer(bytes: try EtcdRequestJSON.encode(create)))
        let response = try await streamClient.execute(request, timeout: .seconds(5))
        guard response.status == .ok else {
            let body = try? await response.body.collect(upTo: 1 << 20)
            let detail = body.flatMap { try? EtcdWire.decoder.decode(EtcdWire.ErrorBody.self, from: Data($0.readableBytesView)) }
            throw Self.classify(message: detail?.text ?? "HTTP \(response.status.code)", code: detail?.code,
                                status: response.status, requestedRevision: afterRevision)
        }
        var splitter = JSONObjectSplitter()
        for try await chunk in response.body {
            for object in splitter.feed(chunk.readableBytesView) {
                let envelope = try EtcdWire.decoder.decode(EtcdWire.WatchEnvelope.self, from: object)
                if let error = envelope.error {
                    throw Self.classify(message: error.text, code: error.code, status: .internalServerError, requestedRevision: afterRevision)
                }
                guard let result = envelope.result else { continue }
                if let compacted = result.compactRevision?.value, compacted > 0 {
                    throw StoreError.compacted(requested: afterRevision, compactRevision: compacted)
                }
                if result.canceled == true {
                    throw EtcdRetryable(message: "watch cancelled: \(result.cancelReason ?? "no reason given")")
                }
                for event in result.events ?? [] {
                    deliver(Self.storeEvent(event))
                }
            }
        }
    }

    static func storeEvent(_ event: EtcdWire.Event) -> StoreEvent {
        let kv = event.kv?.keyValue() ?? KeyValue(key: "", value: Data(), createRevision: 0, modRevision: 0)
        let prev = event.prevKv?.keyValue()
        if event.type == "DELETE" {
            // A delete carries the value it removed, at the delete's revision.
            var gone = prev ?? kv
            gone.key = kv.key
            gone.modRevision = kv.modRevision
            return StoreEvent(kind: .delete, kv: gone, prevKV: prev)
        }
        return StoreEvent(kind: .put, kv: kv, prevKV: prev)
    }
}

/// A failure that another endpoint or a later attempt may not have.
struct EtcdRetryable: Error {
    var message: String
}

/// Which endpoint to use next: the last one that worked, moving on when it fails.
final class EtcdState: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0

    func preferred(count: Int) -> Int {
        lock.withLock { current % count }
    }

    func failed(_ index: Int, count: Int) {
        lock.withLock {
            if current % count == index { current = (index + 1) % count }
        }
    }
}
