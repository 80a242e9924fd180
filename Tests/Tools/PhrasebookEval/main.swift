import Foundation
// Evaluates the phrasebook on a development set: coverage and chrF per direction (`make eval-phrasebook`).
// Usage: PhrasebookEval [dev-set.tsv] [phrasebook-directory] [--verbose]
import ParleyTranslation

let arguments = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("--") }
let verbose = CommandLine.arguments.contains("--verbose")
let devSet = arguments.first ?? "Samples/evaluation/phrasebook-dev.tsv"
let directory = arguments.dropFirst().first ?? "Dictionaries/phrasebook"

do {
    let translator = try PhrasebookTranslator(directory: directory)
    let evaluation = try PhrasebookEvaluation(file: devSet)
    let results = evaluation.run(translator)
    print(
        "Phrasebook: \(translator.phrasebook.groups.count) phrase groups; development set: \(evaluation.rows.count) rows"
    )
    print(PhrasebookEvaluation.report(results))
    let suspects = PhrasebookEvaluation.overall(results).suspects
    if !suspects.isEmpty {
        print("\nExact results far from the reference (review them):")
        suspects.forEach { print("  \($0)") }
    }
    if verbose {
        for row in evaluation.rows {
            for pair in results.keys.sorted(by: { ($0.source, $0.target) < ($1.source, $1.target) }) {
                guard let input = row.texts[pair.source]?.first else { continue }
                let output = translator.translate(input, pair: pair)
                print("\(row.id)\t\(pair)\t\(output.quality)\t\(input)\t\(output.text)")
            }
        }
    }
} catch {
    print(error)
    exit(1)
}
