import Foundation
import Glibc
import Testing
@testable import SkiffCgroups

/// The real file layer on an ordinary temp directory (no root needed): errors carry the
/// operation, path and errno; mkdir is idempotent; only directories are listed.
struct LinuxCgroupFSTests {
    @Test func fileOperationsAndErrors() throws {
        let fs = LinuxCgroupFS()
        let base = NSTemporaryDirectory() + "skiff-cgfs-\(getpid())-\(UInt32.random(in: 0..<0xffff_ffff))"
        try fs.mkdir(base)
        defer { try? FileManager.default.removeItem(atPath: base) }
        try fs.mkdir(base)  // idempotent
        try fs.mkdir(base + "/child")
        #expect(FileManager.default.createFile(atPath: base + "/memory.max", contents: Data("max\n".utf8)))
        #expect(try fs.read(base + "/memory.max") == "max\n")
        try fs.write(base + "/memory.max", "1048576")
        #expect(try fs.read(base + "/memory.max").hasPrefix("1048576"))
        #expect(try fs.listDirectories(base) == ["child"])
        #expect(fs.exists(base + "/child") && !fs.exists(base + "/absent"))

        #expect(throws: CgroupError.system(operation: "write", path: base + "/absent", errno: ENOENT, hint: nil)) {
            try fs.write(base + "/absent", "1")
        }
        #expect(throws: CgroupError.system(operation: "open", path: base + "/absent", errno: ENOENT, hint: nil)) {
            try fs.read(base + "/absent")
        }
        #expect(throws: CgroupError.system(operation: "mkdir", path: base + "/no/such", errno: ENOENT, hint: nil)) {
            try fs.mkdir(base + "/no/such")
        }
        #expect(throws: CgroupError.system(operation: "rmdir", path: base + "/absent", errno: ENOENT, hint: nil)) {
            try fs.rmdir(base + "/absent")
        }
        try fs.rmdir(base + "/child")
        #expect(try fs.listDirectories(base).isEmpty)
        // A large file is read whole, past the first buffer.
        let big = String(repeating: "x", count: 10_000)
        #expect(FileManager.default.createFile(atPath: base + "/big", contents: Data(big.utf8)))
        #expect(try fs.read(base + "/big").count == 10_000)
    }
}
