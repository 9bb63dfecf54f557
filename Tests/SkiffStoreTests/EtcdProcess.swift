import Foundation
@testable import SkiffStore
#if canImport(Glibc)
import Glibc
#endif

/// Real etcd members on loopback for tests: free ports, a private data directory, and a
/// SIGKILL by pid plus removal of the directory when done.
final class EtcdCluster: @unchecked Sendable {
    struct Member {
        var name: String
        var clientURL: String
        var peerURL: String
        var process: Process
        var killed = false
    }

    static let binary = "/usr/bin/etcd"
    static var installed: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let directory: URL
    private(set) var members: [Member] = []
    private let lock = NSLock()

    var clientURLs: [String] { members.map(\.clientURL) }

    /// Starts `size` members forming one cluster and waits until it answers.
    static func start(size: Int = 1) async throws -> EtcdCluster {
        guard installed else { throw EtcdTestError("etcd is not installed at \(binary) (apt-get install etcd-server)") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-etcd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cluster = EtcdCluster(directory: directory)
        do {
            try cluster.launch(size: size)
            try await cluster.waitReady()
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    private init(directory: URL) { self.directory = directory }

    deinit { stop() }

    private func launch(size: Int) throws {
        var ports: [(Int, Int)] = []
        for _ in 0..<size { ports.append((try freePort(), try freePort())) }
        let names = (0..<size).map { "m\($0)" }
        let initial = zip(names, ports).map { "\($0)=http://127.0.0.1:\($1.1)" }.joined(separator: ",")
        let token = "skiff-test-\(UUID().uuidString.prefix(8))"
        for (i, name) in names.enumerated() {
            let client = "http://127.0.0.1:\(ports[i].0)"
            let peer = "http://127.0.0.1:\(ports[i].1)"
            let dataDir = directory.appendingPathComponent(name).path
            let log = directory.appendingPathComponent("\(name).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = [
                "--name", name, "--data-dir", dataDir,
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", initial, "--initial-cluster-state", "new",
                "--initial-cluster-token", token,
                "--heartbeat-interval", "50", "--election-timeout", "500",
                "--logger", "zap", "--log-level", "warn",
            ]
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            lock.withLock { members.append(Member(name: name, clientURL: client, peerURL: peer, process: process)) }
        }
    }

    /// Polls until every member answers a read through the store client.
    private func waitReady() async throws {
        for member in members {
            let store = try EtcdStore(endpoints: [member.clientURL],
                                      options: .init(deadline: .seconds(20), attemptTimeout: .seconds(1)))
            defer { Task { await store.close() } }
            do {
                _ = try await store.currentRevision()
            } catch {
                let log = (try? String(contentsOf: directory.appendingPathComponent("\(member.name).log"), encoding: .utf8)) ?? ""
                throw EtcdTestError("etcd member \(member.name) did not become ready: \(error)\n\(log.suffix(2000))")
            }
        }
    }

    /// SIGKILLs one member by pid.
    func kill(memberAt index: Int) {
        lock.withLock {
            guard index < members.count, !members[index].killed else { return }
            let process = members[index].process
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            members[index].killed = true
        }
    }

    /// Kills every member by pid and removes the data directory.
    func stop() {
        for index in members.indices { kill(memberAt: index) }
        try? FileManager.default.removeItem(at: directory)
    }
}

struct EtcdTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A free TCP port on 127.0.0.1 (bound once to port 0, then released).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw EtcdTestError("socket() failed: errno \(errno)") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw EtcdTestError("bind() failed: errno \(errno)") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { throw EtcdTestError("getsockname() failed: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}
