import Foundation
import ParleyLanguageID
import ParleyText

/// Paths and the shared detector for the language-ID tests (loading the profiles once keeps the suite fast).
enum Fixtures {
    /// The package root, found from this file's path.
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let profileDirectory = packageRoot + "/Dictionaries/langid"
    static let dataDirectory = packageRoot + "/Tests/ParleyLanguageIDTests/Data"

    /// The shipped detector over de, en, et, tr.
    static let detector: LanguageDetector = {
        do {
            return try LanguageDetector(profileDirectory: profileDirectory, languages: ["de", "en", "et", "tr"])
        } catch {
            fatalError("The shipped language profiles must load: \(error)")
        }
    }()

    /// The development set: (language, message) pairs from `dev-<lang>.txt` (or `dev-stripped-<lang>.txt`).
    static func developmentSet(stripped: Bool = false) throws -> [(language: LanguageCode, text: String)] {
        try ["de", "en", "et", "tr"].flatMap { (code: String) -> [(language: LanguageCode, text: String)] in
            let name = stripped ? "dev-stripped-\(code).txt" : "dev-\(code).txt"
            let text = try String(contentsOfFile: dataDirectory + "/" + name, encoding: .utf8)
            return text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                .map { (LanguageCode(rawValue: code), String($0)) }
        }
    }
}
