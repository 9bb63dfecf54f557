import ArgumentParser
import Glibc
import SkiffRuntime

/// Measures the library's create-start-wait-delete cycle in one process (hack/bench/runtime.sh).
struct RuntimeBenchCycle: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-cycle", shouldDisplay: false)
    @OptionGroup var global: RuntimeGlobal
    @Option(name: [.short, .long]) var bundle: String = "."
    @Option(name: .short) var n: Int = 50

    func run() throws {
        let rt = global.runtime
        var times: [Double] = []
        for i in 0..<n {
            let id = "bench-cycle-\(getpid())-\(i)"
            var a = timespec(), b = timespec()
            clock_gettime(CLOCK_MONOTONIC, &a)
            do {
                try rt.create(id: id, bundle: bundle)
                try rt.start(id: id)
                let e = try rt.wait(id: id)
                try rt.delete(id: id)
                if e.exitCode != 0 { throw RuntimeError.invalidArgument("bench container exited \(e.exitCode)") }
            } catch { try? rt.delete(id: id, force: true); throw runtimeFailure(error) }
            clock_gettime(CLOCK_MONOTONIC, &b)
            times.append(Double(b.tv_sec - a.tv_sec) * 1000 + Double(b.tv_nsec - a.tv_nsec) / 1e6)
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        print("cycles=\(n) median_ms=\(fmt(median)) min_ms=\(fmt(times.first ?? 0)) max_ms=\(fmt(times.last ?? 0))")
    }

    func fmt(_ d: Double) -> String { let v = (d * 100).rounded() / 100; return "\(v)" }
}
