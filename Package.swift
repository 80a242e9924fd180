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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // C stays in its cage: the only target that includes <unicode/*.h>. Its public header has plain C types.
        .target(
            name: "CICU",
            cxxSettings: [.unsafeFlags(["-fno-exceptions"])],
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .target(name: "ParleyText", dependencies: ["CICU"], swiftSettings: swiftSettings),
        .target(name: "ParleyTranslation", dependencies: ["ParleyText"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ParleyTextTests", dependencies: ["ParleyText"], swiftSettings: swiftSettings),
        .testTarget(name: "ParleyTranslationTests", dependencies: ["ParleyTranslation"], swiftSettings: swiftSettings),
    ],
    cxxLanguageStandard: .cxx17
)

// Phrasebook tools build only when asked for (`make eval-phrasebook`, `make bench-phrasebook`).
if ProcessInfo.processInfo.environment["PARLEY_TOOLS"] != nil {
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
if ProcessInfo.processInfo.environment["PARLEY_BENCHMARKS"] != nil {
    package.dependencies += [
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ]
    package.targets += [
        .executableTarget(
            name: "ParleyBenchmarks",
            dependencies: [
                "ParleyText",
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
