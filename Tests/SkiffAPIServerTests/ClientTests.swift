import Foundation
import Testing
@testable import SkiffAPIServer
import SkiffAPI
@testable import SkiffClient

/// A real API server on a free loopback port over an in-memory store, and a client for it.
final class LiveServer: Sendable {
    let store = TestStore()
    let server: APIServer
    let task: Task<Void, Error>
    let port: Int
    let client: SkiffClient

    init(watchCacheSize: Int = 8192) async throws {
        var o = APIServerOptions()
        o.host = "127.0.0.1"
        o.port = 0
        o.watchCacheSize = watchCacheSize
        o.bookmarkInterval = .milliseconds(200)
        let server = try APIServer(store: store, options: o)
        self.server = server
        let (portStream, portCont) = AsyncStream<Int>.makeStream()
        task = Task { try await server.run { p in portCont.yield(p); portCont.finish() } }
        var it = portStream.makeAsyncIterator()
        guard let p = await it.next() else { throw ClientError.transport("server did not start") }
        port = p
        client = SkiffClient(config: ClientConfig(server: "http://127.0.0.1:\(p)"))
    }

    func stop() async {
        await client.shutdown()
        task.cancel()
        _ = try? await task.value
    }
}

func pod(_ name: String, labels: [String: String] = [:]) -> Pod {
    var p = Pod()
    p.metadata.name = name
    p.metadata.labels = labels
    var c = Container()
    c.name = "main"
    c.image = "busybox"
    p.spec = PodSpec(containers: [c])
    return p
}

@Suite(.serialized) struct ClientTests {
    @Test func typedCRUDAgainstTheServer() async throws {
        let s = try await LiveServer()
        defer { Task { await s.stop() } }
        let c = s.client
        let created = try await c.create(pod("p1", labels: ["app": "web"]), namespace: "default")
        #expect(created.metadata.uid != nil)
        #expect(created.spec.restartPolicy == "Always")
        var got = try await c.get(Pod.self, namespace: "default", name: "p1")
        #expect(got.metadata.resourceVersion == created.metadata.resourceVersion)
        got.metadata.labels?["tier"] = "front"
        let updated = try await c.update(got)
        #expect(updated.metadata.labels?["tier"] == "front")
        do {
            _ = try await c.update(got)
            Issue.record("a stale update must fail")
        } catch let e as ClientError {
            #expect(e.isConflict)
        }
        let patched = try await c.patch(Pod.self, namespace: "default", name: "p1", patch: ["metadata": ["annotations": ["a": "b"]]])
        #expect(patched.metadata.annotations?["a"] == "b")
        var st = patched
        st.status = PodStatus()
        st.status.phase = "Running"
        let withStatus = try await c.updateStatus(st)
        #expect(withStatus.status.phase == "Running")
        let list = try await c.list(Pod.self, namespace: "default", ListParams(labelSelector: "app=web"))
        #expect(list.items.map { $0.metadata.name } == ["p1"])
        try await c.bind(namespace: "default", pod: "p1", node: "n1")
        do {
            try await c.bind(namespace: "default", pod: "p1", node: "n2")
            Issue.record("a second binding must fail")
        } catch let e as ClientError {
            #expect(e.isConflict)
        }
        try await c.delete(Pod.self, namespace: "default", name: "p1", options: DeleteOptions(gracePeriodSeconds: 0))
        do {
            _ = try await c.get(Pod.self, namespace: "default", name: "p1")
            Issue.record("deleted pod must be gone")
        } catch let e as ClientError {
            #expect(e.isNotFound)
        }
    }

    @Test func servicesGetClusterIPsAndNodePorts() async throws {
        let s = try await LiveServer()
        defer { Task { await s.stop() } }
        let c = s.client
        let k = try await c.get(Service.self, namespace: "default", name: "kubernetes")
        #expect(k.spec.clusterIP == "10.96.0.1")
        var svc = Service()
        svc.metadata.name = "np"
        var port = ServicePort()
        port.port = 80
        svc.spec = ServiceSpec()
        svc.spec.type = "NodePort"
        svc.spec.ports = [port]
        svc.spec.clusterIP = "10.96.0.50"
        let created = try await c.create(svc, namespace: "default")
        #expect(created.spec.clusterIP == "10.96.0.50")
        let np = created.spec.ports?.first?.nodePort ?? 0
        #expect(np >= 30000 && np <= 32767)
        var dup = svc
        dup.metadata.name = "dup"
        do {
            _ = try await c.create(dup, namespace: "default")
            Issue.record("a taken cluster IP must be refused")
        } catch let e as ClientError {
            #expect(e.code == 422)
            #expect(e.description.contains("provided IP is already allocated"))
        }
        try await c.delete(Service.self, namespace: "default", name: "np")
        // Released: the same IP can be taken again.
        let again = try await c.create(svc, namespace: "default")
        #expect(again.spec.clusterIP == "10.96.0.50")
        var headless = Service()
        headless.metadata.name = "hl"
        headless.spec = ServiceSpec()
        headless.spec.clusterIP = "None"
        headless.spec.ports = [port]
        let h = try await c.create(headless, namespace: "default")
        #expect(h.spec.clusterIP == "None")
    }

    @Test func watchDeliversTypedEvents() async throws {
        let s = try await LiveServer()
        defer { Task { await s.stop() } }
        let c = s.client
        let start = try await c.list(ConfigMap.self, namespace: "default")
        let stream = c.watch(ConfigMap.self, namespace: "default", ListParams(resourceVersion: start.metadata.resourceVersion))
        var cm = ConfigMap()
        cm.metadata.name = "cfg"
        cm.data = ["k": "v"]
        _ = try await c.create(cm, namespace: "default")
        _ = try await c.patch(ConfigMap.self, namespace: "default", name: "cfg", patch: ["data": ["k": "w"]])
        try await c.delete(ConfigMap.self, namespace: "default", name: "cfg")
        var types: [WatchEvent<ConfigMap>.EventType] = []
        for try await ev in stream {
            types.append(ev.type)
            if types.count == 3 { break }
        }
        #expect(types == [.added, .modified, .deleted])
    }

    @Test func watchFromExpiredVersionThrowsGone() async throws {
        let s = try await LiveServer(watchCacheSize: 16)
        defer { Task { await s.stop() } }
        let c = s.client
        try await createConfigMaps(c, prefix: "c", count: 30)
        let cache = s.server.registry.cache
        #expect(await eventually { await cache.floor > 2 })
        do {
            for try await _ in c.watch(ConfigMap.self, namespace: "default", ListParams(resourceVersion: "2")) {}
            Issue.record("expected 410")
        } catch let e as ClientError {
            #expect(e.isGone)
        }
    }

    @Test func informerCachesAndRelistsAfterGone() async throws {
        let s = try await LiveServer(watchCacheSize: 16)
        defer { Task { await s.stop() } }
        let c = s.client
        let inf = Informer<ConfigMap>(client: c, namespace: "default")
        let adds = Counter()
        let deletes = Counter()
        await inf.addHandler(InformerHandler(onAdd: { _ in await adds.inc() }, onDelete: { _ in await deletes.inc() }))
        var first = ConfigMap()
        first.metadata.name = "first"
        _ = try await c.create(first, namespace: "default")
        await inf.start()
        #expect(await inf.waitForSync())
        #expect(await inf.get(namespace: "default", name: "first") != nil)
        var second = ConfigMap()
        second.metadata.name = "second"
        _ = try await c.create(second, namespace: "default")
        #expect(await eventually { await inf.count == 2 })
        // Stop, let the server's window move past the informer's version, resume: 410, relist.
        await inf.stop()
        try await createConfigMaps(c, prefix: "bulk", count: 30)
        try await c.delete(ConfigMap.self, namespace: "default", name: "first")
        let rv = Int64(await inf.lastResourceVersion) ?? 0
        let cache = s.server.registry.cache
        #expect(await eventually { await cache.floor > rv })
        await inf.start()
        #expect(await eventually { await inf.count == 31 })
        #expect(await inf.listCount == 2)
        #expect(await inf.get(namespace: "default", name: "first") == nil)
        #expect(await deletes.value == 1)
        #expect(await adds.value == 32)
        #expect(await inf.list(namespace: "default").count == 31)
        #expect(await inf.list(namespace: "other").isEmpty)
        await inf.stop()
    }

    @Test func informerHandsAListsAdditionsOverInOneCall() async throws {
        let s = try await LiveServer()
        defer { Task { await s.stop() } }
        let c = s.client
        try await createConfigMaps(c, prefix: "listed", count: 5)
        let inf = Informer<ConfigMap>(client: c, namespace: "default")
        let batches = Recorder()
        let singles = Counter()
        await inf.addHandler(InformerHandler(onAdd: { _ in await singles.inc() },
                                             onAddAll: { all in await batches.add(all.compactMap { $0.metadata.name }) }))
        await inf.start()
        // Several waiters at once are all woken by the first list.
        async let a = inf.waitForSync(timeout: .seconds(10))
        async let b = inf.waitForSync(timeout: .seconds(10))
        #expect(await a)
        #expect(await b)
        #expect(await batches.calls == [["listed0", "listed1", "listed2", "listed3", "listed4"]])
        #expect(await singles.value == 0)
        // Later additions arrive one by one.
        var later = ConfigMap()
        later.metadata.name = "later"
        _ = try await c.create(later, namespace: "default")
        #expect(await eventually { await singles.value == 1 })
        #expect(await batches.calls.count == 1)
        await inf.stop()
    }

    @Test func informerHandsTheFirstListOverPageByPageAndWaitsForEssentials() async throws {
        let s = try await LiveServer()
        defer { Task { await s.stop() } }
        let c = s.client
        try await createConfigMaps(c, prefix: "cm", count: 7)
        let essential: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool = { cm in
            let name = JSONScan.string(at: ["metadata", "name"], in: cm)
            return name == "cm1" || name == "cm5"
        }
        let inf = Informer<ConfigMap>(client: c, namespace: "default", essential: essential, pageSize: 3)
        let batches = Recorder()
        await inf.addHandler(InformerHandler(onAddAll: { all in await batches.add(all.compactMap { $0.metadata.name }) }))
        await inf.start()
        #expect(await inf.waitForEssentials(timeout: .seconds(10)))
        // Whatever else is still on its way, the essential objects have reached the handler.
        let seen = Set(await batches.calls.joined())
        #expect(seen.isSuperset(of: ["cm1", "cm5"]))
        #expect(await inf.waitForSync(timeout: .seconds(10)))
        let calls = await batches.calls
        #expect(calls.map(\.count).sorted() == [1, 3, 3], "one call per page")
        #expect(calls.joined().sorted() == (0..<7).map { "cm\($0)" })
        #expect(await inf.count == 7)
        await inf.stop()

        // Without a predicate, waiting for essentials is waiting for the whole list.
        let plain = Informer<ConfigMap>(client: c, namespace: "default", pageSize: 3)
        await plain.start()
        #expect(await plain.waitForEssentials(timeout: .seconds(10)))
        #expect(await plain.hasSynced)
        #expect(await plain.count == 7)
        await plain.stop()
    }

    @Test func listPagesAreDecodedItemByItemWithItemPathsInErrors() async throws {
        let page = Data(#"{"apiVersion":"v1","kind":"ConfigMapList","metadata":{"resourceVersion":"42","continue":"t"},"items":[{"metadata":{"name":"a"},"data":{"k":"v"}},{"metadata":{"name":"b"}}]}"#.utf8)
        let list = try await SkiffClient.decodePage(page, as: ConfigMap.self)
        #expect(list.metadata.resourceVersion == "42")
        #expect(list.metadata.continue == "t")
        #expect(list.items.compactMap { $0.metadata.name } == ["a", "b"])
        #expect(list.items == (try JSONValue(from: page).decode(List<ConfigMap>.self)).items)
        let bad = Data(#"{"metadata":{},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"},"data":{"k":5}}]}"#.utf8)
        do {
            _ = try await SkiffClient.decodePage(bad, as: ConfigMap.self)
            Issue.record("a wrongly typed item must fail")
        } catch let e as DecodeError {
            #expect(e.field == "items[1].data.k")
        }
        // A page the scanner cannot split is decoded whole, which names the problem.
        await #expect(throws: (any Error).self) { _ = try await SkiffClient.decodePage(Data(#"{"items":{"a":1}}"#.utf8), as: ConfigMap.self) }
        let empty = try await SkiffClient.decodePage(Data(#"{"metadata":{"resourceVersion":"7"},"items":[]}"#.utf8), as: ConfigMap.self)
        #expect(empty.items.isEmpty && empty.metadata.resourceVersion == "7")
    }

    @Test func listPagesCountsWhatItIsAskedToBeforeDecoding() async throws {
        let s = try await LiveServer()
        defer { Task { await s.stop() } }
        let c = s.client
        try await createConfigMaps(c, prefix: "p", count: 5)
        let fetched = Recorder()
        var pages: [Int: [String]] = [:]
        var counted = 0
        let n = try await c.listPages(ConfigMap.self, namespace: "default", pageSize: 2, counting: { cm in
            JSONScan.string(at: ["metadata", "name"], in: cm) != "p3"
        }, onFetched: { total in await fetched.add(["\(total)"]) }) { index, page, count in
            pages[index] = page.items.compactMap { $0.metadata.name }
            counted += count
        }
        #expect(n == 3)
        #expect(await fetched.calls == [["4"]])
        #expect(counted == 4)
        #expect(pages == [0: ["p0", "p1"], 1: ["p2", "p3"], 2: ["p4"]])
        #expect(try await c.listAll(ConfigMap.self, namespace: "default", pageSize: 2).items.compactMap { $0.metadata.name } == (0..<5).map { "p\($0)" })
    }

    @Test func waitForSyncGivesUpAtItsTimeout() async throws {
        let c = SkiffClient(config: ClientConfig(server: "http://127.0.0.1:9"))
        defer { Task { await c.shutdown() } }
        let inf = Informer<ConfigMap>(client: c, namespace: "default")
        let t0 = ContinuousClock.now
        #expect(await inf.waitForSync(timeout: .milliseconds(200)) == false)
        #expect(ContinuousClock.now - t0 < .seconds(5))
    }

    @Test func plainConnectionsReadHeaderNamesAndValuesIgnoringCase() {
        func b(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }
        #expect(PlainHTTPConnection.equalsLowercased(b("Content-Length"), "content-length"))
        #expect(PlainHTTPConnection.equalsLowercased(b("CONTENT-LENGTH"), "content-length"))
        #expect(!PlainHTTPConnection.equalsLowercased(b("Content-Lengths"), "content-length"))
        #expect(!PlainHTTPConnection.equalsLowercased(b("Content_Length"), "content-length"))
        #expect(PlainHTTPConnection.containsLowercased(b("gzip, Chunked"), "chunked"))
        #expect(PlainHTTPConnection.containsLowercased(b("keep-alive, CLOSE"), "close"))
        #expect(!PlainHTTPConnection.containsLowercased(b("keep-alive"), "close"))
        #expect(!PlainHTTPConnection.containsLowercased(b("clos"), "close"))
    }

    @Test func aBinderConnectionTakesItsShareOfTheWaitingBindings() {
        #expect(PodBinder.share(waiting: 0, connections: 32, depth: 256) == 0)
        #expect(PodBinder.share(waiting: 1, connections: 32, depth: 256) == 1)
        #expect(PodBinder.share(waiting: 32, connections: 32, depth: 256) == 1)
        #expect(PodBinder.share(waiting: 33, connections: 32, depth: 256) == 2)
        #expect(PodBinder.share(waiting: 256, connections: 32, depth: 256) == 8)
        #expect(PodBinder.share(waiting: 5, connections: 1, depth: 4) == 4, "never more than depth")
        #expect(PodBinder.share(waiting: 5, connections: 1, depth: 64) == 5)
    }

    @Test func bindingBodiesAndPathSegmentsAreWrittenDirectly() throws {
        for (pod, node) in [("web-1", "node-1"), ("p\"q", "n\\ü")] {
            let direct = try JSONValue(from: PodBinder.body(pod: pod, node: node))
            let tree: JSONValue = ["apiVersion": "v1", "kind": "Binding", "metadata": ["name": .string(pod)],
                                   "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)]]
            #expect(direct == tree)
        }
        #expect(ResourcePaths.escape("pod-1.a_b~c") == "pod-1.a_b~c")
        #expect(ResourcePaths.escape("a b/c") == "a%20b%2Fc")
        #expect(ResourcePaths.escape("ü") == "%C3%BC")
    }

    @Test func kubeconfigIsReadable() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-kc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("kubeconfig").path
        try Kubeconfig.write(server: "http://127.0.0.1:6443", to: path)
        #expect(try ClientConfig.fromKubeconfig(path: path).server == "http://127.0.0.1:6443")
        #expect(throws: ClientError.self) { try ClientConfig.fromKubeconfig(path: dir.appendingPathComponent("none").path) }
    }

    @Test func workQueueDeduplicates() async {
        let q = WorkQueue()
        await q.add("a")
        await q.add("a")
        await q.add("b")
        #expect(await q.length == 2)
        let k = await q.next()
        #expect(k == "a")
        await q.add("a")   // changed while processing: queued again after done
        #expect(await q.length == 1)
        await q.done("a")
        #expect(await q.length == 2)
        await q.shutDown()
    }
}

actor Recorder {
    var calls: [[String]] = []
    func add(_ names: [String]) { calls.append(names.sorted()) }
}

actor Counter {
    var value = 0
    func inc() { value += 1 }
}

/// ConfigMaps PREFIX0 ... PREFIX(count-1) in the default namespace.
func createConfigMaps(_ c: SkiffClient, prefix: String, count: Int) async throws {
    for i in 0..<count {
        var cm = ConfigMap()
        cm.metadata.name = "\(prefix)\(i)"
        _ = try await c.create(cm, namespace: "default")
    }
}

func eventually(timeout: Double = 15, _ cond: @Sendable () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if await cond() { return true }
        try? await Task.sleep(nanoseconds: 20_000_000)
    }
    return await cond()
}

@Suite struct LineSplitterTests {
    @Test func linesSpanChunksAndEmptyLinesAreSkipped() {
        var s = LineSplitter()
        #expect(s.push(Array("{\"a\":1}\n{\"b\"".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["{\"a\":1}"])
        #expect(s.push(Array(":2}\n\n{\"c\":3}\n".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["{\"b\":2}", "{\"c\":3}"])
        #expect(s.push(Array("{\"d\"".utf8)).isEmpty)
        #expect(s.push(Array(":4}\n".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["{\"d\":4}"])
    }
}

/// The lean HTTP/1.1 connection and the pipelined binder against a real server: pipelined
/// requests answered in order, Content-Length and chunked bodies, a watch read line by line,
/// a 409 from a second binding, and URLs it cannot serve refused at once.
@Suite(.serialized) struct PlainHTTPConnectionTests {
    @Test func pipelinedRequestsChunkedWatchAndBinder() async throws {
        let s = try await LiveServer()
        defer { Task { await s.stop() } }
        let url = "http://127.0.0.1:\(s.port)"
        let conn = try #require(PlainHTTPConnection(url: url, timeoutSeconds: 5))
        let body = Data(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}"#.utf8)
        let requests = (0..<5).map { i in
            conn.request("POST", "/api/v1/namespaces/default/pods", body: Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "NAME", with: "p\(i)").utf8))
        }
        try conn.send(requests.flatMap { $0 })
        for i in 0..<5 {
            let r = try conn.readResponse()
            #expect(r.status == 201)
            #expect(JSONScan.string(at: ["metadata", "name"], in: Data(r.body)) == "p\(i)", "answers in request order")
        }
        let missing = try conn.roundTrip(conn.request("GET", "/api/v1/namespaces/default/pods/nope"))
        #expect(missing.status == 404)

        // Bindings through the binder; the second one for a pod is the server's 409.
        let binder = try #require(PodBinder(config: ClientConfig(server: url), connections: 2, depth: 4))
        defer { binder.close() }
        try await withThrowingTaskGroup(of: Void.self) { g in
            for i in 0..<5 { g.addTask { try await binder.bind(namespace: "default", pod: "p\(i)", node: "n\(i % 2)") } }
            try await g.waitForAll()
        }
        do {
            try await binder.bind(namespace: "default", pod: "p0", node: "n1")
            Issue.record("a second binding must fail")
        } catch let e as ClientError {
            #expect(e.isConflict)
        }
        let p3 = try await s.client.get(Pod.self, namespace: "default", name: "p3")
        #expect(p3.spec.nodeName == "n1")

        // A watch from the start: the five ADDED lines, read one by one off the chunked stream.
        let watcher = try #require(PlainHTTPConnection(url: url, timeoutSeconds: 5))
        var names: [String] = []
        try watcher.streamLines("/api/v1/namespaces/default/pods?watch=true&resourceVersion=0") { line in
            if JSONScan.string(at: ["type"], in: Data(line)) == "ADDED" {
                names.append(JSONScan.string(at: ["object", "metadata", "name"], in: Data(line)) ?? "")
            }
            return names.count < 5
        }
        #expect(names.sorted() == (0..<5).map { "p\($0)" })

        #expect(PlainHTTPConnection(url: "https://127.0.0.1:1") == nil)
        #expect(PlainHTTPConnection(url: "http://example.invalid:80") == nil)
        #expect(PodBinder(config: ClientConfig(server: "https://127.0.0.1:6443")) == nil)
    }
}
