import Foundation
import Testing
@testable import SkiffAPI

/// Builds protobuf bytes the way Go's generated marshallers do, for the tests.
struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    mutating func key(_ n: Int, _ wire: UInt64) { varint(UInt64(n) << 3 | wire) }
    mutating func int(_ n: Int, _ v: Int64) { key(n, 0); varint(UInt64(bitPattern: v)) }
    mutating func bool(_ n: Int, _ v: Bool) { int(n, v ? 1 : 0) }
    mutating func bytes(_ n: Int, _ b: [UInt8]) { key(n, 2); varint(UInt64(b.count)); bytes += b }
    mutating func string(_ n: Int, _ s: String) { bytes(n, Array(s.utf8)) }
    mutating func message(_ n: Int, _ build: (inout ProtoWriter) -> Void) {
        var inner = ProtoWriter(); build(&inner); bytes(n, inner.bytes)
    }
    mutating func mapEntry(_ n: Int, _ k: String, _ v: String) { message(n) { $0.string(1, k); $0.string(2, v) } }

    /// The whole body: magic, then runtime.Unknown{typeMeta, raw}.
    static func envelope(apiVersion: String, kind: String, _ build: (inout ProtoWriter) -> Void) -> [UInt8] {
        var object = ProtoWriter(); build(&object)
        var unknown = ProtoWriter()
        unknown.message(1) { $0.string(1, apiVersion); $0.string(2, kind) }
        unknown.bytes(2, object.bytes)
        unknown.string(3, ""); unknown.string(4, "")
        return [0x6B, 0x38, 0x73, 0x00] + unknown.bytes
    }
}

/// Go writes every non-pointer field, zero or not; these helpers write an empty ObjectMeta the
/// way it does (empty strings, zero generation, a zero creationTimestamp).
func goObjectMeta(_ w: inout ProtoWriter, name: String, namespace: String = "", labels: [String: String] = [:]) {
    w.message(1) { m in
        m.string(1, name); m.string(2, ""); m.string(3, namespace); m.string(4, ""); m.string(5, ""); m.string(6, "")
        m.int(7, 0)
        m.message(8) { $0.int(1, 0); $0.int(2, 0) }
        for (k, v) in labels.sorted(by: { $0.key < $1.key }) { m.mapEntry(11, k, v) }
    }
}

@Suite struct ProtobufTests {
    @Test func schemaKnowsTheServedKinds() throws {
        let s = KubernetesProtobufSchema.shared
        for (v, k) in [("v1", "Pod"), ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "Service"), ("v1", "Namespace"),
                       ("v1", "Node"), ("v1", "Endpoints"), ("v1", "Event"), ("v1", "ReplicationController"),
                       ("apps/v1", "Deployment"), ("apps/v1", "ReplicaSet"), ("coordination.k8s.io/v1", "Lease"),
                       ("autoscaling/v1", "Scale"), ("v1", "DeleteOptions"), ("apps/v1", "DeleteOptions")] {
            #expect(s.message(apiVersion: v, kind: k) != nil, "\(v) \(k)")
        }
        let meta = try #require(s.messages["k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta"])
        #expect(meta.fields[1]?.name == "name")
        #expect(meta.fields[11]?.type == .map(.string))
        #expect(meta.fields[13]?.repeated == true)
        #expect(s.message(apiVersion: "batch/v1", kind: "Job") == nil)
    }

    @Test func configMapWithDataBinaryDataAndLabels() throws {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "ConfigMap") { w in
            goObjectMeta(&w, name: "c1", namespace: "default", labels: ["app": "web"])
            w.mapEntry(2, "a", "b")
            w.message(3) { $0.string(1, "bin"); $0.bytes(2, [0, 1, 2]) }
        }
        let o = try KubernetesProtobuf.decodeObject(body)
        #expect(o["apiVersion"]?.stringValue == "v1")
        #expect(o["kind"]?.stringValue == "ConfigMap")
        #expect(o["metadata"] == .object(["name": .string("c1"), "namespace": .string("default"),
                                           "labels": .object(["app": .string("web")])]))
        #expect(o["data"] == .object(["a": .string("b")]))
        #expect(o["binaryData"]?["bin"]?.stringValue == "AAEC")
        #expect(o["immutable"] == nil)
    }

    @Test func pointerZeroesStayAndOtherZeroesGo() throws {
        let body = ProtoWriter.envelope(apiVersion: "apps/v1", kind: "Deployment") { w in
            goObjectMeta(&w, name: "d1")
            w.message(2) { spec in
                spec.int(1, 0)  // replicas: *int32 set to 0
                spec.message(2) { $0.mapEntry(1, "app", "d1") }
                spec.message(3) { tpl in
                    tpl.message(1) { $0.mapEntry(11, "app", "d1") }
                    tpl.message(2) { pod in
                        pod.message(2) { c in
                            c.string(1, "busybox"); c.string(2, "busybox"); c.string(3, "sleep"); c.string(3, "10")
                            c.message(6) { $0.string(1, ""); $0.int(2, 0); $0.int(3, 80); $0.string(4, "TCP") }
                            c.message(8) { _ in }
                            c.bool(16, false)
                        }
                        pod.message(1) { v in v.string(1, "scratch"); v.message(2) { $0.message(2) { _ in } } }
                        pod.message(1) { v in
                            v.string(1, "cfg")
                            v.message(2) { $0.message(19) { $0.message(1) { $0.string(1, "c1") }; $0.int(3, 0o644) } }
                        }
                        pod.message(14) { $0.int(2, 0) }  // securityContext.runAsUser: 0 stays
                    }
                }
                spec.message(4) { st in
                    st.string(1, "RollingUpdate")
                    st.message(2) { ru in
                        ru.message(1) { $0.int(1, 1); $0.int(2, 0); $0.string(3, "25%") }
                        ru.message(2) { $0.int(1, 0); $0.int(2, 2); $0.string(3, "") }
                    }
                }
                spec.int(5, 0)  // minReadySeconds: plain int32, zero is unset
                spec.bool(7, false)
            }
            w.message(3) { _ in }
        }
        let o = try KubernetesProtobuf.decodeObject(body)
        let spec = try #require(o["spec"])
        #expect(spec["replicas"] == .int(0))
        #expect(spec["minReadySeconds"] == nil)
        #expect(spec["paused"] == nil)
        #expect(spec["selector"]?["matchLabels"]?["app"]?.stringValue == "d1")
        #expect(spec["strategy"]?["rollingUpdate"]?["maxUnavailable"] == .string("25%"))
        #expect(spec["strategy"]?["rollingUpdate"]?["maxSurge"] == .int(2))
        let pod = try #require(spec["template"]?["spec"])
        let c = try #require(pod["containers"]?[0])
        #expect(c["command"] == .array([.string("sleep"), .string("10")]))
        #expect(c["ports"] == .array([.object(["containerPort": .int(80), "protocol": .string("TCP")])]))
        #expect(c["resources"] == .object([:]))
        #expect(c["stdin"] == nil)
        #expect(pod["volumes"]?[0] == .object(["name": .string("scratch"), "emptyDir": .object([:])]))
        #expect(pod["volumes"]?[1] == .object(["name": .string("cfg"),
                                                "configMap": .object(["name": .string("c1"), "defaultMode": .int(0o644)])]))
        #expect(pod["securityContext"]?["runAsUser"] == .int(0))
        #expect(o["status"] == .object([:]))
        #expect(o["metadata"]?["creationTimestamp"] == nil)
    }

    @Test func timesQuantitiesNegativeNumbersAndPackedLists() throws {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "Pod") { w in
            w.message(1) { m in
                m.string(1, "p")
                m.message(8) { $0.int(1, 1_780_000_000); $0.int(2, 5) }
                m.int(10, -1)
            }
            w.message(2) { pod in
                pod.message(2) { c in
                    c.string(1, "c")
                    c.message(8) { r in r.message(1) { $0.string(1, "cpu"); $0.message(2) { $0.string(1, "100m") } } }
                }
                pod.message(22) { $0.string(1, "k"); $0.int(5, 0) }  // tolerationSeconds: 0 stays
            }
        }
        let o = try KubernetesProtobuf.decodeObject(body)
        #expect(o["metadata"]?["creationTimestamp"]?.stringValue == "2026-05-28T20:26:40Z")
        #expect(o["metadata"]?["deletionGracePeriodSeconds"] == .int(-1))
        #expect(o["spec"]?["containers"]?[0]?["resources"]?["limits"]?["cpu"]?.stringValue == "100m")
        #expect(o["spec"]?["tolerations"]?[0]?["tolerationSeconds"] == .int(0))

        // A packed repeated varint (proto3 style) reads like one value per element.
        var schemaText = "t.M xs=1:i\n"
        schemaText += "t.Holder *xs=1:i"
        let schema = KubernetesProtobufSchema(text: schemaText)
        var packed = ProtoWriter(); packed.varint(1); packed.varint(300); packed.varint(UInt64(bitPattern: -2))
        var holder = ProtoWriter(); holder.bytes(1, packed.bytes)
        var decoder = MessageDecoder(schema: schema)
        let out = try decoder.decode(try #require(schema.messages["t.Holder"]), holder.bytes[...], path: "", depth: 0)
        #expect(out["xs"] == .array([.int(1), .int(300), .int(-2)]))
    }

    @Test func badBodiesAreErrorsNamingTheProblem() throws {
        #expect(throws: ProtobufError.self) { try KubernetesProtobuf.decodeObject(Array("{}".utf8)) }
        // Truncated: a length running past the end.
        var good = ProtoWriter.envelope(apiVersion: "v1", kind: "ConfigMap") { goObjectMeta(&$0, name: "c") }
        good.removeLast(3)
        #expect(throws: ProtobufError.self) { try KubernetesProtobuf.decodeObject(good) }
        // An unserved kind.
        do {
            _ = try KubernetesProtobuf.decodeObject(ProtoWriter.envelope(apiVersion: "batch/v1", kind: "Job") { _ in })
            Issue.record("expected an error")
        } catch let e as ProtobufError {
            #expect(e.description.contains("Job"))
        }
        // A string field sent as a varint names its path.
        do {
            _ = try KubernetesProtobuf.decodeObject(ProtoWriter.envelope(apiVersion: "v1", kind: "ConfigMap") { w in
                w.message(1) { $0.int(1, 7) }
            })
            Issue.record("expected an error")
        } catch let e as ProtobufError {
            #expect(e.description.contains("metadata.name"))
        }
        // Deep nesting stops at the limit instead of exhausting the stack.
        var deep: [UInt8] = []
        for _ in 0..<200 { var w = ProtoWriter(); w.message(2) { $0.bytes += deep }; deep = w.bytes }
        let schema = KubernetesProtobufSchema(text: "t.Node next=2:m:t.Node")
        var decoder = MessageDecoder(schema: schema)
        #expect(throws: ProtobufError.self) {
            _ = try decoder.decode(schema.messages["t.Node"]!, deep[...], path: "", depth: 0)
        }
        // Random bytes never crash.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var b: [UInt8] = [0x6B, 0x38, 0x73, 0x00]
            for _ in 0..<Int.random(in: 0..<64, using: &rng) { b.append(UInt8.random(in: 0...255, using: &rng)) }
            _ = try? KubernetesProtobuf.decodeObject(b)
        }
    }

    @Test func goDurations() {
        #expect(GoDuration.format(nanoseconds: 0) == "0s")
        #expect(GoDuration.format(nanoseconds: 1_500_000_000) == "1.5s")
        #expect(GoDuration.format(nanoseconds: 3_723_000_000_000) == "1h2m3s")
        #expect(GoDuration.format(nanoseconds: 60_000_000_000) == "1m0s")
        #expect(GoDuration.format(nanoseconds: 250_000_000) == "250ms")
        #expect(GoDuration.format(nanoseconds: 1_500) == "1.5µs")
        #expect(GoDuration.format(nanoseconds: -2_000_000_000) == "-2s")
    }
}
