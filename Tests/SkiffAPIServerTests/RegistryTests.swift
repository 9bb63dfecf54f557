import Foundation
import Testing
@testable import SkiffAPIServer
import SkiffAPI

private let widgets = "/apis/test.skiff.io/v1/namespaces/default/widgets"

private func widget(_ name: String, labels: String = "{}", extra: String = "") -> String {
    #"{"apiVersion":"test.skiff.io/v1","kind":"Widget","metadata":{"name":"\#(name)","labels":\#(labels)}\#(extra)}"#
}

@Suite struct RegistryTests {
    @Test func createFillsMetadataAndDefaults() async throws {
        let h = try await Harness()
        let (code, obj) = await h.call("POST", widgets, body: widget("w1"))
        #expect(code == 201)
        #expect(obj.value(at: ["metadata", "uid"])?.stringValue?.count == 36)
        #expect(obj.value(at: ["metadata", "generation"])?.intValue == 1)
        #expect(obj.value(at: ["metadata", "creationTimestamp"]) != nil)
        #expect(obj.value(at: ["metadata", "namespace"])?.stringValue == "default")
        #expect(obj.value(at: ["spec", "color"])?.stringValue == "blue")
        #expect(obj.value(at: ["status", "phase"])?.stringValue == "New")
        let rv = obj.value(at: ["metadata", "resourceVersion"])?.stringValue
        let (gcode, got) = await h.call("GET", widgets + "/w1")
        #expect(gcode == 200)
        #expect(got.value(at: ["metadata", "resourceVersion"])?.stringValue == rv)
    }

    @Test func generateNameAddsFiveCharacters() async throws {
        let h = try await Harness()
        let (code, obj) = await h.call("POST", widgets, body: #"{"metadata":{"generateName":"web-"}}"#)
        #expect(code == 201)
        let name = obj.metadataName
        #expect(name.hasPrefix("web-") && name.count == 9)
    }

    @Test func duplicateIs409AlreadyExists() async throws {
        let h = try await Harness()
        await h.call("POST", widgets, body: widget("dup"))
        let (code, st) = await h.call("POST", widgets, body: widget("dup"))
        #expect(code == 409)
        #expect(st["reason"]?.stringValue == "AlreadyExists")
        #expect(st["message"]?.stringValue == #"widgets.test.skiff.io "dup" already exists"#)
    }

    @Test func missingNamespaceIs404() async throws {
        let h = try await Harness()
        let (code, st) = await h.call("POST", "/apis/test.skiff.io/v1/namespaces/nowhere/widgets", body: widget("x"))
        #expect(code == 404)
        #expect(st["message"]?.stringValue == #"namespaces "nowhere" not found"#)
    }

    @Test func invalidObjectIs422WithCauses() async throws {
        let h = try await Harness()
        let (code, st) = await h.call("POST", widgets, body: widget("Bad_Name", extra: #","spec":{"size":-1}"#))
        #expect(code == 422)
        #expect(st["reason"]?.stringValue == "Invalid")
        let fields = Set((st.value(at: ["details", "causes"])?.arrayValue ?? []).compactMap { $0["field"]?.stringValue })
        #expect(fields.contains("metadata.name"))
        #expect(fields.contains("spec.size"))
        let (gcode, _) = await h.call("GET", widgets + "/Bad_Name")
        #expect(gcode == 404)
    }

    @Test func malformedBodiesAre400AndWriteNothing() async throws {
        let h = try await Harness()
        let before = try await h.store.currentRevision()
        let (c1, s1) = await h.call("POST", widgets, body: #"{"metadata": {"name": "x""#)
        #expect(c1 == 400)
        #expect(s1["reason"]?.stringValue == "BadRequest")
        let (c2, _) = await h.call("POST", widgets, body: "metadata: [unclosed", contentType: "application/yaml")
        #expect(c2 == 400)
        let (c3, _) = await h.call("POST", widgets, body: #"{"metadata":{"name":"x"},"spec":{"size":"big"}}"#)
        #expect(c3 == 400)
        let (c4, s4) = await h.call("POST", widgets, body: "{}", contentType: "application/cbor")
        #expect(c4 == 415)
        #expect(s4["reason"]?.stringValue == "UnsupportedMediaType")
        let (c5, s5) = await h.call("POST", widgets, body: "{}", contentType: "application/vnd.kubernetes.protobuf")
        #expect(c5 == 400)
        #expect(s5["message"]?.stringValue?.contains("magic") == true)
        #expect(try await h.store.currentRevision() == before)
    }

    @Test func protobufBodiesAreAccepted() async throws {
        // kubectl create namespace: a typed client, so the body is Kubernetes protobuf.
        var meta: [UInt8] = [0x0A, 0x02] + Array("pb".utf8)  // ObjectMeta.name
        meta += [0x12, 0x00, 0x1A, 0x00]  // generateName, namespace: empty, as Go writes them
        var ns: [UInt8] = [0x0A, UInt8(meta.count)] + meta
        ns += [0x12, 0x00, 0x1A, 0x00]  // spec {}, status {}
        let typeMeta: [UInt8] = [0x0A, 0x02] + Array("v1".utf8) + [0x12, 0x09] + Array("Namespace".utf8)
        var unknown: [UInt8] = [0x0A, UInt8(typeMeta.count)] + typeMeta
        unknown += [0x12, UInt8(ns.count)] + ns
        let body = Data([0x6B, 0x38, 0x73, 0x00] + unknown)
        let h = try await Harness()
        let (code, obj) = await h.call("POST", "/api/v1/namespaces", bytes: body, contentType: "application/vnd.kubernetes.protobuf")
        #expect(code == 201)
        #expect(obj["metadata"]?["name"]?.stringValue == "pb")
        #expect(obj["status"]?["phase"]?.stringValue == "Active")
    }

    @Test func yamlBodiesAreAccepted() async throws {
        let h = try await Harness()
        let yaml = "apiVersion: test.skiff.io/v1\nkind: Widget\nmetadata:\n  name: fromyaml\nspec:\n  size: 3\n"
        let (code, obj) = await h.call("POST", widgets, body: yaml, contentType: "application/yaml")
        #expect(code == 201)
        #expect(obj.value(at: ["spec", "size"])?.intValue == 3)
    }

    @Test func staleUpdateIs409Conflict() async throws {
        let h = try await Harness()
        let (_, created) = await h.call("POST", widgets, body: widget("c"))
        let v1 = created.setting(["spec", "size"], to: 1)
        let (code, updated) = await h.call("PUT", widgets + "/c", body: v1.jsonString)
        #expect(code == 200)
        #expect(updated.value(at: ["metadata", "generation"])?.intValue == 2)
        let (code2, st) = await h.call("PUT", widgets + "/c", body: created.setting(["spec", "size"], to: 2).jsonString)
        #expect(code2 == 409)
        #expect(st["message"]?.stringValue == #"Operation cannot be fulfilled on widgets.test.skiff.io "c": the object has been modified; please apply your changes to the latest version and try again"#)
    }

    @Test func specAndStatusOnlyThroughTheirOwnEndpoints() async throws {
        let h = try await Harness()
        let (_, created) = await h.call("POST", widgets, body: widget("s"))
        // Main endpoint ignores status changes.
        let (_, u1) = await h.call("PUT", widgets + "/s", body: created.setting(["status", "phase"], to: "Hacked").setting(["spec", "size"], to: 5).jsonString)
        #expect(u1.value(at: ["status", "phase"])?.stringValue == "New")
        #expect(u1.value(at: ["spec", "size"])?.intValue == 5)
        // Status endpoint ignores spec changes.
        let (code, u2) = await h.call("PUT", widgets + "/s/status", body: u1.setting(["status", "phase"], to: "Ready").setting(["spec", "size"], to: 9).jsonString)
        #expect(code == 200)
        #expect(u2.value(at: ["status", "phase"])?.stringValue == "Ready")
        #expect(u2.value(at: ["spec", "size"])?.intValue == 5)
    }

    @Test func mergePatchAndNoOpUpdates() async throws {
        let h = try await Harness()
        let (_, created) = await h.call("POST", widgets, body: widget("p", labels: #"{"a":"1"}"#))
        let (code, patched) = await h.call("PATCH", widgets + "/p", body: #"{"metadata":{"labels":{"b":"2","a":null}}}"#,
                                           contentType: "application/merge-patch+json")
        #expect(code == 200)
        #expect(patched.metadataLabels == ["b": "2"])
        let rv = patched.value(at: ["metadata", "resourceVersion"])
        let (_, again) = await h.call("PATCH", widgets + "/p", body: #"{"metadata":{"labels":{"b":"2"}}}"#,
                                      contentType: "application/merge-patch+json")
        #expect(again.value(at: ["metadata", "resourceVersion"]) == rv)
        #expect(created.value(at: ["metadata", "resourceVersion"]) != rv)
        let (bad, _) = await h.call("PATCH", widgets + "/p", body: "{}", contentType: "text/html")
        #expect(bad == 415)
    }

    @Test func listWithSelectorsAndPages() async throws {
        let h = try await Harness()
        for i in 0..<7 {
            await h.call("POST", widgets, body: widget("w\(i)", labels: i % 2 == 0 ? #"{"tier":"front"}"# : #"{"tier":"back"}"#))
        }
        let (_, all) = await h.call("GET", widgets)
        #expect(all["items"]?.arrayValue?.count == 7)
        #expect(all["kind"]?.stringValue == "WidgetList")
        let (_, front) = await h.call("GET", widgets, query: ["labelSelector": "tier=front"])
        #expect(front["items"]?.arrayValue?.count == 4)
        let (_, setBased) = await h.call("GET", widgets, query: ["labelSelector": "tier in (back),tier!=front"])
        #expect(setBased["items"]?.arrayValue?.count == 3)
        let (_, byName) = await h.call("GET", widgets, query: ["fieldSelector": "metadata.name=w3"])
        #expect(byName["items"]?.arrayValue?.map(\.metadataName) == ["w3"])
        let (badCode, _) = await h.call("GET", widgets, query: ["fieldSelector": "spec.nothing=x"])
        #expect(badCode == 400)

        var names: [String] = []
        var token: String? = nil
        var pages = 0
        repeat {
            var q = ["limit": "3"]
            if let token { q["continue"] = token }
            let (_, page) = await h.call("GET", widgets, query: q)
            names += page["items"]?.arrayValue?.map(\.metadataName) ?? []
            token = page.value(at: ["metadata", "continue"])?.stringValue
            pages += 1
            // Objects created after the first page must not appear (one snapshot).
            if pages == 1 { await h.call("POST", widgets, body: widget("late")) }
        } while token != nil && pages < 10
        #expect(pages == 3)
        #expect(names == (0..<7).map { "w\($0)" })
    }

    @Test func finalizersKeepObjectUntilEmptied() async throws {
        let h = try await Harness()
        let (_, created) = await h.call("POST", widgets, body: #"{"metadata":{"name":"f","finalizers":["test.skiff.io/hold"]}}"#)
        #expect(created.metadataName == "f")
        let (code, deleting) = await h.call("DELETE", widgets + "/f")
        #expect(code == 200)
        #expect(deleting.value(at: ["metadata", "deletionTimestamp"]) != nil)
        let (still, _) = await h.call("GET", widgets + "/f")
        #expect(still == 200)
        let (pcode, _) = await h.call("PATCH", widgets + "/f", body: #"{"metadata":{"finalizers":null}}"#, contentType: "application/merge-patch+json")
        #expect(pcode == 200)
        let (gone, _) = await h.call("GET", widgets + "/f")
        #expect(gone == 404)
    }

    @Test func foregroundAndOrphanDeletesLeaveFinalizersForTheGarbageCollector() async throws {
        let h = try await Harness()
        for name in ["fg", "or", "bg"] { await h.call("POST", widgets, body: widget(name)) }
        let (fcode, fg) = await h.call("DELETE", widgets + "/fg", body: #"{"propagationPolicy":"Foreground"}"#)
        #expect(fcode == 200)
        #expect(fg.value(at: ["metadata", "finalizers"]) == .array(["foregroundDeletion"]))
        #expect(fg.value(at: ["metadata", "deletionTimestamp"]) != nil)
        let (ocode, _) = await h.call("DELETE", widgets + "/or", query: ["propagationPolicy": "Orphan"])
        #expect(ocode == 200)
        let (_, or) = await h.call("GET", widgets + "/or")
        #expect(or.value(at: ["metadata", "finalizers"]) == .array(["orphan"]))
        // Background (and no policy) delete at once.
        let (_, _) = await h.call("DELETE", widgets + "/bg", body: #"{"propagationPolicy":"Background"}"#)
        let (bgone, _) = await h.call("GET", widgets + "/bg")
        #expect(bgone == 404)
        // Removing the finalizer (what the garbage collector does when done) deletes the object.
        await h.call("PATCH", widgets + "/fg", body: #"{"metadata":{"finalizers":null}}"#, contentType: "application/merge-patch+json")
        let (fgone, _) = await h.call("GET", widgets + "/fg")
        #expect(fgone == 404)
        #expect(Registry.finalizers(["x", "orphan"], policy: "Foreground") == ["x", "foregroundDeletion"])
        #expect(Registry.finalizers(["orphan", "foregroundDeletion"], policy: "Background") == [])
        #expect(Registry.finalizers(["x"], policy: nil) == ["x"])
    }

    @Test func deletePreconditions() async throws {
        let h = try await Harness()
        await h.call("POST", widgets, body: widget("d"))
        let (code, st) = await h.call("DELETE", widgets + "/d", body: #"{"preconditions":{"uid":"other"}}"#)
        #expect(code == 409)
        #expect(st["message"]?.stringValue?.contains("Precondition failed") == true)
        let (ok, _) = await h.call("DELETE", widgets + "/d", body: #"{"propagationPolicy":"Background"}"#)
        #expect(ok == 200)
        let (missing, _) = await h.call("DELETE", widgets + "/d")
        #expect(missing == 404)
    }

    @Test func scaleSubresource() async throws {
        let h = try await Harness()
        await h.call("POST", widgets, body: widget("sc", extra: #","spec":{"replicas":2}"#))
        let (code, scale) = await h.call("GET", widgets + "/sc/scale")
        #expect(code == 200)
        #expect(scale["kind"]?.stringValue == "Scale")
        #expect(scale.value(at: ["spec", "replicas"])?.intValue == 2)
        let (pcode, patched) = await h.call("PATCH", widgets + "/sc/scale", body: #"{"spec":{"replicas":5}}"#, contentType: "application/merge-patch+json")
        #expect(pcode == 200)
        #expect(patched.value(at: ["spec", "replicas"])?.intValue == 5)
        let (_, obj) = await h.call("GET", widgets + "/sc")
        #expect(obj.value(at: ["spec", "replicas"])?.intValue == 5)
    }

    @Test func namespaceDeletionTerminatesAndRemovesContents() async throws {
        let h = try await Harness()
        await h.call("POST", "/api/v1/namespaces", body: #"{"metadata":{"name":"scratch"}}"#)
        await h.call("POST", "/apis/test.skiff.io/v1/namespaces/scratch/widgets", body: widget("inside"))
        let (code, ns) = await h.call("DELETE", "/api/v1/namespaces/scratch")
        #expect(code == 200)
        #expect(ns.value(at: ["status", "phase"])?.stringValue == "Terminating")
        var gone = false
        for _ in 0..<50 {
            let (c, _) = await h.call("GET", "/api/v1/namespaces/scratch")
            if c == 404 { gone = true; break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        #expect(gone)
        let (wc, _) = await h.call("GET", "/apis/test.skiff.io/v1/namespaces/scratch/widgets/inside")
        #expect(wc == 404)
        let (forbidden, _) = await h.call("DELETE", "/api/v1/namespaces/default")
        #expect(forbidden == 403)
    }

    @Test func tableResponses() async throws {
        let h = try await Harness()
        await h.call("POST", widgets, body: widget("t1"))
        let (code, table) = await h.call("GET", widgets, accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
        #expect(code == 200)
        #expect(table["kind"]?.stringValue == "Table")
        let rows = table["rows"]?.arrayValue ?? []
        #expect(rows.count == 1)
        #expect(rows.first?.value(at: ["object", "kind"])?.stringValue == "PartialObjectMetadata")
        #expect(rows.first?["cells"]?[0]?.stringValue == "t1")
    }

    @Test func discoveryListsServedResources() async throws {
        let h = try await Harness()
        let (_, list) = await h.call("GET", "/apis/test.skiff.io/v1")
        let names = (list["resources"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(names == ["widgets", "widgets/status", "widgets/scale"])
        let (_, groups) = await h.call("GET", "/apis")
        #expect(groups.value(at: ["groups"])?[0]?["name"]?.stringValue == "test.skiff.io")
        let (_, version) = await h.call("GET", "/version")
        #expect(version["minor"]?.stringValue == "32")
        let (nf, _) = await h.call("GET", "/apis/nothing/v1")
        #expect(nf == 404)
    }
}
