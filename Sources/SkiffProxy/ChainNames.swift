/// Chain names as kube-proxy makes them, so rules read the same on a Skiff node as on any
/// Kubernetes node: a prefix and the first 16 characters of base32(sha256(key)), where the key is
/// the service port name ("ns/name:port"), the lower-case protocol and, for endpoints, "ip:port".
public enum ChainNames {
    public static func hash(_ key: String) -> String {
        String(Base32.encode(SHA256.digest(Array(key.utf8))).prefix(16))
    }

    /// The per-service-port chain (cluster traffic to all endpoints).
    public static func service(_ portName: String, _ proto: String) -> String {
        "KUBE-SVC-" + hash(portName + proto.lowercased())
    }

    /// External traffic (node ports, external and load-balancer IPs) before the policy applies.
    public static func external(_ portName: String, _ proto: String) -> String {
        "KUBE-EXT-" + hash(portName + proto.lowercased())
    }

    /// Node-local endpoints only (externalTrafficPolicy: Local).
    public static func serviceLocal(_ portName: String, _ proto: String) -> String {
        "KUBE-SVL-" + hash(portName + proto.lowercased())
    }

    /// One endpoint of one service port.
    public static func endpoint(_ portName: String, _ proto: String, _ endpoint: String) -> String {
        "KUBE-SEP-" + hash(portName + proto.lowercased() + endpoint)
    }

    /// Whether a chain is one of the per-service chains the proxy owns (and may delete when stale).
    public static func isServiceChain(_ name: String) -> Bool {
        name.hasPrefix("KUBE-SVC-") || name.hasPrefix("KUBE-SEP-") || name.hasPrefix("KUBE-EXT-")
            || name.hasPrefix("KUBE-SVL-") || name.hasPrefix("KUBE-FW-")
    }
}
