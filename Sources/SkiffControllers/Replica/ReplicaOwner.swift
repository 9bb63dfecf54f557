import SkiffAPI

/// The status fields ReplicationControllers and ReplicaSets share.
public struct ReplicaCounts: Sendable, Hashable {
    public var replicas: Int32 = 0
    public var fullyLabeledReplicas: Int32 = 0
    public var readyReplicas: Int32 = 0
    public var availableReplicas: Int32 = 0
    public var observedGeneration: Int64 = 0

    public init(replicas: Int32 = 0, fullyLabeledReplicas: Int32 = 0, readyReplicas: Int32 = 0,
                availableReplicas: Int32 = 0, observedGeneration: Int64 = 0) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.observedGeneration = observedGeneration
    }
}

/// What the replica controller needs from the object it drives: one implementation runs
/// both ReplicationControllers (v1) and ReplicaSets (apps/v1).
public protocol ReplicaOwner: KubeObject, Hashable {
    /// The pods' selector; nil when the object has none (it then manages nothing).
    var podSelector: Selector? { get }
    var desiredReplicas: Int { get }
    var podTemplate: PodTemplateSpec? { get }
    var minReadySecondsValue: Int { get }
    var counts: ReplicaCounts { get set }
    /// The controller name in events and logs (`replicaset-controller`).
    static var controllerName: String { get }
}

extension ReplicationController: ReplicaOwner {
    public var podSelector: Selector? {
        guard let s = spec.selector, !s.isEmpty else { return nil }
        return Selector(matchLabels: s)
    }
    public var desiredReplicas: Int { Int(spec.replicas ?? 1) }
    public var podTemplate: PodTemplateSpec? { spec.template }
    public var minReadySecondsValue: Int { Int(spec.minReadySeconds ?? 0) }
    public var counts: ReplicaCounts {
        get {
            ReplicaCounts(replicas: status.replicas, fullyLabeledReplicas: status.fullyLabeledReplicas ?? 0,
                          readyReplicas: status.readyReplicas ?? 0, availableReplicas: status.availableReplicas ?? 0,
                          observedGeneration: status.observedGeneration ?? 0)
        }
        set {
            status.replicas = newValue.replicas
            status.fullyLabeledReplicas = newValue.fullyLabeledReplicas
            status.readyReplicas = newValue.readyReplicas
            status.availableReplicas = newValue.availableReplicas
            status.observedGeneration = newValue.observedGeneration
        }
    }
    public static var controllerName: String { "replication-controller" }
}

extension ReplicaSet: ReplicaOwner {
    public var podSelector: Selector? {
        guard let s = spec.selector, !s.isEmpty else { return nil }
        return try? s.toSelector()
    }
    public var desiredReplicas: Int { Int(spec.replicas ?? 1) }
    public var podTemplate: PodTemplateSpec? { spec.template }
    public var minReadySecondsValue: Int { Int(spec.minReadySeconds ?? 0) }
    public var counts: ReplicaCounts {
        get {
            ReplicaCounts(replicas: status.replicas, fullyLabeledReplicas: status.fullyLabeledReplicas ?? 0,
                          readyReplicas: status.readyReplicas ?? 0, availableReplicas: status.availableReplicas ?? 0,
                          observedGeneration: status.observedGeneration ?? 0)
        }
        set {
            status.replicas = newValue.replicas
            status.fullyLabeledReplicas = newValue.fullyLabeledReplicas
            status.readyReplicas = newValue.readyReplicas
            status.availableReplicas = newValue.availableReplicas
            status.observedGeneration = newValue.observedGeneration
        }
    }
    public static var controllerName: String { "replicaset-controller" }
}
