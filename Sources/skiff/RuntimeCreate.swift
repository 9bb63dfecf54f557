import ArgumentParser
import SkiffRuntime

struct RuntimeCreate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a container; its process waits for `start`.")
    @OptionGroup var global: RuntimeGlobal
    @Option(name: [.short, .long], help: "Bundle directory (config.json + rootfs).") var bundle: String = "."
    @Option(name: .long, help: "Write the init's pid here.") var pidFile: String?
    @Option(name: .long, help: "Not supported (no terminals).") var consoleSocket: String?
    @Option(name: .long, help: "CRI log file for stdout/stderr (default: in the state dir).") var logPath: String?
    @Argument(help: "Container id.") var id: String

    func run() throws {
        try Self.perform(global.runtime, id: id, bundle: bundle, pidFile: pidFile, consoleSocket: consoleSocket, logPath: logPath)
    }

    static func perform(_ rt: Runtime, id: String, bundle: String, pidFile: String?, consoleSocket: String?, logPath: String?) throws {
        try rejectConsoleSocket(consoleSocket)
        do {
            let st = try rt.create(id: id, bundle: bundle, options: .init(logPath: logPath))
            try writePidFile(pidFile, st.pid)
        } catch { throw runtimeFailure(error) }
    }
}

struct RuntimeStart: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a created container's process.")
    @OptionGroup var global: RuntimeGlobal
    @Argument(help: "Container id.") var id: String

    func run() throws { try Self.perform(global.runtime, id: id) }

    static func perform(_ rt: Runtime, id: String) throws {
        do { try rt.start(id: id) } catch { throw runtimeFailure(error) }
    }
}
