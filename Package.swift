// swift-tools-version:6.1
// Parley: a real-time translation chat relay. See README.md and ARCHITECTURE notes in docs/.

import PackageDescription
import class Foundation.ProcessInfo

/// Shared settings, as in Hummingbird: a `public import` is a decision.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let environment = ProcessInfo.processInfo.environment

/// The executables' memory allocator on Linux: jemalloc (Debian's libjemalloc-dev) in place of the C library's malloc,
/// for 7–13% less CPU a message under load at 1,000 conversations and a far lower p99 near the peak (*The allocator's
/// round* in docs/performance.md). `parley --version` names the allocator in use. `PARLEY_SYSTEM_MALLOC=1` builds
/// without it (and `make test-asan` does: AddressSanitizer brings its own).
let allocator: [LinkerSetting] =
    environment["PARLEY_SYSTEM_MALLOC"] == nil ? [.linkedLibrary("jemalloc", .when(platforms: [.linux]))] : []

var package = Package(
    name: "parley",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "ParleyText", targets: ["ParleyText"]),
        .library(name: "ParleyTranslation", targets: ["ParleyTranslation"]),
        .library(name: "ParleyLanguageID", targets: ["ParleyLanguageID"]),
        .library(name: "ParleyCore", targets: ["ParleyCore"]),
        .library(name: "ParleySQLite", targets: ["ParleySQLite"]),
        .library(name: "ParleyServer", targets: ["ParleyServer"]),
        .library(name: "ParleyTesting", targets: ["ParleyTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        // Already required by async-http-client and hummingbird; declared so we may `import NIOCore` (ByteBuffer).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        // C stays in its cage: the only target that includes <unicode/*.h>. Its public header has plain C types.
        .target(
            name: "CICU",
            cxxSettings: [.unsafeFlags(["-fno-exceptions"])],
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .target(name: "ParleyText", dependencies: ["CICU"], swiftSettings: swiftSettings),
        .target(name: "ParleyLanguageID", dependencies: ["ParleyText"], swiftSettings: swiftSettings),
        .target(
            name: "ParleyTranslation",
            dependencies: [
                "ParleyText",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyCore",
            dependencies: [
                "ParleyText", "ParleyTranslation", "ParleyLanguageID",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleySQLite",
            dependencies: ["ParleyCore", "ParleyTranslation", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyServer",
            dependencies: [
                "ParleyCore", "ParleySQLite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            // The widget, console and shop are served from the file system (`--public-dir`), not compiled in.
            exclude: ["Public"],
            swiftSettings: swiftSettings
        ),
        // In-process servers speaking DeepL's and LibreTranslate's published APIs, a test clock, and the ChatStore
        // conformance suite.
        .target(
            name: "ParleyTesting",
            dependencies: [
                "ParleyCore",
                "ParleyTranslation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyText", "ParleyLanguageID", "ParleyTranslation", "ParleyCore", "ParleySQLite", "ParleyServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: allocator
        ),
        .testTarget(name: "ParleyTextTests", dependencies: ["ParleyText"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ParleyLanguageIDTests",
            dependencies: ["ParleyLanguageID", "ParleyText"],
            exclude: ["Data"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyTranslationTests",
            dependencies: [
                "ParleyTranslation", "ParleyTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyCoreTests", dependencies: ["ParleyCore", "ParleyTesting"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleySQLiteTests",
            dependencies: [
                "ParleySQLite", "ParleyTesting", "ParleyText", "ParleyTranslation", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyServerTests",
            dependencies: [
                "ParleyServer", "ParleyTesting", "ParleySQLite", "ParleyCore", "ParleyLanguageID", "ParleyTranslation",
                "parley",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    cxxLanguageStandard: .cxx17
)

// Translation tools build only when asked for (`make eval-phrasebook`, `make bench-phrasebook`,
// `make bench-translation`).
if environment["PARLEY_TOOLS"] != nil {
    package.targets += [
        .executableTarget(
            name: "PhrasebookEval", dependencies: ["ParleyTranslation"], path: "Tests/Tools/PhrasebookEval",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PhrasebookBench",
            dependencies: ["ParleyTranslation", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            path: "Tests/Tools/PhrasebookBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TranslationBench", dependencies: ["ParleyTranslation"], path: "Tests/Tools/TranslationBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "LanguageIDLoad", dependencies: ["ParleyLanguageID"], path: "Tests/Tools/LanguageIDLoad",
            swiftSettings: swiftSettings
        ),
    ]
}

// Benchmarks build only when asked for (`make bench`), so `make test` on a fresh clone stays fast.
if environment["PARLEY_BENCHMARKS"] != nil {
    package.dependencies += [
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ]
    package.targets += [
        .executableTarget(
            name: "ParleyBenchmarks",
            dependencies: [
                "ParleyText",
                "ParleyTranslation",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Tests/Benchmarks/ParleyBenchmarks",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PhrasebookBenchmarks",
            dependencies: [
                "ParleyTranslation",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Tests/Benchmarks/PhrasebookBenchmarks",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
}

// `make bench-relay`: a load generator and the bare relay it compares Parley with.
if environment["PARLEY_BENCH_RELAY"] != nil {
    package.dependencies += [
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ]
    package.targets += [
        .executableTarget(
            name: "RelayLoad",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            path: "Tests/Benchmarks/RelayLoad",
            // The bare relays run in this executable: the same allocator as Parley's, so the comparison is fair.
            linkerSettings: allocator
        ),
    ]
}
