/// Types with a Go-style zero value. A non-optional field that is missing or null in a body
/// decodes to its zero value, exactly as Go's encoding/json leaves a field untouched; required
/// fields are then reported by validation as 422 `Required value`, not as a decoding failure.
public protocol ZeroValue {
    static var zero: Self { get }
}

extension String: ZeroValue { public static var zero: String { "" } }
extension Bool: ZeroValue { public static var zero: Bool { false } }
extension Int: ZeroValue { public static var zero: Int { 0 } }
extension Int32: ZeroValue { public static var zero: Int32 { 0 } }
extension Int64: ZeroValue { public static var zero: Int64 { 0 } }
extension Double: ZeroValue { public static var zero: Double { 0 } }
extension Array: ZeroValue { public static var zero: Array { [] } }
extension Dictionary: ZeroValue { public static var zero: Dictionary { [:] } }
extension ObjectMeta: ZeroValue { public static var zero: ObjectMeta { ObjectMeta() } }
extension ListMeta: ZeroValue { public static var zero: ListMeta { ListMeta() } }
extension IntOrString: ZeroValue { public static var zero: IntOrString { .int(0) } }
extension Quantity: ZeroValue { public static var zero: Quantity { Quantity(nanos: 0) } }
extension LabelSelector: ZeroValue { public static var zero: LabelSelector { LabelSelector() } }

/// The fields Kubernetes requires on a type (non-optional in Go, no `omitempty`). Generated
/// types decode them leniently (missing means zero), so the schema probe cannot infer them
/// from the decoding calls and reads this list instead.
public protocol RequiredFields {
    static var requiredFields: Set<String> { get }
}
