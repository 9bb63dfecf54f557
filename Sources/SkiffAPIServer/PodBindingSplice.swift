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
    typealias Object = (members: [JSONScan.Member], close: Int)

    /// The stored pod with the binding applied, or nil when the tree path must decide.
    /// `uid` is the binding's `metadata.uid` precondition, if any.
    static func bound(_ stored: Data, node: String, uid: String?, at time: Time) -> Data? {
        stored.withUnsafeBytes { raw -> Data? in
            let b = raw.bindMemory(to: UInt8.self)
            guard let root = JSONScan.members(ofObjectAt: 0, in: b) else { return nil }
            var meta: JSONScan.Member?, spec: JSONScan.Member?, status: JSONScan.Member?
            for m in root.members {
                switch compare(m, b, Keys.metadata) {
                case nil: return nil
                case .orderedSame?: meta = m
                default:
                    if compare(m, b, Keys.spec) == .orderedSame { spec = m }
                    if compare(m, b, Keys.status) == .orderedSame { status = m }
                }
            }
            guard let meta, let spec, let status, spec.value.upperBound <= status.value.lowerBound,
                  let metaObject = JSONScan.members(ofObjectAt: meta.value.lowerBound, in: b),
                  let specObject = JSONScan.members(ofObjectAt: spec.value.lowerBound, in: b),
                  let statusObject = JSONScan.members(ofObjectAt: status.value.lowerBound, in: b) else { return nil }
            var podUID: String?
            for m in metaObject.members {
                if compare(m, b, Keys.deletionTimestamp) == .orderedSame { return nil }
                if compare(m, b, Keys.uid) == .orderedSame { podUID = JSONScan.string(at: [], in: UnsafeBufferPointer(rebasing: b[m.value])) }
            }
            if let uid, !uid.isEmpty, podUID != uid { return nil }
            guard let nodeAt = insertion(of: Keys.nodeName, in: specObject, b),
                  let conditionsAt = insertion(of: Keys.conditions, in: statusObject, b) else { return nil }

            var out = Data(capacity: b.count + 160)
            out.append(UnsafeBufferPointer(rebasing: b[0..<nodeAt.index]))
            nodeAt.write(#""nodeName":"#, JSONValue.string(node).encoded(), into: &out)
            out.append(UnsafeBufferPointer(rebasing: b[nodeAt.index..<conditionsAt.index]))
            conditionsAt.write(#""conditions":"#, JSONValue.array([scheduledCondition(at: time)]).encoded(), into: &out)
            out.append(UnsafeBufferPointer(rebasing: b[conditionsAt.index..<b.count]))
            return out
        }
    }

    /// The condition a binding adds (both paths write this one).
    static func scheduledCondition(at time: Time) -> JSONValue {
        ["type": "PodScheduled", "status": "True", "lastTransitionTime": .string(time.rfc3339)]
    }

    enum Keys {
        static let metadata = Array("metadata".utf8), spec = Array("spec".utf8), status = Array("status".utf8)
        static let deletionTimestamp = Array("deletionTimestamp".utf8), uid = Array("uid".utf8)
        static let nodeName = Array("nodeName".utf8), conditions = Array("conditions".utf8)
    }

    /// How a member's key orders against `name` (byte order, which for ASCII keys is the
    /// serializer's sort order); nil when the key has escapes or non-ASCII bytes.
    static func compare(_ m: JSONScan.Member, _ b: UnsafeBufferPointer<UInt8>, _ name: [UInt8]) -> ComparisonResult? {
        let raw = UnsafeBufferPointer(rebasing: b[m.key])
        for c in raw where c == UInt8(ascii: "\\") || c >= 0x80 { return nil }
        if raw.elementsEqual(name) { return .orderedSame }
        return raw.lexicographicallyPrecedes(name) ? .orderedAscending : .orderedDescending
    }

    /// Where a new member goes in an object: before the first greater key (followed by a
    /// comma), or before the closing brace (preceded by one unless the object is empty).
    struct Insertion {
        var index: Int
        var before: Bool
        var empty: Bool

        func write(_ key: String, _ value: Data, into out: inout Data) {
            if !before && !empty { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array(key.utf8))
            out.append(value)
            if before { out.append(UInt8(ascii: ",")) }
        }
    }

    /// nil when the key is there already or some key before its place cannot be compared.
    static func insertion(of name: [UInt8], in object: Object, _ b: UnsafeBufferPointer<UInt8>) -> Insertion? {
        for m in object.members {
            guard let order = compare(m, b, name), order != .orderedSame else { return nil }
            // The opening quote of the first greater key.
            if order == .orderedDescending { return Insertion(index: m.key.lowerBound - 1, before: true, empty: false) }
        }
        return Insertion(index: object.close, before: false, empty: object.members.isEmpty)
    }
}
