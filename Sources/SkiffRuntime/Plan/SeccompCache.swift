import FoundationEssentials
import Synchronization

/// Compiling a 300-rule profile costs milliseconds; containers of one node mostly share a
/// handful of profiles, so compiled programs are kept per process, keyed by the profile.
enum SeccompCache {
    private static let cache = Mutex<[OCISpec.Seccomp: [UInt8]]>([:])

    static func program(_ s: OCISpec.Seccomp) throws -> [UInt8] {
        if let hit = cache.withLock({ $0[s] }) { return hit }
        let prog = try SeccompCompiler.compile(s)
        cache.withLock { $0[s] = prog }
        return prog
    }
}
