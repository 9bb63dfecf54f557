import ArgumentParser
import Glibc
import SkiffAPI

/// The entry point. `skiff runtime ...` is short-lived and synchronous: it goes to the runtime's
/// fast path (RuntimeFastPath) before ArgumentParser looks at the whole command tree. Every
/// other command runs as an async ArgumentParser command on the async main (whose main thread
/// drains the main run loop, as Foundation expects).
@main
enum SkiffMain {
    static func main() async {
        let args = Array(CommandLine.arguments.dropFirst())
        if args.first == "runtime" {
            RuntimeFastPath.main(Array(args.dropFirst()))
        }
        await Skiff.main(nil)
    }
}

struct Skiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skiff",
        abstract: "A compact Kubernetes-style cluster around a real Linux container node agent.",
        version: SkiffVersion.skiff,
        subcommands: [ServerCommand.self, AgentCommand.self, APIServerCommand.self, KubeletCommand.self, ControllerManagerCommand.self,
                      SchedulerCommand.self, ProxyCommand.self, DNSCommand.self, RuntimeCommand.self,
                      BenchAPICommand.self, BenchSchedulerCommand.self, BenchProxyCommand.self]
    )
}
