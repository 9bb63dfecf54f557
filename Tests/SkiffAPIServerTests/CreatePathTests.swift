import Foundation
import Testing
@testable import SkiffAPIServer
import SkiffAPI
import SkiffStore

private let widgets = "/apis/test.skiff.io/v1/namespaces/default/widgets"

/// The create path that encodes an object once: what is stored, what is answered, and what
/// watchers receive must all be the same object.
@Suite struct CreatePathTests {
    @Test func storedBytesLackTheResourceVersionAndTheAnswerCarriesIt() async throws {
        let h = try await Harness()
        let (code, answer) = await h.call("POST", widgets, body: #"{"metadata":{"name":"once","labels":{"b":"2","a":"1"},"resourceVersion":"99"}}"#)
        #expect(code == 201)
        let stored = try #require(try await h.store.get("/registry/test.skiff.io/widgets/default/once"))
        let tree = try JSONValue(from: stored.value)
        #expect(tree.value(at: ["metadata", "resourceVersion"]) == nil)
        #expect(answer.value(at: ["metadata", "resourceVersion"])?.stringValue == String(stored.modRevision))
        #expect(answer.setting(["metadata", "resourceVersion"], to: nil) == tree)
        // Declaration order on the wire, maps sorted: the typed encoder's bytes.
        let text = String(decoding: stored.value, as: UTF8.self)
        #expect(text.hasPrefix(#"{"apiVersion":"test.skiff.io/v1","kind":"Widget","metadata":{"name":"once""#))
        #expect(text.contains(#""labels":{"a":"1","b":"2"}"#))
    }

    @Test func treeAndBytesPathsNormalizeAlike() async throws {
        let h = try await Harness()
        let handler = try #require(h.registry.catalog.handler(group: "test.skiff.io", version: "v1", plural: "widgets"))
        let body = try JSONValue(json: #"{"metadata":{"name":"same","labels":{"x":"y"}},"spec":{"size":2}}"#)
        let fill: @Sendable (inout ObjectMeta) throws -> Void = { meta in
            meta.namespace = "default"
            meta.uid = "fixed"
            meta.creationTimestamp = Time(secondsSinceEpoch: 1_700_000_000)
        }
        let tree = try handler.prepareCreate(body, fillMeta: fill)
        let encoded = try handler.prepareCreateEncoded(body, fillMeta: fill)
        #expect(encoded.name == "same")
        #expect(try JSONValue(from: encoded.bytes) == tree)
    }

    @Test func dryRunAnswersWithoutStoring() async throws {
        let h = try await Harness()
        let before = try await h.store.currentRevision()
        let (code, answer) = await h.call("POST", widgets, query: ["dryRun": "All"], body: #"{"metadata":{"name":"dry"}}"#)
        #expect(code == 201)
        #expect(answer.metadataName == "dry")
        #expect(answer.value(at: ["spec", "color"])?.stringValue == "blue")
        #expect(try await h.store.currentRevision() == before)
        #expect(try await h.store.get("/registry/test.skiff.io/widgets/default/dry") == nil)
    }

    @Test func registryCreateStillAnswersATree() async throws {
        let h = try await Harness()
        let handler = try #require(h.registry.catalog.handler(group: "test.skiff.io", version: "v1", plural: "widgets"))
        let obj = try await h.registry.create(handler, namespace: "default", body: try JSONValue(json: #"{"metadata":{"name":"t"}}"#))
        let got = try await h.registry.get(handler, namespace: "default", name: "t")
        #expect(obj == got)
    }

    @Test func concurrentCreatesGetDistinctRevisionsAndOneWinsAName() async throws {
        let h = try await Harness()
        let codes = await withTaskGroup(of: (String, Int, String).self) { group in
            for i in 0..<40 {
                let name = i < 20 ? "n\(i)" : "shared"
                group.addTask {
                    let (code, obj) = await h.call("POST", widgets, body: #"{"metadata":{"name":"\#(name)"}}"#)
                    return (name, code, obj.value(at: ["metadata", "resourceVersion"])?.stringValue ?? "")
                }
            }
            var out: [(String, Int, String)] = []
            for await r in group { out.append(r) }
            return out
        }
        let created = codes.filter { $0.1 == 201 }
        #expect(created.count == 21)
        #expect(codes.filter { $0.0 == "shared" && $0.1 == 409 }.count == 19)
        #expect(Set(created.map(\.2)).count == 21)
    }
}

@Suite struct WatchEventPreparationTests {
    func event(_ kind: StoreEvent.Kind, value: String, rev: Int64, prev: String? = nil, prevRev: Int64 = 0) -> StoreEvent {
        StoreEvent(kind: kind, kv: KeyValue(key: "/registry/x/y", value: Data(value.utf8), createRevision: 1, modRevision: rev),
                   prevKV: prev.map { KeyValue(key: "/registry/x/y", value: Data($0.utf8), createRevision: 1, modRevision: prevRev) })
    }

    @Test func addedLineIsTheStoredBytesWithTheRevision() throws {
        let ev = try #require(WatchCache.decode(event(.put, value: #"{"kind":"W","metadata":{"name":"a"}}"#, rev: 7)))
        #expect(ev.kind == .added)
        #expect(String(decoding: ev.objectJSON, as: UTF8.self) == #"{"kind":"W","metadata":{"resourceVersion":"7","name":"a"}}"#)
        #expect(String(decoding: ev.line, as: UTF8.self) == #"{"type":"ADDED","object":{"kind":"W","metadata":{"resourceVersion":"7","name":"a"}}}"# + "\n")
        #expect(ev.object == ["kind": "W", "metadata": ["name": "a", "resourceVersion": "7"]])
        #expect(ev.previous == nil)
    }

    @Test func modifiedCarriesThePreviousStateAtItsRevision() throws {
        let ev = try #require(WatchCache.decode(event(.put, value: #"{"metadata":{"name":"a"},"spec":2}"#, rev: 9,
                                                      prev: #"{"metadata":{"name":"a"},"spec":1}"#, prevRev: 7)))
        #expect(ev.kind == .modified)
        #expect(ev.object["spec"] == 2)
        #expect(ev.previous == ["metadata": ["name": "a", "resourceVersion": "7"], "spec": 1])
    }

    @Test func deleteReportsTheLastStateAtTheDeleteRevision() throws {
        let ev = try #require(WatchCache.decode(event(.delete, value: #"{"metadata":{"name":"a"},"spec":1}"#, rev: 12,
                                                      prev: #"{"metadata":{"name":"a"},"spec":1}"#, prevRev: 10)))
        #expect(ev.kind == .deleted)
        #expect(ev.object.value(at: ["metadata", "resourceVersion"])?.stringValue == "12")
        #expect(String(decoding: ev.line, as: UTF8.self).hasPrefix(#"{"type":"DELETED","object":{"metadata":{"resourceVersion":"12","#))
    }

    @Test func bytesWithoutMetadataAreParsedAndNonJSONIsSkipped() throws {
        let ev = try #require(WatchCache.decode(event(.put, value: #"{"kind":"W"}"#, rev: 3)))
        #expect(ev.object == ["kind": "W", "metadata": ["resourceVersion": "3"]])
        #expect(try JSONValue(from: ev.objectJSON) == ev.object)
        #expect(WatchCache.decode(event(.put, value: "not json", rev: 4)) == nil)
    }

    @Test func selectorsDecideTheTypeAndNoSelectorPassesEverything() throws {
        let ev = try #require(WatchCache.decode(event(.put, value: #"{"metadata":{"name":"a","labels":{"app":"db"}}}"#, rev: 5,
                                                      prev: #"{"metadata":{"name":"a","labels":{"app":"web"}}}"#, prevRev: 4)))
        let web: (JSONValue) -> Bool = { $0.metadataLabels["app"] == "web" }
        #expect(WatchFilter.transition(ev, matches: nil) == "MODIFIED")
        #expect(WatchFilter.transition(ev, matches: web) == "DELETED")
        #expect(WatchFilter.transition(ev, matches: { !web($0) }) == "ADDED")
        #expect(WatchFilter.transition(ev, matches: { _ in false }) == nil)
    }
}

@Suite struct MediaTypeTests {
    @Test func baseDropsParametersSpacesAndCase() {
        #expect(MediaType.base("application/json") == "application/json")
        #expect(MediaType.base(" Application/JSON ; charset=utf-8") == "application/json")
        #expect(MediaType.base("application/apply-patch+yaml;charset=x") == "application/apply-patch+yaml")
        #expect(MediaType.base("") == "")
        #expect(MediaType.base("\ttext/plain\t") == "text/plain")
    }
}
