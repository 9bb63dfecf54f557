import ArgumentParser
import Dispatch
import Glibc
import SkiffAPI

/// The entry point. `skiff runtime ...` is short-lived and synchronous, so it skips the
/// concurrency runtime and the whole command tree (see RuntimeFastPath); every other command
/// runs as an async ArgumentParser command.
@main
enum SkiffMain {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        if args.first == "runtime" {
            RuntimeFastPath.main(Array(args.dropFirst()))
        }
        Task {
            await Skiff.main()
            exit(0)
        }
        dispatchMain()
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
