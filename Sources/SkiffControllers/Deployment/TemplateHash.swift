import Foundation
import SkiffAPI

/// The pod-template-hash of a Deployment's template: FNV-1a (32 bit) over the template's
/// canonical JSON (sorted keys) and the collision count, written as its decimal digits mapped
/// to Kubernetes' safe alphabet (no vowels, no look-alike digits), as `rand.SafeEncodeString`.
/// Equal templates always give equal hashes, so a rollback finds its old ReplicaSet.
public enum TemplateHash {
    public static let label = "pod-template-hash"
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    public static func compute(_ template: PodTemplateSpec, collisionCount: Int32? = nil) -> String {
        var t = template
        t.metadata.labels?[label] = nil
        var bytes = [UInt8]((try? JSONValue(encoding: t))?.encoded() ?? Data())
        if let c = collisionCount {
            var v = UInt32(bitPattern: c).littleEndian
            withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
        }
        return safeEncode(String(fnv32a(bytes)))
    }

    public static func fnv32a(_ bytes: [UInt8]) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in bytes {
            h ^= UInt32(b)
            h = h &* 16_777_619
        }
        return h
    }

    public static func safeEncode(_ s: String) -> String {
        String(s.unicodeScalars.map { alphabet[Int($0.value) % alphabet.count] })
    }

    /// Two templates are the same rollout target when they differ at most in the hash label
    /// (Kubernetes' EqualIgnoreHash).
    public static func equalIgnoringHash(_ a: PodTemplateSpec, _ b: PodTemplateSpec) -> Bool {
        normalized(a) == normalized(b)
    }

    static func normalized(_ t: PodTemplateSpec) -> PodTemplateSpec {
        var t = t
        t.metadata.labels?[label] = nil
        if t.metadata.labels?.isEmpty == true { t.metadata.labels = nil }
        if t.metadata.annotations?.isEmpty == true { t.metadata.annotations = nil }
        return t
    }
}
