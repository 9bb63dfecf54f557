import SkiffAPI
import SkiffClient

/// Controller references: the one ownerReference with `controller: true` names the object
/// that manages this one (adoption, release and garbage collection read it).
public enum OwnerRefs {
    public static func controllerOf(_ meta: ObjectMeta) -> OwnerReference? {
        meta.ownerReferences?.first { $0.controller == true }
    }

    /// The reference a controller puts on what it creates or adopts: controller, and blocking
    /// the owner's foreground deletion until the dependent is gone.
    public static func controllerRef<T: KubeObject>(to owner: T) -> OwnerReference {
        OwnerReference(apiVersion: T.resourceInfo.apiVersion, kind: T.resourceInfo.kind,
                       name: owner.metadata.name ?? "", uid: owner.metadata.uid ?? "",
                       controller: true, blockOwnerDeletion: true)
    }

    /// `meta` with `ref` appended (replacing any reference to the same uid).
    public static func adding(_ ref: OwnerReference, to refs: [OwnerReference]?) -> [OwnerReference] {
        (refs ?? []).filter { $0.uid != ref.uid } + [ref]
    }

    /// The references without any to `uid`.
    public static func removing(uid: String, from refs: [OwnerReference]?) -> [OwnerReference] {
        (refs ?? []).filter { $0.uid != uid }
    }
}

/// The namespace/name key of an object, as informers and work queues use it.
public func objectKey(namespace: String?, name: String?) -> String {
    let ns = namespace ?? ""
    return ns.isEmpty ? (name ?? "") : "\(ns)/\(name ?? "")"
}

public func objectKey(_ meta: ObjectMeta) -> String { objectKey(namespace: meta.namespace, name: meta.name) }

/// Splits a queue key into namespace and name.
public func splitKey(_ key: String) -> (namespace: String?, name: String) {
    guard let slash = key.firstIndex(of: "/") else { return (nil, key) }
    return (String(key[..<slash]), String(key[key.index(after: slash)...]))
}

/// The API server's own message for a failed call (what Kubernetes puts in events), else the
/// error's description.
public func apiErrorMessage(_ error: Error) -> String {
    if case .status(_, let s)? = error as? ClientError, let m = s.message, !m.isEmpty { return m }
    return "\(error)"
}
