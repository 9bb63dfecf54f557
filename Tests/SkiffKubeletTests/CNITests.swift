import Foundation
import Testing
import SkiffSubprocess
@testable import SkiffKubelet

@Test func defaultConflistRoundTrips() throws {
    let def = CNIConfigList.defaultBridge(podCIDR: "10.244.3.0/24")
    let back = try CNIConfigList(data: try def.serialized())
    #expect(back.name == "skiff")
    #expect(back.plugins.map { $0["type"] as? String } == ["bridge", "portmap"])
    let ipam = back.plugins[0]["ipam"] as? [String: Any]
    let ranges = ipam?["ranges"] as? [[[String: Any]]]
    #expect(ranges?.first?.first?["subnet"] as? String == "10.244.3.0/24")
}

@Test func badConflistsNameTheField() {
    #expect(throws: CNIError.self) { try CNIConfigList(data: Data("[]".utf8)) }
    do {
        _ = try CNIConfigList(data: Data(#"{"name":"n","plugins":[{"bridge":"x"}]}"#.utf8), source: "f.conflist")
        Issue.record("expected an error")
    } catch {
        #expect("\(error)".contains("plugins[0].type"))
    }
}

@Test func confDirGetsDefaultOnlyWhenEmpty() throws {
    let dir = NSTemporaryDirectory() + Host.uniqueName("skiff-cni-conf")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let first = try CNIConfigList.loadOrWriteDefault(dir: dir, podCIDR: "10.244.9.0/24")
    #expect(first.source == dir + "/10-skiff.conflist")
    let custom = #"{"cniVersion":"1.0.0","name":"mine","plugins":[{"type":"bridge"}]}"#
    try Data(custom.utf8).write(to: URL(fileURLWithPath: dir + "/05-mine.conflist"))
    #expect(try CNIConfigList.loadOrWriteDefault(dir: dir, podCIDR: "10.244.9.0/24").name == "mine")
}

@Test func resultListsIPv4First() throws {
    let raw = #"{"cniVersion":"1.0.0","ips":[{"address":"fd00::5/64"},{"address":"10.244.0.5/24","gateway":"10.244.0.1"}]}"#
    let r = try CNIResult(raw: Data(raw.utf8))
    #expect(r.podIPs == ["10.244.0.5", "fd00::5"])
    #expect(r.gateways == ["10.244.0.1"])
}

/// Real plugins from containernetworking-plugins: a simulated host namespace (no route out) and a
/// pod namespace; ADD gives the pod an address on a bridge in the host namespace, reachable
/// from there; a hostPort is mapped; DEL removes the veth and is idempotent.
@Test(.enabled(if: Host.isRoot, "needs root for network namespaces"))
func realBridgeAddAndDelInsideAPrivateHost() async throws {
    let hostNS = Host.uniqueName("skt-host"), podNS = Host.uniqueName("skt-pod")
    let network = Host.uniqueName("skiff-test")
    let cache = NSTemporaryDirectory() + network
    defer {
        _ = try? Host.run(["/usr/sbin/ip", "netns", "del", podNS], allowFailure: true)
        _ = try? Host.run(["/usr/sbin/ip", "netns", "del", hostNS], allowFailure: true)
        try? FileManager.default.removeItem(atPath: "/var/lib/cni/networks/" + network)
        try? FileManager.default.removeItem(atPath: cache)
    }
    try Host.run(["/usr/sbin/ip", "netns", "add", hostNS])
    try Host.run(["/usr/sbin/ip", "netns", "add", podNS])
    try Host.run(["/usr/sbin/ip", "-n", hostNS, "link", "set", "lo", "up"])

    let def = CNIConfigList.defaultBridge(podCIDR: "10.250.7.0/24", bridge: "cnitest0", name: network)
    let net = CNINetwork(config: def, cacheDir: cache,
                         runner: ProcessPluginRunner(prefix: ["/usr/bin/nsenter", "--net=/run/netns/\(hostNS)", "--"]))
    let a = CNIAttachment(containerID: "c0ffee", netnsPath: "/run/netns/\(podNS)", podNamespace: "default", podName: "web",
                          portMappings: [CNIPortMapping(hostPort: 18080, containerPort: 80)])
    let result = try await net.add(a)
    let ip = try #require(result.podIPs.first)
    #expect(ip.hasPrefix("10.250.7."))

    let podAddrs = try Host.run(["/usr/sbin/ip", "-n", podNS, "-o", "addr", "show"])
    #expect(podAddrs.contains("eth0") && podAddrs.contains(ip))
    #expect(podAddrs.contains("lo") && podAddrs.contains("127.0.0.1"))
    // From the simulated host (inside its own namespace) the pod answers.
    try Host.run(["/usr/sbin/ip", "netns", "exec", hostNS, "/bin/busybox", "ping", "-c", "1", "-W", "2", ip])
    let nat = try Host.run(["/usr/sbin/ip", "netns", "exec", hostNS, "/usr/sbin/iptables-save", "-t", "nat"])
    #expect(nat.contains("CNI-HOSTPORT-DNAT") && nat.contains("18080"))

    try await net.del(a)
    let links = try Host.run(["/usr/sbin/ip", "-n", podNS, "-o", "link", "show"])
    #expect(!links.contains("eth0"))
    let natAfter = try Host.run(["/usr/sbin/ip", "netns", "exec", hostNS, "/usr/sbin/iptables-save", "-t", "nat"])
    #expect(!natAfter.contains("18080"))
    // A second DEL, as after a crash, succeeds too.
    try await net.del(CNIAttachment(containerID: "c0ffee", netnsPath: "", podNamespace: "default", podName: "web"))
}

@Test func defaultNetworkLeavesMasqueradeToTheNode() throws {
    let def = CNIConfigList.defaultBridge(podCIDR: "10.244.3.0/24")
    #expect(def.plugins[0]["ipMasq"] as? Bool == false)
    #expect(try CNIConfigList(data: try def.serialized()).nodeMasqueradeRange == "10.244.3.0/24")
    // Anyone else's network (or Skiff's with ipMasq turned back on) keeps its own masquerade.
    #expect(CNIConfigList.defaultBridge(podCIDR: "10.244.3.0/24", name: "other").nodeMasqueradeRange == nil)
    var bridge = def.plugins[0]
    bridge["ipMasq"] = true
    let masq = CNIConfigList(name: def.name, cniVersion: def.cniVersion, plugins: [bridge] + def.plugins.dropFirst())
    #expect(masq.nodeMasqueradeRange == nil)
    let input = PodMasquerade.restoreInput(podCIDR: "10.244.3.0/24", jumpExists: false)
    #expect(input == """
        *nat
        :SKIFF-POD-MASQ - [0:0]
        -I POSTROUTING -s 10.244.3.0/24 -m comment --comment "skiff: masquerade traffic leaving the pod range" -j SKIFF-POD-MASQ
        -A SKIFF-POD-MASQ -d 10.244.3.0/24 -j RETURN
        -A SKIFF-POD-MASQ -d 224.0.0.0/4 -j RETURN
        -A SKIFF-POD-MASQ -j MASQUERADE
        COMMIT

        """)
    #expect(!PodMasquerade.restoreInput(podCIDR: "10.244.3.0/24", jumpExists: true).contains("POSTROUTING"))
}

/// The node-wide masquerade chain in a private namespace: installed once however often the
/// kubelet starts, and removed without a trace.
@Test(.enabled(if: Host.isRoot, "needs root for network namespaces"))
func podMasqueradeIsIdempotentAndRemovable() throws {
    let ns = Host.uniqueName("skt-masq")
    defer { _ = try? Host.run(["/usr/sbin/ip", "netns", "del", ns], allowFailure: true) }
    try Host.run(["/usr/sbin/ip", "netns", "add", ns])
    let m = PodMasquerade(podCIDR: "10.250.9.0/24", prefix: ["/usr/bin/nsenter", "--net=/run/netns/\(ns)", "--"])
    try m.ensure()
    try m.ensure()
    let nat = try Host.run(["/usr/sbin/ip", "netns", "exec", ns, "/usr/sbin/iptables-save", "-t", "nat"])
    #expect(nat.components(separatedBy: "-j SKIFF-POD-MASQ").count - 1 == 1, "\(nat)")
    #expect(nat.contains("-A SKIFF-POD-MASQ -j MASQUERADE"))
    #expect(nat.components(separatedBy: "-A SKIFF-POD-MASQ").count - 1 == 3, "\(nat)")
    try m.remove()
    let after = try Host.run(["/usr/sbin/ip", "netns", "exec", ns, "/usr/sbin/iptables-save", "-t", "nat"])
    #expect(!after.contains("SKIFF-POD-MASQ"), "\(after)")
}

@Test func subprocessFeedsStdinAndCollectsBothStreams() async throws {
    let r = try Subprocess.run(["/bin/sh", "-c", "cat; echo \"$CNI_COMMAND\" >&2; exit 3"], environment: ["CNI_COMMAND": "ADD"],
                               stdin: Array("hello".utf8))
    #expect(r.status == 3)
    #expect(r.stdoutText == "hello")
    #expect(r.stderrText == "ADD\n")
    // More than a pipe holds, both ways at once: no deadlock.
    let big = [UInt8](repeating: 0x61, count: 1 << 20)
    let echo = try Subprocess.run(["/bin/sh", "-c", "cat; head -c 200000 /dev/zero >&2"], environment: [:], stdin: big)
    #expect(echo.stdout.count == 1 << 20 && echo.stderr.count == 200_000)
    // A child that never reads its stdin; one killed by a signal; a bare name found on PATH
    // with our environment inherited.
    #expect(try Subprocess.run(["/bin/true"], environment: [:], stdin: big).status == 0)
    #expect(try Subprocess.run(["/bin/sh", "-c", "kill -TERM $$"]).status == 128 + 15)
    setenv("SKIFF_SUBPROCESS_TEST", "inherited", 1)
    #expect(Subprocess.resolve("sh") == "/usr/bin/sh" || Subprocess.resolve("sh") == "/bin/sh")
    #expect(try await Subprocess.runDetached(["sh", "-c", "echo $SKIFF_SUBPROCESS_TEST"]).stdoutText == "inherited\n")
    // A missing program: an error naming it, from the runner too.
    #expect(throws: SubprocessError.self) { try Subprocess.run(["/nonexistent/plugin"]) }
    await #expect(throws: CNIError.self) {
        try await ProcessPluginRunner().run(plugin: "/nonexistent/plugin", environment: [:], stdin: Data())
    }
    // Many at once, each on its own thread: all finish.
    let codes = try await withThrowingTaskGroup(of: Int32.self) { g in
        for i in 0..<32 { g.addTask { try await Subprocess.runDetached(["/bin/sh", "-c", "exit \(i)"]).status } }
        return try await g.reduce(into: [Int32]()) { $0.append($1) }
    }
    #expect(codes.sorted() == (0..<32).map(Int32.init))
}
