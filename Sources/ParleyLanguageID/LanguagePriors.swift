public import ParleyText

/// What is known about a visitor's language before (or beside) what they write.
///
/// ```swift
/// let priors = LanguagePriors(browserLanguages: ["et-EE", "en"], pageLanguage: "et", siteDefault: "en")
/// ```
public struct LanguagePriors: Sendable, Hashable {
    /// The browser's preferred languages, most preferred first (`Accept-Language`, `navigator.languages`).
    public var browserLanguages: [LanguageCode]
    /// The `lang` of the page the chat widget is on.
    public var pageLanguage: LanguageCode?
    /// The site's default language.
    public var siteDefault: LanguageCode?

    /// Creates priors; tags are reduced to their primary language ("et-EE" → "et"), unparsable ones dropped.
    public init(browserLanguages: [String] = [], pageLanguage: String? = nil, siteDefault: String? = nil) {
        self.browserLanguages = browserLanguages.compactMap { LanguageCode(parsing: $0) }
        self.pageLanguage = pageLanguage.flatMap { LanguageCode(parsing: $0) }
        self.siteDefault = siteDefault.flatMap { LanguageCode(parsing: $0) }
    }

    /// Creates priors from languages already parsed (the relay's, on every message: no tags to parse).
    public init(browser: [LanguageCode], page: LanguageCode? = nil, siteDefault: LanguageCode? = nil) {
        self.browserLanguages = browser
        self.pageLanguage = page
        self.siteDefault = siteDefault
    }

    /// No prior knowledge.
    public static let none = LanguagePriors()
}

/// How strongly the conversation tracker weighs each source of evidence, in calibrated log-odds (nats).
public struct ConversationTrackingConfiguration: Sendable, Hashable {
    /// Added for the browser's first configured language; later ones get half of the previous one's weight.
    public var browserWeight: Double
    /// Added for the page's `lang`.
    public var pageWeight: Double
    /// Added for the site default.
    public var siteDefaultWeight: Double
    /// Added per earlier message decided in a language, decayed by ``historyDecay`` per later message.
    public var historyWeight: Double
    /// Factor applied to the history for every new message (0...1): old messages fade.
    public var historyDecay: Double
    /// The most the whole history may add, so a long conversation can still switch on a clear message.
    public var historyCap: Double

    /// Creates a configuration; the defaults keep a conversation's language through short ambiguous messages and
    /// follow a switch as soon as a message of three or more words is clearly in another language.
    public init(
        browserWeight: Double = 1.5, pageWeight: Double = 0.7, siteDefaultWeight: Double = 0.3,
        historyWeight: Double = 2.0, historyDecay: Double = 0.7, historyCap: Double = 6.0
    ) {
        self.browserWeight = browserWeight
        self.pageWeight = pageWeight
        self.siteDefaultWeight = siteDefaultWeight
        self.historyWeight = historyWeight
        self.historyDecay = historyDecay
        self.historyCap = historyCap
    }
}
