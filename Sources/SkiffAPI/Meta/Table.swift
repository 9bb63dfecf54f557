/// meta.k8s.io/v1 Table: what `kubectl get` asks for (`Accept: application/json;as=Table;...`).
public struct Table: Codable, Sendable, Hashable {
    public var kind: String? = "Table"
    public var apiVersion: String? = "meta.k8s.io/v1"
    public var metadata: ListMeta
    public var columnDefinitions: [TableColumnDefinition]
    public var rows: [TableRow]

    public init(metadata: ListMeta = ListMeta(), columnDefinitions: [TableColumnDefinition], rows: [TableRow]) {
        self.metadata = metadata
        self.columnDefinitions = columnDefinitions
        self.rows = rows
    }
}

/// One row: the cells in column order, and the object (by default its PartialObjectMetadata,
/// the full object when the client asks `includeObject=Object`).
public struct TableRow: Codable, Sendable, Hashable {
    public var cells: [JSONValue]
    public var conditions: [JSONValue]?
    public var object: JSONValue?

    public init(cells: [JSONValue], conditions: [JSONValue]? = nil, object: JSONValue? = nil) {
        self.cells = cells
        self.conditions = conditions
        self.object = object
    }

    public init(cells: [JSONValue], object: PartialObjectMetadata) throws {
        self.cells = cells
        self.object = try JSONValue(encoding: object)
    }
}

/// meta.k8s.io/v1 PartialObjectMetadata: an object reduced to its metadata.
public struct PartialObjectMetadata: Codable, Sendable, Hashable {
    public var kind: String? = "PartialObjectMetadata"
    public var apiVersion: String? = "meta.k8s.io/v1"
    public var metadata: ObjectMeta

    public init(metadata: ObjectMeta) { self.metadata = metadata }
}

extension TableColumnDefinition {
    /// A column as Kubernetes' printers declare them (`name`, `string`, priority 0 or 1 for `-o wide`).
    public static func column(_ name: String, _ type: String = "string", format: String = "", priority: Int32 = 0, _ description: String = "") -> TableColumnDefinition {
        TableColumnDefinition(name: name, type: type, format: format, description: description, priority: priority)
    }
}
