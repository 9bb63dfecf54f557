import SkiffAPI

/// The `kube-dns` Service and Endpoints in kube-system that put the cluster DNS behind a fixed
/// cluster IP. The Service has no selector: its Endpoints name the node addresses where the DNS
/// server listens, and no controller rewrites them.
public enum KubeDNSObjects {
    public static let namespace = "kube-system"
    public static let name = "kube-dns"
    public static let labels = ["k8s-app": "kube-dns", "kubernetes.io/name": "SkiffDNS"]

    public static func service(clusterIP: String) -> Service {
        Service(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
                spec: ServiceSpec(ports: [
                    ServicePort(name: "dns", protocol: "UDP", port: 53, targetPort: .int(53)),
                    ServicePort(name: "dns-tcp", protocol: "TCP", port: 53, targetPort: .int(53)),
                ], clusterIP: clusterIP, clusterIPs: [clusterIP], type: "ClusterIP"))
    }

    public static func endpoints(addresses: [(ip: String, nodeName: String?)]) -> Endpoints {
        Endpoints(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
                  subsets: addresses.isEmpty ? [] : [EndpointSubset(
                      addresses: addresses.map { EndpointAddress(ip: $0.ip, nodeName: $0.nodeName) },
                      ports: [EndpointPort(name: "dns", port: 53, protocol: "UDP"),
                              EndpointPort(name: "dns-tcp", port: 53, protocol: "TCP")])])
    }

    /// True when `existing` already says what `wanted` says (so no write is needed).
    public static func sameSubsets(_ existing: Endpoints, _ wanted: Endpoints) -> Bool {
        (existing.subsets ?? []) == (wanted.subsets ?? [])
    }
}
