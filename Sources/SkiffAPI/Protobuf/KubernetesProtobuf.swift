import Foundation

/// Reads request bodies in Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`),
/// which kubectl's typed clients send for `kubectl create namespace|configmap|secret|service|
/// deployment` and friends: the magic `k8s\0`, then a `runtime.Unknown` envelope holding
/// apiVersion, kind and the object's own message. The object comes out in its JSON form, as the
/// Go types marshal it, so everything after decoding (defaulting, validation, storage) is the
/// JSON path. Fields unknown to the schema are skipped, as protobuf readers do.
public enum KubernetesProtobuf {
    public static let mediaType = "application/vnd.kubernetes.protobuf"
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]
    static let maxDepth = 64

    /// Decodes a whole body. `apiVersion`/`kind` stand in when the envelope leaves them empty.
    public static func decodeObject(_ body: [UInt8], apiVersion defaultAPIVersion: String? = nil, kind defaultKind: String? = nil,
                                    schema: KubernetesProtobufSchema = .shared) throws -> JSONValue {
        guard body.count >= magic.count, Array(body.prefix(magic.count)) == magic else {
            throw ProtobufError.malformed("the body does not start with the Kubernetes protobuf magic \"k8s\\0\"")
        }
        var apiVersion = "", kind = "", contentEncoding = ""
        var raw: ArraySlice<UInt8> = []
        var envelope = ProtobufWireReader(body[magic.count...])
        while let f = try envelope.nextField() {
            switch (f.number, f.wireType) {
            case (1, .lengthDelimited):
                var typeMeta = ProtobufWireReader(f.bytes)
                while let t = try typeMeta.nextField() {
                    guard t.wireType == .lengthDelimited else { continue }
                    if t.number == 1 { apiVersion = try string(t.bytes, path: "apiVersion") }
                    if t.number == 2 { kind = try string(t.bytes, path: "kind") }
                }
            case (2, .lengthDelimited): raw = f.bytes
            case (3, .lengthDelimited): contentEncoding = try string(f.bytes, path: "contentEncoding")
            default: continue
            }
        }
        if apiVersion.isEmpty, let v = defaultAPIVersion { apiVersion = v }
        if kind.isEmpty, let k = defaultKind { kind = k }
        guard contentEncoding.isEmpty else {
            throw ProtobufError.unsupported("protobuf contentEncoding \"\(contentEncoding)\" is not supported; send it unencoded or as JSON")
        }
        guard !apiVersion.isEmpty, !kind.isEmpty else {
            throw ProtobufError.malformed("the envelope names no apiVersion and kind")
        }
        guard let message = schema.message(apiVersion: apiVersion, kind: kind) else {
            throw ProtobufError.unsupported("no protobuf schema for \(kind) in \(apiVersion); send it as JSON")
        }
        var decoder = MessageDecoder(schema: schema)
        var object = try decoder.decode(message, raw, path: "", depth: 0)
        object["apiVersion"] = .string(apiVersion)
        object["kind"] = .string(kind)
        return .object(object)
    }

    static func string(_ bytes: ArraySlice<UInt8>, path: String) throws -> String {
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw ProtobufError.malformed("\(path.isEmpty ? "a string" : path) is not valid UTF-8")
        }
        return s
    }
}

/// Walks one message's fields into a JSON object.
struct MessageDecoder {
    let schema: KubernetesProtobufSchema

    /// Go structs embedded with `json:",inline"`: their fields sit directly in the parent object.
    static let inlineFields: Set<String> = [
        "Volume.volumeSource", "Probe.handler", "EphemeralContainer.ephemeralContainerCommon",
        "PersistentVolumeSpec.persistentVolumeSource",
        "ConfigMapEnvSource.localObjectReference", "ConfigMapKeySelector.localObjectReference",
        "ConfigMapProjection.localObjectReference", "ConfigMapVolumeSource.localObjectReference",
        "SecretEnvSource.localObjectReference", "SecretKeySelector.localObjectReference",
        "SecretProjection.localObjectReference",
    ]

    /// Pointer fields in the Go types: a zero value on the wire is a value the client chose
    /// (`replicas: 0`, `runAsUser: 0`, `gracePeriodSeconds: 0`), not an unset field.
    /// Every other zero scalar is what Go's encoder writes for an unset field and is left out.
    static let presenceFields: Set<String> = [
        "PodSpec.terminationGracePeriodSeconds", "PodSpec.activeDeadlineSeconds", "PodSpec.automountServiceAccountToken",
        "PodSpec.shareProcessNamespace", "PodSpec.enableServiceLinks", "PodSpec.priority", "PodSpec.hostUsers",
        "PodSpec.setHostnameAsFQDN", "Probe.terminationGracePeriodSeconds",
        "SecurityContext.privileged", "SecurityContext.runAsUser", "SecurityContext.runAsGroup", "SecurityContext.runAsNonRoot",
        "SecurityContext.readOnlyRootFilesystem", "SecurityContext.allowPrivilegeEscalation",
        "PodSecurityContext.runAsUser", "PodSecurityContext.runAsGroup", "PodSecurityContext.runAsNonRoot", "PodSecurityContext.fsGroup",
        "ConfigMap.immutable", "Secret.immutable", "ServiceSpec.allocateLoadBalancerNodePorts", "ClientIPConfig.timeoutSeconds",
        "ReplicationControllerSpec.replicas", "ReplicaSetSpec.replicas", "DeploymentSpec.replicas",
        "DeploymentSpec.revisionHistoryLimit", "DeploymentSpec.progressDeadlineSeconds", "ScaleSpec.replicas",
        "SecretVolumeSource.defaultMode", "ConfigMapVolumeSource.defaultMode", "ProjectedVolumeSource.defaultMode",
        "DownwardAPIVolumeSource.defaultMode", "KeyToPath.mode", "DownwardAPIVolumeFile.mode",
        "ConfigMapKeySelector.optional", "SecretKeySelector.optional", "ConfigMapEnvSource.optional",
        "SecretEnvSource.optional", "ConfigMapVolumeSource.optional", "SecretVolumeSource.optional",
        "Toleration.tolerationSeconds", "ObjectMeta.deletionGracePeriodSeconds",
        "DeleteOptions.gracePeriodSeconds", "DeleteOptions.orphanDependents",
        "OwnerReference.controller", "OwnerReference.blockOwnerDeletion",
        "LeaseSpec.leaseDurationSeconds", "LeaseSpec.leaseTransitions",
    ]

    static func shortName(_ full: String) -> Substring {
        full.split(separator: ".").last ?? Substring(full)
    }

    mutating func decode(_ message: KubernetesProtobufSchema.Message, _ bytes: ArraySlice<UInt8>, path: String, depth: Int) throws -> [String: JSONValue] {
        guard depth < KubernetesProtobuf.maxDepth else { throw ProtobufError.malformed("\(path): messages nested deeper than \(KubernetesProtobuf.maxDepth)") }
        let short = Self.shortName(message.name)
        var object: [String: JSONValue] = [:]
        var lists: [String: [JSONValue]] = [:]
        var maps: [String: [String: JSONValue]] = [:]
        var inlined: [[String: JSONValue]] = []
        var reader = ProtobufWireReader(bytes)
        while let f = try reader.nextField() {
            guard let field = message.fields[f.number] else { continue }
            let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
            switch field.type {
            case .map(let valueType):
                guard f.wireType == .lengthDelimited else { throw mismatch(fieldPath, f) }
                let (key, value) = try mapEntry(f.bytes, valueType: valueType, path: fieldPath, depth: depth)
                maps[field.name, default: [:]][key] = value
            case .message(let typeName) where Self.inlineFields.contains("\(short).\(field.name)"):
                guard f.wireType == .lengthDelimited, let inner = schema.messages[typeName] else { throw mismatch(fieldPath, f) }
                inlined.append(try decode(inner, f.bytes, path: path, depth: depth + 1))
            default:
                if field.repeated {
                    let index = lists[field.name]?.count ?? 0
                    if f.wireType == .lengthDelimited, field.type.isPackable {
                        var packed = ProtobufWireReader(f.bytes)
                        while !packed.isAtEnd {
                            let raw = field.type == .double ? try packed.readFixed(8) : field.type == .float ? try packed.readFixed(4) : try packed.readVarint()
                            lists[field.name, default: []].append(try scalar(field.type, raw: raw, path: fieldPath).value)
                        }
                    } else if let v = try value(field.type, f, path: "\(fieldPath)[\(index)]", depth: depth, keepZero: true) {
                        lists[field.name, default: []].append(v)
                    }
                } else {
                    let keep = Self.presenceFields.contains("\(short).\(field.name)")
                    if let v = try value(field.type, f, path: fieldPath, depth: depth, keepZero: keep) {
                        object[field.name] = v
                    } else {
                        object.removeValue(forKey: field.name)
                    }
                }
            }
        }
        for (name, list) in lists { object[name] = .array(list) }
        for (name, map) in maps { object[name] = .object(map) }
        for inner in inlined { object.merge(inner) { _, new in new } }
        return object
    }

    /// One value; nil when it is the zero value of a field Go leaves out.
    mutating func value(_ type: KubernetesProtobufSchema.ValueType, _ f: ProtobufWireReader.Field, path: String,
                        depth: Int, keepZero: Bool) throws -> JSONValue? {
        switch type {
        case .message(let typeName):
            guard f.wireType == .lengthDelimited else { throw mismatch(path, f) }
            if let special = try wellKnown(typeName, f.bytes, path: path) { return special }
            guard let inner = schema.messages[typeName] else { throw ProtobufError.unsupported("\(path): no protobuf schema for \(typeName)") }
            return .object(try decode(inner, f.bytes, path: path, depth: depth + 1))
        case .string:
            guard f.wireType == .lengthDelimited else { throw mismatch(path, f) }
            let s = try KubernetesProtobuf.string(f.bytes, path: path)
            if s.isEmpty && !keepZero { return nil }
            return .string(s)
        case .bytes:
            guard f.wireType == .lengthDelimited else { throw mismatch(path, f) }
            if f.bytes.isEmpty && !keepZero { return nil }
            return .string(Data(f.bytes).base64EncodedString())
        case .map:
            throw mismatch(path, f)
        default:
            let expected: ProtobufWireReader.WireType = type == .double ? .fixed64 : type == .float ? .fixed32 : .varint
            guard f.wireType == expected else { throw mismatch(path, f) }
            let (v, isZero) = try scalar(type, raw: f.scalar, path: path)
            if isZero && !keepZero { return nil }
            return v
        }
    }

    func scalar(_ type: KubernetesProtobufSchema.ValueType, raw: UInt64, path: String) throws -> (value: JSONValue, isZero: Bool) {
        switch type {
        case .signed: return (.int(Int64(bitPattern: raw)), raw == 0)
        case .unsigned:
            guard raw <= UInt64(Int64.max) else { throw ProtobufError.malformed("\(path): \(raw) does not fit a signed 64-bit integer") }
            return (.int(Int64(raw)), raw == 0)
        case .zigzag: return (.int(Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)), raw == 0)
        case .bool: return (.bool(raw != 0), raw == 0)
        case .double: return (.double(Double(bitPattern: raw)), raw == 0)
        case .float: return (.double(Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw)))), raw == 0)
        default: throw ProtobufError.malformed("\(path): not a scalar")
        }
    }

    mutating func mapEntry(_ bytes: ArraySlice<UInt8>, valueType: KubernetesProtobufSchema.ValueType, path: String,
                           depth: Int) throws -> (String, JSONValue) {
        var key = ""
        var value: JSONValue?
        var reader = ProtobufWireReader(bytes)
        while let f = try reader.nextField() {
            if f.number == 1 {
                guard f.wireType == .lengthDelimited else { throw mismatch("\(path) key", f) }
                key = try KubernetesProtobuf.string(f.bytes, path: "\(path) key")
            } else if f.number == 2 {
                value = try self.value(valueType, f, path: "\(path)[\(key)]", depth: depth, keepZero: true)
            }
        }
        if value == nil {
            // An absent value is the type's zero value.
            switch valueType {
            case .string, .bytes: value = .string("")
            case .bool: value = .bool(false)
            case .message(let name) where name.hasSuffix(".Quantity"): value = .string("0")
            case .message: value = .object([:])
            default: value = .int(0)
            }
        }
        return (key, value ?? .null)
    }

    /// apimachinery types whose JSON form is not an object: times, durations, int-or-string,
    /// quantities and embedded raw JSON. The outer optional is "handled here", the inner value
    /// nil when Go leaves the field out (a zero time).
    func wellKnown(_ typeName: String, _ bytes: ArraySlice<UInt8>, path: String) throws -> JSONValue?? {
        let prefix = "k8s.io.apimachinery.pkg."
        guard typeName.hasPrefix(prefix) else { return nil }
        switch typeName.dropFirst(prefix.count) {
        case "apis.meta.v1.Time", "apis.meta.v1.MicroTime":
            var seconds: Int64 = 0, nanos: Int64 = 0
            var r = ProtobufWireReader(bytes)
            while let f = try r.nextField() {
                guard f.wireType == .varint else { continue }
                if f.number == 1 { seconds = Int64(bitPattern: f.scalar) }
                if f.number == 2 { nanos = Int64(bitPattern: f.scalar) }
            }
            if seconds == 0 && nanos == 0 { return .some(JSONValue?.none) }
            let micro = typeName.hasSuffix("MicroTime")
            return .some(.string(RFC3339.format(seconds, micros: micro ? nanos / 1000 : nil)))
        case "apis.meta.v1.Duration":
            var nanos: Int64 = 0
            var r = ProtobufWireReader(bytes)
            while let f = try r.nextField() { if f.number == 1 && f.wireType == .varint { nanos = Int64(bitPattern: f.scalar) } }
            return .some(.string(GoDuration.format(nanoseconds: nanos)))
        case "util.intstr.IntOrString":
            var isString = false, int: Int64 = 0, str = ""
            var r = ProtobufWireReader(bytes)
            while let f = try r.nextField() {
                switch (f.number, f.wireType) {
                case (1, .varint): isString = f.scalar == 1
                case (2, .varint): int = Int64(Int32(truncatingIfNeeded: f.scalar))
                case (3, .lengthDelimited): str = try KubernetesProtobuf.string(f.bytes, path: path)
                default: continue
                }
            }
            return .some(isString ? .string(str) : .int(int))
        case "api.resource.Quantity":
            var r = ProtobufWireReader(bytes)
            var text = ""
            while let f = try r.nextField() {
                guard f.number == 1 && f.wireType == .lengthDelimited else { continue }
                text = try KubernetesProtobuf.string(f.bytes, path: path)
            }
            if text.isEmpty { return .some(JSONValue?.none) }
            return .some(.string(text))
        case "runtime.RawExtension", "apis.meta.v1.FieldsV1":
            var r = ProtobufWireReader(bytes)
            var raw: ArraySlice<UInt8> = []
            while let f = try r.nextField() { if f.number == 1 && f.wireType == .lengthDelimited { raw = f.bytes } }
            if raw.isEmpty { return .some(JSONValue?.none) }
            do { return .some(try JSONValue(from: Data(raw))) } catch {
                throw ProtobufError.unsupported("\(path): embedded objects must be JSON (\(error))")
            }
        default:
            return nil
        }
    }

    func mismatch(_ path: String, _ f: ProtobufWireReader.Field) -> ProtobufError {
        .malformed("\(path): field \(f.number) has the wrong wire type (\(f.wireType))")
    }
}

extension KubernetesProtobufSchema.ValueType {
    var isPackable: Bool {
        switch self {
        case .signed, .unsigned, .zigzag, .bool, .double, .float: return true
        default: return false
        }
    }
}

/// Go's `time.Duration.String()` form (`1h2m3.5s`, `250ms`, `0s`), as metav1.Duration marshals.
enum GoDuration {
    static func format(nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let negative = nanoseconds < 0
        let n = nanoseconds.magnitude
        var out: String
        if n < 1_000_000_000 {
            // Sub-second: the largest unit that keeps a whole part.
            let (unit, size): (String, UInt64) = n < 1_000 ? ("ns", 1) : n < 1_000_000 ? ("µs", 1_000) : ("ms", 1_000_000)
            out = fraction(n, size) + unit
        } else {
            let hours = n / 3_600_000_000_000
            let minutes = (n / 60_000_000_000) % 60
            let secondsNanos = n % 60_000_000_000
            out = ""
            if hours > 0 { out += "\(hours)h" }
            if hours > 0 || minutes > 0 { out += "\(minutes)m" }
            out += fraction(secondsNanos, 1_000_000_000) + "s"
        }
        return negative ? "-" + out : out
    }

    static func fraction(_ value: UInt64, _ unit: UInt64) -> String {
        let whole = value / unit
        let rest = value % unit
        guard rest > 0 else { return "\(whole)" }
        var digits = String(unit)
        digits.removeFirst()  // as many fraction digits as the unit has zeros
        var frac = String(rest)
        frac = String(repeating: "0", count: digits.count - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return "\(whole).\(frac)"
    }
}
