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
        forEachPrior { language, source, weight in result[language, default: [:]][source] = weight }
        return result
    }

    /// Each prior that counts: its language, source and weight. A browser language listed twice counts once, at
    /// its first place; every listed language halves the weight of those after it.
    private func forEachPrior(_ body: (LanguageCode, EvidenceSource, Double) -> Void) {
        var weight = configuration.browserWeight
        let browser = priors.browserLanguages
        for index in browser.indices where languages.contains(browser[index]) {
            if !browser[..<index].contains(browser[index]) { body(browser[index], .browser, weight) }
            weight /= 2
        }
        if let page = priors.pageLanguage, languages.contains(page) {
            body(page, .page, configuration.pageWeight)
        }
        if let site = priors.siteDefault, languages.contains(site) {
            body(site, .siteDefault, configuration.siteDefaultWeight)
        }
    }

    /// One message weighed: the history's log-odds per language (in ``languages`` order), the totals of every
    /// source, and the decision they make. The priors' parts are not kept: ``observe(_:)`` lists them again.
    private struct Weighing {
        var history: [Double]?
        var totals: [Double]
        var distribution: [Double]
        var best: Int
        var hasEvidence: Bool
    }

    /// Weighs the next message and updates the history. Three arrays, whatever the priors (the relay's path).
    private mutating func weigh(_ detection: LanguageDetection) -> Weighing {
        var totals = Array(repeating: 0.0, count: languages.count)
        var anyPrior = false
        forEachPrior { language, _, weight in
            guard let index = languages.firstIndex(of: language) else { return }
            totals[index] += weight
            anyPrior = true
        }
        var historyParts: [Double]?
        if messagesWithLanguage > 0 {
            let sum = history.reduce(0, +)
            let historyTotal = min(sum * configuration.historyWeight, configuration.historyCap)
            let historyMass = max(sum, 1e-9)
            historyParts = history.map { historyTotal * $0 / historyMass }
        }
        for index in languages.indices {
            if !detection.isUndetermined { totals[index] += detection.logits[index] }
            if let historyParts { totals[index] += historyParts[index] }
        }
        let distribution = softmax(totals)
        let best = totals.indices.max { totals[$0] < totals[$1] } ?? 0
        if !detection.isUndetermined {
            for index in history.indices {
                history[index] = history[index] * configuration.historyDecay + distribution[index]
            }
            messagesWithLanguage += 1
        }
        return Weighing(
            history: historyParts, totals: totals, distribution: distribution, best: best,
            hasEvidence: !detection.isUndetermined || historyParts != nil || anyPrior)
    }

    /// Decides the language of the next message and updates the history.
    ///
    /// `detection.logits` must be in ``languages`` order (as ``LanguageDetector`` returns them).
    public mutating func observe(_ detection: LanguageDetection) -> ConversationDecision {
        let weighing = weigh(detection)
        let decided = decided(weighing)
        var parts = Array(repeating: [EvidenceSource: Double](), count: languages.count)
        forEachPrior { language, source, weight in
            if let index = languages.firstIndex(of: language) { parts[index][source] = weight }
        }
        for index in languages.indices {
            if !detection.isUndetermined { parts[index][.message] = detection.logits[index] }
            if let history = weighing.history { parts[index][.history] = history[index] }
        }
        let explanation = DecisionExplanation(
            language: decided.language, runnerUp: Self.runnerUp(weighing.totals, weighing.best, languages),
            contributions: parts, languages: languages, words: detection.evidence,
            messageUndetermined: detection.isUndetermined)
        return ConversationDecision(
            language: decided.language, confidence: decided.confidence, messageLanguage: detection.language,
            explanation: explanation)
    }

    /// ``observe(_:)``'s language and confidence, without the explanation (the relay's path: nothing reads it).
    public mutating func decide(_ detection: LanguageDetection) -> (language: LanguageCode, confidence: Double) {
        decided(weigh(detection))
    }

    private mutating func decided(_ weighing: Weighing) -> (language: LanguageCode, confidence: Double) {
        guard weighing.hasEvidence else { return (.undetermined, 1) }
        let language = languages[weighing.best]
        current = language
        return (language, weighing.distribution[weighing.best])
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
    /// The message's own words (the detector's calibrated log-odds).
    case message
    /// Earlier messages of the conversation, decayed and capped.
    case history
    /// The browser's preferred languages.
    case browser
    /// The `lang` of the page the widget is on.
    case page
    /// The site's default language.
    case siteDefault
}
