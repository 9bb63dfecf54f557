/// A list response (`PodList`, `DeploymentList`, ...): kind is the resource's listKind.
public struct List<Item: KubeObject>: Codable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var items: [Item]

    public init(items: [Item] = [], metadata: ListMeta = ListMeta()) {
        apiVersion = Item.resourceInfo.apiVersion
        kind = Item.resourceInfo.listKind
        self.metadata = metadata
        self.items = items
    }
}

extension List: Equatable where Item: Equatable {}
extension List: Hashable where Item: Hashable {}

/// One event of a watch stream: `{"type":"ADDED","object":{...}}`.
/// `Object` is a typed object for clients, or `JSONValue` for the server relaying stored objects.
public struct WatchEvent<Object: Codable & Sendable>: Codable, Sendable {
    public enum EventType: String, Codable, Sendable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK", error = "ERROR"
    }

    public var type: EventType
    public var object: Object

    public init(type: EventType, object: Object) {
        self.type = type
        self.object = object
    }
}

extension WatchEvent: Equatable where Object: Equatable {}
extension WatchEvent: Hashable where Object: Hashable {}

extension WatchEvent where Object == JSONValue {
    /// The bytes of one watch line (without the trailing newline), spliced from already
    /// encoded object bytes so the server never re-encodes a stored object per watcher.
    public static func line(type: EventType, objectJSON: [UInt8]) -> [UInt8] {
        var out = Array(#"{"type":""#.utf8)
        out += Array(type.rawValue.utf8)
        out += Array(#"","object":"#.utf8)
        out += objectJSON
        out.append(UInt8(ascii: "}"))
        return out
    }
}
