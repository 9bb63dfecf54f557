import Foundation
import Testing
@testable import SkiffAPIServer

@Suite struct RequestTargetTests {
    @Test func discoveryPaths() {
        #expect(RequestTarget.parse("/api") == .coreVersions)
        #expect(RequestTarget.parse("/apis") == .groupList)
        #expect(RequestTarget.parse("/api/v1") == .resourceList(group: "", version: "v1"))
        #expect(RequestTarget.parse("/apis/apps/v1") == .resourceList(group: "apps", version: "v1"))
        #expect(RequestTarget.parse("/apis/apps") == .group("apps"))
        #expect(RequestTarget.parse("/version") == .version)
        #expect(RequestTarget.parse("/openapi/v3/apis/apps/v1") == .openAPIv3(groupVersion: "apps/v1"))
        #expect(RequestTarget.parse("/openapi/v3/api/v1") == .openAPIv3(groupVersion: "v1"))
        #expect(RequestTarget.parse("/nope") == .notFound)
    }

    @Test func namespacedObjectAndSubresource() {
        let t = RequestTarget.parse("/api/v1/namespaces/default/pods/web/status")
        #expect(t == .resource(ResourcePath(group: "", version: "v1", namespace: "default", plural: "pods", name: "web",
                                            subresource: "status", watchPath: false)))
    }

    @Test func namespaceItselfAndItsStatus() {
        #expect(RequestTarget.parse("/api/v1/namespaces/kube-system") ==
            .resource(ResourcePath(group: "", version: "v1", namespace: nil, plural: "namespaces", name: "kube-system", subresource: nil, watchPath: false)))
        #expect(RequestTarget.parse("/api/v1/namespaces/x/status") ==
            .resource(ResourcePath(group: "", version: "v1", namespace: nil, plural: "namespaces", name: "x", subresource: "status", watchPath: false)))
        #expect(RequestTarget.parse("/api/v1/namespaces/x/pods") ==
            .resource(ResourcePath(group: "", version: "v1", namespace: "x", plural: "pods", name: nil, subresource: nil, watchPath: false)))
    }

    @Test func watchPathForm() {
        #expect(RequestTarget.parse("/apis/apps/v1/watch/namespaces/a/deployments") ==
            .resource(ResourcePath(group: "apps", version: "v1", namespace: "a", plural: "deployments", name: nil, subresource: nil, watchPath: true)))
    }

    @Test func tooManySegmentsIsNotFound() {
        #expect(RequestTarget.parse("/api/v1/namespaces/a/pods/b/c/d") == .notFound)
    }
}

@Suite struct PureHelperTests {
    @Test func humanDurations() {
        #expect(Tables.humanDuration(45) == "45s")
        #expect(Tables.humanDuration(119) == "119s")
        #expect(Tables.humanDuration(310) == "5m10s")
        #expect(Tables.humanDuration(3600) == "60m")
        #expect(Tables.humanDuration(4 * 3600 + 60) == "4h1m")
        #expect(Tables.humanDuration(30 * 3600) == "30h")
        #expect(Tables.humanDuration(3 * 86400 + 7200) == "3d2h")
        #expect(Tables.humanDuration(400 * 86400) == "400d")
        #expect(Tables.humanDuration(-0.5) == "0s")
    }

    @Test func continueTokenRoundTrip() throws {
        let t = ContinueToken(rv: 42, start: "/registry/core/pods/default/web-1")
        #expect(try ContinueToken.decode(t.encode()) == t)
        #expect(throws: APIError.self) { try ContinueToken.decode("not-a-token!") }
    }

    @Test func ipRangeArithmetic() throws {
        let r = try IPv4Range(cidr: "10.96.0.0/12")
        #expect(IPv4Range.format(r.first) == "10.96.0.1")
        #expect(IPv4Range.format(r.last) == "10.111.255.254")
        #expect(r.contains(IPv4Range.parse("10.100.1.1") ?? 0))
        #expect(!r.contains(IPv4Range.parse("10.112.0.1") ?? 0))
        #expect(throws: RangeError.self) { try IPv4Range(cidr: "10.96.0.0") }
        #expect(throws: RangeError.self) { try PortRange("32767-30000") }
    }

    @Test func queryParsing() {
        let q = APIRequest.parseQuery("labelSelector=app%3Dweb%2Ctier+in+(a)&watch=true&x")
        #expect(q["labelSelector"] == "app=web,tier in (a)")
        #expect(q["watch"] == "true")
        #expect(q["x"] == "")
    }

    @Test func mergePatchFollowsRFC7386() throws {
        let target = try JSONValueHelpers.parse(#"{"a":"b","c":{"d":"e","f":"g"}}"#)
        let patch = try JSONValueHelpers.parse(#"{"a":"z","c":{"f":null}}"#)
        #expect(try Patching.apply(.merge, patch: patch, to: target, info: Scale.info) == (try JSONValueHelpers.parse(#"{"a":"z","c":{"d":"e"}}"#)))
        #expect(throws: APIError.self) { try Patching.apply(.apply, patch: patch, to: target, info: Scale.info) }
    }
}

@Suite struct StoredJSONTests {
    func splice(_ s: String, _ rv: Int64) -> String? {
        StoredJSON.withResourceVersion(Data(s.utf8), rv).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func insertsIntoTopLevelMetadataOnly() throws {
        let src = #"{"apiVersion":"v1","data":{"x":"{\"metadata\":{}}"},"kind":"ConfigMap","metadata":{"name":"a"},"spec":{"template":{"metadata":{}}}}"#
        let out = try #require(splice(src, 42))
        let v = try JSONValueHelpers.parse(out)
        #expect(v.value(at: ["metadata", "resourceVersion"])?.stringValue == "42")
        #expect(v.value(at: ["metadata", "name"])?.stringValue == "a")
        #expect(v.value(at: ["spec", "template", "metadata", "resourceVersion"]) == nil)
        #expect(v.value(at: ["data", "x"])?.stringValue == #"{"metadata":{}}"#)
    }

    @Test func emptyMetadataAndNoMetadata() throws {
        let out = try #require(splice(#"{"metadata":{}}"#, 7))
        #expect(try JSONValueHelpers.parse(out).value(at: ["metadata", "resourceVersion"])?.stringValue == "7")
        #expect(splice(#"{"kind":"X"}"#, 1) == nil)
        #expect(splice("[1,2]", 1) == nil)
        #expect(splice(#"{"metadata":"#, 1) == nil)
    }
}
