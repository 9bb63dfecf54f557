import ArgumentParser
import Glibc
import SkiffRuntime

/// The runtime verbs an engine calls for every container (create, start, run, state, kill,
/// delete), recognised by a small hand parser before ArgumentParser starts: its reflection over
/// the command tree costs milliseconds per process start, more than some verbs themselves.
/// The forms accepted are exactly the plain ones the ArgumentParser commands accept; anything
/// else (help, an unknown flag, a missing id, `--`) returns nil and goes to those commands,
/// which print the full messages. Both paths run the same `perform` functions.
struct RuntimeFastPath: Equatable {
    var root = "/run/skiff/runtime"
    var verb = ""
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var arguments: [String] = []

    /// Per verb: options taking a value and boolean flags (long names; short ones map to them),
    /// and how many positional arguments (minimum...maximum).
    static let grammar: [String: (options: Set<String>, flags: Set<String>, positional: ClosedRange<Int>)] = [
        "create": (["bundle", "pid-file", "console-socket", "log-path"], [], 1...1),
        "run": (["bundle", "pid-file", "console-socket"], ["detach"], 1...1),
        "start": ([], [], 1...1),
        "state": ([], [], 1...1),
        "kill": ([], ["all"], 1...2),
        "delete": ([], ["force"], 1...1),
    ]
    static let shortNames: [String: String] = ["b": "bundle", "d": "detach", "a": "all", "f": "force"]

    /// Parses the arguments after `runtime`; nil when they are not a plain form of a hot verb.
    static func parse(_ args: [String]) -> RuntimeFastPath? {
        var p = RuntimeFastPath()
        var grammar: (options: Set<String>, flags: Set<String>, positional: ClosedRange<Int>)?
        var i = 0
        while i < args.count {
            let a = args[i]
            i += 1
            if a.hasPrefix("-") {
                var name: String
                var inline: String?
                if a.hasPrefix("--") {
                    name = String(a.dropFirst(2))
                    if let eq = name.firstIndex(of: "=") {
                        inline = String(name[name.index(after: eq)...])
                        name = String(name[..<eq])
                    }
                } else {
                    guard a.count == 2, let long = shortNames[String(a.dropFirst())] else { return nil }
                    name = long
                }
                if name.isEmpty || name == "help" || name == "version" { return nil }
                if name == "root" {
                    guard let v = inline ?? (i < args.count ? args[i] : nil), !v.hasPrefix("-") || inline != nil else { return nil }
                    if inline == nil { i += 1 }
                    p.root = v
                    continue
                }
                guard let g = grammar else { return nil }  // verb flags come after the verb
                if g.options.contains(name) {
                    guard let v = inline ?? (i < args.count ? args[i] : nil), inline != nil || !v.hasPrefix("-") else { return nil }
                    if inline == nil { i += 1 }
                    guard p.values.updateValue(v, forKey: name) == nil else { return nil }  // repeated: let the full parser decide
                } else if g.flags.contains(name), inline == nil {
                    p.flags.insert(name)
                } else {
                    return nil
                }
            } else if grammar == nil {
                guard let g = Self.grammar[a] else { return nil }
                p.verb = a
                grammar = g
            } else {
                p.arguments.append(a)
            }
        }
        guard let g = grammar, g.positional.contains(p.arguments.count), !p.arguments[0].isEmpty else { return nil }
        // A shortened value that only looks like a short-flag cluster (`-da`) already went to nil above.
        return p
    }

    /// Runs the verb; throws what the ArgumentParser command would (ExitCode, ValidationError).
    func perform() throws {
        let rt = Runtime(root: root)
        let id = arguments[0]
        switch verb {
        case "create":
            try RuntimeCreate.perform(rt, id: id, bundle: values["bundle"] ?? ".", pidFile: values["pid-file"],
                                      consoleSocket: values["console-socket"], logPath: values["log-path"])
        case "run":
            try RuntimeRun.perform(rt, id: id, bundle: values["bundle"] ?? ".", detach: flags.contains("detach"),
                                   pidFile: values["pid-file"], consoleSocket: values["console-socket"])
        case "start": try RuntimeStart.perform(rt, id: id)
        case "state": try RuntimeState.perform(rt, id: id)
        case "kill": try RuntimeKill.perform(rt, id: id, signal: arguments.count > 1 ? arguments[1] : "SIGTERM", all: flags.contains("all"))
        case "delete": try RuntimeDelete.perform(rt, id: id, force: flags.contains("force"))
        default: preconditionFailure("verb \(verb) is not in the grammar")
        }
    }

    /// `skiff runtime ...`: the fast path when it applies, else the runtime's ArgumentParser
    /// tree alone (not the whole `skiff` tree). Never returns.
    static func main(_ args: [String]) -> Never {
        if let fast = parse(args) {
            do {
                try fast.perform()
                exit(0)
            } catch let code as ExitCode {
                exit(code.rawValue)
            } catch {
                // A usage error: the ArgumentParser command reports it with its usage text.
            }
        }
        RuntimeCommand.main(args)
        exit(0)
    }
}
