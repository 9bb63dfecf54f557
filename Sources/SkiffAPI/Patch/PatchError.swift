/// A patch that could not be applied. `malformed` means the patch document itself is wrong
/// (400); otherwise it did not fit the object (Kubernetes answers 422).
public struct PatchError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var malformed: Bool

    public init(_ message: String, malformed: Bool = false) {
        self.message = message
        self.malformed = malformed
    }

    public var description: String { message }
}
