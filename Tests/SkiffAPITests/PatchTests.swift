import Foundation
import Testing
@testable import SkiffAPI

func j(_ s: String) -> JSONValue {
    do { return try JSONValue(json: s) } catch { Issue.record("bad JSON in test: \(s)"); return .null }
}

@Suite struct MergePatchTests {
    /// RFC 7386 appendix A.
    @Test(arguments: [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, "null", "null"),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func rfcExamples(target: String, patch: String, result: String) {
        #expect(j(target).applyingMergePatch(j(patch)) == j(result))
    }

    @Test func diffRoundTrips() {
        let a = j(#"{"a":1,"b":{"c":2,"d":3},"e":[1]}"#)
        let b = j(#"{"a":1,"b":{"c":5},"e":[2],"f":true}"#)
        let p = a.mergePatch(to: b)
        #expect(p == j(#"{"b":{"c":5,"d":null},"e":[2],"f":true}"#))
        #expect(a.applyingMergePatch(p) == b)
    }
}

@Suite struct JSONPatchTests {
    /// RFC 6902 appendix A examples.
    @Test(arguments: [
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"baz":"qux","foo":"bar"}"#),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","qux","baz"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        (#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"boo","foo":"bar"}"#),
        (#"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#, #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#, #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        (#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, #"{"foo":["all","cows","eat","grass"]}"#),
        (#"{"baz":"qux","foo":["a",2,"c"]}"#, #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#, #"{"baz":"qux","foo":["a",2,"c"]}"#),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#, #"{"foo":"bar","child":{"grandchild":{}}}"#),
        (#"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar",["abc","def"]]}"#),
        (#"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":10}]"#, #"{"/":9,"~1":10}"#),
        (#"{"foo":{"bar":1}}"#, #"[{"op":"copy","from":"/foo/bar","path":"/baz"}]"#, #"{"foo":{"bar":1},"baz":1}"#),
        (#"{"a":1}"#, #"[{"op":"test","path":"/a","value":1.0}]"#, #"{"a":1}"#),
        (#"{"metadata":{"labels":{"a.b/c":"x"}}}"#, #"[{"op":"replace","path":"/metadata/labels/a.b~1c","value":"y"}]"#, #"{"metadata":{"labels":{"a.b/c":"y"}}}"#),
    ])
    func rfcExamples(doc: String, patch: String, result: String) throws {
        #expect(try j(doc).applyingJSONPatch(j(patch)) == j(result))
    }

    @Test(arguments: [
        (#"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#, "\"test\" operation failed"),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, "\"add\" operation: path \"/baz/bat\" does not exist"),
        (#"{"foo":"bar"}"#, #"[{"op":"remove","path":"/nope"}]"#, "\"remove\" operation: path \"/nope\" does not exist"),
        (#"{"foo":[1]}"#, #"[{"op":"add","path":"/foo/5","value":2}]"#, "\"add\" operation: index \"5\" out of range"),
        (#"{"foo":[1]}"#, #"[{"op":"replace","path":"/foo/01","value":2}]"#, "\"replace\" operation: path \"/foo/01\" does not exist"),
        (#"{}"#, #"[{"op":"jump","path":"/a"}]"#, "unknown JSON patch operation \"jump\""),
        (#"{}"#, #"{"op":"add"}"#, "must be an array"),
        (#"{}"#, #"[{"op":"add","path":"a","value":1}]"#, "must start with '/'"),
        (#"{"a":{"b":1}}"#, #"[{"op":"move","from":"/a","path":"/a/b/c"}]"#, "is a prefix of path"),
    ])
    func errorsNameOpAndPath(doc: String, patch: String, fragment: String) {
        do {
            _ = try j(doc).applyingJSONPatch(j(patch))
            Issue.record("expected failure")
        } catch let e as PatchError {
            #expect(e.message.contains(fragment), "\(e.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func failedPatchLeavesOriginalUntouched() throws {
        let doc = j(#"{"a":1}"#)
        #expect(throws: PatchError.self) { try doc.applyingJSONPatch(j(#"[{"op":"add","path":"/b","value":2},{"op":"remove","path":"/zzz"}]"#)) }
        #expect(doc == j(#"{"a":1}"#))
    }
}

@Suite struct StrategicMergePatchTests {
    let pod = j(#"""
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"1","b":"2"},"finalizers":["x"]},
     "spec":{"containers":[
        {"name":"web","image":"nginx:1","ports":[{"containerPort":80,"protocol":"TCP"}],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
         "volumeMounts":[{"name":"v","mountPath":"/v"}]},
        {"name":"side","image":"busybox"}],
       "volumes":[{"name":"v","emptyDir":{}}],
       "tolerations":[{"key":"k","operator":"Exists"}]},
     "status":{"conditions":[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}]}}
    """#)

    func apply(_ patch: String) throws -> JSONValue {
        try StrategicMergePatch.apply(j(patch), to: pod, type: Pod.self)
    }

    @Test func containersMergeByName() throws {
        let r = try apply(#"{"spec":{"containers":[{"name":"side","image":"busybox:2"},{"name":"new","image":"x"}]}}"#)
        let cs = try #require(r["spec"]?["containers"]?.arrayValue)
        #expect(cs.map { $0["name"] } == ["web", "side", "new"])
        #expect(cs[0]["image"] == "nginx:1")
        #expect(cs[1]["image"] == "busybox:2")
    }

    @Test func envMergesByNameInsideContainer() throws {
        let r = try apply(#"{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"20"},{"name":"C","value":"3"},{"name":"A","$patch":"delete"}]}]}}"#)
        #expect(r["spec"]?["containers"]?[0]?["env"] == j(#"[{"name":"B","value":"20"},{"name":"C","value":"3"}]"#))
        #expect(r["spec"]?["containers"]?[0]?["ports"]?.arrayValue?.count == 1)
    }

    @Test func portsMergeByContainerPort() throws {
        let r = try apply(#"{"spec":{"containers":[{"name":"web","ports":[{"containerPort":443,"name":"https"},{"containerPort":80,"name":"http"}]}]}}"#)
        #expect(r["spec"]?["containers"]?[0]?["ports"] == j(#"[{"containerPort":80,"protocol":"TCP","name":"http"},{"containerPort":443,"name":"https"}]"#))
    }

    @Test func deleteDirectiveRemovesListElement() throws {
        let r = try apply(#"{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}"#)
        #expect(r["spec"]?["containers"]?.arrayValue?.map { $0["name"] } == ["web"])
    }

    @Test func replaceDirectiveOnListAndMap() throws {
        let r = try apply(#"{"spec":{"containers":[{"name":"only","image":"i"},{"$patch":"replace"}]}}"#)
        #expect(r["spec"]?["containers"] == j(#"[{"name":"only","image":"i"}]"#))
        let m = try apply(#"{"metadata":{"labels":{"$patch":"replace","c":"3"}}}"#)
        #expect(m["metadata"]?["labels"] == ["c": "3"])
        let d = try apply(#"{"spec":{"containers":[{"name":"web","volumeMounts":null}]},"metadata":{"labels":{"$patch":"delete"}}}"#)
        #expect(d["metadata"]?["labels"] == nil)
        #expect(d["spec"]?["containers"]?[0]?["volumeMounts"] == nil)
    }

    @Test func atomicListsAreReplaced() throws {
        let r = try apply(#"{"spec":{"tolerations":[{"key":"other","operator":"Exists"}]}}"#)
        #expect(r["spec"]?["tolerations"] == j(#"[{"key":"other","operator":"Exists"}]"#))
    }

    @Test func mapsMergeAndNullDeletes() throws {
        let r = try apply(#"{"metadata":{"labels":{"a":null,"c":"3"}}}"#)
        #expect(r["metadata"]?["labels"] == ["b": "2", "c": "3"])
    }

    @Test func primitiveListsMergeAndDelete() throws {
        let r = try apply(#"{"metadata":{"finalizers":["y","x"]}}"#)
        #expect(r["metadata"]?["finalizers"] == ["x", "y"])
        let d = try apply(#"{"metadata":{"$deleteFromPrimitiveList/finalizers":["x"]}}"#)
        #expect(d["metadata"]?["finalizers"] == [])
    }

    @Test func statusConditionsMergeByType() throws {
        let r = try apply(#"{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"#)
        #expect(r["status"]?["conditions"] == j(#"[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]"#))
    }

    @Test func setElementOrderIsHonoured() throws {
        let r = try apply(#"{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"web"}],"containers":[{"name":"web","image":"nginx:2"}]}}"#)
        #expect(r["spec"]?["containers"]?.arrayValue?.map { $0["name"] } == ["side", "web"])
        #expect(r["spec"]?["containers"]?[1]?["image"] == "nginx:2")
    }

    @Test func retainKeysOnDeploymentStrategy() throws {
        let d = j(#"{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}"#)
        let r = try StrategicMergePatch.apply(j(#"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#), to: d, type: Deployment.self)
        #expect(r["spec"]?["strategy"] == ["type": "Recreate"])
    }

    @Test func missingMergeKeyIsAnError() {
        #expect(throws: PatchError.self) { try apply(#"{"spec":{"containers":[{"image":"x"}]}}"#) }
        #expect(throws: PatchError.self) { try apply(#"["not an object"]"#) }
        #expect(throws: PatchError.self) { try apply(#"{"metadata":{"$patch":"explode"}}"#) }
    }

    @Test func kubectlLabelStylePatchOnService() throws {
        let svc = try JSONValue(encoding: try JSONValue(json: Fixtures.service).decode(Service.self))
        let r = try StrategicMergePatch.apply(j(#"{"metadata":{"labels":{"tier":"front"}},"spec":{"ports":[{"port":80,"targetPort":8080}]}}"#), to: svc, type: Service.self)
        #expect(r["metadata"]?["labels"] == ["tier": "front"])
        #expect(r["spec"]?["ports"]?[0]?["targetPort"] == 8080)
        #expect(r["spec"]?["ports"]?[0]?["nodePort"] == 30080)
        #expect(try r.decode(Service.self).spec.selector == ["app": "web"])
    }
}

@Suite struct KubectlApplyPatchTests {
    /// The shape of what `kubectl apply` sends on a second apply of a changed Deployment.
    @Test func secondApplyOfADeployment() throws {
        var d = try JSONValue(json: Fixtures.deployment).decode(Deployment.self)
        d.spec.template.spec.volumes = [Volume(name: "v", emptyDir: EmptyDirVolumeSource())]
        d.spec.template.spec.containers[0].ports = [ContainerPort(containerPort: 80, protocol: "TCP"), ContainerPort(containerPort: 81, protocol: "TCP")]
        DeploymentResourceStrategy.setDefaults(&d)
        let stored = try JSONValue(encoding: d)
        let patch = j(#"""
        {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"},"labels":{"app":null,"team":"a"}},
         "spec":{"replicas":5,"template":{"spec":{
           "$setElementOrder/containers":[{"name":"nginx"}],
           "containers":[{"name":"nginx","image":"nginx:1.28",
             "$setElementOrder/ports":[{"containerPort":80}],
             "ports":[{"$patch":"delete","containerPort":81}]}],
           "volumes":[{"$retainKeys":["hostPath","name"],"hostPath":{"path":"/srv"},"name":"v"}]}}}}
        """#)
        let merged = try StrategicMergePatch.apply(patch, to: stored, type: Deployment.self)
        var out = try merged.decode(Deployment.self)
        DeploymentResourceStrategy.setDefaults(&out)
        #expect(out.spec.replicas == 5)
        #expect(out.metadata.labels == ["team": "a"])
        #expect(out.metadata.annotations?["kubectl.kubernetes.io/last-applied-configuration"] == "{}\n")
        #expect(out.spec.template.spec.containers[0].image == "nginx:1.28")
        #expect(out.spec.template.spec.containers[0].ports?.map(\.containerPort) == [80])
        #expect(out.spec.template.spec.volumes?[0].emptyDir == nil)
        #expect(out.spec.template.spec.volumes?[0].hostPath?.path == "/srv")
        #expect(out.spec.selector == d.spec.selector)
        #expect(DeploymentResourceStrategy.validateUpdate(out, old: d).isEmpty)
        #expect(unknownFields(in: merged, for: Deployment.self).isEmpty)
    }
}
