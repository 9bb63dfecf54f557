import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One file of a projected volume (configMap, secret, downwardAPI).
public struct ProjectedFile: Sendable, Equatable {
    /// Relative path inside the volume (`key` or an item's `path`, may contain subdirectories).
    public var path: String
    public var content: Data
    public var mode: UInt16

    public init(path: String, content: Data, mode: UInt16 = 0o644) {
        self.path = path; self.content = content; self.mode = mode
    }
}

public enum AtomicWriterError: Error, Equatable, CustomStringConvertible {
    case invalidPath(String)
    case io(String, Int32)

    public var description: String {
        switch self {
        case .invalidPath(let p): return "invalid volume item path \"\(p)\": must be relative, without \"..\" and not start with \"..\""
        case .io(let what, let e): return "\(what): \(String(cString: strerror(e)))"
        }
    }
}

/// Writes a projected volume's files so a reader never sees a half-updated set, as the kubelet
/// does: the files go into a fresh timestamped directory, a `..data` symlink is swapped to it with
/// one rename, and each visible name is a symlink through `..data`.
public struct AtomicWriter: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public static func validate(_ path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.isEmpty || path.hasPrefix("/") || path.hasPrefix("..") || parts.contains("..") || parts.contains("") {
            throw AtomicWriterError.invalidPath(path)
        }
    }

    /// Replaces the volume's content with `files`.
    public func write(_ files: [ProjectedFile]) throws {
        for f in files { try Self.validate(f.path) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = "..\(Self.timestamp())"
        let tsDir = directory + "/" + stamp
        try FileManager.default.createDirectory(atPath: tsDir, withIntermediateDirectories: false)
        for f in files {
            let full = tsDir + "/" + f.path
            let parent = (full as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: full, contents: f.content) else { throw AtomicWriterError.io("write \(full)", errno) }
            if chmod(full, mode_t(f.mode)) != 0 { throw AtomicWriterError.io("chmod \(full)", errno) }
        }
        // Swap ..data to the new directory in one rename.
        let old = (try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/..data"))
        let tmpLink = directory + "/..data_tmp"
        unlink(tmpLink)
        if symlink(stamp, tmpLink) != 0 { throw AtomicWriterError.io("symlink \(tmpLink)", errno) }
        if rename(tmpLink, directory + "/..data") != 0 { throw AtomicWriterError.io("rename \(tmpLink)", errno) }
        // Visible names: top-level entries as symlinks through ..data; stale ones removed.
        let top = Set(files.map { String($0.path.split(separator: "/").first ?? "") })
        for name in top {
            let link = directory + "/" + name
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) != "..data/" + name {
                unlink(link)
                if symlink("..data/" + name, link) != 0 { throw AtomicWriterError.io("symlink \(link)", errno) }
            }
        }
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where !entry.hasPrefix("..") && !top.contains(entry) {
            unlink(directory + "/" + entry)
        }
        if let old, old != stamp { try? FileManager.default.removeItem(atPath: directory + "/" + old) }
    }

    private static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return "\(ts.tv_sec)_\(ts.tv_nsec)_\(UInt16.random(in: 0...UInt16.max))"
    }
}
