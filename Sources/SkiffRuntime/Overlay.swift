import Glibc

/// A copy-on-write container root: read-only image layers below, a per-container upper and
/// work dir above, merged at `mergedDir`. The kubelet creates one per container so image
/// trees are shared and never written.
public struct OverlayRoot: Sendable, Equatable, Codable {
    /// Topmost layer first (overlayfs `lowerdir` order).
    public var lowerDirs: [String]
    public var upperDir: String
    public var workDir: String
    public var mergedDir: String

    public init(lowerDirs: [String], upperDir: String, workDir: String, mergedDir: String) {
        self.lowerDirs = lowerDirs; self.upperDir = upperDir; self.workDir = workDir; self.mergedDir = mergedDir
    }

    /// Upper, work and merged dirs under one per-container directory.
    public init(lowerDirs: [String], containerDir: String) {
        self.init(lowerDirs: lowerDirs, upperDir: containerDir + "/upper", workDir: containerDir + "/work",
                  mergedDir: containerDir + "/merged")
    }

    /// The mount data string; pure. Commas and colons in paths would break it, so refuse them.
    public func mountData() throws -> String {
        guard !lowerDirs.isEmpty else { throw RuntimeError.invalidArgument("overlay: at least one lower dir is required") }
        for p in lowerDirs + [upperDir, workDir] where p.contains(",") || p.contains(":") || !p.hasPrefix("/") {
            throw RuntimeError.invalidArgument("overlay: \"\(p)\" must be an absolute path without ',' or ':'")
        }
        return "lowerdir=\(lowerDirs.joined(separator: ":")),upperdir=\(upperDir),workdir=\(workDir)"
    }

    public func mount() throws {
        let data = try mountData()
        for d in [upperDir, workDir, mergedDir] { try FileIO.mkdirAll(d) }
        if Glibc.mount("overlay", mergedDir, "overlay", 0, data) != 0 {
            throw RuntimeError.system(call: "mount overlay \(mergedDir)", errno: errno)
        }
    }

    /// Detaches the merged mount; upper/work stay (the caller decides whether to keep them).
    public func unmount() throws {
        if umount2(mergedDir, Int32(MNT_DETACH)) != 0 && errno != EINVAL && errno != ENOENT {
            throw RuntimeError.system(call: "umount \(mergedDir)", errno: errno)
        }
    }
}
