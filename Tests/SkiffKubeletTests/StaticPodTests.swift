import Foundation
import Testing
import SkiffAPI
@testable import SkiffKubelet

@Test func manifestsBecomeNodeBoundStaticPods() throws {
    let dir = NSTemporaryDirectory() + Host.uniqueName("skiff-manifests")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let yaml = """
    apiVersion: v1
    kind: Pod
    metadata: {name: web, namespace: kube-system}
    spec:
      containers: [{name: c, image: busybox, command: [sleep, "60"]}]
    """
    try Data(yaml.utf8).write(to: URL(fileURLWithPath: dir + "/web.yaml"))
    try Data(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"Bad_Name"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}"#.utf8)
        .write(to: URL(fileURLWithPath: dir + "/bad.json"))
    try Data("not: [a pod".utf8).write(to: URL(fileURLWithPath: dir + "/broken.yml"))
    try Data("ignored".utf8).write(to: URL(fileURLWithPath: dir + "/README.txt"))

    let r = StaticPodSource.load(dir: dir, nodeName: "node-a")
    #expect(r.pods.count == 1)
    #expect(r.errors.count == 2)
    #expect(r.errors.contains { $0.contains("bad.json") && $0.contains("metadata.name") })
    #expect(r.errors.contains { $0.contains("broken.yml") })
    let p = try #require(r.pods.first)
    #expect(p.metadata.name == "web-node-a" && p.metadata.namespace == "kube-system" && p.spec.nodeName == "node-a")
    #expect(p.spec.restartPolicy == "Always")
    #expect(StaticPodSource.isStatic(p) && !StaticPodSource.isMirror(p))
    let uid = try #require(p.metadata.uid)
    #expect(uid.count == 36)
    // Same content, same node: same pod. Edited content or another node: another pod.
    #expect(StaticPodSource.load(dir: dir, nodeName: "node-a").pods.first?.metadata.uid == uid)
    #expect(StaticPodSource.load(dir: dir, nodeName: "node-b").pods.first?.metadata.uid != uid)
    try Data((yaml + "\n# edited\n").utf8).write(to: URL(fileURLWithPath: dir + "/web.yaml"))
    #expect(StaticPodSource.load(dir: dir, nodeName: "node-a").pods.first?.metadata.uid != uid)

    let m = StaticPodSource.mirror(of: p, nodeUID: "node-uid")
    #expect(StaticPodSource.isMirror(m) && m.metadata.uid == nil)
    #expect(m.metadata.annotations?[StaticPodSource.mirrorAnnotation] == p.metadata.annotations?[StaticPodSource.hashAnnotation])
    #expect(m.metadata.ownerReferences?.first?.kind == "Node")
}

@Test func urlManifestsMayHoldSeveralPods() throws {
    let text = """
    apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec: {containers: [{name: c, image: busybox}]}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec: {containers: [{name: c, image: busybox}]}
    """
    let pods = try StaticPodSource.pods(fromURLManifest: Data(text.utf8), nodeName: "n1")
    #expect(pods.map(\.metadata.name) == ["a-n1", "b-n1"])
    #expect(pods.allSatisfy { $0.metadata.annotations?[StaticPodSource.sourceAnnotation] == "http" && StaticPodSource.isStatic($0) })
    #expect(Set(pods.compactMap(\.metadata.uid)).count == 2)
    let bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {containers: [{name: c, image: busybox}]}\n---\nkind: Pod\nspec: {}\n"
    #expect(throws: StaticPodSource.ManifestError.self) { try StaticPodSource.pods(fromURLManifest: Data(bad.utf8), nodeName: "n1") }
}
