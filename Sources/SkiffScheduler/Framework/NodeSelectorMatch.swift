import SkiffAPI

/// Node selector terms as the scheduler evaluates them: terms are ORed, the requirements of
/// one term ANDed. `matchFields` supports `metadata.name` (what DaemonSets use).
public enum NodeSelectorMatch {
    /// Whether any term matches; an empty term list matches nothing (Kubernetes' rule).
    public static func matches(_ terms: [NodeSelectorTerm], labels: [String: String], nodeName: String) -> Bool {
        terms.contains { matches($0, labels: labels, nodeName: nodeName) }
    }

    /// One term: every expression and field requirement must hold; a term with neither
    /// matches nothing.
    public static func matches(_ term: NodeSelectorTerm, labels: [String: String], nodeName: String) -> Bool {
        let exprs = term.matchExpressions ?? []
        let fields = term.matchFields ?? []
        if exprs.isEmpty && fields.isEmpty { return false }
        for r in exprs where !matches(r, value: labels[r.key]) { return false }
        for r in fields {
            guard r.key == "metadata.name" else { return false }
            if !matches(r, value: nodeName) { return false }
        }
        return true
    }

    /// One requirement against the node's value for its key (nil when the label is absent).
    public static func matches(_ r: NodeSelectorRequirement, value: String?) -> Bool {
        let values = r.values ?? []
        switch r.operator {
        case "In":
            guard let v = value else { return false }
            return values.contains(v)
        case "NotIn":
            guard let v = value else { return true }
            return !values.contains(v)
        case "Exists":
            return value != nil
        case "DoesNotExist":
            return value == nil
        case "Gt", "Lt":
            guard let v = value, let have = Int64(v), values.count == 1, let want = Int64(values[0]) else { return false }
            return r.operator == "Gt" ? have > want : have < want
        default:
            return false
        }
    }
}

/// Taints and tolerations (the `TaintToleration` rules).
public enum Tolerations {
    /// Whether one toleration tolerates one taint: same effect (or the toleration names none),
    /// same key (or an empty key with `Exists`, which tolerates everything), and a matching
    /// value for `Equal` (the default operator).
    public static func tolerates(_ t: Toleration, _ taint: Taint) -> Bool {
        if let e = t.effect, !e.isEmpty, e != taint.effect { return false }
        let key = t.key ?? ""
        let op = t.operator ?? "Equal"
        if key.isEmpty { return op == "Exists" }
        if key != taint.key { return false }
        switch op {
        case "Exists": return true
        case "Equal", "": return (t.value ?? "") == (taint.value ?? "")
        default: return false
        }
    }

    /// The first NoSchedule or NoExecute taint no toleration tolerates.
    public static func firstUntolerated(_ taints: [Taint], _ tolerations: [Toleration]) -> Taint? {
        for taint in taints where taint.effect == "NoSchedule" || taint.effect == "NoExecute" {
            if !tolerations.contains(where: { tolerates($0, taint) }) { return taint }
        }
        return nil
    }
}
