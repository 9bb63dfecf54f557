import Foundation
import Testing
@testable import SkiffKubelet

@Test func atomicWriterSwapsWholeSets() throws {
    let dir = NSTemporaryDirectory() + Host.uniqueName("skiff-vol")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let w = AtomicWriter(directory: dir)
    try w.write([ProjectedFile(path: "game.properties", content: Data("lives=3".utf8)),
                 ProjectedFile(path: "conf/ui.properties", content: Data("color=red".utf8), mode: 0o400)])
    #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/game.properties")), as: UTF8.self) == "lives=3")
    #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/conf/ui.properties")), as: UTF8.self) == "color=red")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/game.properties") == "..data/game.properties")
    let attrs = try FileManager.default.attributesOfItem(atPath: dir + "/..data/conf/ui.properties")
    #expect((attrs[.posixPermissions] as? Int) == 0o400)
    let first = try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/..data")

    try w.write([ProjectedFile(path: "game.properties", content: Data("lives=5".utf8))])
    #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/game.properties")), as: UTF8.self) == "lives=5")
    #expect(!FileManager.default.fileExists(atPath: dir + "/conf"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/" + first))
    #expect(throws: AtomicWriterError.self) { try w.write([ProjectedFile(path: "../escape", content: Data())]) }
    #expect(throws: AtomicWriterError.self) { try w.write([ProjectedFile(path: "/abs", content: Data())]) }
}

@Test func hostPathTypes() throws {
    let dir = NSTemporaryDirectory() + Host.uniqueName("skiff-hp")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try HostPathCheck.prepare(path: dir + "/made", type: "DirectoryOrCreate")
    try HostPathCheck.prepare(path: dir + "/made", type: "Directory")
    try HostPathCheck.prepare(path: dir + "/f", type: "FileOrCreate")
    try HostPathCheck.prepare(path: dir + "/f", type: "File")
    #expect(throws: HostPathCheck.Failure.mismatch(path: dir + "/f", expected: "directory")) { try HostPathCheck.prepare(path: dir + "/f", type: "Directory") }
    #expect(throws: HostPathCheck.Failure.mismatch(path: dir + "/nope", expected: "file")) { try HostPathCheck.prepare(path: dir + "/nope", type: "File") }
    try HostPathCheck.prepare(path: "/dev/null", type: "CharDevice")
    #expect(throws: HostPathCheck.Failure.unsupported("Dir")) { try HostPathCheck.prepare(path: dir, type: "Dir") }
}
