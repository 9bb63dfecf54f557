import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the node reports about itself in `status.nodeInfo`, `capacity` and its pressure
/// conditions, read from /proc, /sys and /etc. The readers take the file system root so tests
/// can point them at fixtures.
public struct NodeFacts: Sendable, Equatable {
    public var machineID: String
    public var bootID: String
    public var systemUUID: String
    public var kernelVersion: String
    public var osImage: String
    public var operatingSystem = "linux"
    public var architecture: String
    public var cpus: Int
    public var memoryBytes: UInt64
    public var memoryAvailableBytes: UInt64
    /// Bytes of the file system holding the kubelet's root dir (ephemeral-storage).
    public var ephemeralStorageBytes: UInt64
    public var ephemeralStorageAvailableBytes: UInt64
    public var pidMax: Int
    public var processes: Int
}

public enum NodeFactsReader {
    public static func read(rootDir: String, procRoot: String = "/proc", etcRoot: String = "/etc", sysRoot: String = "/sys") -> NodeFacts {
        let mem = meminfo(text(procRoot + "/meminfo"))
        var uts = utsname()
        uname(&uts)
        let release = withUnsafeBytes(of: &uts.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let machine = withUnsafeBytes(of: &uts.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        var fs = statvfs()
        let haveFS = statvfs(rootDir, &fs) == 0
        let procCount = ((try? FileManager.default.contentsOfDirectory(atPath: procRoot)) ?? []).filter { $0.allSatisfy(\.isNumber) }.count
        return NodeFacts(
            machineID: text(etcRoot + "/machine-id").trimmed,
            bootID: text(procRoot + "/sys/kernel/random/boot_id").trimmed,
            systemUUID: text(sysRoot + "/class/dmi/id/product_uuid").trimmed.lowercased(),
            kernelVersion: release,
            osImage: osRelease(text(etcRoot + "/os-release")),
            architecture: goArch(machine),
            cpus: max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))),
            memoryBytes: mem["MemTotal"] ?? 0,
            memoryAvailableBytes: mem["MemAvailable"] ?? 0,
            ephemeralStorageBytes: haveFS ? UInt64(fs.f_blocks) * UInt64(fs.f_frsize) : 0,
            ephemeralStorageAvailableBytes: haveFS ? UInt64(fs.f_bavail) * UInt64(fs.f_frsize) : 0,
            pidMax: Int(text(procRoot + "/sys/kernel/pid_max").trimmed) ?? 32768,
            processes: procCount
        )
    }

    /// /proc/meminfo in bytes.
    public static func meminfo(_ s: String) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        for line in s.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " })
            guard parts.count >= 2, let v = UInt64(parts[1]) else { continue }
            out[String(parts[0])] = parts.count >= 3 && parts[2] == "kB" ? v * 1024 : v
        }
        return out
    }

    /// PRETTY_NAME from os-release, as `status.nodeInfo.osImage` shows it.
    public static func osRelease(_ s: String) -> String {
        for line in s.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return String(line.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return "Linux"
    }

    /// Kubernetes names architectures as Go does.
    public static func goArch(_ machine: String) -> String {
        switch machine {
        case "x86_64": return "amd64"
        case "aarch64": return "arm64"
        case "armv7l", "armv6l": return "arm"
        case "i686", "i386": return "386"
        default: return machine
        }
    }

    private static func text(_ path: String) -> String {
        (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

/// The node's pressure conditions, with the kubelet's default hard eviction thresholds:
/// memory.available < 100Mi, nodefs.available < 10%, and PIDs above 90% of pid_max.
public struct NodePressure: Sendable, Equatable {
    public var memory: Bool
    public var disk: Bool
    public var pid: Bool

    public static func evaluate(_ f: NodeFacts) -> NodePressure {
        NodePressure(
            memory: f.memoryAvailableBytes < 100 * 1024 * 1024,
            disk: f.ephemeralStorageBytes > 0 && Double(f.ephemeralStorageAvailableBytes) < 0.10 * Double(f.ephemeralStorageBytes),
            pid: f.pidMax > 0 && Double(f.processes) > 0.9 * Double(f.pidMax)
        )
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
