// swift-tools-version:6.0
import PackageDescription

// Skiff: a compact Kubernetes-style cluster in Swift around a real Linux container node agent.
// Module map: see README.md ("Layout"). Dependencies point one way: SkiffAPI at the bottom.
let package = Package(
    name: "Skiff",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "skiff", targets: ["skiff"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        // Container process creation: the only code that runs between clone() and execve().
        .target(
            name: "CSkiffRuntime",
            // libc calls through the GOT, bound when the binary loads: with lazy binding every
            // cloned monitor and container init looked each function up again (~0.3 ms a start).
            cSettings: [.unsafeFlags(["-fno-plt"])],
            linkerSettings: [.linkedLibrary("seccomp"), .linkedLibrary("cap")]
        ),
        // Running helper programs (iptables, CNI plugins, ip): posix_spawn, poll, waitpid.
        .target(name: "SkiffSubprocess"),
        // The kernel's nf_tables netlink constants for the proxy's nftables mode.
        .target(name: "CNetfilter"),
        .target(name: "SkiffCgroups", dependencies: [
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "SkiffRuntime", dependencies: [
            "CSkiffRuntime", "SkiffCgroups",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "SkiffAPI", dependencies: [
            .product(name: "Yams", package: "Yams"),
        ]),
        // The system SQLite library (libsqlite3-dev) for the embedded store.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .target(name: "SkiffStore", dependencies: [
            "CSQLite",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .target(name: "SkiffAPIServer", dependencies: [
            "SkiffAPI", "SkiffStore",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
        ]),
        .target(name: "SkiffClient", dependencies: [
            "SkiffAPI",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .target(name: "SkiffKubelet", dependencies: [
            "SkiffAPI", "SkiffRuntime", "SkiffCgroups", "SkiffClient", "SkiffStats", "SkiffSubprocess",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The controller manager: replication, deployments, endpoints, node lifecycle, garbage collection.
        .target(name: "SkiffControllers", dependencies: [
            "SkiffAPI", "SkiffClient",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "SkiffScheduler", dependencies: [
            "SkiffAPI", "SkiffClient",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: [
            // The filter and score loops read NodeInfo fields millions of times per second; the
            // cache confines each snapshot to one task, so dynamic exclusivity checks only cost.
            .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
        ]),
        // The service proxy: iptables rules in the kube-proxy pattern, or userspace listeners.
        .target(name: "SkiffProxy", dependencies: [
            "SkiffAPI", "SkiffClient", "SkiffSubprocess", "CNetfilter",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // Cluster DNS: a small DNS codec, the record table from Services and Endpoints, the server.
        .target(name: "SkiffDNS", dependencies: [
            "SkiffAPI", "SkiffClient",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        // The cAdvisor role: cgroup, /proc, netns and file system readers; Summary API; metrics.
        .target(name: "SkiffStats", dependencies: [
            "SkiffCgroups",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The kubelet's HTTP endpoints (stats, metrics, logs) on its main and read-only ports.
        .target(name: "SkiffKubeletServer", dependencies: [
            "SkiffKubelet", "SkiffStats", "SkiffAPI",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
        ]),
        .executableTarget(name: "skiff", dependencies: [
            "SkiffRuntime", "SkiffAPIServer", "SkiffStore", "SkiffClient", "SkiffKubelet", "SkiffControllers", "SkiffScheduler", "SkiffProxy", "SkiffDNS", "SkiffKubeletServer", "SkiffSubprocess",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], linkerSettings: [
            // Release: a position-dependent executable, so no 130,000 relative relocations are
            // applied (and their pages dirtied) at every start of `skiff runtime` or a daemon.
            .unsafeFlags(["-Xclang-linker", "-no-pie"], .when(configuration: .release)),
        ]),
        .testTarget(name: "SkiffDNSTests", dependencies: ["SkiffDNS", "SkiffAPI"]),
        .testTarget(name: "SkiffKubeletTests", dependencies: ["SkiffKubelet", "SkiffSubprocess"]),
        .testTarget(name: "SkiffControllersTests", dependencies: ["SkiffControllers", "SkiffAPI"]),
        .testTarget(name: "SkiffRuntimeTests", dependencies: ["SkiffRuntime", "SkiffCgroups"]),
        .testTarget(name: "SkiffCgroupsTests", dependencies: ["SkiffCgroups"]),
        .testTarget(name: "SkiffAPITests", dependencies: ["SkiffAPI"]),
        .testTarget(name: "SkiffStoreTests", dependencies: ["SkiffStore"]),
        .testTarget(name: "SkiffSchedulerTests", dependencies: ["SkiffScheduler", "SkiffAPI", "SkiffClient", "SkiffAPIServer", "SkiffStore"]),
        .testTarget(name: "SkiffProxyTests", dependencies: ["SkiffProxy", "SkiffAPI"]),
        .testTarget(name: "SkiffStatsTests", dependencies: ["SkiffStats", "SkiffCgroups"]),
        .testTarget(name: "SkiffKubeletServerTests", dependencies: ["SkiffKubeletServer", "SkiffKubelet"]),
        .testTarget(name: "SkiffAPIServerTests", dependencies: ["SkiffAPIServer", "SkiffAPI", "SkiffStore", "SkiffClient"]),
    ]
)
