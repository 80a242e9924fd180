// The offline phrasebook's latency per chat message and throughput (`make bench-phrasebook-ordo`, release build).
// Each iteration translates one development-set message in one of the 12 directions, in turn, so the wall-clock
// percentiles are per message.
import Benchmark
import Foundation
import ParleyText
import ParleyTranslation

/// The repository's root, found from this file's path, so the benchmark runs from any working directory.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let phrasebookDirectory = root.appendingPathComponent("Dictionaries/phrasebook").path
let devSet = root.appendingPathComponent("Samples/evaluation/phrasebook-dev.tsv").path

/// Every development-set message in every direction.
func workload() throws -> [(String, LanguagePair)] {
    let evaluation = try PhrasebookEvaluation(file: devSet)
    var work: [(String, LanguagePair)] = []
    for row in evaluation.rows {
        for source in evaluation.languages {
            for target in evaluation.languages where target != source {
                if let text = row.texts[source]?.first { work.append((text, LanguagePair(source, target))) }
            }
        }
    }
    return work
}

/// The next message to translate. The benchmark closures run one iteration per call and restart, so the position
/// in the workload lives outside them. Safe unsynchronized: the benchmark runner calls the closures on one thread.
nonisolated(unsafe) var nextMessage = 0

/// The next message of the workload, round-robin.
func takeMessage(_ work: [(String, LanguagePair)]) -> (String, LanguagePair) {
    defer { nextMessage += 1 }
    return work[nextMessage % work.count]
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        maxDuration: .seconds(5),
        maxIterations: 100_000
    )
    let translator: PhrasebookTranslator
    let work: [(String, LanguagePair)]
    do {
        // The engine's own cost: without the sentence memo, which would answer every iteration after the first.
        translator = PhrasebookTranslator(
            phrasebook: try PhrasebookLoader().load(directory: phrasebookDirectory), memoCapacity: 0)
        work = try workload()
    } catch {
        fatalError("Cannot load the phrasebook or the development set: \(error)")
    }

    Benchmark("Phrasebook.Translate.message") { benchmark in
        for _ in benchmark.scaledIterations {
            let (text, pair) = takeMessage(work)
            blackHole(translator.translate(text, pair: pair))
        }
    }

    Benchmark("Phrasebook.Translate.request") { benchmark in
        for _ in benchmark.scaledIterations {
            let (text, pair) = takeMessage(work)
            blackHole(try await translator.translate(TranslationRequest(segments: [text], pair: pair)))
        }
    }

    let long = String(
        repeating: "Ich habe gestern im Laden gefragt, aber niemand wusste etwas über die Lieferung. ", count: 8)
    Benchmark("Phrasebook.Translate.longUnmatched") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(translator.translate(long, pair: LanguagePair("de", "en")))
        }
    }

    Benchmark("Phrasebook.Load", configuration: .init(maxDuration: .seconds(10), maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PhrasebookTranslator(directory: phrasebookDirectory))
        }
    }
}
