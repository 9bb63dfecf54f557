import Foundation
import Testing
@testable import SkiffAPI

@Suite struct TypesRoundTripTests {
    /// Decoding then encoding must give back the same tree (explicit nulls aside, which Go omits too).
    func roundTrip<T: Codable>(_ type: T.Type, _ text: String) throws -> T {
        let tree = try JSONValue(json: text)
        let obj = try tree.decode(T.self)
        let back = try JSONValue(encoding: obj)
        #expect(back == dropNulls(tree))
        return obj
    }

    func dropNulls(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let o): return .object(o.filter { !$0.value.isNull }.mapValues(dropNulls))
        case .array(let a): return .array(a.map(dropNulls))
        default: return v
        }
    }

    @Test func pod() throws {
        let p = try roundTrip(Pod.self, Fixtures.pod)
        #expect(p.metadata.name == "web-7d4b9c-x2k9p")
        #expect(p.spec.containers[0].ports?[0].containerPort == 80)
        #expect(p.spec.containers[0].resources?.limits?["memory"]?.value == Int64(134_217_728))
        #expect(p.spec.containers[0].livenessProbe?.httpGet?.port == .string("http"))
        #expect(p.spec.volumes?[4].projected?.sources?.count == 3)
        #expect(p.status.containerStatuses?[0].lastState?.terminated?.reason == "OOMKilled")
        #expect(p.status.startTime?.rfc3339 == "2026-11-23T07:00:01Z")
        #expect(p.metadata.managedFields?.count == 1)
    }

    @Test func deployment() throws {
        let d = try roundTrip(Deployment.self, Fixtures.deployment)
        #expect(d.spec.strategy?.rollingUpdate?.maxUnavailable == .string("25%"))
        #expect(d.spec.strategy?.rollingUpdate?.maxSurge == .int(1))
        #expect(d.spec.selector?.matchExpressions?[0].operator == "NotIn")
    }

    @Test func service() throws {
        let s = try roundTrip(Service.self, Fixtures.service)
        #expect(s.spec.ports?[0].targetPort == .string("http"))
        #expect(s.status.loadBalancer?.ingress?[0].ip == "192.0.2.1")
    }

    @Test func node() throws {
        let n = try roundTrip(Node.self, Fixtures.node)
        #expect(n.status.daemonEndpoints?.kubeletEndpoint?.Port == 10250)
        #expect(n.status.capacity?["memory"]?.canonical == "4030184Ki")
        #expect(n.status.allocatable?["cpu"]?.milliValue == 1900)
    }

    @Test func event() throws {
        let e = try roundTrip(Event.self, Fixtures.event)
        #expect(e.involvedObject.fieldPath == "spec.containers{nginx}")
        #expect(e.count == 2)
    }

    @Test func missingRequiredPrimitivesDecodeAsZero() throws {
        let p = try JSONValue(json: #"{"metadata":{"name":"x"},"spec":{"containers":[{"ports":[{}]}]}}"#).decode(Pod.self)
        #expect(p.spec.containers[0].name == "")
        #expect(p.spec.containers[0].ports?[0].containerPort == 0)
        #expect(p.apiVersion == nil)
    }

    @Test func wrongTypesNameTheField() throws {
        let text = #"{"spec":{"containers":[{"name":"a","ports":[{"containerPort":"eighty"}]}]}}"#
        #expect(throws: DecodeError(field: "spec.containers[0].ports[0].containerPort", detail: "expected integer")) {
            try KubeJSON.decode(Pod.self, from: Data(text.utf8))
        }
        let text2 = #"{"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"lots"}}}]}}"#
        do {
            _ = try KubeJSON.decode(Pod.self, from: Data(text2.utf8))
            Issue.record("expected an error")
        } catch let e as DecodeError {
            #expect(e.field == "spec.containers[0].resources.limits.cpu")
            #expect(e.detail == Quantity.formatError)
        }
        #expect(throws: DecodeError(field: "metadata.labels", detail: "expected object")) {
            try KubeJSON.decode(Pod.self, from: Data(#"{"metadata":{"labels":["a"]}}"#.utf8))
        }
    }

    @Test func listAndWatchEvent() throws {
        let list = List<Pod>(items: [Pod(metadata: ObjectMeta(name: "a"))], metadata: ListMeta(resourceVersion: "7"))
        let tree = try JSONValue(encoding: list)
        #expect(tree["kind"] == "PodList")
        #expect(tree["apiVersion"] == "v1")
        #expect(tree["metadata"]?["resourceVersion"] == "7")
        #expect(tree["items"]?[0]?["metadata"]?["name"] == "a")
        let ev = WatchEvent(type: .added, object: try JSONValue(encoding: Pod(metadata: ObjectMeta(name: "a"))))
        let line = WatchEvent<JSONValue>.line(type: .added, objectJSON: Array(ev.object.encoded()))
        let parsed = try JSONValue(from: Data(line)).decode(WatchEvent<Pod>.self)
        #expect(parsed.type == .added)
        #expect(parsed.object.metadata.name == "a")
    }

    @Test func tableShape() throws {
        let t = Table(columnDefinitions: [.column("Name", format: "name", "Name must be unique")],
                      rows: [try TableRow(cells: ["a"], object: PartialObjectMetadata(metadata: ObjectMeta(name: "a")))])
        let j = try JSONValue(encoding: t)
        #expect(j["kind"] == "Table")
        #expect(j["apiVersion"] == "meta.k8s.io/v1")
        #expect(j["columnDefinitions"]?[0]?["priority"] == 0)
        #expect(j["rows"]?[0]?["object"]?["kind"] == "PartialObjectMetadata")
    }
}

@Suite struct ForeignDecoderTests {
    /// Objects decode with Go semantics under Foundation's decoder too (static manifests,
    /// clients), not only under Skiff's own.
    @Test func minimalPodDecodesWithFoundation() throws {
        let text = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":80}]}]}}"#
        let pod = try JSONDecoder().decode(Pod.self, from: Data(text.utf8))
        #expect(pod.spec.containers[0].ports?[0].containerPort == 80)
        #expect(pod.status == PodStatus())
        let empty = try JSONDecoder().decode(Pod.self, from: Data("{}".utf8))
        #expect(empty.spec.containers.isEmpty)
        let viaFoundationEncoder = try JSONDecoder().decode(Pod.self, from: JSONEncoder().encode(pod))
        #expect(viaFoundationEncoder == pod)
    }
}

@Suite struct HostileInputTests {
    /// Every leaf of a real pod replaced by a value of the wrong type must give a DecodeError
    /// naming exactly that field (or decode, where Kubernetes accepts both forms), never crash.
    @Test func wrongTypeAtEveryLeafNamesTheField() throws {
        let tree = try JSONValue(json: Fixtures.pod)
        var leaves: [([PathStep], JSONValue)] = []
        collectLeaves(tree, [], into: &leaves)
        #expect(leaves.count > 100)
        for (path, value) in leaves {
            let replacement: JSONValue
            switch value {
            case .string: replacement = ["x": 1]
            case .int, .double: replacement = ["not a number"]
            case .bool: replacement = "yes"
            default: continue
            }
            let broken = set(tree, path, replacement)
            do {
                _ = try broken.decode(Pod.self)
                // Opaque fields (managedFields) accept anything.
                #expect(render(path).hasPrefix("metadata.managedFields"), "\(render(path)) accepted \(replacement)")
            } catch let e as DecodeError {
                #expect(e.field == render(path), "\(e) for \(render(path))")
            }
        }
    }

    @Test func truncatedAndCorruptedBodiesNeverCrash() {
        let bytes = Array(Fixtures.pod.utf8)
        var rng = SystemRandomNumberGenerator()
        for cut in stride(from: 0, to: bytes.count, by: 37) {
            _ = try? KubeJSON.decodeBody(Pod.self, from: Data(bytes[..<cut]))
        }
        for _ in 0..<300 {
            var b = bytes
            let i = Int.random(in: 0..<b.count, using: &rng)
            b[i] = UInt8.random(in: 0...255, using: &rng)
            _ = try? KubeJSON.decodeBody(Pod.self, from: Data(b))
        }
        #expect(throws: SyntaxError.self) { try KubeJSON.decodeBody(Pod.self, from: Data("kind: [unclosed".utf8)) }
    }

    enum PathStep { case key(String), index(Int) }

    func collectLeaves(_ v: JSONValue, _ path: [PathStep], into out: inout [([PathStep], JSONValue)]) {
        switch v {
        case .object(let o): for (k, c) in o { collectLeaves(c, path + [.key(k)], into: &out) }
        case .array(let a): for (i, c) in a.enumerated() { collectLeaves(c, path + [.index(i)], into: &out) }
        default: out.append((path, v))
        }
    }

    func set(_ v: JSONValue, _ path: [PathStep], _ new: JSONValue) -> JSONValue {
        guard let first = path.first else { return new }
        let rest = Array(path.dropFirst())
        switch (first, v) {
        case (.key(let k), .object(var o)):
            o[k] = set(o[k] ?? .null, rest, new)
            return .object(o)
        case (.index(let i), .array(var a)):
            a[i] = set(a[i], rest, new)
            return .array(a)
        default:
            return v
        }
    }

    func render(_ path: [PathStep]) -> String {
        var s = ""
        for p in path {
            switch p {
            case .key(let k): s += s.isEmpty ? k : ".\(k)"
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }
}
