import Foundation
import Testing
@testable import SkiffAPI

/// Minimal objects defaulted must look like what Kubernetes 1.32 returns for them.
@Suite struct DefaultingTests {
    func defaulted<S: ResourceStrategy>(_ s: S.Type, _ json: String) throws -> JSONValue {
        var obj = try JSONValue(json: json).decode(S.Object.self)
        S.setDefaults(&obj)
        S.prepareForCreate(&obj)
        return try JSONValue(encoding: obj)
    }

    @Test func minimalPod() throws {
        let v = try defaulted(PodStrategy.self, #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{"containers":[{"name":"c","image":"nginx","ports":[{"containerPort":80}],"livenessProbe":{"httpGet":{"port":80}}}]}}"#)
        let spec = try #require(v["spec"])
        #expect(spec["restartPolicy"] == "Always")
        #expect(spec["dnsPolicy"] == "ClusterFirst")
        #expect(spec["terminationGracePeriodSeconds"] == 30)
        #expect(spec["schedulerName"] == "default-scheduler")
        #expect(spec["enableServiceLinks"] == true)
        #expect(spec["securityContext"] == [:])
        #expect(spec["serviceAccountName"] == "default")
        #expect(spec["priority"] == 0)
        #expect(spec["tolerations"]?.arrayValue?.count == 2)
        #expect(spec["tolerations"]?[0] == ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300])
        let c = try #require(spec["containers"]?[0])
        #expect(c["imagePullPolicy"] == "Always")
        #expect(c["terminationMessagePath"] == "/dev/termination-log")
        #expect(c["terminationMessagePolicy"] == "File")
        #expect(c["resources"] == [:])
        #expect(c["ports"]?[0] == ["containerPort": 80, "protocol": "TCP"])
        #expect(c["livenessProbe"] == ["httpGet": ["port": 80, "path": "/", "scheme": "HTTP"], "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3])
        #expect(v["status"] == ["phase": "Pending", "qosClass": "BestEffort"])
    }

    @Test(arguments: [("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.27", "IfNotPresent"),
                      ("localhost:5000/nginx", "Always"), ("localhost:5000/nginx:2", "IfNotPresent"),
                      ("busybox@sha256:abc", "IfNotPresent")])
    func imagePullPolicy(image: String, policy: String) {
        #expect(PodSpecDefaults.imagePullPolicy(for: image) == policy)
    }

    @Test func requestsDefaultToLimitsAndQoS() throws {
        let v = try defaulted(PodStrategy.self, #"{"metadata":{"name":"p","namespace":"default"},"spec":{"containers":[{"name":"c","image":"x:1","resources":{"limits":{"cpu":"1","memory":"1Gi"}}}]}}"#)
        #expect(v["spec"]?["containers"]?[0]?["resources"]?["requests"] == ["cpu": "1", "memory": "1Gi"])
        #expect(v["status"]?["qosClass"] == "Guaranteed")
        let b = try defaulted(PodStrategy.self, #"{"metadata":{"name":"p","namespace":"default"},"spec":{"containers":[{"name":"c","image":"x:1","resources":{"requests":{"cpu":"100m"}}}]}}"#)
        #expect(b["status"]?["qosClass"] == "Burstable")
    }

    @Test func volumesDefaults() throws {
        let v = try defaulted(PodStrategy.self, #"{"metadata":{"name":"p","namespace":"default"},"spec":{"containers":[{"name":"c","image":"x:1"}],"volumes":[{"name":"a"},{"name":"b","configMap":{"name":"cm"}},{"name":"h","hostPath":{"path":"/x"}}]}}"#)
        #expect(v["spec"]?["volumes"]?[0] == ["name": "a", "emptyDir": [:]])
        #expect(v["spec"]?["volumes"]?[1]?["configMap"]?["defaultMode"] == 420)
        #expect(v["spec"]?["volumes"]?[2]?["hostPath"]?["type"] == "")
    }

    @Test func hostNetworkDefaultsHostPorts() throws {
        let v = try defaulted(PodStrategy.self, #"{"metadata":{"name":"p","namespace":"default"},"spec":{"hostNetwork":true,"containers":[{"name":"c","image":"x:1","ports":[{"containerPort":8080}]}]}}"#)
        #expect(v["spec"]?["containers"]?[0]?["ports"]?[0]?["hostPort"] == 8080)
    }

    @Test func minimalService() throws {
        let v = try defaulted(ServiceStrategy.self, #"{"metadata":{"name":"s","namespace":"default"},"spec":{"selector":{"app":"a"},"ports":[{"port":80}]}}"#)
        let spec = try #require(v["spec"])
        #expect(spec["type"] == "ClusterIP")
        #expect(spec["sessionAffinity"] == "None")
        #expect(spec["ports"]?[0] == ["port": 80, "protocol": "TCP", "targetPort": 80])
        #expect(spec["ipFamilies"] == ["IPv4"])
        #expect(spec["ipFamilyPolicy"] == "SingleStack")
        #expect(spec["internalTrafficPolicy"] == "Cluster")
        #expect(spec["externalTrafficPolicy"] == nil)
        #expect(v["status"] == ["loadBalancer": [:]])
    }

    @Test func nodePortServiceAndClientIP() throws {
        let v = try defaulted(ServiceStrategy.self, #"{"metadata":{"name":"s","namespace":"default"},"spec":{"type":"LoadBalancer","sessionAffinity":"ClientIP","ports":[{"port":80,"targetPort":"http"}]}}"#)
        #expect(v["spec"]?["externalTrafficPolicy"] == "Cluster")
        #expect(v["spec"]?["allocateLoadBalancerNodePorts"] == true)
        #expect(v["spec"]?["sessionAffinityConfig"] == ["clientIP": ["timeoutSeconds": 10800]])
        #expect(v["spec"]?["ports"]?[0]?["targetPort"] == "http")
    }

    @Test func minimalDeployment() throws {
        let v = try defaulted(DeploymentResourceStrategy.self, #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"default"},"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}}}"#)
        let spec = try #require(v["spec"])
        #expect(spec["replicas"] == 1)
        #expect(spec["strategy"] == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"]])
        #expect(spec["revisionHistoryLimit"] == 10)
        #expect(spec["progressDeadlineSeconds"] == 600)
        #expect(spec["template"]?["spec"]?["restartPolicy"] == "Always")
        #expect(spec["template"]?["spec"]?["containers"]?[0]?["imagePullPolicy"] == "IfNotPresent")
        // Admission-only additions stay off templates.
        #expect(spec["template"]?["spec"]?["tolerations"] == nil)
        #expect(v["metadata"]?["generation"] == 1)
    }

    @Test func replicationControllerSelectorFromTemplate() throws {
        let v = try defaulted(ReplicationControllerStrategy.self, #"{"metadata":{"name":"r","namespace":"default"},"spec":{"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"x:1"}]}}}}"#)
        #expect(v["spec"]?["selector"] == ["app": "a"])
        #expect(v["spec"]?["replicas"] == 1)
        #expect(v["metadata"]?["labels"] == ["app": "a"])
    }

    @Test func namespaceAndSecret() throws {
        let ns = try defaulted(NamespaceStrategy.self, #"{"metadata":{"name":"team-a"}}"#)
        #expect(ns["metadata"]?["labels"] == ["kubernetes.io/metadata.name": "team-a"])
        #expect(ns["spec"] == ["finalizers": ["kubernetes"]])
        #expect(ns["status"] == ["phase": "Active"])
        let s = try defaulted(SecretStrategy.self, #"{"metadata":{"name":"s","namespace":"default"},"stringData":{"user":"admin"}}"#)
        #expect(s["data"] == ["user": "YWRtaW4="])
        #expect(s["stringData"] == nil)
        #expect(s["type"] == "Opaque")
    }

    @Test func probeDefaultsKeepExplicitValues() {
        var p = Probe(exec: ExecAction(command: ["true"]), timeoutSeconds: 5, failureThreshold: 7)
        PodSpecDefaults.apply(&p)
        #expect(p.timeoutSeconds == 5)
        #expect(p.periodSeconds == 10)
        #expect(p.successThreshold == 1)
        #expect(p.failureThreshold == 7)
    }
}
