// swift-tools-version:6.1
// Parley: a real-time translation chat relay. See README.md and ARCHITECTURE notes in docs/.

import PackageDescription
import class Foundation.ProcessInfo

/// Shared settings, as in Hummingbird: a `public import` is a decision.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

var package = Package(
    name: "parley",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "ParleyText", targets: ["ParleyText"]),
        .library(name: "ParleyTranslation", targets: ["ParleyTranslation"]),
        .library(name: "ParleyLanguageID", targets: ["ParleyLanguageID"]),
        .library(name: "ParleyTesting", targets: ["ParleyTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
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
        // In-process servers speaking DeepL's and LibreTranslate's published APIs, and a test clock.
        .target(
            name: "ParleyTesting",
            dependencies: [
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
                "ParleyText",
                "ParleyLanguageID",
                "ParleyTranslation",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
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
            exclude: ["Data"],
            swiftSettings: swiftSettings
        ),
    ],
    cxxLanguageStandard: .cxx17
)

let environment = ProcessInfo.processInfo.environment

// Phrasebook tools build only when asked for (`make eval-phrasebook`, `make bench-phrasebook`).
if environment["PARLEY_TOOLS"] != nil {
    package.targets += [
        .executableTarget(
            name: "PhrasebookEval", dependencies: ["ParleyTranslation"], path: "Tests/Tools/PhrasebookEval",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PhrasebookBench", dependencies: ["ParleyTranslation"], path: "Tests/Tools/PhrasebookBench",
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
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
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
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            path: "Tests/Benchmarks/RelayLoad"
        ),
    ]
}
