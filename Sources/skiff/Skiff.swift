import ArgumentParser
import SkiffAPI

@main
struct Skiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skiff",
        abstract: "A compact Kubernetes-style cluster around a real Linux container node agent.",
        version: SkiffVersion.skiff,
        subcommands: [ServerCommand.self, DNSCommand.self, AgentCommand.self, APIServerCommand.self, KubeletCommand.self, RuntimeCommand.self, BenchAPICommand.self]
    )
}
