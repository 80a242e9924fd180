internal import Foundation
public import ParleyText

/// The detector's tunable numbers, read from `model.tsv` beside the profiles (`key \t value` lines).
///
/// Keys: `accentless` (share of words typed without their diacritics), `clamp` (the most one word may count
/// against a language, in nats), `temperature` (calibration: logits are scores / temperature), `backoff` (nats per
/// n-gram order backed off), `ngram.floor` (nats for a character no profile order knows),
/// `oov.<lang>` (share of a language's running words missing from its lexicon).
struct ModelParameters: Sendable {
    var accentless: Float = 0.3
    var clamp: Float = 8
    var temperature: Float = 1
    var backoff: Float = 1
    var ngramFloor: Float = 12
    var oov: [String: Float] = [:]

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
        case _ where key.hasPrefix("oov."): oov[String(key.dropFirst(4))] = value
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
    let neutral: Set<UInt32>
    let parameters: ModelParameters
    let logKnown: SIMD8<Float>
    let logUnknown: SIMD8<Float>

    /// Bytes the model keeps resident (tables and letter rows).
    var residentBytes: Int {
        words.residentBytes + ngrams.residentBytes + letterScores.count * MemoryLayout<SIMD8<Float>>.stride
    }

    init(directory: String, languages: [LanguageCode]) throws(LanguageIDError) {
        guard (1...Self.maxLanguages).contains(languages.count), Set(languages).count == languages.count else {
            throw LanguageIDError(
                .badLanguageSet, "Expected 1 to \(Self.maxLanguages) distinct languages, got \(languages.count).")
        }
        let profiles = try Self.profiles(directory: directory, languages: languages)
        self.languages = languages
        fold = try FoldTable(tsv: try Self.text(directory, "fold.tsv"), source: "fold.tsv")
        parameters = try ModelParameters(tsv: try Self.text(directory, "model.tsv"), source: "model.tsv")
        neutral = Set(
            try Self.text(directory, "neutral.txt").split(separator: "\n")
                .filter { !$0.hasPrefix("#") && !$0.isEmpty }
                .map { FeatureHash.hash($0.trimmingCharacters(in: .whitespaces), basis: FeatureHash.wordBasis) })
        words = Self.table(profiles, \.words, \.strippedWords)
        ngrams = Self.table(profiles, \.ngrams)
        (letterRows, letterScores) = Self.letterTable(profiles)
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

    private static func profiles(directory: String, languages: [LanguageCode]) throws(LanguageIDError)
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

    private static func table(
        _ profiles: [LanguageProfile], _ sections: KeyPath<LanguageProfile, [(key: UInt32, value: UInt8)]>...
    ) -> FeatureTable {
        let lists = sections.flatMap { section in profiles.map { $0[keyPath: section] } }
        var table = FeatureTable(uniqueKeys: uniqueKeyCount(lists), languageCount: profiles.count)
        for (language, profile) in profiles.enumerated() {
            for section in sections {
                for entry in profile[keyPath: section] {
                    table.insert(entry.key, language: language, value: entry.value)
                }
            }
        }
        return table
    }

    private static func letterTable(_ profiles: [LanguageProfile]) -> ([UInt32: Int], [SIMD8<Float>]) {
        var rows: [UInt32: Int] = [:]
        var scores: [SIMD8<Float>] = []
        for (language, profile) in profiles.enumerated() {
            for letter in profile.letters {
                let row = rows[letter.scalar] ?? {
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

/// The number of distinct keys in several key-sorted lists (a k-way merge; keys are FNV hashes, never 0 after
/// the table's remapping, so equal keys across lists are one entry).
func uniqueKeyCount(_ lists: [[(key: UInt32, value: UInt8)]]) -> Int {
    var positions = Array(repeating: 0, count: lists.count)
    var unique = 0
    while true {
        var smallest: UInt32?
        for (list, position) in zip(lists, positions) where position < list.count {
            smallest = min(smallest ?? .max, list[position].key)
        }
        guard let key = smallest else { return unique }
        unique += 1
        for index in lists.indices {
            while positions[index] < lists[index].count && lists[index][positions[index]].key == key {
                positions[index] += 1
            }
        }
    }
}
