import Foundation
import SkiffAPI
import Testing
@testable import SkiffAPIServer

/// Where pod subresources are relayed and the Metrics API documents built from summaries.
struct NodeProxyTests {
    func pod(_ containers: [String], node: String? = "n1") -> Pod {
        var p = Pod()
        p.metadata.name = "web"
        p.metadata.namespace = "team a"
        p.spec.nodeName = node
        p.spec.containers = containers.map { var c = Container(); c.name = $0; return c }
        return p
    }

    func node(ip: String = "192.0.2.10", port: Int32 = 10250) -> Node {
        var n = Node()
        n.metadata.name = "n1"
        n.status.addresses = [NodeAddress(type: "Hostname", address: "n1"), NodeAddress(type: "InternalIP", address: ip)]
        n.status.daemonEndpoints = NodeDaemonEndpoints(kubeletEndpoint: DaemonEndpoint(Port: port))
        return n
    }

    @Test func logURLGoesToTheNodesKubeletPort() throws {
        let url = try NodeProxyTarget.logURL(pod: pod(["app"]), node: node(port: 11250),
                                             query: ["follow": "true", "tailLines": "5", "sinceTime": "2024-01-01T00:00:00Z", "pretty": "x"])
        #expect(url == "http://192.0.2.10:11250/containerLogs/team%20a/web/app?follow=true&tailLines=5&sinceTime=2024-01-01T00%3A00%3A00Z")
    }

    @Test func containerChoice() throws {
        #expect(try NodeProxyTarget.containerName(pod(["a"]), nil) == "a")
        #expect(try NodeProxyTarget.containerName(pod(["a", "b"]), "b") == "b")
        #expect(throws: APIError.self) { try NodeProxyTarget.containerName(pod(["a", "b"]), nil) }
        #expect(throws: APIError.self) { try NodeProxyTarget.containerName(pod(["a"]), "zzz") }
        var annotated = pod(["a", "b"])
        annotated.metadata.annotations = ["kubectl.kubernetes.io/default-container": "b"]
        #expect(try NodeProxyTarget.containerName(annotated, nil) == "b")
    }

    @Test func unscheduledPodOrUnknownNode() {
        #expect(throws: APIError.self) { try NodeProxyTarget.kubeletBase(pod: pod(["a"], node: nil), node: node()) }
        #expect(throws: APIError.self) { try NodeProxyTarget.kubeletBase(pod: pod(["a"]), node: nil) }
    }

    @Test func metricsDocumentsFromASummary() throws {
        let summary = try JSONValue(from: Data("""
        {"node":{"nodeName":"n1","cpu":{"time":"2026-01-01T00:00:00Z","usageNanoCores":250000000},"memory":{"workingSetBytes":2097152}},
         "pods":[{"podRef":{"name":"web","namespace":"default","uid":"u"},"cpu":{"time":"2026-01-01T00:00:00Z","usageNanoCores":5},
                  "containers":[{"name":"app","cpu":{"usageNanoCores":1000000},"memory":{"workingSetBytes":10240}}]}]}
        """.utf8))
        let n = MetricsAPI.nodeMetrics(name: "n1", labels: ["a": "b"], summary: summary)
        #expect(n["usage"]?["cpu"]?.stringValue == "250000000n")
        #expect(n["usage"]?["memory"]?.stringValue == "2048Ki")
        #expect(n["kind"]?.stringValue == "NodeMetrics")
        #expect(n["timestamp"]?.stringValue == "2026-01-01T00:00:00Z")
        let pods = MetricsAPI.podMetrics(summary: summary)
        let p = try #require(pods["default/web"])
        #expect(p["containers"]?[0]?["usage"]?["cpu"]?.stringValue == "1000000n")
        #expect(p["containers"]?[0]?["usage"]?["memory"]?.stringValue == "10Ki")
        #expect(MetricsAPI.resourceList()["groupVersion"]?.stringValue == "metrics.k8s.io/v1beta1")
    }
}

struct ExecProxyTests {
    @Test func execPathsAndURL() throws {
        #expect(ExecProxy.execPath("/api/v1/namespaces/default/pods/web/exec")! == ("default", "web"))
        #expect(ExecProxy.execPath("/api/v1/namespaces/default/pods/web/log") == nil)
        let q = ExecProxy.pairs("command=sh&command=-c&command=exit+7&container=app&stdin=true&stdout=true&tty=false")
        #expect(q.filter { $0.0 == "command" }.map(\.1) == ["sh", "-c", "exit 7"])
        var p = Pod()
        p.metadata.name = "web"; p.metadata.namespace = "default"; p.spec.nodeName = "n1"
        var c = Container(); c.name = "app"
        p.spec.containers = [c]
        var n = Node()
        n.status.addresses = [NodeAddress(type: "InternalIP", address: "192.0.2.10")]
        n.status.daemonEndpoints = NodeDaemonEndpoints(kubeletEndpoint: DaemonEndpoint(Port: 10250))
        let url = try ExecProxy.kubeletURL(pod: p, node: n, query: q)
        #expect(url == "ws://192.0.2.10:10250/exec/default/web/app?command=sh&command=-c&command=exit%207&stdin=true&stdout=true&tty=false")
        #expect(throws: APIError.self) { try ExecProxy.kubeletURL(pod: p, node: n, query: [("stdin", "true")]) }
        #expect(ExecProxy.negotiate("v5.channel.k8s.io,v4.channel.k8s.io") == "v5.channel.k8s.io")
    }
}
