import ArgumentParser
import Glibc
import SkiffRuntime

struct RuntimeKill: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kill", abstract: "Send a signal (default TERM) to a container's init.")
    @OptionGroup var global: RuntimeGlobal
    @Flag(name: [.short, .long], help: "Signal every process in the container's cgroup.") var all = false
    @Argument(help: "Container id.") var id: String
    @Argument(help: "Signal name (KILL, SIGKILL) or number.") var signal: String = "SIGTERM"

    func run() throws { try Self.perform(global.runtime, id: id, signal: signal, all: all) }

    static func perform(_ rt: Runtime, id: String, signal: String, all: Bool) throws {
        guard let sig = SignalNames.parse(signal) else {
            throw ValidationError("signal: unknown signal \"\(signal)\"; expected a name like TERM or a number 1-64")
        }
        do { try rt.kill(id: id, signal: sig, all: all) } catch { throw runtimeFailure(error) }
    }
}

struct RuntimeDelete: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a stopped container (running ones with --force).")
    @OptionGroup var global: RuntimeGlobal
    @Flag(name: [.short, .long], help: "Kill a running container first.") var force = false
    @Argument(help: "Container id.") var id: String

    func run() throws { try Self.perform(global.runtime, id: id, force: force) }

    static func perform(_ rt: Runtime, id: String, force: Bool) throws {
        do { try rt.delete(id: id, force: force) } catch {
            if force, case RuntimeError.notFound = error { return }
            throw runtimeFailure(error)
        }
    }
}

/// Signal names as kill(1) and runc accept them.
enum SignalNames {
    static let table: [String: Int32] = [
        "HUP": 1, "INT": 2, "QUIT": 3, "ILL": 4, "TRAP": 5, "ABRT": 6, "IOT": 6, "BUS": 7, "FPE": 8, "KILL": 9,
        "USR1": 10, "SEGV": 11, "USR2": 12, "PIPE": 13, "ALRM": 14, "TERM": 15, "STKFLT": 16, "CHLD": 17,
        "CONT": 18, "STOP": 19, "TSTP": 20, "TTIN": 21, "TTOU": 22, "URG": 23, "XCPU": 24, "XFSZ": 25,
        "VTALRM": 26, "PROF": 27, "WINCH": 28, "IO": 29, "POLL": 29, "PWR": 30, "SYS": 31,
    ]

    static func parse(_ s: String) -> Int32? {
        if let n = Int32(s) { return (1...64).contains(n) ? n : nil }
        var name = s.uppercased()
        if name.hasPrefix("SIG") { name.removeFirst(3) }
        if let n = table[name] { return n }
        if name.hasPrefix("RTMIN") {
            let rest = name.dropFirst(5)
            if rest.isEmpty { return 34 }
            if rest.hasPrefix("+"), let k = Int32(rest.dropFirst()), 34 + k <= 64 { return 34 + k }
        }
        return nil
    }
}
