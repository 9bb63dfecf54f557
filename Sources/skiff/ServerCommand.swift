import ArgumentParser
import Foundation
import Logging
import SkiffAPIServer

/// `skiff server`: the all-in-one node (k3s style). For now the API server on the embedded
/// store; the scheduler, controllers, kubelet and proxy join it as they land, each talking
/// to it only through the API.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run the all-in-one Skiff node: the API server on the embedded store, and the components that join it."
    )

    @OptionGroup var flags: APIServerFlags

    func validate() throws {
        _ = try flags.serverOptions()
    }

    func run() async throws {
        LoggingSystem.bootstrapOnce()
        let kv = try await StoreFactory.open(.sqlite, dataDir: flags.dataDir, etcdServers: nil)
        try await ServerRunner.run(options: flags.serverOptions(), store: kv)
    }
}
