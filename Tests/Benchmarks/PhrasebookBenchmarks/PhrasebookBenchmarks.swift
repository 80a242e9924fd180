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

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        maxDuration: .seconds(5),
        maxIterations: 100_000
    )
    let translator: PhrasebookTranslator
    let work: [(String, LanguagePair)]
    do {
        translator = try PhrasebookTranslator(directory: phrasebookDirectory)
        work = try workload()
    } catch {
        fatalError("Cannot load the phrasebook or the development set: \(error)")
    }

    Benchmark("Phrasebook.Translate.message") { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            let (text, pair) = work[index % work.count]
            blackHole(translator.translate(text, pair: pair))
            index += 1
        }
    }

    Benchmark("Phrasebook.Translate.request") { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            let (text, pair) = work[index % work.count]
            blackHole(try await translator.translate(TranslationRequest(segments: [text], pair: pair)))
            index += 1
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
