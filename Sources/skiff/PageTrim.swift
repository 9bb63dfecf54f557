import CSkiffRuntime
import Logging

/// Long-running daemons touch much of the binary while starting (argument parsing, type
/// metadata, setup code) and little of it afterwards. Once started, they drop the executable's
/// clean pages and mark them random-access, so the resident set holds what they go on using.
enum PageTrim {
    /// Trims now (from here on a fault maps only its own page, not the 16 around it) and once
    /// more `delay` later, after start-up settled.
    static func afterStartup(_ logger: Logger, delay: Duration = .seconds(15)) -> Task<Void, Never> {
        _ = skiff_trim_executable_pages()
        return Task.detached(priority: .background) {
            try? await Task.sleep(for: delay)
            if Task.isCancelled { return }
            let bytes = skiff_trim_executable_pages()
            if bytes >= 0 {
                logger.info("start-up pages released", metadata: ["mapped_mib": "\(bytes >> 20)"])
            }
        }
    }
}
