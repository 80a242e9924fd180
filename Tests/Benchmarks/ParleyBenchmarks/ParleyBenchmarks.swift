// The text layer's hot path: every chat message is sanitized (UTF-8 check, control/bidi/invisible removal, NFC,
// length cap) and keyed for matching. Run with `make bench-text` (release build).
import Benchmark
import ParleyText

/// Typical chat messages of about 80 characters in the four launch languages.
let messages = [
    "Guten Tag! Wo ist meine Bestellung Nr. 4711? Ich warte schon seit Montag. Grüße",
    "Hi there, I ordered the blue jacket in size M last week but it hasn't arrived yet.",
    "Tere! Kas šokolaadi saab tellida Tartusse ja kui kaua kohaletoimetamine võtab?",
    "Merhaba, siparişim İstanbul'a ne zaman gelir? Kargo takip numarası çalışmıyor.",
]

/// About 64 KiB of chat text for throughput, with a few characters the sanitizer must touch.
let bulk: String = {
    var text = ""
    var index = 0
    while text.utf8.count < 64 * 1024 {
        text += messages[index % messages.count] + (index % 16 == 0 ? "\u{200B} e\u{301}\n" : "\n")
        index += 1
    }
    return text
}()

/// Megabytes (10^6 bytes) of input sanitized per second, measured over one sample's iterations.
let megabytesPerSecond = BenchmarkMetric.custom("Throughput (MB/s)", polarity: .prefersLarger, useScalingFactor: false)

/// Runs `body` for every scaled iteration and records the UTF-8 bytes of `input` processed per second.
func measureThroughput(_ benchmark: Benchmark, bytesPerIteration: Int, _ body: () throws -> Void) rethrows {
    let clock = ContinuousClock()
    let start = clock.now
    var iterations = 0
    for _ in benchmark.scaledIterations {
        try body()
        iterations += 1
    }
    let elapsed = (clock.now - start).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    guard seconds > 0 else { return }
    benchmark.measurement(megabytesPerSecond, Int(Double(bytesPerIteration * iterations) / seconds / 1e6))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )
    let sanitizer = TextSanitizer(maxCharacters: 4000)

    Benchmark("Text.Sanitize.80chars", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(try sanitizer.sanitize(messages[index % messages.count]))
        }
    }

    // The same work, reported as MB/s (the four messages in turn, so each sample covers them equally).
    let averageBytes = messages.map(\.utf8.count).reduce(0, +) / messages.count
    Benchmark(
        "Text.Sanitize.80chars.MBps",
        configuration: .init(metrics: [megabytesPerSecond], scalingFactor: .kilo)
    ) { benchmark in
        var index = 0
        try measureThroughput(benchmark, bytesPerIteration: averageBytes) {
            blackHole(try sanitizer.sanitize(messages[index % messages.count]))
            index += 1
        }
    }

    Benchmark("Text.SanitizeBytesAndKey.80chars", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let encoded = messages.map { Array($0.utf8) }
        for index in benchmark.scaledIterations {
            let clean = try sanitizer.sanitize(encoded[index % encoded.count])
            blackHole(TextKeys.comparisonKey(clean.text))
        }
    }

    let bulkSanitizer = TextSanitizer(maxCharacters: 100_000)
    Benchmark(
        "Text.Sanitize.64KiB",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal, megabytesPerSecond])
    ) { benchmark in
        try measureThroughput(benchmark, bytesPerIteration: bulk.utf8.count) {
            blackHole(try bulkSanitizer.sanitize(bulk))
        }
    }

    translationBenchmarks()
}
