import Foundation
import Logging
import SkiffAPI
import SkiffStore

/// Cluster IP and node port allocation for services. Each allocated value is one store key
/// (`/registry/ranges/serviceips/<ip>`, `/registry/ranges/servicenodeports/<port>`) holding its
/// owner, so allocation is an atomic create-if-absent and survives restarts.
public final class ServiceAllocator: RegistryHooks {
    let store: any KVStore
    public let ipRange: IPv4Range
    public let portRange: PortRange
    let logger = Logger(label: "skiff.apiserver.allocator")

    static let ipPrefix = "/registry/ranges/serviceips/"
    static let portPrefix = "/registry/ranges/servicenodeports/"

    public init(store: any KVStore, ipRange: IPv4Range, portRange: PortRange) {
        self.store = store
        self.ipRange = ipRange
        self.portRange = portRange
    }

    static func owner(_ svc: JSONValue) -> Data { Data("\(svc.metadataNamespace ?? "")/\(svc.metadataName)".utf8) }

    static let svcInfo = ResourceInfo(kind: "Service", plural: "services", namespaced: true)

    func invalid(_ svc: JSONValue, _ field: String, _ bad: String, _ detail: String) -> APIError {
        APIError.invalid(Self.svcInfo, svc.metadataName, [FieldError(kind: .invalid, field: field, badValue: bad, detail: detail)])
    }

    /// Claims one key; false when someone holds it.
    func claim(_ key: String, owner: Data) async throws -> Bool {
        do {
            _ = try await store.create(key, value: owner)
            return true
        } catch StoreError.keyExists {
            return false
        }
    }

    /// Releases a key if `owner` holds it.
    func release(_ key: String, owner: Data) async {
        guard let kv = try? await store.get(key), kv.value == owner else { return }
        _ = try? await store.delete(key, expectedRevision: kv.modRevision)
    }

    // MARK: cluster IPs

    public func allocateIP(_ requested: String?, svc: JSONValue) async throws -> String {
        let owner = Self.owner(svc)
        if let requested, !requested.isEmpty {
            guard let ip = IPv4Range.parse(requested) else {
                throw invalid(svc, "spec.clusterIPs", "[\"\(requested)\"]", "must be a valid IP")
            }
            guard ipRange.contains(ip) else {
                throw invalid(svc, "spec.clusterIPs", "[\"\(requested)\"]",
                              "failed to allocate IP \(requested): the provided IP (\(requested)) is not in the valid range. The range of valid IPs is \(ipRange)")
            }
            guard try await claim(Self.ipPrefix + requested, owner: owner) else {
                throw invalid(svc, "spec.clusterIPs", "[\"\(requested)\"]", "failed to allocate IP \(requested): provided IP is already allocated")
            }
            return requested
        }
        let count = UInt64(ipRange.last - ipRange.first) + 1
        // Random probing first (cheap while the range is sparse), then a scan.
        for _ in 0..<64 {
            // The first address is reserved for the `kubernetes` service.
            let ip = ipRange.first + 1 + UInt32(UInt64.random(in: 0..<max(1, count - 1)))
            if try await claim(Self.ipPrefix + IPv4Range.format(ip), owner: owner) { return IPv4Range.format(ip) }
        }
        let taken = Set(try await store.list(prefix: Self.ipPrefix, revision: nil, startAfter: nil, limit: 0).items.map { String($0.key.dropFirst(Self.ipPrefix.count)) })
        var ip = ipRange.first + 1
        while ip <= ipRange.last {
            let s = IPv4Range.format(ip)
            if !taken.contains(s), try await claim(Self.ipPrefix + s, owner: owner) { return s }
            ip += 1
        }
        throw APIError(.failure(code: 500, reason: "InternalError", message: "Internal error occurred: failed to allocate a serviceIP: range is full"))
    }

    // MARK: node ports

    public func allocatePort(_ requested: Int64?, svc: JSONValue, field: String) async throws -> Int64 {
        let owner = Self.owner(svc)
        if let requested, requested != 0 {
            guard portRange.contains(Int(requested)) else {
                throw invalid(svc, field, String(requested), "provided port is not in the valid range. The range of valid ports is \(portRange)")
            }
            guard try await claim(Self.portPrefix + String(requested), owner: owner) else {
                throw invalid(svc, field, String(requested), "provided port is already allocated")
            }
            return requested
        }
        for _ in 0..<64 {
            let p = Int.random(in: portRange.low...portRange.high)
            if try await claim(Self.portPrefix + String(p), owner: owner) { return Int64(p) }
        }
        for p in portRange.low...portRange.high {
            if try await claim(Self.portPrefix + String(p), owner: owner) { return Int64(p) }
        }
        throw APIError(.failure(code: 500, reason: "InternalError", message: "Internal error occurred: failed to allocate a nodePort: range is full"))
    }

    static func needsNodePorts(_ svc: JSONValue) -> Bool {
        let t = svc.value(at: ["spec", "type"])?.stringValue ?? "ClusterIP"
        return t == "NodePort" || t == "LoadBalancer"
    }

    static func ports(_ svc: JSONValue) -> [JSONValue] {
        if case .array(let a)? = svc.value(at: ["spec", "ports"]) { return a }
        return []
    }

    static func allocatedIPs(_ svc: JSONValue) -> [String] {
        var ips: [String] = []
        if case .array(let a)? = svc.value(at: ["spec", "clusterIPs"]) { ips = a.compactMap(\.stringValue) }
        if let ip = svc.value(at: ["spec", "clusterIP"])?.stringValue, !ips.contains(ip) { ips.append(ip) }
        return ips.filter { !$0.isEmpty && $0 != "None" }
    }

    static func allocatedPorts(_ svc: JSONValue) -> [Int64] {
        ports(svc).compactMap { $0["nodePort"]?.intValue }.filter { $0 != 0 }
    }

    // MARK: hooks

    public func beforeCreate(_ h: ResourceHandler, _ object: JSONValue) async throws -> JSONValue {
        var svc = object
        let owner = Self.owner(svc)
        var claimedIP: String?
        var claimedPorts: [Int64] = []
        do {
            let type = svc.value(at: ["spec", "type"])?.stringValue ?? "ClusterIP"
            if type != "ExternalName" {
                var requested = svc.value(at: ["spec", "clusterIP"])?.stringValue ?? ""
                if requested.isEmpty, case .array(let a)? = svc.value(at: ["spec", "clusterIPs"]), let f = a.first?.stringValue { requested = f }
                if requested == "None" {
                    svc = svc.setting(["spec", "clusterIP"], to: "None").setting(["spec", "clusterIPs"], to: ["None"])
                } else {
                    let ip = try await allocateIP(requested, svc: svc)
                    claimedIP = ip
                    svc = svc.setting(["spec", "clusterIP"], to: .string(ip)).setting(["spec", "clusterIPs"], to: [.string(ip)])
                }
                if svc.value(at: ["spec", "ipFamilies"]) == nil { svc = svc.setting(["spec", "ipFamilies"], to: ["IPv4"]) }
                if svc.value(at: ["spec", "ipFamilyPolicy"]) == nil { svc = svc.setting(["spec", "ipFamilyPolicy"], to: "SingleStack") }
            }
            if Self.needsNodePorts(svc) {
                var ports = Self.ports(svc)
                for i in ports.indices {
                    let p = try await allocatePort(ports[i]["nodePort"]?.intValue, svc: svc, field: "spec.ports[\(i)].nodePort")
                    claimedPorts.append(p)
                    ports[i] = ports[i].setting(["nodePort"], to: .int(p))
                }
                svc = svc.setting(["spec", "ports"], to: .array(ports))
            }
            return svc
        } catch {
            if let ip = claimedIP { await release(Self.ipPrefix + ip, owner: owner) }
            for p in claimedPorts { await release(Self.portPrefix + String(p), owner: owner) }
            throw error
        }
    }

    public func createFailed(_ h: ResourceHandler, _ object: JSONValue) async {
        await releaseAll(object)
    }

    public func beforeUpdate(_ h: ResourceHandler, _ object: JSONValue, old: JSONValue) async throws -> JSONValue {
        var svc = object
        let owner = Self.owner(svc)
        let oldPorts = Set(Self.allocatedPorts(old))
        var claimed: [Int64] = []
        do {
            if Self.needsNodePorts(svc) {
                var ports = Self.ports(svc)
                for i in ports.indices {
                    let want = ports[i]["nodePort"]?.intValue ?? 0
                    if want != 0 && oldPorts.contains(want) { continue }
                    let p = try await allocatePort(want, svc: svc, field: "spec.ports[\(i)].nodePort")
                    claimed.append(p)
                    ports[i] = ports[i].setting(["nodePort"], to: .int(p))
                }
                svc = svc.setting(["spec", "ports"], to: .array(ports))
            } else {
                svc = svc.setting(["spec", "ports"], to: .array(Self.ports(svc).map { $0.setting(["nodePort"], to: nil) }))
            }
        } catch {
            for p in claimed { await release(Self.portPrefix + String(p), owner: owner) }
            throw error
        }
        let kept = Set(Self.allocatedPorts(svc))
        for p in oldPorts where !kept.contains(p) { await release(Self.portPrefix + String(p), owner: owner) }
        return svc
    }

    public func afterDelete(_ h: ResourceHandler, _ object: JSONValue) async {
        await releaseAll(object)
    }

    func releaseAll(_ svc: JSONValue) async {
        let owner = Self.owner(svc)
        for ip in Self.allocatedIPs(svc) { await release(Self.ipPrefix + ip, owner: owner) }
        for p in Self.allocatedPorts(svc) { await release(Self.portPrefix + String(p), owner: owner) }
    }
}
