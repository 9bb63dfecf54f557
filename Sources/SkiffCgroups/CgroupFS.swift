/// The handful of file operations the cgroup drivers need. Everything goes through this so the
/// driver logic (v1 and v2) can be tested against an in-memory cgroupfs on hosts that lack
/// one of the hierarchies, and so failures carry the path and errno uniformly.
public protocol CgroupFS: Sendable {
    /// Whole contents of a file.
    func read(_ path: String) throws -> String
    /// Writes `value` in a single write(2), as cgroupfs parses each write as one command.
    func write(_ path: String, _ value: String) throws
    /// Creates a directory; an existing directory is not an error (create is idempotent).
    func mkdir(_ path: String) throws
    /// Removes a directory; ENOENT is reported so callers can decide whether it matters.
    func rmdir(_ path: String) throws
    func exists(_ path: String) -> Bool
    /// Names of the subdirectories of `path` (child cgroups).
    func listDirectories(_ path: String) throws -> [String]
}
