import Foundation
import ParleyText
import ParleyTranslation

/// Shared fixtures: the shipped phrasebook, loaded once, and temporary phrasebook directories for loader tests.
enum PhrasebookFixtures {
    /// The repository's root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let directory = root.appendingPathComponent("Dictionaries/phrasebook").path
    static let devSet = root.appendingPathComponent("Samples/evaluation/phrasebook-dev.tsv").path

    /// The shipped phrasebook; loading it is itself checked by `PhrasebookLoaderTests`.
    static let translator: PhrasebookTranslator = {
        do { return try PhrasebookTranslator(directory: directory) } catch { fatalError("\(error)") }
    }()

    static let languages: [LanguageCode] = ["de", "en", "et", "tr"]

    /// Every direction between the four languages.
    static let pairs: [LanguagePair] = languages.flatMap { source in
        languages.filter { $0 != source }.map { LanguagePair(source, $0) }
    }

    /// Writes `files` (name → contents) into a fresh temporary directory and returns its path.
    static func directory(with files: [String: String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("phrasebook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, contents) in files {
            try contents.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return url.path
    }

    /// Removes a directory made by ``directory(with:)``.
    static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Translates one text synchronously with the shipped phrasebook.
    static func translate(_ text: String, _ source: LanguageCode, _ target: LanguageCode) -> TranslatedSegment {
        translator.translate(text, pair: LanguagePair(source, target))
    }
}
