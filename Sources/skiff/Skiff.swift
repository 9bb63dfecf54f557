import ArgumentParser
import SkiffAPI

@main
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
