import SkiffAPI
@testable import SkiffControllers

/// Small builders for the decision tests.
func makePod(_ name: String, labels: [String: String] = ["app": "web"], node: String? = nil, phase: String = "Pending",
             ready: Bool = false, readySince: Int64? = nil, created: Int64 = 1000, ip: String? = nil,
             owner: OwnerReference? = nil, deleting: Bool = false, namespace: String = "default") -> Pod {
    var p = Pod()
    p.metadata.name = name
    p.metadata.namespace = namespace
    p.metadata.uid = "uid-\(name)"
    p.metadata.labels = labels
    p.metadata.creationTimestamp = Time(secondsSinceEpoch: created)
    if let owner { p.metadata.ownerReferences = [owner] }
    if deleting { p.metadata.deletionTimestamp = Time(secondsSinceEpoch: 5000) }
    p.spec.nodeName = node
    p.spec.containers = [Container(name: "c")]
    p.status.phase = phase
    p.status.podIP = ip
    if ready || readySince != nil {
        p.status.conditions = [PodCondition(type: "Ready", status: ready ? "True" : "False",
                                            lastTransitionTime: Time(secondsSinceEpoch: readySince ?? created))]
    }
    return p
}

func ref(kind: String = "ReplicaSet", name: String = "rs", uid: String = "owner-uid", block: Bool = true) -> OwnerReference {
    OwnerReference(apiVersion: "apps/v1", kind: kind, name: name, uid: uid, controller: true, blockOwnerDeletion: block)
}

func makeRS(_ name: String, spec: Int32, available: Int32 = 0, ready: Int32? = nil, statusReplicas: Int32? = nil,
            created: Int64 = 1000, revision: Int? = nil) -> ReplicaSet {
    var rs = ReplicaSet()
    rs.metadata.name = name
    rs.metadata.namespace = "default"
    rs.metadata.uid = "uid-\(name)"
    rs.metadata.creationTimestamp = Time(secondsSinceEpoch: created)
    rs.metadata.generation = 1
    if let revision { rs.metadata.annotations = [DeploymentDecisions.revisionAnnotation: String(revision)] }
    rs.spec.replicas = spec
    rs.status.replicas = statusReplicas ?? spec
    rs.status.availableReplicas = available
    rs.status.readyReplicas = ready ?? available
    rs.status.observedGeneration = 1
    return rs
}

func makeDeployment(replicas: Int32 = 10, surge: IntOrString? = .string("25%"), unavailable: IntOrString? = .string("25%"),
                    recreate: Bool = false) -> Deployment {
    var d = Deployment()
    d.metadata.name = "web"
    d.metadata.namespace = "default"
    d.metadata.uid = "uid-web"
    d.metadata.generation = 1
    d.spec.replicas = replicas
    d.spec.progressDeadlineSeconds = 600
    d.spec.revisionHistoryLimit = 10
    if recreate {
        d.spec.strategy = DeploymentStrategy(type: "Recreate")
    } else {
        d.spec.strategy = DeploymentStrategy(type: "RollingUpdate", rollingUpdate: RollingUpdateDeployment(maxUnavailable: unavailable, maxSurge: surge))
    }
    d.spec.template.metadata.labels = ["app": "web"]
    d.spec.template.spec.containers = [Container(name: "c", image: "busybox", args: ["sleep", "1"])]
    return d
}
