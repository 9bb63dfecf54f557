import Foundation
import Testing
import SkiffAPI
@testable import SkiffKubelet

private func read(_ p: String) throws -> String { String(decoding: try Data(contentsOf: URL(fileURLWithPath: p)), as: UTF8.self) }

@Test(.enabled(if: Host.isRoot, "needs root for tmpfs mounts"))
func volumesAreLaidOutAndTornDown() throws {
    let podDir = NSTemporaryDirectory() + Host.uniqueName("skiff-pod")
    let hostDir = podDir + "-host"
    let vm = VolumeManager(podDir: podDir)
    defer {
        try? vm.tearDown()
        try? FileManager.default.removeItem(atPath: podDir)
        try? FileManager.default.removeItem(atPath: hostDir)
    }
    var pod = Pod()
    pod.metadata.name = "p"
    pod.metadata.namespace = "default"
    pod.metadata.labels = ["tier": "web"]
    pod.spec.volumes = [
        Volume(name: "scratch", emptyDir: EmptyDirVolumeSource()),
        Volume(name: "ram", emptyDir: EmptyDirVolumeSource(medium: "Memory", sizeLimit: try Quantity("8Mi"))),
        Volume(name: "host", hostPath: HostPathVolumeSource(path: hostDir, type: "DirectoryOrCreate")),
        Volume(name: "cfg", configMap: ConfigMapVolumeSource(name: "settings", items: [KeyToPath(key: "color", path: "ui/color", mode: 0o600)])),
        Volume(name: "creds", secret: SecretVolumeSource(secretName: "creds")),
        Volume(name: "info", downwardAPI: DownwardAPIVolumeSource(items: [DownwardAPIVolumeFile(path: "labels", fieldRef: ObjectFieldSelector(fieldPath: "metadata.labels"))])),
    ]
    var cm = ConfigMap(); cm.data = ["color": "blue", "size": "L"]
    var sec = Secret(); sec.data = ["token": Data("abc".utf8).base64EncodedString()]
    let node = NodeContext(nodeName: "n", hostIPs: [], allocatableMilliCPU: 1000, allocatableMemory: 1 << 30, allocatableEphemeralStorage: 1 << 30)
    let resolver = EnvironmentResolver(pod: pod, node: node, configMaps: ["settings": cm], secrets: ["creds": sec])
    let vols = try vm.setUp(pod: pod, resolver: resolver)
    #expect(vols.count == 6)
    #expect(try read(vols["cfg"]!.hostPath + "/ui/color") == "blue")
    #expect(!FileManager.default.fileExists(atPath: vols["cfg"]!.hostPath + "/size"))
    #expect(try read(vols["creds"]!.hostPath + "/token") == "abc")
    #expect(try read(vols["info"]!.hostPath + "/labels") == "tier=\"web\"")
    #expect(vm.isMountPoint(vols["creds"]!.hostPath) && vm.isMountPoint(vols["ram"]!.hostPath))
    #expect(!vm.isMountPoint(vols["scratch"]!.hostPath))
    let mounts = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "/proc/self/mounts")), as: UTF8.self)
    #expect(mounts.contains("\(vols["ram"]!.hostPath) tmpfs") && mounts.contains("size=8192k"))

    var c = Container(name: "app")
    c.volumeMounts = [VolumeMount(name: "scratch", mountPath: "/data", subPath: "logs"),
                      VolumeMount(name: "cfg", mountPath: "/etc/cfg"),
                      VolumeMount(name: "host", readOnly: true, mountPath: "/host", mountPropagation: "HostToContainer")]
    let ms = try vm.mounts(for: c, volumes: vols)
    #expect(ms[0].source.hasSuffix("/kubernetes.io~empty-dir/scratch/logs") && FileManager.default.fileExists(atPath: ms[0].source))
    #expect(ms[1].readOnly && !ms[0].readOnly)
    #expect(ms[2].readOnly && ms[2].propagation == "rslave")
    c.volumeMounts = [VolumeMount(name: "scratch", mountPath: "/x", subPath: "../../etc")]
    #expect(throws: VolumeError.self) { try vm.mounts(for: c, volumes: vols) }

    try vm.tearDown()
    #expect(!vm.isMountPoint(vols["creds"]!.hostPath) && !vm.isMountPoint(vols["ram"]!.hostPath))
    #expect(!FileManager.default.fileExists(atPath: podDir + "/volumes"))
    #expect(FileManager.default.fileExists(atPath: hostDir))
}

@Test func missingConfigMapIsAMountFailure() throws {
    let podDir = NSTemporaryDirectory() + Host.uniqueName("skiff-pod")
    defer { try? FileManager.default.removeItem(atPath: podDir) }
    var pod = Pod()
    pod.spec.volumes = [Volume(name: "cfg", configMap: ConfigMapVolumeSource(name: "absent"))]
    let r = EnvironmentResolver(pod: pod, node: NodeContext(nodeName: "n", hostIPs: [], allocatableMilliCPU: 0, allocatableMemory: 0, allocatableEphemeralStorage: 0), configMaps: [:], secrets: [:])
    do {
        _ = try VolumeManager(podDir: podDir).setUp(pod: pod, resolver: r)
        Issue.record("expected a mount failure")
    } catch let e as VolumeError {
        #expect(e.description == "MountVolume.SetUp failed for volume \"cfg\" : configmap \"absent\" not found")
    }
}
