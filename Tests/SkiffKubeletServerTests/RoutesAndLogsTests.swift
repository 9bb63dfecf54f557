import Foundation
import Testing
@testable import SkiffKubelet
@testable import SkiffKubeletServer

struct RoutesAndLogsTests {
    @Test func routes() {
        #expect(NodeRoute.parse("/healthz") == .healthz)
        #expect(NodeRoute.parse("/stats/summary/") == .summary)
        #expect(NodeRoute.parse("/spec/") == .machine)
        #expect(NodeRoute.parse("/api/v1.3/machine") == .machine)
        #expect(NodeRoute.parse("/metrics/cadvisor") == .cadvisor)
        #expect(NodeRoute.parse("/containerLogs/default/web/main") == .containerLogs(namespace: "default", pod: "web", container: "main"))
        #expect(NodeRoute.parse("/containerLogs/default/web") == .notFound)
        #expect(NodeRoute.parse("/nope") == .notFound)
        #expect(!NodeRoute.containerLogs(namespace: "a", pod: "b", container: "c").readOnly)
        #expect(NodeRoute.summary.readOnly)
    }

    @Test func queryDecoding() {
        let q = NodeRoute.query("follow=true&sinceTime=2024-01-02T03%3A04%3A05Z&x&a=1&a=2")
        #expect(q["follow"] == ["true"])
        #expect(q["sinceTime"] == ["2024-01-02T03:04:05Z"])
        #expect(q["x"] == [""])
        #expect(q["a"] == ["1", "2"])
    }

    @Test func logRequestOptions() throws {
        let r = try LogRequest.parse(NodeRoute.query("follow=true&tailLines=3&limitBytes=100&timestamps=true&previous=false&sinceSeconds=10"), now: 1000)
        #expect(r.follow)
        #expect(!r.previous)
        #expect(r.options.tailLines == 3)
        #expect(r.options.limitBytes == 100)
        #expect(r.options.timestamps)
        #expect(r.options.since == 990)
        let t = try LogRequest.parse(NodeRoute.query("sinceTime=1970-01-01T00%3A01%3A00Z"), now: 0)
        #expect(t.options.since == 60)
        #expect(throws: LogRequest.Invalid.self) { try LogRequest.parse(["tailLines": ["-2"]], now: 0) }
        #expect(throws: LogRequest.Invalid.self) { try LogRequest.parse(["follow": ["maybe"]], now: 0) }
        #expect(throws: LogRequest.Invalid.self) { try LogRequest.parse(["sinceTime": ["yesterday"]], now: 0) }
        do {
            _ = try LogRequest.parse(["limitBytes": ["0"]], now: 0)
            Issue.record("limitBytes 0 accepted")
        } catch let e as LogRequest.Invalid {
            #expect(e.field == "limitBytes")
        }
    }

    @Test func rotatedFilesOrderAndPrune() {
        let names = ["0.log", "0.log.20261204T170001.000000001Z", "0.log.20261204T170000.000000002Z", "1.log", "0.log.20261204T165959.999999999Z"]
        let rotated = ContainerLogFiles.order(current: "/x/0.log", siblings: names)
        #expect(rotated == ["0.log.20261204T165959.999999999Z", "0.log.20261204T170000.000000002Z", "0.log.20261204T170001.000000001Z"])
        #expect(ContainerLogFiles.excess(rotated: rotated, maxFiles: 3) == ["0.log.20261204T165959.999999999Z"])
        #expect(ContainerLogFiles.excess(rotated: rotated, maxFiles: 5) == [])
    }

    @Test func followedLinesRender() {
        var atStart = true
        let out = CRILogRenderer.renderFollowed(["2024-01-01T00:00:00.5Z stdout P par", "2024-01-01T00:00:01Z stdout F tial", "garbage",
                                                 "2024-01-01T00:00:02Z stderr F next"],
                                                options: LogOptions(timestamps: true), atLineStart: &atStart)
        #expect(out == "2024-01-01T00:00:00.5Z partial\n2024-01-01T00:00:02Z next\n")
        #expect(atStart)
    }

    /// A follower sees every line exactly once while the file is renamed away and replaced.
    @Test func followerSurvivesRotation() throws {
        let dir = NSTemporaryDirectory() + "skiff-follow-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/0.log"
        func line(_ i: Int) -> String { "2024-01-01T00:00:00Z stdout F line\(i)\n" }
        func append(_ p: String, _ s: String) throws {
            let h = FileHandle(forWritingAtPath: p) ?? { FileManager.default.createFile(atPath: p, contents: nil); return FileHandle(forWritingAtPath: p)! }()
            h.seekToEndOfFile(); h.write(Data(s.utf8)); h.closeFile()
        }
        try append(path, line(1))
        let f = LogFollower(path: path, fromEnd: false)
        var seen = f.poll().map(String.init)
        try append(path, line(2) + "2024-01-01T00:00:00Z stdout F li")
        seen += f.poll().map(String.init)
        try append(path, "ne3\n")
        // Rotate: rename away, then the writer continues in a fresh file.
        try FileManager.default.moveItem(atPath: path, toPath: path + ".20240101T000000.000000000Z")
        try append(path + ".20240101T000000.000000000Z", line(4))
        try append(path, line(5))
        seen += f.poll().map(String.init)
        try append(path, line(6))
        seen += f.poll().map(String.init)
        #expect(seen.map { $0.split(separator: " ").last.map(String.init) ?? "" } == ["line1", "line2", "line3", "line4", "line5", "line6"])
        #expect(ContainerLogFiles.files(path).count == 2)
        #expect(ContainerLogFiles.readAll(path).components(separatedBy: "\n").filter { !$0.isEmpty }.count == 6)
    }

    @Test func byteSizes() throws {
        // The flag parser lives in the executable; the kubelet's default matches Kubernetes'.
        #expect(KubeletConfig(nodeName: "n").containerLogMaxSize == 10 * 1024 * 1024)
        #expect(KubeletConfig(nodeName: "n").containerLogMaxFiles == 5)
        #expect(KubeletConfig(nodeName: "n").port == 10250)
        #expect(KubeletConfig(nodeName: "n").readOnlyPort == 10255)
    }
}
