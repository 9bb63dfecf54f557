import Foundation

/// The admin kubeconfig written to `<data-dir>/kubeconfig` so `kubectl --kubeconfig` works as is.
public enum Kubeconfig {
    public static func render(server: String, clusterName: String = "skiff", user: String = "admin") -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: \(clusterName)
          cluster:
            server: \(server)
        users:
        - name: \(user)
          user: {}
        contexts:
        - name: \(clusterName)
          context:
            cluster: \(clusterName)
            user: \(user)
            namespace: default
        current-context: \(clusterName)
        preferences: {}

        """
    }

    /// Writes the file atomically with mode 0600 (it will hold credentials once TLS lands).
    public static func write(server: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tmp = path + ".tmp"
        try Data(render(server: server).utf8).write(to: URL(fileURLWithPath: tmp))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tmp)
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: tmp, toPath: path)
    }
}
