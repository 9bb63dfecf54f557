import ArgumentParser
import Foundation
import Logging
import SkiffClient
import SkiffScheduler

/// Flags of the scheduler, shared by `skiff scheduler` and `skiff server`.
struct SchedulerFlags: ParsableArguments {
    @Option(name: .long, help: "Algorithm provider: DefaultProvider (spread) or ClusterAutoscalerProvider (pack).")
    var algorithmProvider: String?

    @Option(name: .long, help: "Scheduler config file (YAML or JSON) choosing filters, scores and weights.")
    var config: String?

    @Option(name: .long, help: "Schedule only pods whose spec.schedulerName is this (unset means default-scheduler).")
    var schedulerName: String = SchedulerOptions.defaultSchedulerName

    @Option(name: .long, help: "Elect a leader through a Lease so only one scheduler acts (true/false).")
    var leaderElect: Bool = true

    @Option(name: .long, help: .hidden)
    var bindWorkers: Int = SchedulerOptions().bindWorkers

    func validate() throws {
        if algorithmProvider != nil && config != nil {
            throw ValidationError("give --algorithm-provider or --config, not both")
        }
        _ = try policy()
        if bindWorkers < 1 { throw ValidationError("--bind-workers: must be at least 1") }
        if schedulerName.isEmpty { throw ValidationError("--scheduler-name: must not be empty") }
    }

    func policy() throws -> SchedulerPolicy {
        do {
            if let config { return try SchedulerPolicy.load(path: config) }
            if let algorithmProvider { return try SchedulerPolicy.provider(named: algorithmProvider) }
            return SchedulerPolicy()
        } catch let e as SchedulerConfigError {
            throw ValidationError(e.message)
        }
    }

    func options() -> SchedulerOptions {
        var o = SchedulerOptions()
        o.schedulerName = schedulerName
        o.bindWorkers = bindWorkers
        return o
    }
}

struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Run the scheduler: bind pending pods to nodes by filters and scores."
    )

    @Option(name: .long, help: "Kubeconfig with the API server and credentials.")
    var kubeconfig: String

    @OptionGroup var flags: SchedulerFlags

    func run() async throws {
        LoggingSystem.bootstrapOnce()
        let client = SkiffClient(config: try ClientConfig.fromKubeconfig(path: kubeconfig))
        let work = Task { try await SchedulerRunner.run(client: client, flags: flags) }
        _ = await Signals.wait([SIGTERM, SIGINT])
        work.cancel()
        _ = await work.result
        await client.shutdown()
    }
}

/// Runs the scheduler until cancelled, behind leader election when asked.
enum SchedulerRunner {
    /// `identity` names this candidate in the Lease (default: host name and a random suffix).
    static func run(client: SkiffClient, flags: SchedulerFlags, identity: String? = nil) async throws {
        let algorithm = try flags.policy().algorithm()
        let options = flags.options()
        let logger = Logger(label: "skiff.scheduler")
        let lead: @Sendable () async -> Void = {
            let scheduler = Scheduler(client: client, algorithm: algorithm, options: options)
            do { try await scheduler.run() } catch {
                if !Task.isCancelled { logger.error("scheduler stopped: \(error)") }
            }
        }
        if flags.leaderElect {
            let elector = LeaderElector(client: client, config: LeaderElectionConfig(name: options.schedulerName, identity: identity))
            await elector.run(lead: lead)
        } else {
            await lead()
        }
    }

    /// In `skiff server`: waits for the kubeconfig the in-process API server writes, then runs.
    static func runInServer(kubeconfig: String, flags: SchedulerFlags) async throws {
        let client = try await InProcessClient.waitForKubeconfig(kubeconfig)
        // A stable identity: the API server is this process's own, so a restarted server
        // takes its lease back at once instead of waiting out the old one.
        try await run(client: client, flags: flags, identity: "\(ProcessInfo.processInfo.hostName)_server")
        await client.shutdown()
    }
}
