import Foundation
import SkiffAPI

/// Pods from manifest files in `--pod-manifest-path` (YAML or JSON, one pod per file), as the
/// kubelet's file source reads them: named `<name>-<node>`, bound to this node, with a UID
/// derived from the file's content and the node name (so an edited file is a new pod), and the
/// `kubernetes.io/config.*` annotations that mark them static. Pure apart from reading files.
public enum StaticPodSource {
    public static let sourceAnnotation = "kubernetes.io/config.source"
    public static let hashAnnotation = "kubernetes.io/config.hash"
    public static let mirrorAnnotation = "kubernetes.io/config.mirror"

    public struct LoadResult: Sendable {
        public var pods: [Pod]
        /// One message per file that could not be used, naming the file and what is wrong.
        public var errors: [String]
    }

    public static func load(dir: String, nodeName: String) -> LoadResult {
        var pods: [Pod] = []
        var errors: [String] = []
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        for file in files where !file.hasPrefix(".") && [".yaml", ".yml", ".json"].contains(where: { file.hasSuffix($0) }) {
            let path = dir + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            do {
                pods.append(try pod(from: data, nodeName: nodeName))
            } catch {
                errors.append("\(path): \(error)")
            }
        }
        return LoadResult(pods: pods, errors: errors)
    }

    public struct ManifestError: Error, CustomStringConvertible {
        public var description: String
    }

    /// One manifest as the static pod it describes.
    public static func pod(from data: Data, nodeName: String) throws -> Pod {
        try pod(from: try JSONValue.parseBody(data), hashInput: data, nodeName: nodeName, source: "file")
    }

    /// The pods of a manifest fetched from `--manifest-url`: one pod, or several YAML documents.
    public static func pods(fromURLManifest data: Data, nodeName: String) throws -> [Pod] {
        let text = String(decoding: data, as: UTF8.self)
        let docs = try JSONValue.documents(yaml: text).filter { $0 != .null }
        return try docs.enumerated().map { i, doc in
            let one = try doc.encoded()
            do { return try pod(from: doc, hashInput: one, nodeName: nodeName, source: "http") } catch {
                throw ManifestError(description: "document \(i + 1): \(error)")
            }
        }
    }

    static func pod(from value: JSONValue, hashInput data: Data, nodeName: String, source: String) throws -> Pod {
        var pod: Pod = try value.decode(Pod.self)
        if let kind = pod.kind, kind != "Pod" { throw ManifestError(description: "kind: expected Pod, got \(kind)") }
        guard let name = pod.metadata.name, !name.isEmpty else { throw ManifestError(description: "metadata.name: Required value") }
        pod.apiVersion = "v1"
        pod.kind = "Pod"
        pod.metadata.name = "\(name)-\(nodeName)"
        if (pod.metadata.namespace ?? "").isEmpty { pod.metadata.namespace = "default" }
        pod.spec.nodeName = nodeName
        PodStrategy.setDefaults(&pod)
        let errs = PodStrategy.validateCreate(pod)
        if !errs.isEmpty { throw ManifestError(description: errs.map(\.message).joined(separator: "; ")) }
        let hash = contentHash(data, nodeName)
        pod.metadata.uid = uuid(from: hash)
        var ann = pod.metadata.annotations ?? [:]
        ann[sourceAnnotation] = source
        ann[hashAnnotation] = hash
        pod.metadata.annotations = ann
        pod.metadata.creationTimestamp = pod.metadata.creationTimestamp ?? Time.now()
        return pod
    }

    public static func isStatic(_ pod: Pod) -> Bool {
        let s = pod.metadata.annotations?[sourceAnnotation]
        return s == "file" || s == "http"
    }
    public static func isMirror(_ pod: Pod) -> Bool { pod.metadata.annotations?[mirrorAnnotation] != nil }

    /// The mirror pod the API shows for a static pod.
    public static func mirror(of pod: Pod, nodeUID: String?) -> Pod {
        var m = pod
        m.metadata.uid = nil
        m.metadata.resourceVersion = nil
        m.metadata.creationTimestamp = nil
        var ann = m.metadata.annotations ?? [:]
        ann[mirrorAnnotation] = ann[hashAnnotation] ?? ""
        m.metadata.annotations = ann
        if let nodeUID {
            m.metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "Node", name: pod.spec.nodeName ?? "", uid: nodeUID, controller: true)]
        }
        m.status = PodStatus()
        return m
    }

    /// 128 bits of FNV-1a over the content and node name, as 32 hex digits.
    static func contentHash(_ data: Data, _ node: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var h: UInt64 = seed
            for b in data { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            for b in node.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            return h
        }
        return String(format: "%016llx%016llx", fnv(0xcbf29ce484222325), fnv(0x84222325cbf29ce4))
    }

    static func uuid(from hex: String) -> String {
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }
}
