public import ParleyText

/// What the relay knows besides the text when it detects a message's language.
public struct DetectionContext: Sendable, Hashable {
    /// Languages of the conversation's earlier messages, most recent first.
    public var history: [LanguageCode]
    /// The visitor's browser languages, best first.
    public var browserLanguages: [LanguageCode]
    /// The language the sender reads in this conversation.
    public var declared: LanguageCode?

    public init(history: [LanguageCode] = [], browserLanguages: [LanguageCode] = [], declared: LanguageCode? = nil) {
        self.history = history
        self.browserLanguages = browserLanguages
        self.declared = declared
    }
}

/// A detection result: a language (``LanguageCode/undetermined`` for text without one) and a confidence in 0...1.
public struct DetectedLanguage: Sendable, Hashable {
    public var language: LanguageCode
    public var confidence: Double

    public init(language: LanguageCode, confidence: Double) {
        self.language = language
        self.confidence = confidence
    }
}

/// Detects the language of a chat message. The seam where `ParleyLanguageID` plugs in.
///
/// Contract: cheap and synchronous (called on the message path); never fails — text without a language gives
/// `und`; the result is one of the supported languages or `und`.
public protocol LanguageDetecting: Sendable {
    func detect(_ text: String, context: DetectionContext) -> DetectedLanguage
}

/// A fallback detector that trusts the sender: the sender's declared language, `und` for text without letters.
public struct DeclaredLanguageDetector: LanguageDetecting {
    public init() {}

    public func detect(_ text: String, context: DetectionContext) -> DetectedLanguage {
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else {
            return DetectedLanguage(language: .undetermined, confidence: 1)
        }
        let language = context.declared ?? context.history.first ?? context.browserLanguages.first ?? .undetermined
        return DetectedLanguage(language: language, confidence: 0.5)
    }
}
