import Foundation
import Testing
@testable import SkiffKubelet

@Test func imageReferencesResolveToLocalTrees() throws {
    #expect(try ImageStore.shortName(of: "busybox") == "busybox")
    #expect(try ImageStore.shortName(of: "busybox:1.36") == "busybox")
    #expect(try ImageStore.shortName(of: "docker.io/library/busybox:latest") == "busybox")
    #expect(try ImageStore.shortName(of: "registry.k8s.io/pause:3.10") == "pause")
    #expect(try ImageStore.shortName(of: "localhost:5000/team/app@sha256:abcd") == "app")
    #expect(throws: ImageError.self) { try ImageStore.shortName(of: "") }
    #expect(throws: ImageError.self) { try ImageStore.shortName(of: "bad/../..") }

    let dir = NSTemporaryDirectory() + Host.uniqueName("skiff-images")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/web/bin", withIntermediateDirectories: true)
    try Data("web 1\n".utf8).write(to: URL(fileURLWithPath: dir + "/web/.skiff-image"))
    try Data("sha256:0123\n".utf8).write(to: URL(fileURLWithPath: dir + "/web/.skiff-digest"))
    let store = ImageStore(directories: [dir])
    let img = try store.resolve("example.com/web:v2")
    #expect(img.rootfs == dir + "/web")
    #expect(img.imageID == "skiff-image://web@sha256:0123")
    #expect(store.list().map(\.name) == ["web"])
    do {
        _ = try store.resolve("nginx:1.27")
        Issue.record("an unknown image must not resolve")
    } catch let e as ImageError {
        #expect(e.description.contains("failed to pull image \"nginx:1.27\""))
    }
}

@Test func builtImagesHaveDigests() throws {
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    let store = ImageStore(directories: [repo + "/rootfs"])
    guard FileManager.default.fileExists(atPath: repo + "/rootfs/busybox/.skiff-digest") else {
        #expect(!Host.privilegedRequired, "rootfs/busybox missing: run hack/mkrootfs.sh")
        return
    }
    let bb = try store.resolve("busybox")
    #expect(bb.digest.hasPrefix("sha256:") && bb.digest.count == 71)
}

@Test func nodeFactsComeFromTheHost() throws {
    let f = NodeFactsReader.read(rootDir: "/")
    let meminfo = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "/proc/meminfo")), as: UTF8.self)
    #expect(f.memoryBytes == NodeFactsReader.meminfo(meminfo)["MemTotal"])
    #expect(f.cpus == ProcessInfo.processInfo.activeProcessorCount)
    #expect(f.bootID.count == 36)
    #expect(!f.kernelVersion.isEmpty && f.ephemeralStorageBytes > 0)
    #expect(NodeFactsReader.goArch("x86_64") == "amd64")
    #expect(NodeFactsReader.osRelease("NAME=x\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n") == "Debian GNU/Linux 12 (bookworm)")
    var tight = f
    tight.memoryAvailableBytes = 50 << 20
    tight.ephemeralStorageAvailableBytes = tight.ephemeralStorageBytes / 20
    #expect(NodePressure.evaluate(tight) == NodePressure(memory: true, disk: true, pid: false))
}
