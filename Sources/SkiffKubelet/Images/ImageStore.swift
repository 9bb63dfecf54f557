import Foundation

/// A resolved local image: its root filesystem tree and identity.
public struct LocalImage: Sendable, Equatable {
    /// The name as the pod spec gave it.
    public var reference: String
    /// The repository's short name the tree is stored under (`busybox`).
    public var name: String
    /// The image tree, used read-only as the overlay's lower directory.
    public var rootfs: String
    /// `sha256:<hex>` over the tree's files (written by hack/mkrootfs.sh), stable while it is unchanged.
    public var digest: String
    /// The command a container runs when its spec gives neither command nor args (the
    /// image's default command, from `<tree>/.skiff-cmd`, a JSON array; `sh` otherwise).
    public var defaultCommand: [String] = ["sh"]
    /// What `status.containerStatuses[].imageID` shows.
    public var imageID: String { "skiff-image://\(name)@\(digest)" }
}

public enum ImageError: Error, Equatable, CustomStringConvertible {
    /// The Waiting reason is `ErrImagePull` then `ImagePullBackOff`.
    case notFound(reference: String, searched: [String])
    case invalidReference(String)

    public var description: String {
        switch self {
        case .notFound(let r, let dirs):
            return "failed to pull image \"\(r)\": image not found in the local image store (\(dirs.joined(separator: ", "))); pulling from registries is not supported by this node"
        case .invalidReference(let r):
            return "couldn't parse image name \"\(r)\": invalid reference format"
        }
    }
}

/// The node's local image store: image trees in directories (the repository's `rootfs/`
/// built by hack/mkrootfs.sh, plus any configured directory). A reference like `busybox`,
/// `busybox:1.36`, `docker.io/library/busybox:latest` or `registry.k8s.io/pause:3.10` resolves to
/// the tree named by its last path component.
public struct ImageStore: Sendable {
    public let directories: [String]

    public init(directories: [String]) { self.directories = directories }

    /// Splits a reference into its short repository name; tags and digests are accepted and
    /// ignored since each local tree has one version.
    public static func shortName(of reference: String) throws -> String {
        var ref = reference.trimmingCharacters(in: .whitespaces)
        guard !ref.isEmpty, ref == ref.lowercased() || ref.contains(":") || ref.contains("@") else {
            throw ImageError.invalidReference(reference)
        }
        if let at = ref.firstIndex(of: "@") { ref = String(ref[..<at]) }
        var last = ref.split(separator: "/").last.map(String.init) ?? ref
        if let colon = last.firstIndex(of: ":") { last = String(last[..<colon]) }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard !last.isEmpty, last.allSatisfy({ allowed.contains($0) }), last != ".", last != ".." else {
            throw ImageError.invalidReference(reference)
        }
        return last
    }

    public func resolve(_ reference: String) throws -> LocalImage {
        let name = try Self.shortName(of: reference)
        for dir in directories {
            let tree = dir + "/" + name
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: tree, isDirectory: &isDir), isDir.boolValue else { continue }
            let recorded = FileManager.default.contents(atPath: tree + "/.skiff-digest")
                .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            let digest = (recorded?.hasPrefix("sha256:") ?? false) ? recorded ?? "" : "sha256:unknown"
            var img = LocalImage(reference: reference, name: name, rootfs: tree, digest: digest)
            if let data = FileManager.default.contents(atPath: tree + "/.skiff-cmd"),
               let cmd = try? JSONDecoder().decode([String].self, from: data), !cmd.isEmpty {
                img.defaultCommand = cmd
            }
            return img
        }
        throw ImageError.notFound(reference: reference, searched: directories)
    }

    /// Every image tree present, for the node's `status.images`.
    public func list() -> [LocalImage] {
        var out: [LocalImage] = []
        for dir in directories {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
            where FileManager.default.fileExists(atPath: "\(dir)/\(name)/.skiff-image") {
                if let img = try? resolve(name), !out.contains(where: { $0.name == img.name }) { out.append(img) }
            }
        }
        return out
    }
}
