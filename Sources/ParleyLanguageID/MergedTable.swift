internal import Foundation
internal import ParleyText

/// `Dictionaries/langid/merged.table`: every profile of the directory merged into the detector's feature tables,
/// stored as they lie in memory, so a load is a few reads instead of two million hash-table inserts.
///
/// Written by `parley detect --write-table` (part of `make dictionaries`) from the `.profile` files, byte-identical
/// on every rebuild. Format (little endian; every part a multiple of 8 bytes):
/// - header, 24 bytes: `"PLMT"`, `u16` version, `u16` 0, `u64` file length, `u64` ``Checksum`` of all later bytes;
/// - metadata: `u32` its own length in bytes, `u32` language count; per language an 8-byte code, `u64` length and
///   `u64` checksum of the `.profile` it was built from, `u32` letter count and that many `u32` scalar, `u32` value
///   pairs; per table (words, then n-grams) `u32` log2 of the slot count and `u32` key count; zero padding;
/// - the word table's slots, then the n-gram table's: `2^bits × (1 + ⌈languages/4⌉)` `u32` each (see ``FeatureTable``).
///
/// A load checks the version, length and checksum (a damaged file is an error naming it) and that every profile
/// still has the length and checksum recorded (a stale table is an error asking for `make dictionaries`).
public struct MergedTable: Sendable {
    /// The file name inside the profile directory.
    public static let fileName = "merged.table"
    /// The format version this build reads and writes.
    public static let formatVersion: UInt16 = 1
    static let magic = Array("PLMT".utf8)
    static let headerLength = 24

    /// What a table was built from: one profile file.
    struct Source: Sendable, Equatable {
        var language: LanguageCode
        var length: UInt64
        var checksum: UInt64
    }

    let sources: [Source]
    let letters: [[ProfileLetter]]
    let words: FeatureTable
    let ngrams: FeatureTable

    var languages: [LanguageCode] { sources.map(\.language) }

    /// Builds the table from every profile in `directory` and writes it there as ``fileName``, replacing any old
    /// one. Returns the file's path.
    @discardableResult
    public static func write(profileDirectory directory: String) throws(LanguageIDError) -> String {
        let bytes = try build(profileDirectory: directory).encoded()
        let path = directory + "/" + fileName
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LanguageIDError(.profileMissing, "Cannot write \(path): \(error.localizedDescription)")
        }
        return path
    }

    /// The table of every profile in `directory`, built from the profiles.
    static func build(profileDirectory directory: String) throws(LanguageIDError) -> MergedTable {
        let languages = LanguageModel.availableLanguages(in: directory)
        guard (1...LanguageModel.maxLanguages).contains(languages.count) else {
            throw LanguageIDError(
                .badLanguageSet, "\(directory) holds \(languages.count) profiles; a table takes 1 to 8.")
        }
        var sources: [Source] = []
        var profiles: [LanguageProfile] = []
        for language in languages {
            let path = directory + "/" + language.rawValue + ".profile"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LanguageIDError(.profileMissing, "Cannot read language profile \(path).")
            }
            sources.append(Source(language: language, length: UInt64(data.count), checksum: Self.checksum(data)))
            profiles.append(try LanguageProfile(contentsOf: path))
        }
        return MergedTable(
            sources: sources, letters: profiles.map(\.letters),
            words: LanguageModel.table(profiles, \.words, \.strippedWords),
            ngrams: LanguageModel.table(profiles, \.ngrams))
    }

    static func checksum(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { Checksum.of($0) }
    }

    /// The model's features for `languages` (each one of this table's), in that order.
    func features(for languages: [LanguageCode]) -> ModelFeatures {
        let columns = languages.map { language in sources.firstIndex { $0.language == language }! }
        return ModelFeatures(
            words: words.selecting(columns: columns), ngrams: ngrams.selecting(columns: columns),
            letters: columns.map { letters[$0] }, fromMergedTable: true)
    }

    /// Fails unless every profile the table was built from is still the same file.
    func verifySources(in directory: String, tablePath: String) throws(LanguageIDError) {
        for source in sources {
            let name = source.language.rawValue + ".profile"
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                throw LanguageIDError(
                    .staleTable, "\(tablePath) was built from \(name), which is missing; run `make dictionaries`.")
            }
            guard UInt64(data.count) == source.length, Self.checksum(data) == source.checksum else {
                throw LanguageIDError(
                    .staleTable,
                    "\(tablePath) was built from a different \(name) than the one beside it; run `make dictionaries`.")
            }
        }
    }
}

/// One diacritic letter of a profile: the scalar and its quantized `-ln p(letter | base letter) × 8`.
typealias ProfileLetter = (scalar: UInt32, value: UInt8)

/// The merged per-language features a ``LanguageModel`` scores with, from a ``MergedTable`` or from the profiles.
struct ModelFeatures: Sendable {
    let words: FeatureTable
    let ngrams: FeatureTable
    let letters: [[ProfileLetter]]
    let fromMergedTable: Bool
}
