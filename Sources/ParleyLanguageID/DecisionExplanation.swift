public import ParleyText

/// Why the conversation tracker chose a language: each source's log-odds per language and the deciding words.
public struct DecisionExplanation: Sendable, CustomStringConvertible {
    /// The decided language.
    public let language: LanguageCode
    /// The next most likely language, if any.
    public let runnerUp: LanguageCode?
    /// Log-odds by source, per language.
    public let contributions: [LanguageCode: [EvidenceSource: Double]]
    /// The message's strongest words (empty unless the detection came from ``LanguageDetector/explain(_:)``).
    public let words: [WordEvidence]
    /// True when the message alone carried no language.
    public let messageUndetermined: Bool

    init(
        language: LanguageCode, runnerUp: LanguageCode?, contributions: [[EvidenceSource: Double]],
        languages: [LanguageCode], words: [WordEvidence], messageUndetermined: Bool
    ) {
        self.language = language
        self.runnerUp = runnerUp
        self.contributions = Dictionary(uniqueKeysWithValues: zip(languages, contributions))
        self.words = words
        self.messageUndetermined = messageUndetermined
    }

    /// How much each source favoured ``language`` over ``runnerUp`` (positive: for the decision).
    public var margins: [EvidenceSource: Double] {
        var result: [EvidenceSource: Double] = [:]
        for source in EvidenceSource.allCases {
            let mine = contributions[language]?[source] ?? 0
            let theirs = runnerUp.flatMap { contributions[$0]?[source] } ?? 0
            if mine != 0 || theirs != 0 { result[source] = mine - theirs }
        }
        return result
    }

    /// One line for the operator console, e.g.
    /// `et over de: history +4.4, message -0.3 ("ja" → de +0.3), browser +1.5`.
    public var summary: String {
        guard language != .undetermined else { return "und: the message carries no language and nothing else is known" }
        let parts = margins.sorted { abs($0.value) > abs($1.value) }.map { source, margin in
            let sign = margin >= 0 ? "+" : ""
            var text = "\(source.rawValue) \(sign)\((margin * 10).rounded() / 10)"
            if source == .message {
                text += words.isEmpty ? "" : " (\(words.prefix(3).map(\.description).joined(separator: ", ")))"
            }
            return text
        }
        let against = runnerUp.map { " over \($0)" } ?? ""
        let message = messageUndetermined ? ["message carries no language"] : []
        return "\(language)\(against): " + (parts.isEmpty && message.isEmpty ? "no evidence" : (parts + message).joined(separator: ", "))
    }

    public var description: String { summary }
}
