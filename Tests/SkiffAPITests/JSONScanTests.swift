import Foundation
@testable import SkiffAPI
import Testing

@Suite struct JSONScanTests {
    static let line = Data(#"""
    {"type":"MODIFIED","object":{"kind":"Pod","metadata":{"annotations":{"a":"{\"name\":\"decoy\"}","b":[1,{"name":"x"}]},
     "labels" : { "app" : "web" }, "name":"web-0","namespace":"default","resourceVersion":"42"},
     "spec":{"containers":[{"name":"c","ports":[{"containerPort":80}]}],"nodeName":"n\u00e9-1","priority":-3,"x":null,"ok":true},
     "status":{"phase":"Pending","esc\"aped":"yes"}}}
    """#.utf8)

    @Test func findsValuesByPathSkippingEverythingElse() {
        let d = Self.line
        #expect(JSONScan.string(at: ["type"], in: d) == "MODIFIED")
        #expect(JSONScan.string(at: ["object", "metadata", "name"], in: d) == "web-0", "the name inside an annotation string and an array is skipped")
        #expect(JSONScan.string(at: ["object", "metadata", "labels", "app"], in: d) == "web", "whitespace around keys and colons")
        #expect(JSONScan.string(at: ["object", "spec", "nodeName"], in: d) == "né-1", "escapes decoded")
        #expect(JSONScan.string(at: ["object", "status", "esc\"aped"], in: d) == "yes", "an escaped key matches its decoded form")
        #expect(JSONScan.string(at: ["object", "metadata", "resourceVersion"], in: d) == "42")
    }

    @Test func nonStringsAndAbsentPathsAreNil() {
        let d = Self.line
        #expect(JSONScan.string(at: ["object", "spec", "priority"], in: d) == nil)
        #expect(JSONScan.string(at: ["object", "spec", "x"], in: d) == nil)
        #expect(JSONScan.string(at: ["object", "spec", "missing"], in: d) == nil)
        #expect(JSONScan.string(at: ["object", "metadata", "name", "deeper"], in: d) == nil)
        #expect(JSONScan.value(at: ["object", "spec", "priority"], in: d) == Data("-3".utf8))
        #expect(JSONScan.value(at: ["object", "spec", "ok"], in: d) == Data("true".utf8))
        let containers = JSONScan.value(at: ["object", "spec", "containers"], in: d)
        #expect(containers.flatMap { try? JSONValue(from: $0) }?.arrayValue?.count == 1)
    }

    @Test func malformedTextGivesNilNotACrash() {
        for text in ["", "{", "{\"type\"", "{\"type\":", "{\"type\":\"MOD", "[\"type\"]", "{\"a\":[1,2,{\"b\":\"c\"}", "{\"a\":\"\\", "nul"] {
            #expect(JSONScan.string(at: ["type"], in: Data(text.utf8)) == nil, "\(text)")
            #expect(JSONScan.string(at: ["a", "b"], in: Data(text.utf8)) == nil, "\(text)")
        }
        // Deep nesting is skipped without recursion and bounded.
        let deep = "{\"a\":" + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + ",\"b\":\"x\"}"
        #expect(JSONScan.string(at: ["b"], in: Data(deep.utf8)) == nil)
        let ok = "{\"a\":" + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + ",\"b\":\"x\"}"
        #expect(JSONScan.string(at: ["b"], in: Data(ok.utf8)) == "x")
    }

    /// Whatever the full parser reads at a path, the scan reads too, over varied documents.
    @Test func arrayElementsAreFoundByRange() {
        func elements(_ text: String, _ path: [String]) -> [String]? {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { b in
                JSONScan.elements(at: path, in: b)?.map { String(decoding: b[$0], as: UTF8.self) }
            }
        }
        #expect(elements(#"{"kind":"List","items":[{"a":[1,"]"]}, "x" ,3 , null]}"#, ["items"]) == [#"{"a":[1,"]"]}"#, #""x""#, "3", "null"])
        #expect(elements(#"{"items": [ ]}"#, ["items"]) == [])
        #expect(elements(#"{"o":{"items":[true]}}"#, ["o", "items"]) == ["true"])
        #expect(elements(#"{"items":{"a":1}}"#, ["items"]) == nil, "not an array")
        #expect(elements(#"{"other":[]}"#, ["items"]) == nil, "absent")
        #expect(elements(#"{"items":[1 2]}"#, ["items"]) == nil, "malformed")
        #expect(elements(#"{"items":[1,"#, ["items"]) == nil, "cut short")
    }

    @Test func agreesWithTheFullParser() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let doc = Self.randomObject(depth: 0, &rng)
            let data = doc.encoded()
            guard case .object(let top) = doc else { continue }
            for (k, v) in top {
                #expect(JSONScan.string(at: [k], in: data) == v.stringValue)
                if case .object(let inner) = v {
                    for (k2, v2) in inner { #expect(JSONScan.string(at: [k, k2], in: data) == v2.stringValue) }
                }
            }
        }
    }

    static func randomObject(depth: Int, _ rng: inout SystemRandomNumberGenerator) -> JSONValue {
        var o: [String: JSONValue] = [:]
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            o[randomString(&rng)] = randomValue(depth: depth + 1, &rng)
        }
        return .object(o)
    }

    static func randomValue(depth: Int, _ rng: inout SystemRandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &rng) {
        case 0: return .string(randomString(&rng))
        case 1: return .int(Int64.random(in: -1000...1000, using: &rng))
        case 2: return .bool(Bool.random(using: &rng))
        case 3: return .null
        case 4: return randomObject(depth: depth, &rng)
        default: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in randomValue(depth: depth + 1, &rng) })
        }
    }

    static func randomString(_ rng: inout SystemRandomNumberGenerator) -> String {
        let pieces = ["a", "name", "\"", "\\", "é", "\n", "{", "}", "[", ",", ":", " ", "\u{1F600}", "\u{01}"]
        return (0..<Int.random(in: 0...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }
}
