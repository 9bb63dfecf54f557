import ArgumentParser
import Glibc
import SkiffRuntime

/// Measures the library's create-start-wait-delete cycle in one process (hack/bench/runtime.sh),
/// with the median of each phase so a slow step stands out.
struct RuntimeBenchCycle: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-cycle", shouldDisplay: false)
    @OptionGroup var global: RuntimeGlobal
    @Option(name: [.short, .long]) var bundle: String = "."
    @Option(name: .short) var n: Int = 50
    @Flag(name: .long, help: "Run without cgroups, to see what they cost.") var noCgroups = false

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
    }

    func run() throws {
        let rt = noCgroups ? Runtime(root: global.root, cgroups: nil) : global.runtime
        var phases: [String: [Double]] = [:]
        var totals: [Double] = []
        for i in 0..<n {
            let id = "bench-cycle-\(getpid())-\(i)"
            do {
                let t0 = Self.now()
                try rt.create(id: id, bundle: bundle)
                let t1 = Self.now()
                try rt.start(id: id)
                let t2 = Self.now()
                let e = try rt.wait(id: id)
                let t3 = Self.now()
                try rt.delete(id: id)
                let t4 = Self.now()
                if e.exitCode != 0 { throw RuntimeError.invalidArgument("bench container exited \(e.exitCode)") }
                phases["create", default: []].append(t1 - t0)
                phases["start", default: []].append(t2 - t1)
                phases["wait", default: []].append(t3 - t2)
                phases["delete", default: []].append(t4 - t3)
                totals.append(t4 - t0)
            } catch { try? rt.delete(id: id, force: true); throw runtimeFailure(error) }
        }
        totals.sort()
        let parts = ["create", "start", "wait", "delete"].map { "\($0)=\(fmt(median(phases[$0] ?? [])))" }.joined(separator: " ")
        print("cycles=\(n) median_ms=\(fmt(median(totals))) min_ms=\(fmt(totals.first ?? 0)) max_ms=\(fmt(totals.last ?? 0)) phases_median_ms: \(parts)")
    }

    func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        if s.isEmpty { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    func fmt(_ d: Double) -> String { let v = (d * 100).rounded() / 100; return "\(v)" }
}
