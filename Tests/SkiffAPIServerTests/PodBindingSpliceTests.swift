import Foundation
import Testing
@testable import SkiffAPIServer
@testable import SkiffAPI

/// The spliced binding must write exactly the bytes the tree path would, and leave every
/// unusual pod to the tree path.
@Suite struct PodBindingSpliceTests {
    let time = Time(secondsSinceEpoch: 1_796_000_000)

    /// What the tree path stores for a binding of a pod without conditions.
    func treeBound(_ stored: String, node: String) throws -> Data {
        let pod = try JSONValue(from: Data(stored.utf8))
        return pod.setting(["spec", "nodeName"], to: .string(node))
            .setting(["status", "conditions"], to: .array([.object(["type": "PodScheduled", "status": "True",
                                                                    "lastTransitionTime": .string(time.rfc3339)])]))
            .encoded()
    }

    /// Stored form: compact, keys sorted, as the registry writes it.
    func stored(_ json: String) throws -> String {
        String(decoding: try JSONValue(from: Data(json.utf8)).encoded(), as: UTF8.self)
    }

    @Test(arguments: [
        // As the API stores a defaulted pod: spec keys on both sides of nodeName.
        #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","uid":"u1","creationTimestamp":"2026-12-05T04:50:36Z","labels":{"nodeName":"x"}},"spec":{"containers":[{"name":"c","image":"pause","resources":{"requests":{"cpu":"100m"}}}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","tolerations":[{"key":"a","operator":"Exists"}]},"status":{"phase":"Pending","qosClass":"Burstable"}}"#,
        // Every spec key sorts before nodeName; status empty.
        #"{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}],"dnsPolicy":"Default"},"status":{}}"#,
        // Empty spec; status keys all before "conditions"... none sort before it here but "a".
        #"{"metadata":{"name":"p"},"spec":{},"status":{"a":1,"phase":"Pending"}}"#,
        // Strings holding braces, quotes and key-like text must not confuse the scan.
        #"{"metadata":{"annotations":{"x":"}\"spec\":{","y":"\\"},"name":"p"},"spec":{"hostname":"{\"nodeName\":1}","zz":[{"nodeName":"n"}]},"status":{"message":"\"conditions\""}}"#,
    ])
    func splicedBytesEqualTheTreePath(_ json: String) throws {
        let s = try stored(json)
        for node in ["node-1", "n\"quoted\\", "ünï"] {
            let spliced = try #require(PodBindingSplice.bound(Data(s.utf8), node: node, uid: nil, at: time))
            #expect(String(decoding: spliced, as: UTF8.self) == String(decoding: try treeBound(s, node: node), as: UTF8.self))
        }
    }

    @Test func uidPreconditionMustMatch() throws {
        let s = try stored(#"{"metadata":{"name":"p","uid":"u1"},"spec":{},"status":{}}"#)
        #expect(PodBindingSplice.bound(Data(s.utf8), node: "n", uid: "u1", at: time) != nil)
        #expect(PodBindingSplice.bound(Data(s.utf8), node: "n", uid: "", at: time) != nil)
        #expect(PodBindingSplice.bound(Data(s.utf8), node: "n", uid: "other", at: time) == nil)
    }

    @Test(arguments: [
        // Already bound, even to the empty name: the tree path decides.
        #"{"metadata":{"name":"p"},"spec":{"nodeName":"n"},"status":{}}"#,
        #"{"metadata":{"name":"p"},"spec":{"nodeName":""},"status":{}}"#,
        // Being deleted.
        #"{"metadata":{"deletionTimestamp":"2026-12-05T04:50:36Z","name":"p"},"spec":{},"status":{}}"#,
        // Conditions to filter (an Unschedulable pod): the tree path replaces PodScheduled.
        #"{"metadata":{"name":"p"},"spec":{},"status":{"conditions":[{"status":"False","type":"PodScheduled"}]}}"#,
        // No status, no spec, not an object, a key with an escape.
        #"{"metadata":{"name":"p"},"spec":{}}"#,
        #"{"metadata":{"name":"p"},"status":{}}"#,
        #"[1,2]"#,
        #"{"metadata":{"name":"p"},"spec":{"a\u0062":1},"status":{}}"#,
    ])
    func unusualPodsGoTheTreeWay(_ json: String) throws {
        #expect(PodBindingSplice.bound(Data(json.utf8), node: "n", uid: nil, at: time) == nil)
    }

    @Test func membersListsAnObjectsKeysAndValues() throws {
        let text = #"{"a":1,"b":{"c":[1,{"d":"}"}]},"e":"x\"y"}"#
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { b in
            let root = try #require(JSONScan.members(at: [], in: b))
            let keys = root.members.map { String(decoding: b[$0.key], as: UTF8.self) }
            let values = root.members.map { String(decoding: b[$0.value], as: UTF8.self) }
            #expect(keys == ["a", "b", "e"])
            #expect(values == ["1", #"{"c":[1,{"d":"}"}]}"#, #""x\"y""#])
            #expect(root.close == bytes.count - 1)
            let inner = try #require(JSONScan.members(at: ["b"], in: b))
            #expect(inner.members.count == 1)
            #expect(JSONScan.members(at: ["a"], in: b) == nil)
            #expect(JSONScan.members(at: ["zz"], in: b) == nil)
        }
    }
}
