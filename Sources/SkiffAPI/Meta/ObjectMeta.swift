/// metav1.ObjectMeta, every field, with Kubernetes' JSON names.
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var selfLink: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Time?
    public var deletionTimestamp: Time?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    /// Server-side-apply bookkeeping, kept opaque: Skiff stores and returns it unchanged.
    public var managedFields: [JSONValue]?

    public init(name: String? = nil, generateName: String? = nil, namespace: String? = nil, uid: String? = nil,
                resourceVersion: String? = nil, generation: Int64? = nil, creationTimestamp: Time? = nil,
                deletionTimestamp: Time? = nil, deletionGracePeriodSeconds: Int64? = nil,
                labels: [String: String]? = nil, annotations: [String: String]? = nil,
                ownerReferences: [OwnerReference]? = nil, finalizers: [String]? = nil, managedFields: [JSONValue]? = nil)
    {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
        self.managedFields = managedFields
    }
}

/// metav1.OwnerReference: who owns this object (garbage collection, controllers' adoption).
public struct OwnerReference: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil, blockOwnerDeletion: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// metav1.ListMeta: the metadata of lists and of `Status`.
public struct ListMeta: Codable, Sendable, Hashable {
    public var selfLink: String?
    public var resourceVersion: String?
    public var `continue`: String?
    public var remainingItemCount: Int64?

    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}

/// metav1.LabelSelector: the structured selector of ReplicaSets, Deployments and affinity terms.
public struct LabelSelector: Codable, Sendable, Hashable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    public var key: String
    /// In, NotIn, Exists, DoesNotExist.
    public var `operator`: String
    public var values: [String]?

    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}
