import ArgumentParser
import SkiffRuntime

struct RuntimeExec: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exec", abstract: "Run another process in a running container.")
    @OptionGroup var global: RuntimeGlobal
    @Flag(name: [.short, .customLong("tty")], help: "Not supported (no terminals).") var tty = false
    @Option(name: [.short, .long], help: "OCI process JSON file instead of arguments.") var process: String?
    @Option(name: [.short, .long], help: "Extra environment NAME=value.") var env: [String] = []
    @Option(name: .long, help: "Working directory.") var cwd: String?
    @Option(name: [.short, .long], help: "uid[:gid].") var user: String?
    @Flag(name: [.short, .long], help: "Do not wait for the process.") var detach = false
    @Option(name: .long, help: "Write the process pid here.") var pidFile: String?
    @Argument(help: "Container id.") var id: String
    @Argument(parsing: .captureForPassthrough, help: "Command and arguments.") var command: [String] = []

    func run() throws {
        if tty { throw ValidationError("--tty: terminals are not supported") }
        let rt = global.runtime
        do {
            var p: OCISpec.Process
            if let file = process {
                p = try Runtime.loadProcess(path: file)
            } else {
                guard !command.isEmpty else { throw ValidationError("expected a command after the container id, or --process") }
                let spec = try? SpecLoader.load(bundle: rt.state(id: id).bundle)
                p = spec?.process ?? OCISpec.Process(args: command)
                p.args = command
            }
            p.env = (p.env ?? []) + env
            if let cwd { p.cwd = cwd }
            if let user {
                let parts = user.split(separator: ":")
                guard let uid = UInt32(parts[0]), parts.count <= 2, parts.count == 1 || UInt32(parts[1]) != nil else {
                    throw ValidationError("--user: expected uid[:gid] as numbers, got \"\(user)\"")
                }
                p.user.uid = uid
                p.user.gid = parts.count == 2 ? UInt32(parts[1]) ?? 0 : 0
            }
            let pid = try rt.exec(id: id, process: p)
            try writePidFile(pidFile, pid)
            if detach { return }
            throw ExitCode(rt.waitProcess(pid))
        } catch let e as ExitCode { throw e } catch let e as ValidationError { throw e } catch { throw runtimeFailure(error) }
    }
}
