import Benchmark

/// Every benchmark of the package; each layer adds its function here.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )
    textBenchmarks()
    translationBenchmarks()
}
