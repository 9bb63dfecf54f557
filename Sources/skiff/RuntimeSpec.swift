import ArgumentParser
import FoundationEssentials
import Glibc
import SkiffRuntime

struct RuntimeSpec: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "spec", abstract: "Write a default config.json for a Kubernetes-like container.")
    @OptionGroup var global: RuntimeGlobal
    @Option(name: [.short, .long], help: "Bundle directory to write config.json into.")
    var bundle: String = "."

    func run() throws {
        let path = bundle + "/config.json"
        if access(path, F_OK) == 0 { throw runtimeFailure(RuntimeError.invalidArgument("\(path) already exists")) }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try enc.encode(DefaultSpec.make())
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw runtimeFailure(RuntimeError.system(call: "open \(path)", errno: errno)) }
        defer { close(fd) }
        var bytes = Array(data); bytes.append(10)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
