internal import CICU
import Synchronization

/// Splits text into sentences and words with ICU's break iterators and the rules of a language.
///
/// Thread safety: ICU break iterators are not thread-safe, so each call borrows one from a pool of idle iterators
/// (``ICUPool``, guarded by a `Mutex`) and gives it back; no iterator is used by two callers at once. A
/// `Segmenter` is cheap to copy; copies share the pool. Create one and inject it.
/// ```swift
/// let segmenter = Segmenter()
/// segmenter.words(in: "Wo ist meine Bestellung?", language: "de")   // ["Wo", "ist", "meine", "Bestellung"]
/// segmenter.sentences(in: "Hallo! Wie geht's?", language: "de")     // ["Hallo!", "Wie geht's?"]
/// ```
public struct Segmenter: Sendable {
    /// The kind of a segment in ``segments(in:language:unit:)``.
    public enum Unit: Sendable, Hashable {
        case sentence, word, character
    }

    /// A segment of text and, for words, whether it is a word (letters, numbers, kana, ideographs) rather than
    /// spaces or punctuation.
    public struct Segment: Sendable, Hashable {
        /// The segment's range in the segmented string.
        public let range: Range<String.Index>
        /// `true` for words; `false` for spaces and punctuation; `true` for every sentence and character.
        public let isWordLike: Bool
    }

    private let pool: ICUPool

    /// A segmenter with its own pool of break iterators.
    public init() { self.pool = ICUPool() }

    /// The sentences of `text`, each without the whitespace that follows it.
    public func sentences(in text: String, language: LanguageCode) -> [Substring] {
        segments(in: text, language: language, unit: .sentence).compactMap { segment in
            let sentence = text[segment.range]
            let end = sentence.lastIndex(where: { !$0.isWhitespace }).map { sentence.index(after: $0) }
            guard let end else { return nil }
            return sentence[sentence.startIndex..<end]
        }
    }

    /// The words of `text`: no spaces, no punctuation, no symbols. Numbers count as words.
    public func words(in text: String, language: LanguageCode) -> [Substring] {
        segments(in: text, language: language, unit: .word).filter(\.isWordLike).map { text[$0.range] }
    }

    /// The sentences of `text`, with a break iterator opened for this call only. To segment many texts, create a
    /// ``Segmenter`` once and use its instance methods, which reuse iterators.
    public static func sentences(in text: String, language: LanguageCode) -> [Substring] {
        Segmenter().sentences(in: text, language: language)
    }

    /// The words of `text`, with a break iterator opened for this call only (see ``sentences(in:language:)``).
    public static func words(in text: String, language: LanguageCode) -> [Substring] {
        Segmenter().words(in: text, language: language)
    }

    /// Every segment of `text` in order, covering the whole text (an empty array for an empty text or when ICU
    /// cannot open a break iterator, which happens only when memory runs out).
    public func segments(in text: String, language: LanguageCode, unit: Unit) -> [Segment] {
        guard !text.isEmpty else { return [] }
        let breaker = BreakerID.of(language, unit)
        let boundaries = try? pool.withHandle(
            breaker.poolKey,
            open: { () throws(ICUError) in try Self.openBreaker(breaker.kind, breaker.locale) },
            { (iterator) throws(ICUError) in try Self.boundaries(of: text, iterator) }
        )
        guard let boundaries else { return [] }
        return Self.segments(text, boundaries, unit)
    }

    /// The ICU locale and pool key of a language's break iterator for a unit, worked out once per pair: resolving a
    /// tag is an ICU call, and every message is segmented.
    private struct BreakerID: Sendable {
        let kind: Int32
        let locale: String
        let poolKey: String

        private struct Pair: Hashable {
            let language: LanguageCode
            let unit: Unit
        }

        /// Pairs worked out so far; language codes are validated, and past this many pairs the rest are worked out
        /// on every call rather than kept.
        private static let known = Mutex<[Pair: BreakerID]>([:])
        private static let maxKnown = 256

        static func of(_ language: LanguageCode, _ unit: Unit) -> BreakerID {
            let pair = Pair(language: language, unit: unit)
            if let id = known.withLock({ $0[pair] }) { return id }
            var locale = LocaleID.resolved(language.rawValue)
            // Sentence breaks use ICU's per-language abbreviation lists ("Mr.", "Nr.") so they do not end a sentence.
            if unit == .sentence, !locale.contains("@") { locale += "@ss=standard" }
            let kind = unit.breakKind
            let id = BreakerID(kind: kind, locale: locale, poolKey: "\(kind)|\(locale)")
            known.withLock { if $0.count < maxKnown { $0[pair] = id } }
            return id
        }
    }

    private static func openBreaker(_ kind: Int32, _ locale: String) throws(ICUError) -> ICUHandle {
        try ICUHandle.open("open a break iterator", close: { parley_icu_breaker_close($0) }) {
            parley_icu_breaker_open(kind, locale, $0)
        }
    }

    private static func boundaries(of text: String, _ breaker: OpaquePointer) throws(ICUError) -> [(Int, Int32)] {
        try UTF16Buffer.withUTF16(text) { (source, length) throws(ICUError) in
            var offsets = [Int32](repeating: 0, count: Int(length) + 1)
            var statuses = [Int32](repeating: 0, count: Int(length) + 1)
            var status: Int32 = 0
            let count = parley_icu_breaker_boundaries(breaker, source, length, &offsets, &statuses, length + 1, &status)
            try ICUError.check(status, "find text boundaries")
            return (0..<Int(count)).map { (Int(offsets[$0]), statuses[$0]) }
        }
    }

    /// Turns UTF-16 boundaries into segments; a word segment's rule status < 100 means "not a word" (ICU).
    private static func segments(_ text: String, _ boundaries: [(Int, Int32)], _ unit: Unit) -> [Segment] {
        let utf16 = text.utf16
        var result: [Segment] = []
        var start = text.startIndex
        var startOffset = 0
        for (offset, ruleStatus) in boundaries.dropFirst() {
            // From the previous boundary, not from the text's start: linear in the text's length, not quadratic.
            let end = utf16.index(start, offsetBy: offset - startOffset)
            startOffset = offset
            result.append(Segment(range: start..<end, isWordLike: unit != .word || ruleStatus >= 100))
            start = end
        }
        return result
    }
}

extension Segmenter.Unit {
    fileprivate var breakKind: Int32 {
        switch self {
        case .sentence: Int32(PARLEY_ICU_BREAK_SENTENCE)
        case .word: Int32(PARLEY_ICU_BREAK_WORD)
        case .character: Int32(PARLEY_ICU_BREAK_CHARACTER)
        }
    }
}
