internal import Foundation
public import ParleyText

/// Measures the phrasebook on a development set of aligned messages: per direction, the share of messages it
/// translates (`exact` or `phrasebook` quality; the rest stays `untranslated`), chrF against the references on what it
/// translates, and the `exact` results that look wrong (sentence chrF under ``suspectThreshold``).
///
/// The set is a TSV like the phrasebook (`id`, one column per language, `#` comments); a cell may list several
/// acceptable references separated by ` | `.
public struct PhrasebookEvaluation: Sendable {
    /// One aligned message: its references per language.
    public struct Row: Sendable {
        public var id: String
        public var texts: [LanguageCode: [String]]
    }

    /// The figures of one direction, or of all directions together.
    public struct Figures: Sendable {
        public var messages = 0
        public var exact = 0
        public var fuzzy = 0
        public var statistics = ChrF.Statistics(order: 6)
        /// `exact` results whose best sentence chrF is below the threshold, for review.
        public var suspects: [String] = []

        /// The share of messages the phrasebook translated, 0…100.
        public var coverage: Double { messages == 0 ? 0 : 100 * Double(exact + fuzzy) / Double(messages) }
        /// chrF over the translated messages.
        public var chrF: Double { ChrF().score(statistics) }
    }

    public var rows: [Row]
    public var languages: [LanguageCode]
    /// Below this sentence chrF an `exact` result is reported as suspect.
    public var suspectThreshold = 40.0

    /// Reads a development set file.
    public init(file: String) throws {
        guard let data = FileManager.default.contents(atPath: file), let text = String(validating: data, as: UTF8.self)
        else { throw PhrasebookError(.unreadable, message: "Cannot read the development set '\(file)'.") }
        var languages: [LanguageCode] = []
        var rows: [Row] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if languages.isEmpty {
                languages = columns.dropFirst().map { LanguageCode(rawValue: $0) }
                continue
            }
            guard columns.count == languages.count + 1 else {
                throw PhrasebookError(
                    .invalidData, message: "\(file): row '\(columns[0])' has \(columns.count) columns")
            }
            var texts: [LanguageCode: [String]] = [:]
            for (language, cell) in zip(languages, columns.dropFirst()) {
                texts[language] = cell.components(separatedBy: " | ")
            }
            rows.append(Row(id: columns[0], texts: texts))
        }
        self.rows = rows
        self.languages = languages
    }

    /// Translates every row in every direction and collects the figures per direction.
    public func run(_ translator: PhrasebookTranslator) -> [LanguagePair: Figures] {
        var results: [LanguagePair: Figures] = [:]
        for pair in pairs {
            var figures = Figures()
            for row in rows {
                guard let input = row.texts[pair.source]?.first, let references = row.texts[pair.target] else { continue }
                record(translator.translate(input, pair: pair), input, references, row, pair, into: &figures)
            }
            results[pair] = figures
        }
        return results
    }

    /// The same through any translator, one request per message with `glossary` — e.g. the phrasebook behind
    /// ``GlossaryEnforcingTranslator`` with the shop glossary, as `parley serve` runs it.
    public func run(_ translator: some Translator, glossary: Glossary?) async throws -> [LanguagePair: Figures] {
        var results: [LanguagePair: Figures] = [:]
        for pair in pairs {
            var figures = Figures()
            for row in rows {
                guard let input = row.texts[pair.source]?.first, let references = row.texts[pair.target] else { continue }
                let request = TranslationRequest(segments: [input], pair: pair, glossary: glossary)
                let output = try await translator.translate(request).segments[0]
                record(output, input, references, row, pair, into: &figures)
            }
            results[pair] = figures
        }
        return results
    }

    /// Every direction between the set's languages.
    public var pairs: [LanguagePair] {
        languages.flatMap { source in languages.filter { $0 != source }.map { LanguagePair(source, $0) } }
    }

    private func record(
        _ output: TranslatedSegment, _ input: String, _ references: [String], _ row: Row, _ pair: LanguagePair,
        into figures: inout Figures
    ) {
        figures.messages += 1
        guard output.quality == .exact || output.quality == .phrasebook else { return }
        if output.quality == .exact { figures.exact += 1 } else { figures.fuzzy += 1 }
        let chrF = ChrF()
        let stats = chrF.statistics(hypothesis: output.text, references: references)
        figures.statistics += stats
        if output.quality == .exact, chrF.score(stats) < suspectThreshold {
            figures.suspects.append("\(row.id) \(pair): \(input) → \(output.text) (ref: \(references[0]))")
        }
    }

    /// All directions together.
    public static func overall(_ results: [LanguagePair: Figures]) -> Figures {
        results.values.reduce(into: Figures()) { total, figures in
            total.messages += figures.messages
            total.exact += figures.exact
            total.fuzzy += figures.fuzzy
            total.statistics += figures.statistics
            total.suspects += figures.suspects
        }
    }

    /// A plain-text table: one line per direction and the overall line.
    public static func report(_ results: [LanguagePair: Figures]) -> String {
        func line(_ name: String, _ f: Figures) -> String {
            let coverage = String(format: "%5.1f", f.coverage)
            let chrF = String(format: "%5.1f", f.chrF)
            return "\(name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(coverage)%  chrF \(chrF)  "
                + "exact \(f.exact)  phrasebook \(f.fuzzy)  of \(f.messages)  suspect-exact \(f.suspects.count)"
        }
        var lines = results.keys.sorted { ($0.source, $0.target) < ($1.source, $1.target) }.map {
            line("\($0.source)→\($0.target)", results[$0]!)
        }
        lines.append(line("overall", overall(results)))
        return lines.joined(separator: "\n")
    }
}
