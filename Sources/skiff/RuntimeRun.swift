import ArgumentParser
import SkiffRuntime

struct RuntimeRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run",
        abstract: "Create, start, wait and delete a container in the foreground; exits with its code (128+signal).")
    @OptionGroup var global: RuntimeGlobal
    @Option(name: [.short, .long], help: "Bundle directory (config.json + rootfs).") var bundle: String = "."
    @Flag(name: [.short, .long], help: "Detach: create and start, then return.") var detach = false
    @Option(name: .long, help: "Write the init's pid here.") var pidFile: String?
    @Option(name: .long, help: "Not supported (no terminals).") var consoleSocket: String?
    @Argument(help: "Container id.") var id: String

    func run() throws {
        try Self.perform(global.runtime, id: id, bundle: bundle, detach: detach, pidFile: pidFile, consoleSocket: consoleSocket)
    }

    static func perform(_ rt: Runtime, id: String, bundle: String, detach: Bool, pidFile: String?, consoleSocket: String?) throws {
        try rejectConsoleSocket(consoleSocket)
        if detach {
            do {
                let st = try rt.create(id: id, bundle: bundle)
                try writePidFile(pidFile, st.pid)
                try rt.start(id: id)
            } catch { throw runtimeFailure(error) }
            return
        }
        if pidFile != nil {
            throw ValidationError("--pid-file needs --detach (a foreground run deletes the container when it ends)")
        }
        let code: Int32
        do { code = try rt.run(id: id, bundle: bundle) } catch { throw runtimeFailure(error) }
        throw ExitCode(code)
    }
}
