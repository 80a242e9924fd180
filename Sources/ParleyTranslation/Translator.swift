public import ParleyText

/// A direction of translation, e.g. `de → tr`.
public struct LanguagePair: Hashable, Sendable, Codable, CustomStringConvertible {
    public var source: LanguageCode
    public var target: LanguageCode

    public init(_ source: LanguageCode, _ target: LanguageCode) {
        self.source = source
        self.target = target
    }

    public var description: String { "\(source)→\(target)" }
}

/// How far a translation can be trusted; shown to both sides of a chat beside every translated text.
public enum TranslationQuality: String, Sendable, Codable, CaseIterable, Comparable {
    /// A reviewed translation of the whole text (phrasebook exact match, or identical languages).
    case exact
    /// A reviewed phrase matched fuzzily, its slots (numbers, dates, amounts) re-rendered for the target.
    case phrasebook
    /// A machine translation engine's output.
    case machine
    /// A word-by-word gloss from a bilingual word list.
    case gloss
    /// No translation: the original text is passed through.
    case untranslated

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    /// Better qualities sort first.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// What to translate: a batch of segments in one direction, with an optional glossary and a deadline.
public struct TranslationRequest: Sendable {
    /// Texts to translate, each translated independently; results come back in the same order.
    public var segments: [String]
    public var pair: LanguagePair
    /// Terminology to enforce; engines that support glossaries natively receive it, the others are corrected after.
    public var glossary: Glossary?
    /// The instant by which an answer is useless; engines give up (throw) after it. `nil`: no deadline.
    public var deadline: ContinuousClock.Instant?

    public init(
        segments: [String], pair: LanguagePair, glossary: Glossary? = nil, deadline: ContinuousClock.Instant? = nil
    ) {
        self.segments = segments
        self.pair = pair
        self.glossary = glossary
        self.deadline = deadline
    }
}

/// One translated segment.
public struct TranslatedSegment: Sendable, Hashable, Codable {
    public var text: String
    public var quality: TranslationQuality
    /// The engine that produced this segment when it differs per segment (a chain's fallback); `nil`: the result's.
    public var engine: String?

    public init(text: String, quality: TranslationQuality, engine: String? = nil) {
        self.text = text
        self.quality = quality
        self.engine = engine
    }
}

/// The answer to a ``TranslationRequest``: one segment per requested segment, the engine that produced them, timing.
public struct TranslationResult: Sendable {
    public var segments: [TranslatedSegment]
    /// The engine that produced the text, e.g. `"phrasebook"`, `"deepl"`, `"libretranslate"`, `"none"`.
    public var engine: String
    public var duration: Duration
    /// What the layer did on the way: engines that failed, glossary hits, protected spans (for `--explain`, logs).
    public var diagnostics: TranslationDiagnostics

    public init(
        segments: [TranslatedSegment], engine: String, duration: Duration,
        diagnostics: TranslationDiagnostics = TranslationDiagnostics()
    ) {
        self.segments = segments
        self.engine = engine
        self.duration = duration
        self.diagnostics = diagnostics
    }

    /// The weakest quality among the segments (`untranslated` for an empty result).
    public var quality: TranslationQuality { segments.map(\.quality).max() ?? .untranslated }
}

/// A translation engine. Engines are values shared across tasks, so they are `Sendable`.
///
/// Contract:
/// - `translate` returns exactly one ``TranslatedSegment`` per request segment, in order.
/// - It never invents text: a segment it cannot translate comes back with quality ``TranslationQuality/untranslated``
///   and the original text, or the call throws.
/// - It honours cancellation and `request.deadline`: past either it throws promptly rather than answer late.
/// - Errors are ``TranslationError`` values; callers (the chain) fall back on them.
public protocol Translator: Sendable {
    /// A short stable name for logs, metrics and labels: `"phrasebook"`, `"deepl"`.
    var name: String { get }

    /// Whether this engine can translate the pair at all (a cheap, local answer).
    func supports(_ pair: LanguagePair) -> Bool

    /// Translates a batch of segments. See the protocol's contract.
    func translate(_ request: TranslationRequest) async throws -> TranslationResult

    /// How protected spans must be written so that this engine keeps them verbatim. Default: ``PlaceholderStyle/brackets``.
    var placeholderStyle: PlaceholderStyle { get }

    /// Whether the engine applies `request.glossary` itself for this pair (DeepL's glossaries). Default: `false`;
    /// ``GlossaryEnforcingTranslator`` then masks source terms as spans carrying the target term.
    func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool

    /// Whether the engine answers in process, from memory, never waiting on I/O or another service (the phrasebook):
    /// a caller then needs no timeout or delivery deadline around it. Decorators answer for what they wrap, a chain
    /// for all its engines. Default: `false`.
    var runsInProcess: Bool { get }
}

extension Translator {
    public var placeholderStyle: PlaceholderStyle { .brackets }
    public func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool { false }
    public var runsInProcess: Bool { false }
}

/// What the translation layer did besides translating; carried through the decorators into the result.
public struct TranslationDiagnostics: Sendable {
    /// Errors of engines the chain fell back from, in order.
    public var failures: [TranslationError]
    /// Concept ids of glossary entries whose source term appeared, per segment order (duplicates removed).
    public var glossaryHits: [String]
    /// The spans that were protected from the engine (kind and original text).
    public var protectedSpans: [ProtectedSpan]
    /// Whether the result came from the cache.
    public var cacheHit: Bool

    public init(
        failures: [TranslationError] = [], glossaryHits: [String] = [], protectedSpans: [ProtectedSpan] = [],
        cacheHit: Bool = false
    ) {
        self.failures = failures
        self.glossaryHits = glossaryHits
        self.protectedSpans = protectedSpans
        self.cacheHit = cacheHit
    }
}
