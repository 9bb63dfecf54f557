import ArgumentParser
import FoundationEssentials
import Glibc
import SkiffRuntime

struct RuntimeState: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "state", abstract: "Print a container's OCI state as JSON.")
    @OptionGroup var global: RuntimeGlobal
    @Argument(help: "Container id.") var id: String

    func run() throws { try Self.perform(global.runtime, id: id) }

    static func perform(_ rt: Runtime, id: String) throws {
        do {
            let st = try rt.state(id: id)
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try enc.encode(st), as: UTF8.self))
        } catch { throw runtimeFailure(error) }
    }
}

struct RuntimeList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List containers.",
                                                    aliases: ["ps", "ls"])
    @OptionGroup var global: RuntimeGlobal
    @Option(name: [.short, .long], help: "table or json.") var format: String = "table"
    @Flag(name: [.short, .long], help: "Only ids.") var quiet = false

    func run() throws {
        let all = global.runtime.list()
        if quiet { for s in all { print(s.id) }; return }
        switch format {
        case "json":
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try enc.encode(all), as: UTF8.self))
        case "table":
            print(RuntimeTable.render(all))
        default:
            throw ValidationError("--format: expected table or json, got \"\(format)\"")
        }
    }
}

/// runc's `list` table: ID PID STATUS BUNDLE CREATED OWNER, columns padded to the widest cell.
enum RuntimeTable {
    static func render(_ states: [ContainerState]) -> String {
        var rows = [["ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"]]
        for s in states { rows.append([s.id, "\(s.pid)", s.status.rawValue, s.bundle, s.created, "root"]) }
        var widths = [Int](repeating: 0, count: 6)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            r.enumerated().map { i, c in i == 5 ? c : c + String(repeating: " ", count: widths[i] - c.count + 3) }.joined()
        }.joined(separator: "\n")
    }
}
