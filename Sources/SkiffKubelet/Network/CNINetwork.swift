import Foundation
import Logging

public enum CNIError: Error, CustomStringConvertible, Sendable {
    case badConfig(String)
    case pluginNotFound(String, searched: [String])
    case plugin(name: String, command: String, code: Int, message: String, details: String)
    case exec(String)
    case badResult(String)

    public var description: String {
        switch self {
        case .badConfig(let m): return "CNI configuration: \(m)"
        case .pluginNotFound(let p, let dirs): return "CNI plugin \"\(p)\" not found in \(dirs.joined(separator: ":"))"
        case .plugin(let n, let c, let code, let m, let d):
            return "CNI plugin \(n) \(c) failed (code \(code)): \(m)" + (d.isEmpty ? "" : ": \(d)")
        case .exec(let m): return "CNI: \(m)"
        case .badResult(let m): return "CNI result: \(m)"
        }
    }
}

/// A hostPort binding handed to the portmap plugin through `runtimeConfig.portMappings`.
public struct CNIPortMapping: Sendable, Equatable {
    public var hostPort: Int
    public var containerPort: Int
    public var proto: String
    public var hostIP: String?

    public init(hostPort: Int, containerPort: Int, proto: String = "tcp", hostIP: String? = nil) {
        self.hostPort = hostPort; self.containerPort = containerPort; self.proto = proto.lowercased(); self.hostIP = hostIP
    }
}

/// One pod's attachment to the network.
public struct CNIAttachment: Sendable {
    public var containerID: String
    /// Path of the pod's network namespace (`/proc/<pause pid>/ns/net` or a pinned bind mount).
    /// Empty on a DEL after the namespace is gone, which the spec allows.
    public var netnsPath: String
    public var ifName: String
    public var podNamespace: String
    public var podName: String
    public var portMappings: [CNIPortMapping]

    public init(containerID: String, netnsPath: String, ifName: String = "eth0", podNamespace: String = "",
                podName: String = "", portMappings: [CNIPortMapping] = []) {
        self.containerID = containerID; self.netnsPath = netnsPath; self.ifName = ifName
        self.podNamespace = podNamespace; self.podName = podName; self.portMappings = portMappings
    }
}

/// The parts of a CNI result Skiff uses, plus the raw JSON for DEL's prevResult.
public struct CNIResult: Sendable {
    /// Addresses in CIDR form, e.g. "10.244.0.5/24".
    public var addresses: [String]
    public var gateways: [String]
    public var raw: Data

    /// The pod IPs without prefix length, IPv4 first as Kubernetes orders them.
    public var podIPs: [String] {
        let ips = addresses.map { String($0.split(separator: "/").first ?? Substring($0)) }
        return ips.filter { !$0.contains(":") } + ips.filter { $0.contains(":") }
    }

    public init(raw: Data) throws {
        guard let obj = try? JSONSerialization.jsonObject(with: raw) as? [String: Any] else {
            throw CNIError.badResult("not a JSON object: \(String(decoding: raw.prefix(200), as: UTF8.self))")
        }
        let ips = obj["ips"] as? [[String: Any]] ?? []
        addresses = ips.compactMap { $0["address"] as? String }
        gateways = ips.compactMap { $0["gateway"] as? String }
        self.raw = raw
    }
}

/// Runs a network configuration list's plugins for pods, as the CNI spec's runtime side does:
/// ADD through the chain in order feeding each result to the next as `prevResult`; DEL in reverse
/// with the cached result; loopback set up separately for `lo`.
public struct CNINetwork: Sendable {
    public let config: CNIConfigList
    public let binDirs: [String]
    /// Where ADD results are cached for DEL (libcni keeps them in /var/lib/cni/results).
    public let cacheDir: String
    public let runner: any CNIPluginRunner
    private let logger = Logger(label: "skiff.kubelet.cni")

    public init(config: CNIConfigList, binDirs: [String] = ["/usr/lib/cni", "/opt/cni/bin"], cacheDir: String,
                runner: any CNIPluginRunner = ProcessPluginRunner()) {
        self.config = config; self.binDirs = binDirs; self.cacheDir = cacheDir; self.runner = runner
    }

    /// Attaches the pod: `lo` up through the loopback plugin, then the chain on `eth0`.
    public func add(_ a: CNIAttachment) async throws -> CNIResult {
        try await runLoopback(a, command: "ADD")
        var prev: Data?
        for plugin in config.plugins {
            let out = try await invoke(plugin, command: "ADD", attachment: a, prevResult: prev)
            prev = out
        }
        guard let final = prev else { throw CNIError.badResult("the chain returned nothing") }
        let result = try CNIResult(raw: final)
        try FileManager.default.createDirectory(atPath: cacheDir, withIntermediateDirectories: true)
        try final.write(to: URL(fileURLWithPath: cachePath(a)), options: .atomic)
        logger.info("attached \(a.podNamespace)/\(a.podName) to \(config.name): \(result.addresses.joined(separator: ","))")
        return result
    }

    /// Detaches the pod. Idempotent: works after a crash, without a namespace, or twice.
    public func del(_ a: CNIAttachment) async throws {
        let cached = FileManager.default.contents(atPath: cachePath(a))
        var firstError: Error?
        for plugin in config.plugins.reversed() {
            do { _ = try await invoke(plugin, command: "DEL", attachment: a, prevResult: cached) }
            catch { firstError = firstError ?? error }
        }
        if !a.netnsPath.isEmpty, FileManager.default.fileExists(atPath: a.netnsPath) {
            try? await runLoopback(a, command: "DEL")
        }
        if let e = firstError { throw e }
        try? FileManager.default.removeItem(atPath: cachePath(a))
        logger.info("detached \(a.podNamespace)/\(a.podName) from \(config.name)")
    }

    private func cachePath(_ a: CNIAttachment) -> String {
        "\(cacheDir)/\(config.name)-\(a.containerID)-\(a.ifName).json"
    }

    private func runLoopback(_ a: CNIAttachment, command: String) async throws {
        var lo = a
        lo.ifName = "lo"
        lo.portMappings = []
        let conf: [String: Any] = ["type": "loopback", "name": "cni-loopback"]
        _ = try await invoke(conf, command: command, attachment: lo, prevResult: nil, cniVersion: "1.0.0", networkName: "cni-loopback")
    }

    private func locate(_ type: String) throws -> String {
        guard !type.contains("/") else { throw CNIError.badConfig("plugin type \"\(type)\" must be a bare name") }
        for dir in binDirs where FileManager.default.isExecutableFile(atPath: dir + "/" + type) {
            return dir + "/" + type
        }
        throw CNIError.pluginNotFound(type, searched: binDirs)
    }

    private func invoke(_ plugin: [String: Any], command: String, attachment a: CNIAttachment, prevResult: Data?,
                        cniVersion: String? = nil, networkName: String? = nil) async throws -> Data {
        let type = plugin["type"] as? String ?? ""
        let path = try locate(type)
        var conf = plugin
        conf["name"] = networkName ?? config.name
        conf["cniVersion"] = cniVersion ?? config.cniVersion
        if let prevResult, let prev = try? JSONSerialization.jsonObject(with: prevResult) {
            conf["prevResult"] = prev
        }
        if let caps = plugin["capabilities"] as? [String: Any], caps["portMappings"] as? Bool == true {
            conf["runtimeConfig"] = ["portMappings": a.portMappings.map { m -> [String: Any] in
                var d: [String: Any] = ["hostPort": m.hostPort, "containerPort": m.containerPort, "protocol": m.proto]
                if let ip = m.hostIP, !ip.isEmpty { d["hostIP"] = ip }
                return d
            }]
        }
        conf.removeValue(forKey: "capabilities")
        let stdin = try JSONSerialization.data(withJSONObject: conf)
        var args = "IgnoreUnknown=1"
        if !a.podNamespace.isEmpty {
            args += ";K8S_POD_NAMESPACE=\(a.podNamespace);K8S_POD_NAME=\(a.podName);K8S_POD_INFRA_CONTAINER_ID=\(a.containerID)"
        }
        let env = [
            "CNI_COMMAND": command,
            "CNI_CONTAINERID": a.containerID,
            "CNI_NETNS": a.netnsPath,
            "CNI_IFNAME": a.ifName,
            "CNI_ARGS": args,
            "CNI_PATH": binDirs.joined(separator: ":"),
            "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        ]
        let out = try await runner.run(plugin: path, environment: env, stdin: stdin)
        if out.exitCode != 0 {
            let obj = (try? JSONSerialization.jsonObject(with: out.stdout)) as? [String: Any]
            let msg = obj?["msg"] as? String ?? String(decoding: out.stderr, as: UTF8.self)
            throw CNIError.plugin(name: type, command: command, code: obj?["code"] as? Int ?? Int(out.exitCode),
                                  message: msg.trimmingCharacters(in: .whitespacesAndNewlines),
                                  details: obj?["details"] as? String ?? "")
        }
        return out.stdout
    }
}
