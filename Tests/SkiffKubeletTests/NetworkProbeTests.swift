import Foundation
import Testing
@testable import SkiffKubelet

@Test func statusLineParsing() {
    #expect(NetworkProbes.statusCode(Array("HTTP/1.1 204 No Content\r\n".utf8)) == 204)
    #expect(NetworkProbes.statusCode(Array("HTTP/1.0 500 x\n".utf8)) == 500)
    #expect(NetworkProbes.statusCode(Array("SSH-2.0-x\r\n".utf8)) == nil)
}

/// A web server inside a private namespace answers the probes through 127.0.0.1 of that
/// namespace; the same port in the test's own namespace is not involved.
@Test(.enabled(if: Host.isRoot, "needs root for network namespaces"))
func probesRunInsideThePodNamespace() async throws {
    let ns = Host.uniqueName("skt-probe")
    let www = NSTemporaryDirectory() + ns
    try FileManager.default.createDirectory(atPath: www + "/ok", withIntermediateDirectories: true)
    try Data("fine".utf8).write(to: URL(fileURLWithPath: www + "/ok/index.html"))
    try Host.run(["/usr/sbin/ip", "netns", "add", ns])
    let server = Process()
    defer {
        if server.isRunning { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        _ = try? Host.run(["/usr/sbin/ip", "netns", "del", ns], allowFailure: true)
        try? FileManager.default.removeItem(atPath: www)
    }
    try Host.run(["/usr/sbin/ip", "-n", ns, "link", "set", "lo", "up"])
    server.executableURL = URL(fileURLWithPath: "/usr/bin/nsenter")
    server.arguments = ["--net=/run/netns/\(ns)", "--", "/bin/busybox", "httpd", "-f", "-p", "127.0.0.1:18081", "-h", www]
    try server.run()
    let path = "/run/netns/\(ns)"
    var up = false
    for _ in 0..<50 {
        if case .success = await NetworkProbes.tcp(netnsPath: path, host: "127.0.0.1", port: 18081, timeout: 1) { up = true; break }
        try await Task.sleep(nanoseconds: 20_000_000)
    }
    #expect(up)
    #expect(await NetworkProbes.http(netnsPath: path, host: "127.0.0.1", port: 18081, path: "/ok/", timeout: 2) == .success)
    let missing = await NetworkProbes.http(netnsPath: path, host: "127.0.0.1", port: 18081, path: "/nope", timeout: 2)
    #expect(missing == .failure("HTTP probe failed with statuscode: 404"))
    if case .failure(let m) = await NetworkProbes.tcp(netnsPath: path, host: "127.0.0.1", port: 18082, timeout: 1) {
        #expect(m.contains("refused"))
    } else {
        Issue.record("a closed port must fail the probe")
    }
}
