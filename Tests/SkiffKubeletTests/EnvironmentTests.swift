import Foundation
import Testing
import SkiffAPI
@testable import SkiffKubelet

@Test func environmentFromEverySource() throws {
    var pod = Pod()
    pod.metadata.name = "web-1"
    pod.metadata.namespace = "shop"
    pod.metadata.uid = "uid-1"
    pod.metadata.labels = ["app": "web"]
    pod.status.podIP = "10.244.0.9"
    var c = Container(name: "app")
    c.resources = ResourceRequirements(limits: ["cpu": try Quantity("1500m"), "memory": try Quantity("64Mi")])
    c.envFrom = [EnvFromSource(prefix: "CFG_", configMapRef: ConfigMapEnvSource(name: "settings"))]
    c.env = [
        EnvVar(name: "POD", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.name"))),
        EnvVar(name: "NS", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.namespace"))),
        EnvVar(name: "IP", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "status.podIP"))),
        EnvVar(name: "APP", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.labels['app']"))),
        EnvVar(name: "NODE", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "spec.nodeName"))),
        EnvVar(name: "CPU", valueFrom: EnvVarSource(resourceFieldRef: ResourceFieldSelector(resource: "limits.cpu"))),
        EnvVar(name: "MEM_MI", valueFrom: EnvVarSource(resourceFieldRef: ResourceFieldSelector(resource: "limits.memory", divisor: try Quantity("1Mi")))),
        EnvVar(name: "COLOR", valueFrom: EnvVarSource(configMapKeyRef: ConfigMapKeySelector(name: "settings", key: "color"))),
        EnvVar(name: "PASS", valueFrom: EnvVarSource(secretKeyRef: SecretKeySelector(name: "creds", key: "password"))),
        EnvVar(name: "GREETING", value: "hi $(POD) in $(NS), $$(POD) $(MISSING)"),
    ]
    pod.spec.containers = [c]
    var cm = ConfigMap()
    cm.data = ["color": "blue", "size": "L"]
    var sec = Secret()
    sec.data = ["password": Data("s3cret".utf8).base64EncodedString()]
    let node = NodeContext(nodeName: "node-a", hostIPs: ["192.0.2.10"], allocatableMilliCPU: 2000, allocatableMemory: 1 << 30, allocatableEphemeralStorage: 1 << 34)
    let r = EnvironmentResolver(pod: pod, node: node, configMaps: ["settings": cm], secrets: ["creds": sec])
    let refs = EnvironmentResolver.references(pod.spec)
    #expect(refs.configMaps == ["settings"] && refs.secrets == ["creds"])
    let env = try r.environment(for: c, serviceEnv: [("KUBERNETES_SERVICE_HOST", "10.96.0.1")])
    let d = Dictionary(uniqueKeysWithValues: env)
    #expect(env.first?.0 == "KUBERNETES_SERVICE_HOST")
    #expect(d["CFG_color"] == "blue" && d["CFG_size"] == "L")
    #expect(d["POD"] == "web-1" && d["NS"] == "shop" && d["IP"] == "10.244.0.9" && d["APP"] == "web" && d["NODE"] == "node-a")
    #expect(d["CPU"] == "2" && d["MEM_MI"] == "64")
    #expect(d["COLOR"] == "blue" && d["PASS"] == "s3cret")
    #expect(d["GREETING"] == "hi web-1 in shop, $(POD) $(MISSING)")

    var missing = c
    missing.envFrom = nil
    missing.env = [EnvVar(name: "X", valueFrom: EnvVarSource(configMapKeyRef: ConfigMapKeySelector(name: "nope", key: "k")))]
    #expect(throws: ContainerConfigError("configmap \"nope\" not found")) { try r.environment(for: missing, serviceEnv: []) }
    missing.env = [EnvVar(name: "X", valueFrom: EnvVarSource(configMapKeyRef: ConfigMapKeySelector(name: "nope", key: "k", optional: true)))]
    #expect(try r.environment(for: missing, serviceEnv: []).isEmpty)
}
