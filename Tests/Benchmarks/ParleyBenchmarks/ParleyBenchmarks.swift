import Benchmark

/// Every benchmark of the package; each layer adds its function here.
let benchmarks: @Sendable () -> Void = {
    translationBenchmarks()
}
