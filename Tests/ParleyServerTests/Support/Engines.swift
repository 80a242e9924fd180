import Foundation
import ParleyCore
import ParleyLanguageID
import ParleyServer
import ParleyTranslation

/// The real offline engines: the language detector's shipped profiles and the shipped phrasebook.
enum Engines {
    static let detector: ProfileLanguageDetector = {
        try! ProfileLanguageDetector(profileDirectory: packageRoot().appendingPathComponent("Dictionaries/langid").path)
    }()

    static let phrasebook: PhrasebookTranslator = {
        try! PhrasebookTranslator(directory: packageRoot().appendingPathComponent("Dictionaries/phrasebook").path)
    }()

    /// Dependencies with the real detector and phrasebook.
    static func real() -> RelayDependencies {
        RelayDependencies(translator: phrasebook, detector: detector)
    }
}
