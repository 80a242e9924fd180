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

    Benchmark("Text.SanitizeBytesAndKey.80chars", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let encoded = messages.map { Array($0.utf8) }
        for index in benchmark.scaledIterations {
            let clean = try sanitizer.sanitize(encoded[index % encoded.count])
            blackHole(TextKeys.comparisonKey(clean.text))
        }
    }

    let bulkSanitizer = TextSanitizer(maxCharacters: 100_000)
    Benchmark("Text.Sanitize.64KiB") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try bulkSanitizer.sanitize(bulk))
        }
    }
}
