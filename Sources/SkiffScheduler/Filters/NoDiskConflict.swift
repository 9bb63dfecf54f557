/// NoDiskConflict (VolumeRestrictions): a hostPath directory may be shared by pods on one
/// node only when every one of them mounts it read-only; a writer excludes everyone else.
public struct NoDiskConflict: FilterPlugin {
    public var name: String { "NoDiskConflict" }
    public static let reason = "node(s) had no available disk"
    public init() {}

    public func isRelevant(for pod: PodInfo) -> Bool { !pod.hostPaths.isEmpty }

    public func filter(_ pod: PodInfo, _ node: NodeInfo) -> [String]? {
        for use in pod.hostPaths {
            guard let there = node.hostPaths[use.path] else { continue }
            if there.writable > 0 || (!use.readOnly && there.readOnly > 0) { return [Self.reason] }
        }
        return nil
    }
}
