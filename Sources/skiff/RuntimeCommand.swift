import Glibc
import ArgumentParser
import SkiffRuntime

/// `skiff runtime`: a runc-compatible CLI over the SkiffRuntime library, so bundles run the
/// same as under runc and crun and the two can be compared.
struct RuntimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runtime",
        _superCommandName: "skiff",
        abstract: "Run OCI bundles (runc-compatible: spec, create, start, run, state, kill, delete, exec, list).",
        subcommands: [RuntimeSpec.self, RuntimeCreate.self, RuntimeStart.self, RuntimeRun.self, RuntimeState.self,
                      RuntimeKill.self, RuntimeDelete.self, RuntimeExec.self, RuntimeList.self, RuntimeBenchCycle.self]
    )
    @OptionGroup var global: RuntimeGlobal
}

/// Options every verb accepts (runc's global flags), before or after the verb.
struct RuntimeGlobal: ParsableArguments {
    @Option(name: .long, help: "State directory.")
    var root: String = "/run/skiff/runtime"

    var runtime: Runtime { Runtime(root: root) }
}

/// Prints the runtime's error the way runc users expect and exits 1.
func runtimeFailure(_ error: any Error) -> ExitCode {
    var line = "skiff runtime: \(error)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    return ExitCode(1)
}

/// `--pid-file`: the init's host pid, written atomically like runc.
func writePidFile(_ path: String?, _ pid: Int32) throws {
    guard let path else { return }
    let tmp = path + ".tmp"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw RuntimeError.system(call: "open \(tmp)", errno: errno) }
    var s = "\(pid)"
    s.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard rename(tmp, path) == 0 else { throw RuntimeError.system(call: "rename \(path)", errno: errno) }
}

func rejectConsoleSocket(_ s: String?) throws {
    if s != nil {
        throw ValidationError("--console-socket: terminals are not supported; run with process.terminal false")
    }
}
