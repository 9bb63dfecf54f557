/// Pieces shared by the replica controllers' strategies (RC, ReplicaSet, Deployment):
/// generation bookkeeping and pod-template validation.
enum ControllerSupport {
    /// Generation starts at 1 and moves only when the spec changes, so controllers can report
    /// `observedGeneration`.
    static func bumpGeneration<S: Equatable>(_ meta: inout ObjectMeta, newSpec: S, oldSpec: S, oldMeta: ObjectMeta) {
        let oldGen = oldMeta.generation ?? 1
        meta.generation = newSpec == oldSpec ? oldGen : oldGen + 1
    }

    /// Template checks: valid metadata labels, a valid pod spec that restarts Always, no
    /// activeDeadlineSeconds, and labels the selector matches.
    static func validateTemplate(_ t: PodTemplateSpec, path: FieldPath, selector: Selector?, kindName: String) -> [FieldError] {
        var errs = ObjectMetaValidation.validateLabels(t.metadata.labels, path: path.child("metadata").child("labels"))
        errs += ObjectMetaValidation.validateAnnotations(t.metadata.annotations, path: path.child("metadata").child("annotations"))
        if let selector, !selector.isEmpty, !selector.matches(t.metadata.labels ?? [:]) {
            errs.append(.invalid(path.child("metadata").child("labels").string, raw: PodSpecValidation.goMap(t.metadata.labels ?? [:]), "`selector` does not match template `labels`"))
        }
        errs += PodSpecValidation.validate(t.spec, path: path.child("spec"))
        let rp = t.spec.restartPolicy ?? "Always"
        if rp != "Always" {
            errs.append(.notSupported(path.child("spec").child("restartPolicy").string, rp, ["Always"]))
        }
        if t.spec.activeDeadlineSeconds != nil {
            errs.append(.forbidden(path.child("spec").child("activeDeadlineSeconds").string, "activeDeadlineSeconds in \(kindName) is not Supported"))
        }
        return errs
    }

    static func validateNonNegative(_ v: Int32?, _ field: String) -> [FieldError] {
        if let v, v < 0 { return [.invalid(field, int: Int64(v), "must be greater than or equal to 0")] }
        return []
    }

    /// Go's `%v` of a LabelSelector pointer, close enough for the immutable-selector message.
    static func describe(_ s: LabelSelector?) -> String {
        guard let s else { return "null" }
        let ml = PodSpecValidation.goMap(s.matchLabels ?? [:])
        let me = (s.matchExpressions ?? []).map { "v1.LabelSelectorRequirement{Key:\(FieldError.quote($0.key)), Operator:\(FieldError.quote($0.operator)), Values:[]string{\(($0.values ?? []).map(FieldError.quote).joined(separator: ", "))}}" }
        return "&v1.LabelSelector{MatchLabels:\(ml), MatchExpressions:[]v1.LabelSelectorRequirement{\(me.joined(separator: ", "))}}"
    }
}
