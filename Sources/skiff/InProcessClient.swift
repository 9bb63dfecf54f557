import ArgumentParser
import SkiffClient

/// Components inside `skiff server` reach the API server in the same process like any other
/// client: through the kubeconfig it writes once it listens. This waits for that file (up to
/// 30 s) and returns a client for it.
enum InProcessClient {
    static func waitForKubeconfig(_ path: String) async throws -> SkiffClient {
        for _ in 0..<600 {
            if let c = try? ClientConfig.fromKubeconfig(path: path) { return SkiffClient(config: c) }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw ValidationError("the API server did not write \(path)")
    }
}
