import Foundation
import Testing

/// Privileged tests run for real as root; elsewhere they skip, unless SKIFF_PRIVILEGED_TESTS=1
/// says they must run (CI), where `privilegedRequirementIsMet` fails.
enum Host {
    static let isRoot = getuid() == 0
    static let privilegedRequired = ProcessInfo.processInfo.environment["SKIFF_PRIVILEGED_TESTS"] == "1"

    /// Runs a command, returning stdout; throws with stderr on a non-zero exit.
    @discardableResult
    static func run(_ argv: [String], allowFailure: Bool = false) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus != 0 && !allowFailure {
            throw HostError.failed(argv.joined(separator: " "), p.terminationStatus, String(decoding: e, as: UTF8.self))
        }
        return String(decoding: o, as: UTF8.self)
    }

    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(getpid() % 10000)-\(UInt32.random(in: 0..<0xffff))"
    }
}

enum HostError: Error { case failed(String, Int32, String) }

@Test func privilegedRequirementIsMet() {
    if Host.privilegedRequired {
        #expect(Host.isRoot, "SKIFF_PRIVILEGED_TESTS=1 but not root: privileged tests cannot run")
    } else if !Host.isRoot {
        print("SkiffKubeletTests: not root: CNI and sandbox tests skipped")
    }
}
