import Foundation
import SkiffAPI

/// One served resource with its strategy's typed operations wrapped over `JSONValue`, so the
/// generic registry stays one piece of code for every resource (Kubernetes' generic store).
///
/// Bodies are decoded into the typed object, so defaulting and validation always see the
/// schema, and re-encoded for storage (unknown fields are dropped, as Kubernetes does when
/// field validation is not strict).
public struct ResourceHandler: Sendable {
    public let info: ResourceInfo
    public let hasStatus: Bool
    /// The typed object, for schema-driven work (strategic merge patch list keys).
    public let objectType: any Decodable.Type
    private let _create: @Sendable (JSONValue, @Sendable (inout ObjectMeta) throws -> Void) throws -> JSONValue
    private let _createEncoded: @Sendable (JSONValue, @Sendable (inout ObjectMeta) throws -> Void) throws -> EncodedObject
    private let _update: @Sendable (JSONValue, JSONValue, UpdateKind, @Sendable (inout ObjectMeta, ObjectMeta) throws -> Void) throws -> JSONValue
    private let _fieldValue: @Sendable (JSONValue, String) -> String?

    /// Which endpoint an update came through: spec and status each change only through their own.
    public enum UpdateKind: Sendable { case main, status }

    /// A normalized object as the bytes to store (no resourceVersion), with its name.
    public struct EncodedObject: Sendable {
        public var name: String
        public var bytes: Data
    }

    public init<S: ResourceStrategy>(_ strategy: S.Type) {
        let info = S.Object.resourceInfo
        self.info = info
        self.hasStatus = S.hasStatus
        self.objectType = S.Object.self
        _create = { json, fillMeta in
            try JSONValue(encoding: ResourceHandler.normalizeCreate(S.self, json, info: info, fillMeta: fillMeta))
        }
        _createEncoded = { json, fillMeta in
            var obj = try ResourceHandler.normalizeCreate(S.self, json, info: info, fillMeta: fillMeta)
            obj.metadata.resourceVersion = nil
            // Straight to bytes: no intermediate tree for the object that is stored.
            return EncodedObject(name: obj.metadata.name ?? "", bytes: try KubeJSON.encode(obj))
        }
        _update = { json, oldJSON, kind, fillMeta in
            var obj = try ResourceHandler.decode(S.Object.self, json, info: info)
            let old = try ResourceHandler.decode(S.Object.self, oldJSON, info: info)
            try fillMeta(&obj.metadata, old.metadata)
            switch kind {
            case .main: S.prepareForUpdate(&obj, old: old)
            case .status: S.prepareForStatusUpdate(&obj, old: old)
            }
            S.setDefaults(&obj)
            obj.apiVersion = info.apiVersion
            obj.kind = info.kind
            let errors = kind == .main ? S.validateUpdate(obj, old: old) : S.validateStatusUpdate(obj, old: old)
            if !errors.isEmpty { throw APIError.invalid(info, obj.metadata.name ?? "", errors) }
            return try JSONValue(encoding: obj)
        }
        _fieldValue = { json, path in
            guard let obj = try? json.decode(S.Object.self) else { return nil }
            return S.fieldValue(obj, path: path)
        }
    }

    /// The normalized object for a create: decoded, metadata filled, defaulted and validated.
    public func prepareCreate(_ json: JSONValue, fillMeta: @escaping @Sendable (inout ObjectMeta) throws -> Void) throws -> JSONValue {
        try _create(json, fillMeta)
    }

    /// The same normalized object as `prepareCreate`, encoded once for storage.
    public func prepareCreateEncoded(_ json: JSONValue, fillMeta: @escaping @Sendable (inout ObjectMeta) throws -> Void) throws -> EncodedObject {
        try _createEncoded(json, fillMeta)
    }

    /// The normalized object for an update of `old` through the main or the status endpoint.
    public func prepareUpdate(_ json: JSONValue, old: JSONValue, kind: UpdateKind,
                              fillMeta: @escaping @Sendable (inout ObjectMeta, ObjectMeta) throws -> Void) throws -> JSONValue {
        try _update(json, old, kind, fillMeta)
    }

    /// The field-selector value of `path`, nil when the resource does not support it.
    public func fieldValue(_ json: JSONValue, path: String) -> String? {
        _fieldValue(json, path)
    }

    /// Decoded, metadata filled, defaulted, typed and validated: what a create stores.
    private static func normalizeCreate<S: ResourceStrategy>(_ strategy: S.Type, _ json: JSONValue, info: ResourceInfo,
                                                             fillMeta: (inout ObjectMeta) throws -> Void) throws -> S.Object {
        var obj = try ResourceHandler.decode(S.Object.self, json, info: info)
        try fillMeta(&obj.metadata)
        S.prepareForCreate(&obj)
        S.setDefaults(&obj)
        obj.apiVersion = info.apiVersion
        obj.kind = info.kind
        let errors = S.validateCreate(obj)
        if !errors.isEmpty { throw APIError.invalid(info, obj.metadata.name ?? "", errors) }
        return obj
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ json: JSONValue, info: ResourceInfo) throws -> T {
        do {
            return try json.decode(T.self)
        } catch let e as DecodeError {
            throw APIError.badRequest("\(info.kind) in version \"\(info.version)\" cannot be handled as a \(info.kind): \(e.description)")
        } catch {
            throw APIError.badRequest("\(info.kind) in version \"\(info.version)\" cannot be handled as a \(info.kind): \(error)")
        }
    }
}

/// The served resources, looked up by group/version/plural.
public struct ResourceCatalog: Sendable {
    public let handlers: [ResourceHandler]

    public init(_ strategies: [any ResourceStrategy.Type] = APIResources.all) {
        handlers = strategies.map { ResourceHandler($0) }
    }

    public func handler(group: String, version: String, plural: String) -> ResourceHandler? {
        handlers.first { $0.info.group == group && $0.info.version == version && $0.info.plural == plural }
    }

    public func handler(apiVersion: String, kind: String) -> ResourceHandler? {
        handlers.first { $0.info.apiVersion == apiVersion && $0.info.kind == kind }
    }

    /// Distinct group/versions in discovery order ("v1", "apps/v1", ...).
    public var groupVersions: [(group: String, version: String)] {
        var seen: [(String, String)] = []
        for h in handlers where !seen.contains(where: { $0.0 == h.info.group && $0.1 == h.info.version }) {
            seen.append((h.info.group, h.info.version))
        }
        return seen
    }
}
