public import ParleyText

/// One language and the detector's calibrated probability that a text is in it.
public struct LanguageGuess: Sendable, Hashable, CustomStringConvertible {
    /// The language.
    public let language: LanguageCode
    /// Calibrated probability in 0...1; the guesses of one detection sum to 1.
    public let confidence: Double

    /// Creates a guess.
    public init(language: LanguageCode, confidence: Double) {
        self.language = language
        self.confidence = confidence
    }

    public var description: String { "\(language) \(confidence)" }
}

/// What the detector decided for one text.
///
/// ```swift
/// let detection = detector.detect("siparisim nerede")
/// detection.language      // "tr"
/// detection.confidence    // 0.99…
/// detector.detect("👍 #12345").language   // "und"
/// ```
public struct LanguageDetection: Sendable {
    /// All configured languages, most likely first, confidences summing to 1; empty when ``isUndetermined``.
    public let guesses: [LanguageGuess]
    /// Calibrated log-odds per configured language (score / temperature), in the detector's language order; all 0
    /// when the text carries no language. The conversation tracker adds its priors to these.
    public let logits: [Double]
    /// Words that counted as evidence.
    public let wordCount: Int
    /// The words that weighed most, strongest first; filled only by ``LanguageDetector/explain(_:)``.
    public let evidence: [WordEvidence]

    /// True when the text carries no language: only emoji, numbers, links, e-mail addresses, or words like "ok".
    public var isUndetermined: Bool { guesses.isEmpty }

    /// The most likely language, or `und`.
    public var language: LanguageCode { guesses.first?.language ?? .undetermined }

    /// The probability of ``language``; 1 for `und` (the absence of language is certain, not guessed).
    public var confidence: Double { guesses.first?.confidence ?? 1 }
}

/// How much one word of a text pointed to one language over the next best, for explanations.
public struct WordEvidence: Sendable, Hashable, CustomStringConvertible {
    /// The word as folded by the detector (lowercase).
    public let word: String
    /// The language this word favoured most.
    public let favours: LanguageCode
    /// Its lead over the runner-up language for this word, in calibrated log-odds.
    public let margin: Double
    /// True when the word was found in the favoured language's lexicon (else only its letters spoke).
    public let fromLexicon: Bool
    /// The word's calibrated log-likelihood under each language, in the detector's language order.
    public let scores: [Double]

    public var description: String {
        let source = fromLexicon ? "word list" : "letters"
        return "\"\(word)\" → \(favours) +\((margin * 10).rounded() / 10) (\(source))"
    }
}
