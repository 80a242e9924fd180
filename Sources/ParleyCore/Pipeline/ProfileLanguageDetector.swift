public import ParleyLanguageID
import ParleyText

/// ``LanguageDetecting`` over `ParleyLanguageID`: the message's own evidence, combined with the sender's recent
/// languages and the visitor's browser languages as priors by a `ConversationLanguageTracker`. Text without
/// language (emoji, numbers, links, "ok") is `und`, so it is never translated.
public struct ProfileLanguageDetector: LanguageDetecting {
    public let detector: LanguageDetector

    public init(detector: LanguageDetector) {
        self.detector = detector
    }

    /// Loads the profiles from `directory` (see `ProfileLocator.defaultDirectory()`).
    public init(profileDirectory directory: String) throws {
        self.detector = try LanguageDetector(profileDirectory: directory)
    }

    public func detect(_ text: String, context: DetectionContext) -> DetectedLanguage {
        let detection = detector.detect(text)
        guard !detection.isUndetermined else { return DetectedLanguage(language: .undetermined, confidence: 1) }
        let priors = LanguagePriors(browser: context.history + context.browserLanguages, siteDefault: context.declared)
        var tracker = ConversationLanguageTracker(languages: detector.languages, priors: priors)
        let decision = tracker.decide(detection)
        return DetectedLanguage(language: decision.language, confidence: decision.confidence)
    }
}
