import Foundation
// Evaluates the phrasebook on a development set: coverage and chrF per direction (`make eval-phrasebook`), first on
// its own, then as `parley serve` runs it: behind GlossaryEnforcingTranslator with the shop glossary enforced.
// Usage: PhrasebookEval [dev-set.tsv] [phrasebook-directory] [--glossary=FILE] [--verbose]
//   --verbose lists every translation; with the glossary, the messages the glossary check turned away.
import ParleyTranslation

let arguments = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("--") }
let verbose = CommandLine.arguments.contains("--verbose")
let devSet = arguments.first ?? "Samples/evaluation/phrasebook-dev.tsv"
let directory = arguments.dropFirst().first ?? "Dictionaries/phrasebook"
let glossaryPath =
    CommandLine.arguments.first { $0.hasPrefix("--glossary=") }.map { String($0.dropFirst("--glossary=".count)) }
    ?? "Dictionaries/glossaries/shop.tsv"

func printReport(_ title: String, _ results: [LanguagePair: PhrasebookEvaluation.Figures]) {
    print("\n\(title)")
    print(PhrasebookEvaluation.report(results))
    let suspects = PhrasebookEvaluation.overall(results).suspects
    if !suspects.isEmpty {
        print("\nExact results far from the reference (review them):")
        suspects.forEach { print("  \($0)") }
    }
}

do {
    let translator = try PhrasebookTranslator(directory: directory)
    let evaluation = try PhrasebookEvaluation(file: devSet)
    print(
        "Phrasebook: \(translator.phrasebook.groups.count) phrase groups; development set: \(evaluation.rows.count) rows"
    )
    printReport("Without a glossary:", evaluation.run(translator))
    let glossary = try GlossaryLoader().load(path: glossaryPath)
    let enforced = GlossaryEnforcingTranslator(wrapping: translator)
    printReport(
        "With the glossary '\(glossary.name)' enforced (as parley serve runs it):",
        try await evaluation.run(enforced, glossary: glossary))
    guard verbose else { exit(0) }
    print("\nid\tpair\tquality\twith glossary\tinput\toutput\toutput with glossary")
    for row in evaluation.rows {
        for pair in evaluation.pairs {
            guard let input = row.texts[pair.source]?.first else { continue }
            let plain = translator.translate(input, pair: pair)
            let request = TranslationRequest(segments: [input], pair: pair, glossary: glossary)
            let checked = try await enforced.translate(request).segments[0]
            print("\(row.id)\t\(pair)\t\(plain.quality)\t\(checked.quality)\t\(input)\t\(plain.text)\t\(checked.text)")
        }
    }
} catch {
    print(error)
    exit(1)
}
