import Foundation
import Testing
@testable import SkiffStore

/// Pure decoding of the etcd gateway's wire format, no server needed.
@Suite struct EtcdWireTests {
    @Test func splitterFindsObjectsWhateverTheChunkBoundaries() {
        let objects = [
            #"{"result":{"header":{"revision":"7"},"created":true}}"#,
            #"{"result":{"events":[{"kv":{"key":"L2E=","value":"e30="}}],"note":"brace } and quote \" in a string"}}"#,
            #"{"error":{"code":14,"message":"etcdserver: no leader"}}"#,
        ]
        let stream = Array((objects.joined(separator: "\n") + "\n").utf8)
        for chunkSize in [1, 2, 3, 7, 64, stream.count] {
            var splitter = JSONObjectSplitter()
            var found: [String] = []
            var index = 0
            while index < stream.count {
                let end = min(index + chunkSize, stream.count)
                found += splitter.feed(stream[index..<end]).map { String(decoding: $0, as: UTF8.self) }
                index = end
            }
            #expect(found == objects, "chunk size \(chunkSize)")
        }
    }

    @Test func prefixEndIncrementsTheLastByte() {
        #expect(EtcdWire.prefixEnd("/registry/pods/") == Data("/registry/pods0".utf8))
        #expect(EtcdWire.prefixEnd("a\u{7F}") == Data([0x61, 0x80]))
        #expect(EtcdWire.prefixEnd("") == Data([0]))
    }

    @Test func int64FieldsDecodeFromStringsOrNumbers() throws {
        let json = #"{"header":{"revision":"42"},"kvs":[{"key":"L2s=","create_revision":3,"mod_revision":"9","value":"dg=="}],"more":true}"#
        let response = try EtcdWire.decoder.decode(EtcdWire.RangeResponse.self, from: Data(json.utf8))
        #expect(response.header?.rev == 42)
        let kv = try #require(response.kvs?.first).keyValue()
        #expect(kv == KeyValue(key: "/k", value: Data("v".utf8), createRevision: 3, modRevision: 9))
        #expect(response.more == true)
        let bad = #"{"header":{"revision":"forty-two"}}"#
        #expect(throws: DecodingError.self) {
            _ = try EtcdWire.decoder.decode(EtcdWire.RangeResponse.self, from: Data(bad.utf8))
        }
    }

    @Test func deleteEventsCarryTheRemovedValueAtTheDeleteRevision() throws {
        let json = #"{"type":"DELETE","kv":{"key":"L2s=","mod_revision":"12"},"prev_kv":{"key":"L2s=","create_revision":"5","mod_revision":"8","value":"b2xk"}}"#
        let event = EtcdStore.storeEvent(try EtcdWire.decoder.decode(EtcdWire.Event.self, from: Data(json.utf8)))
        #expect(event.kind == .delete)
        #expect(event.kv == KeyValue(key: "/k", value: Data("old".utf8), createRevision: 5, modRevision: 12))
        #expect(event.prevKV?.modRevision == 8)
        // A put leaves out "type" (the enum's zero value).
        let put = #"{"kv":{"key":"L2s=","create_revision":"5","mod_revision":"13","value":"bmV3"}}"#
        let putEvent = EtcdStore.storeEvent(try EtcdWire.decoder.decode(EtcdWire.Event.self, from: Data(put.utf8)))
        #expect(putEvent.kind == .put)
        #expect(putEvent.kv.value == Data("new".utf8))
        #expect(putEvent.prevKV == nil)
    }
}

@Suite struct EtcdRequestJSONTests {
    @Test func requestBodiesEncodeAsFoundationReadsThem() throws {
        let k = EtcdWire.bytes("/registry/pods/default/a")
        let body: [String: Any] = [
            "compare": [["key": k, "target": "CREATE", "result": "EQUAL", "create_revision": "0"]],
            "success": [["request_put": ["key": k, "value": EtcdWire.bytes(Data("{\"a\":1}".utf8))]]],
            "failure": [["request_range": ["key": k]]],
            "count_only": true,
            "limit": 5,
            "odd": "quote\" backslash\\ newline\n tab\t bell\u{7} é",
        ]
        let data = try EtcdRequestJSON.encode(body)
        let back = try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
        let expected = try #require(try JSONSerialization.jsonObject(with: JSONSerialization.data(withJSONObject: body)) as? NSDictionary)
        #expect(back == expected)
        #expect(String(decoding: try EtcdRequestJSON.encode(["b": 1, "a": [true, "x"]]), as: UTF8.self) == #"{"a":[true,"x"],"b":1}"#)
    }

    @Test func unsupportedValuesAreRefused() {
        #expect(throws: EtcdRequestJSON.Unsupported.self) { try EtcdRequestJSON.encode(["x": 1.5]) }
    }
}
