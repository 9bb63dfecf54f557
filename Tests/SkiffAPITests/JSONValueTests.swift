import Foundation
import Testing
@testable import SkiffAPI

@Suite struct JSONValueTests {
    @Test func keySketchNeverRulesOutAPresentKey() throws {
        let keys = ["a", "apiVersion", "kind", "metadata", "spec", "status", "nodeName", "ü", "", "x\"y", String(repeating: "k", count: 70)]
        let object = Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONValue.null) })
        let sketch = KeySketch(object)
        for k in keys { #expect(sketch.mayContain(k)) }
        // Most absent keys are ruled out without a lookup.
        let absent = ["containers", "hostname", "priority", "tolerations", "volumes", "affinity", "dnsPolicy", "overhead"]
        #expect(absent.filter { !sketch.mayContain($0) }.count >= 4)
        #expect(KeySketch([:]).mayContain("anything") == false)
    }

    @Test func parsesAndKeepsIntegersExact() throws {
        let v = try JSONValue(json: #"{"a": 9223372036854775807, "b": -5, "c": 1.5, "d": [true, false, null], "e": "x\ny\u00e9\ud83d\ude00"}"#)
        #expect(v["a"] == .int(Int64.max))
        #expect(v["b"] == .int(-5))
        #expect(v["c"] == .double(1.5))
        #expect(v["d"] == [true, false, nil])
        #expect(v["e"] == .string("x\nyé😀"))
    }

    @Test func bigIntegersBecomeDoubles() throws {
        let v = try JSONValue(json: "[18446744073709551616, 1e3, -0]")
        #expect(v[0] == .double(18446744073709551616))
        #expect(v[1] == .double(1000))
        #expect(v[2] == .int(0))
    }

    @Test func roundTripsSortedCompact() throws {
        let text = #"{"b":[1,2,{"z":null,"a":"q\"\\"}],"a":true}"#
        let v = try JSONValue(json: text)
        #expect(v.jsonString == #"{"a":true,"b":[1,2,{"a":"q\"\\","z":null}]}"#)
        #expect(try JSONValue(from: v.encoded()) == v)
    }

    @Test func controlCharactersAreEscaped() {
        let v = JSONValue.string("a\u{01}b\tc")
        #expect(v.jsonString == #""a\u0001b\tc""#)
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("{", "unexpected end of input"),
        ("{\"a\" 1}", "expected ':' after object key"),
        ("[1,]", "unexpected character ']'"),
        ("{\"a\":1}x", "unexpected data after the top-level value"),
        ("tru", "unexpected end of input in literal"),
        ("\"abc", "unexpected end of input in string"),
        ("01", "leading zero"),
        ("{'a':1}", "expected a string key"),
        ("\"\\q\"", "invalid escape"),
    ])
    func syntaxErrorsAreReadable(input: String, fragment: String) {
        do {
            _ = try JSONValue(json: input)
            Issue.record("expected an error for \(input)")
        } catch let e as SyntaxError {
            #expect(e.message.contains(fragment), "\(e.message)")
            #expect(e.message.hasPrefix("invalid JSON at line 1, column"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func errorLineAndColumn() {
        #expect(throws: SyntaxError("invalid JSON at line 3, column 3: unexpected character '}', expected a value")) {
            try JSONValue(json: "{\n\"a\":\n  }")
        }
    }

    @Test func deepNestingIsRefusedNotCrashing() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: SyntaxError.self) { try JSONValue(json: deep) }
    }

    @Test func subscriptSetAndRemove() {
        var v: JSONValue = ["a": 1]
        v["b"] = "x"
        v["a"] = nil
        #expect(v == ["b": "x"])
    }

    @Test func yamlScalarsFollowKubernetes() throws {
        let v = try JSONValue(yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels: {app: web, "version": "1.0"}
        spec:
          replicas: 3
          ratio: 0.5
          enabled: true
          nothing: null
          quoted: "42"
          block: |
            line1
            line2
          list:
          - a
          - 2
        """)
        #expect(v["kind"] == "Pod")
        #expect(v["metadata"]?["labels"]?["version"] == "1.0")
        #expect(v["spec"]?["replicas"] == .int(3))
        #expect(v["spec"]?["ratio"] == .double(0.5))
        #expect(v["spec"]?["enabled"] == .bool(true))
        #expect(v["spec"]?["nothing"] == .null)
        #expect(v["spec"]?["quoted"] == "42")
        #expect(v["spec"]?["block"] == "line1\nline2\n")
        #expect(v["spec"]?["list"] == ["a", 2])
    }

    @Test func yamlMultipleDocuments() throws {
        let docs = try JSONValue.documents(yaml: "a: 1\n---\n---\nb: 2\n")
        #expect(docs == [["a": 1], ["b": 2]])
    }

    @Test func badYamlIsAReadableError() {
        do {
            _ = try JSONValue(yaml: "a: [1, 2\nb: }")
            Issue.record("expected an error")
        } catch let e as SyntaxError {
            #expect(e.message.hasPrefix("invalid YAML"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func yamlFlowMappingBody() throws {
        #expect(try JSONValue.parseBody(Data("{kind: Pod, metadata: {name: a}}".utf8)) == ["kind": "Pod", "metadata": ["name": "a"]])
        #expect(try JSONValue.parseBody(Data("kind: Pod\n".utf8)) == ["kind": "Pod"])
    }

    @Test func bodyThatIsNeitherJSONNorYAML() {
        #expect(throws: SyntaxError.self) { try JSONValue.parseBody(Data("just some words".utf8)) }
        #expect(throws: SyntaxError.self) { try JSONValue.parseBody(Data([0xFF, 0xFE, 0x00])) }
        #expect(throws: SyntaxError.self) { try JSONValue.parseBody(Data("{\"a\":".utf8)) }
    }

    struct Port: Codable, Equatable {
        var name: String?
        var containerPort: Int32
    }
    struct Container: Codable, Equatable {
        var name: String
        var ports: [Port]?
    }
    struct Spec: Codable, Equatable {
        var containers: [Container]
    }
    struct Obj: Codable, Equatable {
        var spec: Spec
        var extra: [String: JSONValue]?
    }

    @Test func decodeErrorsNameTheField() throws {
        let v = try JSONValue(json: #"{"spec":{"containers":[{"name":"a","ports":[{"containerPort":"80"}]}]}}"#)
        #expect(throws: DecodeError(field: "spec.containers[0].ports[0].containerPort", detail: "expected integer")) {
            try v.decode(Obj.self)
        }
        let v2 = try JSONValue(json: #"{"spec":{"containers":[{"name":"a","ports":[{"containerPort":99999999999}]}]}}"#)
        #expect(throws: DecodeError.self) { try v2.decode(Obj.self) }
        let v3 = try JSONValue(json: #"{"spec":{"containers":{}}}"#)
        #expect(throws: DecodeError(field: "spec.containers", detail: "expected array")) { try v3.decode(Obj.self) }
        // Go semantics: a missing non-optional field is its zero value; validation reports it.
        let v4 = try JSONValue(json: #"{"spec":{"containers":[{"ports":[]}]}}"#)
        #expect(try v4.decode(Obj.self).spec.containers[0].name == "")
    }

    @Test func typedRoundTrip() throws {
        let o = Obj(spec: Spec(containers: [Container(name: "c", ports: [Port(name: nil, containerPort: 80)])]), extra: ["k": [1, "two"]])
        let tree = try JSONValue(encoding: o)
        #expect(tree.jsonString == #"{"extra":{"k":[1,"two"]},"spec":{"containers":[{"name":"c","ports":[{"containerPort":80}]}]}}"#)
        #expect(try tree.decode(Obj.self) == o)
        #expect(try KubeJSON.decode(Obj.self, from: KubeJSON.encode(o)) == o)
    }

    @Test func nullMeansUnset() throws {
        let v = try JSONValue(json: #"{"spec":{"containers":[{"name":"a","ports":null}]},"extra":null}"#)
        let o = try v.decode(Obj.self)
        #expect(o.spec.containers[0].ports == nil)
        #expect(o.extra == nil)
    }
}

@Suite struct StreamEncoderTests {
    func same<T: Codable>(_ value: T) throws {
        let bytes = try KubeJSON.encode(value)
        #expect(try JSONValue(from: bytes) == JSONValue(encoding: value), "\(String(decoding: bytes, as: UTF8.self))")
    }

    @Test func fixturesEncodeLikeTheTreeEncoder() throws {
        try same(try JSONValue(json: Fixtures.pod).decode(Pod.self))
        try same(try JSONValue(json: Fixtures.deployment).decode(Deployment.self))
        try same(try JSONValue(json: Fixtures.service).decode(Service.self))
        try same(try JSONValue(json: Fixtures.node).decode(Node.self))
        try same(try JSONValue(json: Fixtures.event).decode(Event.self))
        try same(Status.invalid(Pod.resourceInfo, name: "x", errors: [.required("spec")]))
        try same(List<Pod>(items: [Pod(), Pod(metadata: ObjectMeta(name: "b"))]))
        try same(Table(columnDefinitions: [.column("Name")], rows: [TableRow(cells: ["a", 1, nil, 2.5, true])]))
        try same(["b": 1, "a": 2] as [String: Int])
        try same([[1, 2], [3]] as [[Int]])
        try same("x\"y")
        try same(Int64.min)
        try same(["k": JSONValue.object(["z": [1, nil]])])
    }

    @Test func fieldOrderIsDeclarationOrderAndMapsAreSorted() throws {
        let pod = Pod(metadata: ObjectMeta(name: "p", labels: ["z": "1", "a": "2", "m": "3"]))
        let text = String(decoding: try KubeJSON.encode(pod), as: UTF8.self)
        #expect(text.hasPrefix(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"2","m":"3","z":"1"}},"spec":{"containers":[]},"status":{}}"#))
    }

    @Test func integersAreExact() throws {
        let values: [Int64] = [0, 7, 10, -1, -10, 1234567890123, Int64.max, Int64.min]
        let text = String(decoding: try KubeJSON.encode(values), as: UTF8.self)
        #expect(text == "[0,7,10,-1,-10,1234567890123,9223372036854775807,-9223372036854775808]")
    }

    struct Custom: Encodable {
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: IndexKey.self)
            var nested = c.nestedContainer(keyedBy: IndexKey.self, forKey: IndexKey(stringValue: "a"))
            try nested.encode(1, forKey: IndexKey(stringValue: "x"))
            var list = c.nestedUnkeyedContainer(forKey: IndexKey(stringValue: "b"))
            try list.encode("q")
            try list.encodeNil()
            try c.encode(true, forKey: IndexKey(stringValue: "c"))
        }
    }

    @Test func nestedContainersCloseInOrder() throws {
        let text = String(decoding: try KubeJSON.encode(Custom()), as: UTF8.self)
        #expect(text == #"{"a":{"x":1},"b":["q",null],"c":true}"#)
        #expect(try JSONValue(encoding: Custom()) == ["a": ["x": 1], "b": ["q", nil], "c": true])
    }
}

@Suite struct UTF8Tests {
    @Test func invalidUTF8BecomesReplacementCharacterAsInGo() throws {
        let v = try JSONValue(from: Data([0x22, 0x61, 0xFF, 0x62, 0x22]))
        #expect(v == .string("a\u{FFFD}b"))
        let escaped = try JSONValue(from: Data(#"{"k\u00e9y":"\ud800x"}"#.utf8))
        #expect(escaped == ["kéy": "\u{FFFD}x"])
    }
}

@Suite struct YAMLAliasTests {
    @Test func anchorsAndAliasesResolve() throws {
        let v = try JSONValue(yaml: "base: &b {cpu: 100m}\nlimits: *b\n")
        #expect(v["limits"] == ["cpu": "100m"])
    }

    @Test func aliasBombIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(throws: SyntaxError.self) { try JSONValue(yaml: yaml) }
    }
}

@Suite struct StringMapDecodingTests {
    struct Holder: Decodable { var labels: [String: String]?; var nested: [String: [String: String]]? }

    @Test func stringMapsDecodeWithGoNullsAndNameABadEntry() throws {
        let h = try KubeJSON.decode(Holder.self, from: Data(#"{"labels":{"a":"1","b":null,"c":""},"nested":{"x":{"k":"v"}}}"#.utf8))
        #expect(h.labels == ["a": "1", "b": "", "c": ""])
        #expect(h.nested == ["x": ["k": "v"]])
        #expect(try KubeJSON.decode(Holder.self, from: Data(#"{"labels":{}}"#.utf8)).labels == [:])
        do {
            _ = try KubeJSON.decode(Holder.self, from: Data(#"{"labels":{"a":"1","n":5}}"#.utf8))
            Issue.record("a number in a string map must fail")
        } catch let e as DecodeError {
            #expect(e.field == "labels.n", "the error names the entry: \(e)")
        }
        do {
            _ = try KubeJSON.decode(Holder.self, from: Data(#"{"labels":["a"]}"#.utf8))
            Issue.record("an array where a map belongs must fail")
        } catch let e as DecodeError {
            #expect(e.field == "labels")
        }
    }
}
