import Glibc
import Testing

/// Privileged tests run for real as root. Not root: they skip, unless SKIFF_PRIVILEGED_TESTS=1
/// (CI), where missing root is a failure.
enum Privileged {
    static var isRoot: Bool { geteuid() == 0 }
    static var required: Bool { getenv("SKIFF_PRIVILEGED_TESTS").map { String(cString: $0) == "1" } ?? false }
    /// Use as `.enabled(if: Privileged.enabled, ...)`: when CI requires them the test runs and fails in `check()`.
    static var enabled: Bool { isRoot || required }

    struct NotRoot: Error, CustomStringConvertible {
        var description: String { "privileged test needs root (SKIFF_PRIVILEGED_TESTS=1 is set)" }
    }

    static func check() throws {
        if !isRoot { throw NotRoot() }
    }
}

extension Trait where Self == ConditionTrait {
    static var privileged: ConditionTrait {
        .enabled(if: Privileged.enabled, "needs root: namespaces, mounts and cgroups (set SKIFF_PRIVILEGED_TESTS=1 to require)")
    }
}
