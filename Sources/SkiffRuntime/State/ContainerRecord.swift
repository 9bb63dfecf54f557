import FoundationEssentials

/// What `create` leaves under `<root>/<id>/state.json` so later invocations (another CLI
/// process, a restarted kubelet) can find and manage the container.
public struct ContainerRecord: Codable, Sendable, Equatable {
    public var ociVersion: String
    public var id: String
    public var bundle: String
    public var rootfs: String
    public var pid: Int32
    public var pidStartTime: Int64
    public var shimPid: Int32?
    public var created: String
    public var cgroupPath: String?
    public var logPath: String?
    /// An overlay root the runtime mounted for this container and unmounts on delete.
    public var overlayMount: String?
    public var annotations: [String: String]?
    /// Where the container's config lives: the bundle's config.json, or a copy in the state
    /// dir when the caller passed the spec in memory (exec needs its seccomp profile later).
    public var specPath: String?
}

/// The OCI `state` document.
public struct ContainerState: Codable, Sendable, Equatable {
    public var ociVersion: String
    public var id: String
    public var status: ContainerStatus
    public var pid: Int32
    public var bundle: String
    public var rootfs: String
    public var created: String
    public var annotations: [String: String]?
    /// Present once stopped.
    public var exitCode: Int32?
    public var exitReason: String?

    enum CodingKeys: String, CodingKey { case ociVersion, id, status, pid, bundle, rootfs, created, annotations, exitCode, exitReason }
}

/// Layout of the state directory (one place decides file names).
public struct StateDir: Sendable {
    public let root: String
    public let id: String
    public var dir: String { root + "/" + id }
    public var stateFile: String { dir + "/state.json" }
    public var exitFile: String { dir + "/exit" }
    public var exitTmpFile: String { dir + "/exit.tmp" }
    /// Present once the container is known to have been OOM-killed (the verdict outlives its cgroup).
    public var execFifo: String { dir + "/exec.fifo" }
    public var defaultLog: String { dir + "/container.log" }
    public var specCopy: String { dir + "/config.json" }

    public init(root: String, id: String) { self.root = root; self.id = id }

    /// Container ids become directory names: keep them to a safe alphabet.
    public static func validate(id: String) throws {
        let ok = !id.isEmpty && id.count <= 1024 && id != "." && id != ".." && id.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 || c == 95 || c == 46 || c == 43
        }
        if !ok { throw RuntimeError.invalidArgument("invalid container id \"\(id)\": expected letters, digits and . _ - +") }
    }

    public func load() throws -> ContainerRecord {
        guard let data = FileIO.read(stateFile) else { throw RuntimeError.notFound(id: id) }
        if let r = StateDir.records.value(path: stateFile, bytes: data) { return r }
        do {
            let r = try JSONDecoder().decode(ContainerRecord.self, from: Data(data))
            StateDir.records.remember(path: stateFile, bytes: data, r)
            return r
        } catch {
            throw RuntimeError.invalidArgument("state of \"\(id)\" is unreadable: \(stateFile)")
        }
    }

    public func save(_ r: ContainerRecord) throws {
        let data = Array(try JSONEncoder().encode(r))
        try FileIO.writeAtomic(stateFile, data)
        StateDir.records.remember(path: stateFile, bytes: data, r)
    }

    /// Records this process wrote or read, with the exact bytes of the file: start, wait and
    /// delete each load the state again, and decoding it costs more than the rest of `start`.
    /// The file is read every time and only identical bytes are a hit, so a record another
    /// process rewrote is decoded afresh.
    private static let records = DecodedFileCache<ContainerRecord>(limit: 256)

    /// Drops the remembered record (the state directory is being removed).
    func forget() { StateDir.records.forget(path: stateFile) }
}
