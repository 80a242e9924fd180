internal import Foundation
public import ParleyText

/// Decides the language of each message of a conversation from the message itself, the conversation's history,
/// and priors (browser languages, page `lang`, site default). A pure state machine: feed it each message's
/// ``LanguageDetection`` in order; it keeps no text.
///
/// A visitor who wrote three Estonian messages and then "ok" stays Estonian (the message carries no language,
/// the history decides); a clear switch to German is followed (the message outweighs the capped history).
/// ```swift
/// var tracker = ConversationLanguageTracker(languages: detector.languages, priors: priors)
/// let decision = tracker.observe(detector.explain(text))
/// decision.language            // "et"
/// decision.explanation.summary // "et: history +4.4 (…), message +0.0 …"
/// ```
public struct ConversationLanguageTracker: Sendable {
    /// The languages decided among, in the detector's order.
    public let languages: [LanguageCode]
    /// The priors this conversation started with.
    public let priors: LanguagePriors
    /// The weights.
    public let configuration: ConversationTrackingConfiguration
    /// Decayed count of earlier messages per language (posterior-weighted).
    private var history: [Double]
    /// Earlier messages that carried language.
    public private(set) var messagesWithLanguage = 0
    /// The conversation's current language: the last decision that was not `und`, or `nil` before any.
    public private(set) var current: LanguageCode?

    /// Starts tracking a conversation.
    public init(
        languages: [LanguageCode], priors: LanguagePriors = .none,
        configuration: ConversationTrackingConfiguration = ConversationTrackingConfiguration()
    ) {
        self.languages = languages
        self.priors = priors
        self.configuration = configuration
        history = Array(repeating: 0, count: languages.count)
    }

    /// The prior log-odds each language gets from the browser, the page and the site, by source.
    public var priorContributions: [LanguageCode: [EvidenceSource: Double]] {
        var result: [LanguageCode: [EvidenceSource: Double]] = [:]
        var weight = configuration.browserWeight
        for language in priors.browserLanguages where languages.contains(language) {
            if result[language]?[.browser] == nil { result[language, default: [:]][.browser] = weight }
            weight /= 2
        }
        if let page = priors.pageLanguage, languages.contains(page) {
            result[page, default: [:]][.page] = configuration.pageWeight
        }
        if let site = priors.siteDefault, languages.contains(site) {
            result[site, default: [:]][.siteDefault] = configuration.siteDefaultWeight
        }
        return result
    }

    /// Decides the language of the next message and updates the history.
    ///
    /// `detection.logits` must be in ``languages`` order (as ``LanguageDetector`` returns them).
    public mutating func observe(_ detection: LanguageDetection) -> ConversationDecision {
        let priors = priorContributions
        var parts = Array(repeating: [EvidenceSource: Double](), count: languages.count)
        let historyTotal = min(history.reduce(0, +) * configuration.historyWeight, configuration.historyCap)
        let historyMass = max(history.reduce(0, +), 1e-9)
        for (index, language) in languages.enumerated() {
            parts[index] = priors[language] ?? [:]
            if !detection.isUndetermined { parts[index][.message] = detection.logits[index] }
            if messagesWithLanguage > 0 { parts[index][.history] = historyTotal * history[index] / historyMass }
        }
        let totals = parts.map { $0.values.reduce(0, +) }
        let distribution = Self.softmax(totals)
        let hasEvidence = !detection.isUndetermined || messagesWithLanguage > 0 || !priors.isEmpty
        let best = totals.indices.max { totals[$0] < totals[$1] } ?? 0
        let decided = hasEvidence ? languages[best] : .undetermined
        if !detection.isUndetermined {
            history = history.indices.map { history[$0] * configuration.historyDecay + distribution[$0] }
            messagesWithLanguage += 1
        }
        if decided != .undetermined { current = decided }
        let explanation = DecisionExplanation(
            language: decided, runnerUp: Self.runnerUp(totals, best, languages), contributions: parts,
            languages: languages, words: detection.evidence, messageUndetermined: detection.isUndetermined)
        return ConversationDecision(
            language: decided, confidence: hasEvidence ? distribution[best] : 1,
            messageLanguage: detection.language, explanation: explanation)
    }

    private static func softmax(_ values: [Double]) -> [Double] {
        let top = values.max() ?? 0
        let weights = values.map { exp($0 - top) }
        let sum = weights.reduce(0, +)
        return weights.map { $0 / sum }
    }

    private static func runnerUp(_ totals: [Double], _ best: Int, _ languages: [LanguageCode]) -> LanguageCode? {
        totals.indices.filter { $0 != best }.max { totals[$0] < totals[$1] }.map { languages[$0] }
    }
}

/// The tracker's decision for one message.
public struct ConversationDecision: Sendable {
    /// The language the message is taken to be in (`und` only when nothing at all points anywhere).
    public let language: LanguageCode
    /// Probability of ``language`` after priors and history.
    public let confidence: Double
    /// What the message alone said (`und` for "ok", "👍").
    public let messageLanguage: LanguageCode
    /// Why: each source's contribution, for the operator console's "wrong language?" correction.
    public let explanation: DecisionExplanation
}

/// A source of evidence about a message's language.
public enum EvidenceSource: String, Sendable, Hashable, CaseIterable {
    case message, history, browser, page, siteDefault
}
