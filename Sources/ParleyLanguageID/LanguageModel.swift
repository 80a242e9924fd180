internal import Foundation
internal import ParleyText

/// The detector's tunable numbers, read from `model.tsv` beside the profiles (`key \t value` lines).
///
/// Keys: `accentless` (share of words typed without their diacritics), `clamp` (the most one word may count
/// against a language, in nats), `temperature` (calibration: logits are scores / temperature), `backoff` (nats per
/// n-gram order backed off), `ngram.order` (the longest n-gram used, 1–5), `ngram.floor` (nats for a character
/// no profile order knows),
/// `oov.<lang>` (share of a language's running words missing from its lexicon), `borrow.<lang>` (share of words
/// that every other language's chat borrows from `<lang>`, e.g. English product names).
struct ModelParameters: Sendable {
    var accentless: Float = 0.3
    var clamp: Float = 8
    var temperature: Float = 1
    var backoff: Float = 1
    var ngramFloor: Float = 12
    var ngramOrder = 4
    var oov: [String: Float] = [:]
    var borrow: [String: Float] = [:]

    init() {}

    init(tsv: String, source: String) throws(LanguageIDError) {
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let fields = trimmed.split(separator: "\t")
            guard fields.count == 2, let value = Float(fields[1]) else {
                throw LanguageIDError(.profileMalformed, "\(source):\(number + 1): expected 'key\\tnumber'")
            }
            try set(String(fields[0]), value, at: "\(source):\(number + 1)")
        }
    }

    private mutating func set(_ key: String, _ value: Float, at place: String) throws(LanguageIDError) {
        switch key {
        case "accentless": accentless = value
        case "clamp": clamp = value
        case "temperature": temperature = value
        case "backoff": backoff = value
        case "ngram.floor": ngramFloor = value
        case "ngram.order": ngramOrder = min(max(Int(value), 1), 5)
        case _ where key.hasPrefix("oov."): oov[String(key.dropFirst(4))] = value
        case _ where key.hasPrefix("borrow."): borrow[String(key.dropFirst(7))] = value
        default: throw LanguageIDError(.profileMalformed, "\(place): unknown key '\(key)'")
        }
    }
}

/// All profiles of the configured languages merged into flat tables, ready for scoring.
struct LanguageModel: Sendable {
    static let maxLanguages = 8
    let languages: [LanguageCode]
    let fold: FoldTable
    let words: FeatureTable
    let ngrams: FeatureTable
    /// Diacritic letter → row in `letterScores` (one log-probability per language).
    let letterRows: [UInt32: Int]
    let letterScores: [SIMD8<Float>]
    /// Hashes of words that carry no language ("ok", "lol"), sorted.
    let neutral: [UInt32]
    /// The language words are borrowed from (its index), log of the borrowed share, log of the rest.
    let borrowing: (source: Int, logShare: Float, logRest: Float)?
    let parameters: ModelParameters
    let logKnown: SIMD8<Float>
    let logUnknown: SIMD8<Float>

    /// True when the tables were read from `merged.table`; false when they were built from the profiles.
    let fromMergedTable: Bool

    /// Bytes the model keeps resident (tables and letter rows).
    var residentBytes: Int {
        words.residentBytes + ngrams.residentBytes + letterScores.count * MemoryLayout<SIMD8<Float>>.stride
    }

    /// Loads the model of `languages` from `directory`: the feature tables from `merged.table` when it holds every
    /// one of the languages (after checking it against the profiles), else built from the profiles.
    init(directory: String, languages: [LanguageCode]) throws(LanguageIDError) {
        guard (1...Self.maxLanguages).contains(languages.count), Set(languages).count == languages.count else {
            throw LanguageIDError(
                .badLanguageSet, "Expected 1 to \(Self.maxLanguages) distinct languages, got \(languages.count).")
        }
        try self.init(directory: directory, languages: languages) { () throws(LanguageIDError) in
            try Self.features(directory, languages)
        }
    }

    /// Reads the small text files (a missing directory fails here, on `fold.tsv`), then the `features`.
    init(
        directory: String, languages: [LanguageCode], features: () throws(LanguageIDError) -> ModelFeatures
    ) throws(LanguageIDError) {
        fold = try FoldTable(tsv: try Self.text(directory, "fold.tsv"), source: "fold.tsv")
        let features = try features()
        self.languages = languages
        parameters = try ModelParameters(tsv: try Self.text(directory, "model.tsv"), source: "model.tsv")
        neutral = try Self.text(directory, "neutral.txt").split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { FeatureHash.hash($0.trimmingCharacters(in: .whitespaces), basis: FeatureHash.wordBasis) }.sorted()
        let parameters = self.parameters
        borrowing =
            parameters.borrow.lazy.compactMap { code, share in
                languages.firstIndex(of: LanguageCode(rawValue: code))
                    .map { ($0, log(min(max(share, 1e-6), 0.5)), log1p(-min(max(share, 1e-6), 0.5))) }
            }.first
        words = features.words
        ngrams = features.ngrams
        fromMergedTable = features.fromMergedTable
        (letterRows, letterScores) = Self.letterTable(features.letters)
        var known = SIMD8<Float>(repeating: 0)
        var unknown = SIMD8<Float>(repeating: -.infinity)
        for (index, language) in languages.enumerated() {
            let oov = min(max(parameters.oov[language.rawValue] ?? 0.2, 0.001), 0.999)
            known[index] = log(1 - oov)
            unknown[index] = log(oov)
        }
        logKnown = known
        logUnknown = unknown
    }

    /// The feature tables of `languages`: `merged.table`'s when it holds them all, else built from the profiles.
    /// A damaged table, or one built from other profiles, is an error rather than a silent slow path.
    static func features(_ directory: String, _ languages: [LanguageCode]) throws(LanguageIDError) -> ModelFeatures {
        if let table = try MergedTable.read(directory: directory), languages.allSatisfy(table.languages.contains) {
            try table.verifySources(in: directory, tablePath: directory + "/" + MergedTable.fileName)
            return table.features(for: languages)
        }
        return try profileFeatures(directory, languages)
    }

    /// The feature tables of `languages` built from their `.profile` files.
    static func profileFeatures(
        _ directory: String, _ languages: [LanguageCode]
    ) throws(LanguageIDError) -> ModelFeatures {
        let profiles = try Self.profiles(directory: directory, languages: languages)
        return ModelFeatures(
            words: table(profiles, \.words, \.strippedWords), ngrams: table(profiles, \.ngrams),
            letters: profiles.map(\.letters), fromMergedTable: false)
    }

    private static func profiles(
        directory: String, languages: [LanguageCode]
    ) throws(LanguageIDError)
        -> [LanguageProfile]
    {
        var profiles: [LanguageProfile] = []
        for language in languages {
            let path = directory + "/" + language.rawValue + ".profile"
            guard FileManager.default.fileExists(atPath: path) else {
                let known = availableLanguages(in: directory).map(\.rawValue).joined(separator: ", ")
                throw LanguageIDError(.unknownLanguage, "Unknown language '\(language)'. Supported: \(known).")
            }
            profiles.append(try LanguageProfile(contentsOf: path))
        }
        return profiles
    }

    /// Languages that have a profile in `directory`, sorted.
    static func availableLanguages(in directory: String) -> [LanguageCode] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".profile") }
            .map { LanguageCode(rawValue: String($0.dropLast(".profile".count))) }.sorted()
    }

    private static func text(_ directory: String, _ name: String) throws(LanguageIDError) -> String {
        guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
            throw LanguageIDError(.profileMissing, "Cannot read \(directory)/\(name); run `make dictionaries`.")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func table(
        _ profiles: [LanguageProfile], _ sections: KeyPath<LanguageProfile, ProfileSection>...
    )
        -> FeatureTable
    {
        let total = profiles.reduce(0) { sum, profile in sum + sections.reduce(0) { $0 + profile[keyPath: $1].count } }
        var table = FeatureTable(uniqueKeys: total, languageCount: profiles.count)
        for (language, profile) in profiles.enumerated() {
            for section in sections {
                table.insert(profile[keyPath: section], language: language)
            }
        }
        return table.compacted()
    }

    private static func letterTable(_ letters: [[ProfileLetter]]) -> ([UInt32: Int], [SIMD8<Float>]) {
        var rows: [UInt32: Int] = [:]
        var scores: [SIMD8<Float>] = []
        for (language, letters) in letters.enumerated() {
            for letter in letters {
                let row =
                    rows[letter.scalar]
                    ?? {
                        rows[letter.scalar] = scores.count
                        scores.append(SIMD8<Float>(repeating: -9.2))
                        return scores.count - 1
                    }()
                scores[row][language] = -Float(letter.value) / 8
            }
        }
        return (rows, scores)
    }
}
