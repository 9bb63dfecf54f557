import Foundation
import Testing
@testable import SkiffAPI

@Suite struct SchemaProbeTests {
    @Test func podSchemaFollowsTheSwiftTypes() throws {
        let reg = SchemaRegistry()
        #expect(reg.schemaType(for: Pod.self) == .object("Pod"))
        let pod = try #require(reg.schema(named: "Pod"))
        #expect(pod.fields.map(\.name) == ["apiVersion", "kind", "metadata", "spec", "status"])
        let spec = try #require(reg.schema(named: "PodSpec"))
        #expect(spec.field("containers")?.type == .array(.object("Container")))
        #expect(spec.field("containers")?.required == true)
        #expect(spec.field("containers")?.patch == PatchMeta(strategy: "merge", mergeKey: "name"))
        #expect(spec.field("nodeSelector")?.type == .map(.string))
        #expect(spec.field("terminationGracePeriodSeconds")?.type == .int64)
        let container = try #require(reg.schema(named: "Container"))
        #expect(container.field("name")?.required == true)
        #expect(container.field("image")?.required == false)
        #expect(container.field("resources")?.type == .object("ResourceRequirements"))
        #expect(reg.schema(named: "ResourceRequirements")?.field("limits")?.type == .map(.quantity))
        #expect(reg.schema(named: "HTTPGetAction")?.field("port")?.type == .intOrString)
        #expect(reg.schema(named: "ObjectMeta")?.field("creationTimestamp")?.type == .time)
        #expect(reg.schema(named: "ObjectMeta")?.field("managedFields")?.type == .array(.any))
        #expect(reg.schema(named: "DaemonEndpoint") == nil)
        _ = reg.schemaType(for: Node.self)
        #expect(reg.schema(named: "DaemonEndpoint")?.field("Port")?.type == .int32)
    }
}

@Suite struct UnknownFieldTests {
    @Test func reportsPathsLikeKubernetes() throws {
        let body = try JSONValue(json: #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"any":"x"},"bogus":1},"spec":{"foo":true,"containers":[{"name":"c","image":"i","imagePullPolcy":"Always","ports":[{"containerPort":80,"hostport":1}]}]},"status":{}}"#)
        #expect(unknownFields(in: body, for: Pod.self) == [
            #"unknown field "metadata.bogus""#,
            #"unknown field "spec.containers[0].imagePullPolcy""#,
            #"unknown field "spec.containers[0].ports[0].hostport""#,
            #"unknown field "spec.foo""#,
        ])
        #expect(unknownFields(in: try JSONValue(json: Fixtures.pod), for: Pod.self) == [])
        #expect(unknownFields(in: try JSONValue(json: Fixtures.deployment), for: Deployment.self) == [])
        #expect(unknownFields(in: try JSONValue(json: Fixtures.node), for: Node.self) == [])
        #expect(unknownFields(in: try JSONValue(json: Fixtures.service), for: Service.self) == [])
        #expect(unknownFields(in: try JSONValue(json: Fixtures.event), for: Event.self) == [])
    }

    @Test func opaqueFieldsAcceptAnything() throws {
        let body = try JSONValue(json: #"{"metadata":{"name":"n","managedFields":[{"whatever":{"deep":1}}]},"status":{"config":{"x":1}}}"#)
        #expect(unknownFields(in: body, for: Node.self) == [])
    }
}

@Suite struct OpenAPITests {
    @Test func coreDocumentHasSchemasAndFieldValidation() throws {
        let doc = try #require(OpenAPIV3.document(groupVersion: "v1"))
        #expect(doc["openapi"] == "3.0.0")
        let schemas = try #require(doc["components"]?["schemas"])
        for name in ["io.k8s.api.core.v1.Pod", "io.k8s.api.core.v1.PodSpec", "io.k8s.api.core.v1.Container", "io.k8s.api.core.v1.Service",
                     "io.k8s.api.core.v1.Namespace", "io.k8s.api.core.v1.PodList", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
                     "io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
                     "io.k8s.apimachinery.pkg.api.resource.Quantity", "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
                     "io.k8s.api.autoscaling.v1.Scale", "io.k8s.api.core.v1.Binding"] {
            #expect(schemas[name] != nil, "\(name)")
        }
        #expect(schemas["io.k8s.api.core.v1.Pod"]?["x-kubernetes-group-version-kind"] == [["group": "", "kind": "Pod", "version": "v1"]])
        let containers = schemas["io.k8s.api.core.v1.PodSpec"]?["properties"]?["containers"]
        #expect(containers?["x-kubernetes-patch-merge-key"] == "name")
        #expect(containers?["x-kubernetes-patch-strategy"] == "merge")
        #expect(containers?["items"] == ["$ref": "#/components/schemas/io.k8s.api.core.v1.Container"])
        #expect(schemas["io.k8s.api.core.v1.Container"]?["required"] == ["name"])
        // Every $ref points at a schema in the document.
        var refs: [String] = []
        func collect(_ v: JSONValue) {
            switch v {
            case .object(let o):
                if let r = o["$ref"]?.stringValue { refs.append(r) }
                o.values.forEach(collect)
            case .array(let a): a.forEach(collect)
            default: break
            }
        }
        collect(doc)
        for r in refs {
            let name = String(r.dropFirst("#/components/schemas/".count))
            #expect(schemas[name] != nil, "dangling \(r)")
        }
    }

    /// kubectl's QueryParamVerifierV3 looks at the PATCH operation whose
    /// x-kubernetes-group-version-kind is the object's, for a `fieldValidation` query parameter.
    @Test func namespacePatchAdvertisesFieldValidation() throws {
        let doc = try #require(OpenAPIV3.document(groupVersion: "v1"))
        let patch = try #require(doc["paths"]?["/api/v1/namespaces/{name}"]?["patch"])
        #expect(patch["x-kubernetes-group-version-kind"] == ["group": "", "kind": "Namespace", "version": "v1"])
        let params = try #require(patch["parameters"]?.arrayValue)
        #expect(params.contains { $0["name"] == "fieldValidation" && $0["in"] == "query" })
        #expect(params.contains { $0["name"] == "dryRun" })
        #expect(params.contains { $0["name"] == "fieldManager" })
        let podPatch = try #require(doc["paths"]?["/api/v1/namespaces/{namespace}/pods/{name}"]?["patch"])
        #expect(podPatch["requestBody"]?["content"]?["application/strategic-merge-patch+json"] != nil)
        #expect(doc["paths"]?["/api/v1/namespaces/{namespace}/pods/{name}/status"]?["put"] != nil)
        #expect(doc["paths"]?["/api/v1/namespaces/{namespace}/pods/{name}/binding"]?["post"] != nil)
        #expect(doc["paths"]?["/api/v1/pods"]?["get"]?["x-kubernetes-action"] == "list")
        #expect(doc["paths"]?["/api/v1/nodes/{name}"]?["get"] != nil)
    }

    @Test func appsDocumentAndIndex() throws {
        let doc = try #require(OpenAPIV3.document(groupVersion: "apps/v1"))
        let patch = try #require(doc["paths"]?["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?["patch"])
        #expect(patch["x-kubernetes-group-version-kind"] == ["group": "apps", "kind": "Deployment", "version": "v1"])
        #expect(doc["components"]?["schemas"]?["io.k8s.api.apps.v1.DeploymentSpec"] != nil)
        #expect(doc["paths"]?["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]?["patch"]?["x-kubernetes-group-version-kind"]?["kind"] == "Scale")
        #expect(OpenAPIV3.document(groupVersion: "nope/v1") == nil)
        let index = OpenAPIV3.index()
        let url = try #require(index["paths"]?["api/v1"]?["serverRelativeURL"]?.stringValue)
        #expect(url.hasPrefix("/openapi/v3/api/v1?hash="))
        #expect(index["paths"]?["apis/apps/v1"] != nil)
        // Same content, same hash.
        #expect(OpenAPIV3.index() == index)
    }
}

@Suite struct OpenAPICacheTests {
    @Test func cacheHoldsEveryGroupVersion() throws {
        let c = OpenAPIV3.cache
        #expect(Set(c.documents.keys) == Set(APIResources.groupVersions))
        #expect(try JSONValue(from: Data(try #require(c.encoded["v1"]))) == c.documents["v1"])
        #expect(c.index == OpenAPIV3.index())
    }
}
