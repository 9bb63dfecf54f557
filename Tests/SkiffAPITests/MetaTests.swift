import Foundation
import Testing
@testable import SkiffAPI

@Suite struct TimeTests {
    @Test func formatsAndParsesRFC3339() throws {
        let t = try Time(rfc3339: "2026-11-23T07:00:00Z")
        #expect(t.secondsSinceEpoch == 1_795_417_200)
        #expect(t.rfc3339 == "2026-11-23T07:00:00Z")
        #expect(try Time(rfc3339: "2026-11-23T09:00:00+02:00") == t)
        #expect(try Time(rfc3339: "2026-11-23T07:00:00.999Z") == t)
        #expect(Time(secondsSinceEpoch: 0).rfc3339 == "1970-01-01T00:00:00Z")
        #expect(Time(secondsSinceEpoch: 951_782_400).rfc3339 == "2000-02-29T00:00:00Z")
        #expect(Time(secondsSinceEpoch: -1).rfc3339 == "1969-12-31T23:59:59Z")
    }

    @Test func rejectsMalformedTimes() {
        for bad in ["", "2026-11-23", "2026-13-01T00:00:00Z", "2026-11-23T07:00:00", "2026-11-23T07:00:00Zx", "yesterday"] {
            #expect(throws: FieldError.self) { try Time(rfc3339: bad) }
        }
    }

    @Test func microTimeKeepsMicroseconds() throws {
        let m: MicroTime = try JSONValue(json: #""2026-11-23T07:00:00.123456Z""#).decode()
        #expect(m.microsecondsSinceEpoch == 1_795_417_200_123_456)
        #expect(m.rfc3339 == "2026-11-23T07:00:00.123456Z")
        #expect(MicroTime(microsecondsSinceEpoch: 5).rfc3339 == "1970-01-01T00:00:00.000005Z")
    }

    @Test func badTimeInBodyNamesTheField() throws {
        let v: JSONValue = ["metadata": ["creationTimestamp": "noon"]]
        struct O: Codable { var metadata: ObjectMeta }
        do {
            _ = try v.decode(O.self)
            Issue.record("expected an error")
        } catch let e as DecodeError {
            #expect(e.field == "metadata.creationTimestamp")
            #expect(e.detail.contains("RFC 3339"))
        }
    }
}

@Suite struct QuantityTests {
    @Test(arguments: [
        ("100m", "100m", Int64(100), Int64(1)),
        ("0.5", "500m", 500, 1),
        ("1", "1", 1000, 1),
        ("1000", "1k", 1_000_000, 1000),
        ("1500", "1500", 1_500_000, 1500),
        ("1.5k", "1500", 1_500_000, 1500),
        ("128Mi", "128Mi", 134_217_728_000, 134_217_728),
        ("1024Mi", "1Gi", 1_073_741_824_000, 1_073_741_824),
        ("1.5Gi", "1536Mi", 1_610_612_736_000, 1_610_612_736),
        ("0.5Ki", "512", 512_000, 512),
        ("1e3", "1e3", 1_000_000, 1000),
        ("1E6", "1e6", 1_000_000_000, 1_000_000),
        ("1e-3", "1e-3", 1, 1),
        ("2n", "2n", 1, 1),
        ("5u", "5u", 1, 1),
        ("1.", "1", 1000, 1),
        (".5", "500m", 500, 1),
        ("+2", "2", 2000, 2),
        ("-1", "-1", -1000, -1),
        ("0", "0", 0, 0),
        ("0Mi", "0", 0, 0),
        ("12M", "12M", 12_000_000_000, 12_000_000),
        ("1.1m", "1100u", 2, 1),
        ("0.0000000001", "1n", 1, 1),
    ])
    func parses(text: String, canonical: String, milli: Int64, value: Int64) throws {
        let q = try Quantity(text)
        #expect(q.canonical == canonical)
        #expect(q.milliValue == milli)
        #expect(q.value == value)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1Mb", "1 Mi", "m", "1e", "1e+", "--1", "1ki", "1K", "Mi", "1e1000000"])
    func rejects(text: String) {
        do {
            _ = try Quantity(text, field: "spec.containers[0].resources.limits[memory]")
            Issue.record("\(text) should not parse")
        } catch let e as FieldError {
            #expect(e.message == "spec.containers[0].resources.limits[memory]: Invalid value: \(FieldError.quote(text)): quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func decodesStringsAndNumbers() throws {
        let v: JSONValue = ["a": "250m", "b": 2, "c": 0.25]
        let d = try v.decode([String: Quantity].self)
        #expect(d["a"]?.milliValue == 250)
        #expect(d["b"]?.canonical == "2")
        #expect(d["c"]?.canonical == "250m")
        #expect(try JSONValue(encoding: d) == ["a": "250m", "b": "2", "c": "250m"])
        #expect(throws: DecodeError(field: "x", detail: Quantity.formatError)) {
            try (["x": "lots"] as JSONValue).decode([String: Quantity].self)
        }
    }

    @Test func equalityAndOrder() throws {
        #expect(try Quantity("1Gi") == Quantity("1024Mi"))
        #expect(try Quantity("100m") < Quantity("1"))
        #expect(try (Quantity("1") + Quantity("500m")).milliValue == 1500)
    }
}

@Suite struct IntOrStringTests {
    @Test func codesBothForms() throws {
        let v: JSONValue = [80, "http", "25%"]
        let a = try v.decode([IntOrString].self)
        #expect(a == [.int(80), .string("http"), .string("25%")])
        #expect(try JSONValue(encoding: a) == v)
        #expect(IntOrString.string("25%").scaledValue(total: 10, roundUp: true) == 3)
        #expect(IntOrString.string("25%").scaledValue(total: 10, roundUp: false) == 2)
        #expect(IntOrString.int(4).scaledValue(total: 10, roundUp: false) == 4)
        #expect(IntOrString.string("x").scaledValue(total: 10, roundUp: false) == nil)
        #expect(throws: DecodeError.self) { try ([true] as JSONValue).decode([IntOrString].self) }
    }
}

@Suite struct StatusTests {
    @Test func invalidStatusLooksLikeKubernetes() throws {
        let errs = [FieldError.required("spec.containers[0].name"), .invalid("metadata.name", "Foo", "bad")]
        let s = Status.invalid(Namespace.resourceInfo, name: "Foo", errors: errs)
        #expect(s.code == 422)
        #expect(s.reason == "Invalid")
        #expect(s.message == #"Namespace "Foo" is invalid: [spec.containers[0].name: Required value, metadata.name: Invalid value: "Foo": bad]"#)
        #expect(s.details?.causes?[1] == StatusCause(reason: "FieldValueInvalid", message: #"Invalid value: "Foo": bad"#, field: "metadata.name"))
        let json = try JSONValue(encoding: s)
        #expect(json["kind"] == "Status")
        #expect(json["apiVersion"] == "v1")
        #expect(json["status"] == "Failure")
        #expect(json["metadata"] == [:])
    }

    @Test func notFoundAndConflictMessages() {
        let info = ResourceInfo(group: "apps", kind: "Deployment", plural: "deployments", namespaced: true)
        #expect(Status.notFound(info, name: "web").message == #"deployments.apps "web" not found"#)
        #expect(Status.notFound(Namespace.resourceInfo, name: "x").details?.group == nil)
        #expect(Status.conflict(info, name: "web").message == #"Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again"#)
        #expect(Status.alreadyExists(Namespace.resourceInfo, name: "x").code == 409)
    }

    @Test func fieldErrorMessages() {
        #expect(FieldError.notSupported("spec.restartPolicy", "Sometimes", ["Always", "OnFailure", "Never"]).message
            == #"spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never""#)
        #expect(FieldError.duplicate("spec.containers[1].name", "a").message == #"spec.containers[1].name: Duplicate value: "a""#)
        #expect(FieldError.forbidden("spec", "nope").message == "spec: Forbidden: nope")
        #expect(FieldError.invalid("spec.x", int: 70000, "must be between 1 and 65535, inclusive").message == "spec.x: Invalid value: 70000: must be between 1 and 65535, inclusive")
        #expect(FieldError.quote("a\"b\n") == #""a\"b\n""#)
    }
}

@Test func durationInSeconds() {
    #expect(Duration.milliseconds(1500).inSeconds == 1.5)
    #expect(Duration.nanoseconds(250).inSeconds == 250e-9)
    #expect(Duration.seconds(-2).inSeconds == -2)
}
