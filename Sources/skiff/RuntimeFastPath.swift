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
    var bundle: String?
    var pidFile: String?
    var consoleSocket: String?
    var logPath: String?
    var detach = false
    var all = false
    var force = false
    var arguments: [String] = []

    enum Kind { case option, flag }

    /// What `--name` is for `verb`. Plain switches on purpose: no dictionaries or sets, whose
    /// first use costs generic type lookups in a binary this size.
    static func kind(of name: String, for verb: String) -> Kind? {
        switch (verb, name) {
        case ("create", "bundle"), ("create", "pid-file"), ("create", "console-socket"), ("create", "log-path"),
             ("run", "bundle"), ("run", "pid-file"), ("run", "console-socket"):
            return .option
        case ("run", "detach"), ("kill", "all"), ("delete", "force"):
            return .flag
        default:
            return nil
        }
    }

    /// How many positional arguments a verb takes; nil for verbs left to ArgumentParser.
    static func positionals(of verb: String) -> ClosedRange<Int>? {
        switch verb {
        case "create", "run", "start", "state", "delete": return 1...1
        case "kill": return 1...2
        default: return nil
        }
    }

    static func longName(_ short: String) -> String? {
        switch short {
        case "-b": return "bundle"
        case "-d": return "detach"
        case "-a": return "all"
        case "-f": return "force"
        default: return nil
        }
    }

    /// Stores an option's value; false when it was given twice (the full parser decides then).
    mutating func set(_ name: String, _ value: String) -> Bool {
        func put(_ slot: inout String?) -> Bool {
            if slot != nil { return false }
            slot = value
            return true
        }
        switch name {
        case "bundle": return put(&bundle)
        case "pid-file": return put(&pidFile)
        case "console-socket": return put(&consoleSocket)
        case "log-path": return put(&logPath)
        default: return false
        }
    }

    mutating func set(flag name: String) {
        switch name {
        case "detach": detach = true
        case "all": all = true
        case "force": force = true
        default: break
        }
    }

    /// Parses the arguments after `runtime`; nil when they are not a plain form of a hot verb.
    static func parse(_ args: [String]) -> RuntimeFastPath? {
        var p = RuntimeFastPath()
        var i = 0
        while i < args.count {
            let a = args[i]
            i += 1
            guard a.hasPrefix("-") else {
                if p.verb.isEmpty {
                    guard positionals(of: a) != nil else { return nil }
                    p.verb = a
                } else {
                    p.arguments.append(a)
                }
                continue
            }
            var name: String
            var inline: String?
            if a.hasPrefix("--") {
                name = String(a.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
            } else {
                guard let long = longName(a) else { return nil }
                name = long
            }
            if name == "root" || (!p.verb.isEmpty && kind(of: name, for: p.verb) == .option) {
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard i < args.count, !args[i].hasPrefix("-") else { return nil }
                    value = args[i]
                    i += 1
                }
                if name == "root" { p.root = value } else if !p.set(name, value) { return nil }
            } else if !p.verb.isEmpty, inline == nil, kind(of: name, for: p.verb) == .flag {
                p.set(flag: name)
            } else {
                return nil  // --help, --version, unknown flags, verb flags before the verb
            }
        }
        guard let range = positionals(of: p.verb), range.contains(p.arguments.count), !p.arguments[0].isEmpty else { return nil }
        return p
    }

    /// Runs the verb; throws what the ArgumentParser command would (ExitCode, ValidationError).
    func perform() throws {
        let rt = Runtime(root: root)
        let id = arguments[0]
        switch verb {
        case "create":
            try RuntimeCreate.perform(rt, id: id, bundle: bundle ?? ".", pidFile: pidFile, consoleSocket: consoleSocket, logPath: logPath)
        case "run":
            try RuntimeRun.perform(rt, id: id, bundle: bundle ?? ".", detach: detach, pidFile: pidFile, consoleSocket: consoleSocket)
        case "start": try RuntimeStart.perform(rt, id: id)
        case "state": try RuntimeState.perform(rt, id: id)
        case "kill": try RuntimeKill.perform(rt, id: id, signal: arguments.count > 1 ? arguments[1] : "SIGTERM", all: all)
        case "delete": try RuntimeDelete.perform(rt, id: id, force: force)
        default: preconditionFailure("verb \(verb) has no fast path")
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
