import Foundation

/// A CNI network configuration list (`*.conflist`), kept as JSON so plugin-specific keys pass
/// through untouched, as the CNI spec requires.
public struct CNIConfigList: @unchecked Sendable {
    public let name: String
    public let cniVersion: String
    /// Each plugin's configuration object, in chain order.
    public let plugins: [[String: Any]]
    /// The file it was read from, when it came from disk.
    public let source: String?

    public init(name: String, cniVersion: String, plugins: [[String: Any]], source: String? = nil) {
        self.name = name
        self.cniVersion = cniVersion
        self.plugins = plugins
        self.source = source
    }

    /// Parses a conflist, or a single-plugin `.conf` (wrapped into a list of one).
    public init(data: Data, source: String? = nil) throws {
        let where_ = source ?? "CNI configuration"
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CNIError.badConfig("\(where_): not a JSON object")
        }
        guard let name = obj["name"] as? String, !name.isEmpty else {
            throw CNIError.badConfig("\(where_): field \"name\": expected a non-empty string")
        }
        let version = (obj["cniVersion"] as? String) ?? "0.4.0"
        if let list = obj["plugins"] {
            guard let plugins = list as? [[String: Any]], !plugins.isEmpty else {
                throw CNIError.badConfig("\(where_): field \"plugins\": expected a non-empty array of objects")
            }
            for (i, p) in plugins.enumerated() where (p["type"] as? String)?.isEmpty ?? true {
                throw CNIError.badConfig("\(where_): field \"plugins[\(i)].type\": expected a plugin name")
            }
            self.init(name: name, cniVersion: version, plugins: plugins, source: source)
        } else {
            guard (obj["type"] as? String).map({ !$0.isEmpty }) ?? false else {
                throw CNIError.badConfig("\(where_): field \"type\": expected a plugin name")
            }
            self.init(name: name, cniVersion: version, plugins: [obj], source: source)
        }
    }

    public static let defaultName = "skiff"

    /// The default network Skiff writes when the conf dir has none: a `cni0` bridge with the
    /// node's pod CIDR from host-local IPAM and portmap for hostPort bindings. Masquerade for
    /// traffic leaving the pod range is the kubelet's one node-wide chain (`PodMasquerade`),
    /// not the bridge plugin's per-pod chains.
    public static func defaultBridge(podCIDR: String, bridge: String = "cni0", name: String = defaultName) -> CNIConfigList {
        let bridgePlugin: [String: Any] = [
            "type": "bridge",
            "bridge": bridge,
            "isGateway": true,
            "ipMasq": false,
            "hairpinMode": true,
            "ipam": [
                "type": "host-local",
                "ranges": [[["subnet": podCIDR]]],
                "routes": [["dst": "0.0.0.0/0"]],
            ] as [String: Any],
        ]
        let portmap: [String: Any] = ["type": "portmap", "capabilities": ["portMappings": true], "snat": true]
        return CNIConfigList(name: name, cniVersion: "1.0.0", plugins: [bridgePlugin, portmap])
    }

    /// The pod range to masquerade node-wide: set for Skiff's own default network (a bridge
    /// with `ipMasq` off and a host-local range), nil for any other configuration.
    public var nodeMasqueradeRange: String? {
        guard name == Self.defaultName, let bridge = plugins.first, bridge["type"] as? String == "bridge",
              bridge["ipMasq"] as? Bool != true,
              let ipam = bridge["ipam"] as? [String: Any], let ranges = ipam["ranges"] as? [[[String: Any]]],
              let subnet = ranges.first?.first?["subnet"] as? String else { return nil }
        return subnet
    }

    /// The JSON text of the list, as written to `<confDir>/10-skiff.conflist`.
    public func serialized() throws -> Data {
        let obj: [String: Any] = ["cniVersion": cniVersion, "name": name, "plugins": plugins]
        return try JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys])
    }

    /// Loads the first configuration in `dir` by file name (`.conflist`, `.conf`, `.json`), as
    /// kubelets do; nil when there is none.
    public static func loadFirst(from dir: String) throws -> CNIConfigList? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        for file in names.sorted() where file.hasSuffix(".conflist") || file.hasSuffix(".conf") || file.hasSuffix(".json") {
            let path = dir + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CNIError.badConfig("\(path): cannot read")
            }
            return try CNIConfigList(data: data, source: path)
        }
        return nil
    }

    /// Loads the conf dir's first configuration, writing the default bridge network there first
    /// when the directory holds none.
    public static func loadOrWriteDefault(dir: String, podCIDR: String) throws -> CNIConfigList {
        if let found = try loadFirst(from: dir) { return found }
        let def = defaultBridge(podCIDR: podCIDR)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/10-skiff.conflist"
        let tmp = path + ".tmp"
        try def.serialized().write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, path) == 0 else { throw CNIError.badConfig("rename \(tmp): errno \(errno)") }
        return CNIConfigList(name: def.name, cniVersion: def.cniVersion, plugins: def.plugins, source: path)
    }
}
