import ArgumentParser
import AsyncHTTPClient
import Foundation
import ParleyText
import ParleyTranslation

/// `parley translate --from de --to tr [--engine NAME[,NAME...]] [--glossary FILE] [--explain]`.
///
/// Reads UTF-8 lines from stdin and writes one translated line per input line to stdout. With `--explain`, writes
/// one line per input line to **stderr**: tab-separated `engine=… quality=… glossary=… spans=… failures=…`.
/// Engines, keys and URLs come from the environment (`PARLEY_TRANSLATION_ENGINES`, `PARLEY_DEEPL_KEY`,
/// `PARLEY_LIBRETRANSLATE_URL`, ...; see `TranslationConfiguration`); `--engine` overrides the list.
struct TranslateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate lines from stdin, one output line per input line.")

    @Option(help: "Source language: de, en, et or tr.") var from: String
    @Option(help: "Target language: de, en, et or tr.") var to: String
    @Option(help: "Engines in fallback order, comma-separated (e.g. deepl,libretranslate,phrasebook).")
    var engine: String?
    @Option(help: "A glossary TSV file to enforce.") var glossary: String?
    @Flag(help: "Print engine, quality, glossary hits and protected spans per line to stderr.") var explain = false

    /// The engines this build knows.
    static func engineRegistry() -> TranslationEngineRegistry {
        TranslationEngineRegistry.standard()
    }

    func run() async throws {
        guard let source = LanguageCode(parsing: from), let target = LanguageCode(parsing: to),
            LanguageCode.supported.contains(source), LanguageCode.supported.contains(target)
        else { throw ValidationError("Unknown language. Supported: de, en, et, tr.") }
        var configuration = TranslationConfiguration(environment: ProcessInfo.processInfo.environment)
        if let engine {
            configuration.engines = engine.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        }
        let terms = try glossary.map(loadOrReport)
        let translator: any Translator
        do {
            translator = try makeTranslator(
                configuration: configuration, registry: Self.engineRegistry(), httpClient: .shared)
        } catch let error as TranslationError {
            throw ValidationError(error.message)
        }
        while let line = readLine(strippingNewline: true) {
            let request = TranslationRequest(segments: [line], pair: LanguagePair(source, target), glossary: terms)
            let result = try await translator.translate(request)
            print(result.segments.first?.text ?? line)
            if explain { printError(Self.explanation(result)) }
        }
    }

    static func explanation(_ result: TranslationResult) -> String {
        let d = result.diagnostics
        return [
            "engine=\(result.segments.first?.engine ?? result.engine)",
            "quality=\(result.quality.rawValue)",
            "glossary=\(d.glossaryHits.joined(separator: ","))",
            "spans=\(d.protectedSpans.map(\.description).joined(separator: ","))",
            "failures=\(d.failures.map { "\($0.engine):\($0.code)" }.joined(separator: ","))",
            "cache=\(d.cacheHit ? "hit" : "miss")",
        ].joined(separator: "\t")
    }
}
