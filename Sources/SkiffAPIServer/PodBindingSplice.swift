import Foundation
import SkiffAPI

/// Binding a pod by editing its stored JSON: `"nodeName"` goes into `spec` and a
/// `PodScheduled=True` condition into `status`, each at its sorted place, so the bytes come
/// out exactly as encoding the edited tree would write them (compact, keys sorted). A binding
/// is the scheduler's one write per pod; the splice spares it a parse and an encode.
///
/// Only the plain case is spliced: a pod not being deleted, with no `spec.nodeName` yet, with
/// a `status` that has no `conditions`, and keys without escapes. Everything else (and every
/// refusal) is left to the tree path, which decides it as before: `bound` returns nil.
enum PodBindingSplice {
    /// The stored pod with the binding applied, or nil when the tree path must decide.
    /// `uid` is the binding's `metadata.uid` precondition, if any.
    static func bound(_ stored: Data, node: String, uid: String?, at time: Time) -> Data? {
        stored.withUnsafeBytes { raw -> Data? in
            let b = raw.bindMemory(to: UInt8.self)
            guard let meta = JSONScan.members(at: ["metadata"], in: b),
                  let spec = JSONScan.members(at: ["spec"], in: b),
                  let status = JSONScan.members(at: ["status"], in: b),
                  spec.close < status.close else { return nil }
            for m in meta.members where key(m, b) == "deletionTimestamp" { return nil }
            if let uid, !uid.isEmpty, JSONScan.string(at: ["metadata", "uid"], in: b) != uid { return nil }
            guard let nodeAt = insertion(of: "nodeName", in: spec, b),
                  let conditionsAt = insertion(of: "conditions", in: status, b) else { return nil }

            let nodeMember = "\"nodeName\":" + String(decoding: JSONValue.string(node).encoded(), as: UTF8.self)
            let condition: JSONValue = .array([.object(["lastTransitionTime": .string(time.rfc3339),
                                                        "status": "True", "type": "PodScheduled"])])
            let conditionsMember = "\"conditions\":" + String(decoding: condition.encoded(), as: UTF8.self)
            var out = Data(capacity: b.count + nodeMember.utf8.count + conditionsMember.utf8.count + 2)
            out.append(UnsafeBufferPointer(rebasing: b[0..<nodeAt.index]))
            out.append(contentsOf: Array(nodeAt.text(nodeMember).utf8))
            out.append(UnsafeBufferPointer(rebasing: b[nodeAt.index..<conditionsAt.index]))
            out.append(contentsOf: Array(conditionsAt.text(conditionsMember).utf8))
            out.append(UnsafeBufferPointer(rebasing: b[conditionsAt.index..<b.count]))
            return out
        }
    }

    /// A member key as a string; nil when it has escapes or non-ASCII bytes (byte order would
    /// then not be the serializer's sort order).
    static func key(_ m: JSONScan.Member, _ b: UnsafeBufferPointer<UInt8>) -> String? {
        let raw = UnsafeBufferPointer(rebasing: b[m.key])
        if raw.contains(where: { $0 == UInt8(ascii: "\\") || $0 >= 0x80 }) { return nil }
        return String(decoding: raw, as: UTF8.self)
    }

    /// Where a new member goes in an object: before the first greater key (followed by a
    /// comma), or before the closing brace (preceded by one unless the object is empty).
    struct Insertion {
        var index: Int
        var before: Bool
        var empty: Bool

        func text(_ member: String) -> String {
            if before { return member + "," }
            return empty ? member : "," + member
        }
    }

    /// nil when the key is there already or some key cannot be compared.
    static func insertion(of name: String, in object: (members: [JSONScan.Member], close: Int), _ b: UnsafeBufferPointer<UInt8>) -> Insertion? {
        for m in object.members {
            guard let k = key(m, b), k != name else { return nil }
            // The opening quote of the first greater key.
            if k > name { return Insertion(index: m.key.lowerBound - 1, before: true, empty: false) }
        }
        return Insertion(index: object.close, before: false, empty: object.members.isEmpty)
    }
}
