import Foundation
import Logging
import SkiffAPI
#if canImport(Glibc)
import Glibc
#endif

/// A pod volume made ready on the host.
public struct PreparedVolume: Sendable, Equatable {
    public var name: String
    /// The host directory (or file) containers bind-mount.
    public var hostPath: String
    /// ConfigMap, Secret, downwardAPI and projected volumes are always mounted read-only.
    public var forceReadOnly: Bool
}

/// A bind mount of a volume into one container.
public struct ContainerMount: Sendable, Equatable {
    public var source: String
    public var destination: String
    public var readOnly: Bool
    /// rprivate, rslave or rshared, from mountPropagation.
    public var propagation: String
}

public struct VolumeError: Error, Equatable, CustomStringConvertible {
    public var volume: String
    public var message: String
    public var description: String { "MountVolume.SetUp failed for volume \"\(volume)\" : \(message)" }
}

/// Sets up and tears down a pod's volumes under `<root-dir>/pods/<uid>/volumes/<plugin>/<name>`
/// as the kubelet lays them out: emptyDir (disk, or tmpfs for `medium: Memory`), hostPath with
/// its type check, configMap and downwardAPI written atomically, secret on its own tmpfs.
public struct VolumeManager: Sendable {
    public let podDir: String
    private let logger = Logger(label: "skiff.kubelet.volumes")

    public init(podDir: String) { self.podDir = podDir }

    func dir(_ plugin: String, _ name: String) -> String { "\(podDir)/volumes/kubernetes.io~\(plugin)/\(name)" }

    public func setUp(pod: Pod, resolver: EnvironmentResolver) throws -> [String: PreparedVolume] {
        var out: [String: PreparedVolume] = [:]
        for v in pod.spec.volumes ?? [] {
            out[v.name] = try setUp(v, resolver: resolver)
        }
        return out
    }

    func setUp(_ v: Volume, resolver: EnvironmentResolver) throws -> PreparedVolume {
        func fail(_ m: String) -> VolumeError { VolumeError(volume: v.name, message: m) }
        if let e = v.emptyDir {
            let d = dir("empty-dir", v.name)
            try mkdirs(d, mode: 0o777)
            if e.medium == "Memory" {
                let size = e.sizeLimit.map { "size=\($0.value)" } ?? ""
                try mountTmpfs(d, options: size, volume: v.name)
            }
            return PreparedVolume(name: v.name, hostPath: d, forceReadOnly: false)
        }
        if let h = v.hostPath {
            do { try HostPathCheck.prepare(path: h.path, type: h.type) } catch { throw fail("\(error)") }
            return PreparedVolume(name: v.name, hostPath: h.path, forceReadOnly: false)
        }
        if let cm = v.configMap {
            let name = cm.name ?? ""
            let d = dir("configmap", v.name)
            guard let obj = resolver.configMaps[name] else {
                if cm.optional == true { try mkdirs(d, mode: 0o755); return PreparedVolume(name: v.name, hostPath: d, forceReadOnly: true) }
                throw fail("configmap \"\(name)\" not found")
            }
            var data: [String: Data] = [:]
            for (k, s) in obj.data ?? [:] { data[k] = Data(s.utf8) }
            for (k, s) in obj.binaryData ?? [:] { data[k] = Data(base64Encoded: s) ?? Data() }
            let files = try project(data, items: cm.items, defaultMode: cm.defaultMode ?? 0o644, optional: cm.optional == true,
                                    what: "configmap \(name)", volume: v.name)
            try write(files, to: d, volume: v.name)
            return PreparedVolume(name: v.name, hostPath: d, forceReadOnly: true)
        }
        if let sv = v.secret {
            let name = sv.secretName ?? ""
            let d = dir("secret", v.name)
            try mkdirs(d, mode: 0o755)
            try mountTmpfs(d, options: "", volume: v.name)
            guard let obj = resolver.secrets[name] else {
                if sv.optional == true { return PreparedVolume(name: v.name, hostPath: d, forceReadOnly: true) }
                throw fail("secret \"\(name)\" not found")
            }
            let files = try project(EnvironmentResolver.secretData(obj), items: sv.items, defaultMode: sv.defaultMode ?? 0o644,
                                    optional: sv.optional == true, what: "secret \(name)", volume: v.name)
            try write(files, to: d, volume: v.name)
            return PreparedVolume(name: v.name, hostPath: d, forceReadOnly: true)
        }
        if let dv = v.downwardAPI {
            let d = dir("downward-api", v.name)
            let files = try downward(dv.items ?? [], defaultMode: dv.defaultMode ?? 0o644, resolver: resolver, volume: v.name)
            try write(files, to: d, volume: v.name)
            return PreparedVolume(name: v.name, hostPath: d, forceReadOnly: true)
        }
        if let p = v.projected {
            let d = dir("projected", v.name)
            let mode = p.defaultMode ?? 0o644
            var files: [ProjectedFile] = []
            for s in p.sources ?? [] {
                if let cm = s.configMap {
                    let name = cm.name ?? ""
                    if let obj = resolver.configMaps[name] {
                        var data: [String: Data] = [:]
                        for (k, s) in obj.data ?? [:] { data[k] = Data(s.utf8) }
                        files += try project(data, items: cm.items, defaultMode: mode, optional: cm.optional == true, what: "configmap \(name)", volume: v.name)
                    } else if cm.optional != true { throw fail("configmap \"\(name)\" not found") }
                }
                if let sec = s.secret {
                    let name = sec.name ?? ""
                    if let obj = resolver.secrets[name] {
                        files += try project(EnvironmentResolver.secretData(obj), items: sec.items, defaultMode: mode, optional: sec.optional == true, what: "secret \(name)", volume: v.name)
                    } else if sec.optional != true { throw fail("secret \"\(name)\" not found") }
                }
                if let da = s.downwardAPI {
                    files += try downward(da.items ?? [], defaultMode: mode, resolver: resolver, volume: v.name)
                }
                if s.serviceAccountToken != nil {
                    throw fail("serviceAccountToken projections need service account tokens, which this cluster does not issue")
                }
            }
            try write(files, to: d, volume: v.name)
            return PreparedVolume(name: v.name, hostPath: d, forceReadOnly: true)
        }
        throw fail("unsupported volume type (supported: emptyDir, hostPath, configMap, secret, downwardAPI, projected)")
    }

    func project(_ data: [String: Data], items: [KeyToPath]?, defaultMode: Int32, optional: Bool, what: String, volume: String) throws -> [ProjectedFile] {
        guard let items, !items.isEmpty else {
            return data.keys.sorted().map { ProjectedFile(path: $0, content: data[$0] ?? Data(), mode: UInt16(defaultMode & 0o777)) }
        }
        var out: [ProjectedFile] = []
        for it in items {
            guard let content = data[it.key] else {
                if optional { continue }
                let message = what.hasPrefix("secret") ? "references non-existent secret key: \(it.key)"
                                                       : "configmap references non-existent config key: \(it.key)"
                throw VolumeError(volume: volume, message: message)
            }
            out.append(ProjectedFile(path: it.path, content: content, mode: UInt16((it.mode ?? defaultMode) & 0o777)))
        }
        return out
    }

    func downward(_ items: [DownwardAPIVolumeFile], defaultMode: Int32, resolver: EnvironmentResolver, volume: String) throws -> [ProjectedFile] {
        try items.map { it in
            let text: String
            do {
                if let f = it.fieldRef {
                    text = try resolver.fieldValue(f.fieldPath)
                } else if let r = it.resourceFieldRef {
                    let c = resolver.pod.spec.containers.first { $0.name == r.containerName } ?? resolver.pod.spec.containers.first ?? Container(name: "")
                    text = try resolver.resourceValue(r, container: c)
                } else {
                    throw ContainerConfigError("downwardAPI item \(it.path) needs fieldRef or resourceFieldRef")
                }
            } catch { throw VolumeError(volume: volume, message: "\(error)") }
            return ProjectedFile(path: it.path, content: Data(text.utf8), mode: UInt16((it.mode ?? defaultMode) & 0o777))
        }
    }

    func write(_ files: [ProjectedFile], to d: String, volume: String) throws {
        do { try AtomicWriter(directory: d).write(files) } catch { throw VolumeError(volume: volume, message: "\(error)") }
    }

    func mkdirs(_ d: String, mode: Int) throws {
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        chmod(d, mode_t(mode))
    }

    func mountTmpfs(_ d: String, options: String, volume: String) throws {
        if isMountPoint(d) { return }
        let rc = mount("tmpfs", d, "tmpfs", UInt(MS_NOSUID | MS_NODEV), options.isEmpty ? nil : options)
        if rc != 0 { throw VolumeError(volume: volume, message: "mount tmpfs on \(d): \(String(cString: strerror(errno)))") }
    }

    /// The bind mounts of one container, with subPath resolved (created when missing, and never
    /// allowed to leave the volume).
    public func mounts(for c: Container, volumes: [String: PreparedVolume]) throws -> [ContainerMount] {
        try (c.volumeMounts ?? []).map { vm in
            guard let v = volumes[vm.name] else {
                throw VolumeError(volume: vm.name, message: "volume \"\(vm.name)\" is not declared in the pod")
            }
            var source = v.hostPath
            let sub = vm.subPath ?? ""
            if !sub.isEmpty {
                let parts = sub.split(separator: "/")
                guard !sub.hasPrefix("/"), !parts.contains("..") else {
                    throw VolumeError(volume: vm.name, message: "subPath \(sub) must be a relative path without \"..\"")
                }
                source += "/" + sub
                // Resolve symlinks and require the result to stay inside the volume.
                let realVol = URL(fileURLWithPath: v.hostPath).resolvingSymlinksInPath().path
                if !FileManager.default.fileExists(atPath: source) { try mkdirs(source, mode: 0o755) }
                let real = URL(fileURLWithPath: source).resolvingSymlinksInPath().path
                guard real == realVol || real.hasPrefix(realVol + "/") else {
                    throw VolumeError(volume: vm.name, message: "subPath \(sub) resolves outside the volume")
                }
                source = real
            }
            let prop: String
            switch vm.mountPropagation {
            case "HostToContainer": prop = "rslave"
            case "Bidirectional": prop = "rshared"
            default: prop = "rprivate"
            }
            return ContainerMount(source: source, destination: vm.mountPath, readOnly: (vm.readOnly ?? false) || v.forceReadOnly, propagation: prop)
        }
    }

    /// Unmounts every tmpfs under the pod's volumes and removes the volume directories
    /// (hostPath volumes are never touched). Idempotent.
    public func tearDown() throws {
        let base = podDir + "/volumes"
        for plugin in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: "\(base)/\(plugin)")) ?? [] {
                let d = "\(base)/\(plugin)/\(name)"
                while isMountPoint(d) {
                    if umount2(d, Int32(MNT_DETACH)) != 0 {
                        throw VolumeError(volume: name, message: "unmount \(d): \(String(cString: strerror(errno)))")
                    }
                }
            }
        }
        try? FileManager.default.removeItem(atPath: base)
        logger.debug("tore down volumes under \(base)")
    }

    /// True when `path` is a mount point (its device differs from its parent's, or it appears in
    /// /proc/self/mountinfo).
    public func isMountPoint(_ path: String) -> Bool {
        guard let info = FileManager.default.contents(atPath: "/proc/self/mountinfo") else { return false }
        let target = URL(fileURLWithPath: path).standardizedFileURL.path
        for line in String(decoding: info, as: UTF8.self).split(separator: "\n") {
            let f = line.split(separator: " ")
            if f.count > 4, Self.unescape(String(f[4])) == target { return true }
        }
        return false
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        return s.replacingOccurrences(of: "\\040", with: " ").replacingOccurrences(of: "\\011", with: "\t")
            .replacingOccurrences(of: "\\012", with: "\n").replacingOccurrences(of: "\\134", with: "\\")
    }
}
