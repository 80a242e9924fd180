import ParleyText
import Synchronization

/// The phrasebook's answers for recent sentences, per direction: at most `capacity` of them, the least recently used
/// forgotten first. A sentence nothing matched is remembered too (`nil`). Answers depend only on the sentence, the
/// pair and the loaded phrasebook, so a remembered one is exactly what matching again would give. An answer is
/// remembered when its sentence comes a second time in that direction (``LRUCache/Admission/secondSight``): the
/// sentence with a new order number, and the whole text it is part of, never come again and would only push out the
/// greetings that do. Tokens serve every direction from the sentence's language, and are admitted on second sight
/// too: a sentence seen once (the one with the order number) would otherwise take an insert and push one out for every
/// message, and a message translated for two readers of other languages tokenizes such a sentence twice instead.
///
/// Below the answers, the memo keeps what matching found per *shape*: a sentence's tokens with each value (a number,
/// an amount, a date, an e-mail, a URL, a placeholder) reduced to its kind. Matching reads a value's kind and never
/// the value, so `Bestellnummer #100123` and `Bestellnummer #100124` are covered by the same phrases; a remembered
/// cover is rendered again with the new sentence's values (``SentenceMatch/rebound(to:)``). A new order number in a
/// familiar sentence then costs its tokenizing and rendering, not a search of the phrasebook. Shapes are admitted on
/// their second sight too.
final class SentenceMemo: Sendable {
    /// A sentence in one direction. Looked up with the sentence as part of its message (no copy); stored with a
    /// copy of its own (``owned``), so that the memo never keeps a whole message alive.
    struct Key: Hashable, Sendable {
        var sentence: ByteText
        var pair: LanguagePair
        var wholeOnly: Bool

        var owned: Key { Key(sentence: sentence.owned, pair: pair, wholeOnly: wholeOnly) }
    }

    /// One answer: the translation and its quality, or `nil` when nothing matched.
    private struct Answer {
        var match: (text: String, quality: TranslationQuality)?
    }

    /// A sentence's tokens depend on its language only, not on the direction.
    private struct TokensKey: Hashable {
        var sentence: ByteText
        var language: LanguageCode

        var owned: TokensKey { TokensKey(sentence: sentence.owned, language: language) }
    }

    /// A sentence's shape in one direction (``shape(of:)``).
    private struct ShapeKey: Hashable {
        var shape: ByteText
        var pair: LanguagePair
        var wholeOnly: Bool
    }

    /// What matching found for a shape; `nil` when nothing matched.
    private struct ShapeAnswer {
        var match: SentenceMatch?
    }

    private let enabled: Bool
    private let cache: Mutex<LRUCache<Key, Answer>>
    private let tokens: Mutex<LRUCache<TokensKey, PhraseTokenizer.RawTokens>>
    private let shapes: Mutex<LRUCache<ShapeKey, ShapeAnswer>>

    init(capacity: Int) {
        enabled = capacity > 0
        cache = Mutex(LRUCache(capacity: capacity, admission: .secondSight))
        tokens = Mutex(LRUCache(capacity: capacity, admission: .secondSight))
        shapes = Mutex(LRUCache(capacity: capacity, admission: .secondSight))
    }

    /// The raw tokens of `sentence`, remembered for the last `capacity` sentences read at least twice as part of a
    /// longer text (a remembered sentence's tokens may come from another message with the same text: tokens depend on
    /// the text alone).
    func tokens(of sentence: Substring, language: LanguageCode) -> PhraseTokenizer.RawTokens {
        guard enabled else { return PhraseTokenizer.raw(sentence, language: language) }
        let key = TokensKey(sentence: ByteText(sentence), language: language)
        if let known = tokens.withLock({ $0.value(for: key) }) { return known }
        let raw = PhraseTokenizer.raw(sentence, language: language)
        let owned = key.owned
        tokens.withLock { $0.insert(raw, for: owned) }
        return raw
    }

    /// `.some(answer)` when the sentence is remembered, `nil` otherwise.
    func lookup(_ key: Key) -> (text: String, quality: TranslationQuality)?? {
        guard enabled else { return nil }
        return cache.withLock { $0.value(for: key) }.map(\.match)
    }

    func remember(_ match: (text: String, quality: TranslationQuality)?, for key: Key) {
        guard enabled else { return }
        let owned = key.owned
        cache.withLock { $0.insert(Answer(match: match), for: owned) }
    }

    /// What `matching` finds for `tokens` in `pair`'s direction, from the memo when a sentence of the same shape was
    /// matched before.
    func match(
        _ tokens: [PhraseToken], pair: LanguagePair, wholeOnly: Bool, matching: () -> SentenceMatch?
    ) -> SentenceMatch? {
        guard enabled else { return matching() }
        let key = ShapeKey(shape: ByteText(Self.shape(of: tokens)[...]), pair: pair, wholeOnly: wholeOnly)
        if let known = shapes.withLock({ $0.value(for: key) }) {
            guard let match = known.match else { return nil }
            if let rebound = match.rebound(to: tokens) { return rebound }
        }
        let match = matching()
        shapes.withLock { $0.insert(ShapeAnswer(match: match), for: key) }
        return match
    }

    /// Everything matching reads of the tokens: each token's key and the clause break before it; a word's spelling
    /// as written (a name's case decides whether it fills `{name}`, and the name is copied); of a value only its kind
    /// and whether it is a placeholder.
    static func shape(of tokens: [PhraseToken]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tokens.reduce(0) { $0 + $1.key.utf8.count + $1.surface.utf8.count + 2 })
        for token in tokens {
            bytes.append(token.clauseBreakBefore ? 1 : 2)
            bytes += token.key.utf8
            if token.value != nil {
                bytes.append(token.isPlaceholder ? 3 : 4)
                bytes += (token.slot?.rawValue ?? "").utf8
            } else {
                bytes.append(5)
                bytes += token.surface.utf8
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Sentences remembered.
    var count: Int { enabled ? cache.withLock { $0.count } : 0 }

    /// Sentences whose tokens are remembered.
    var tokenizedCount: Int { enabled ? tokens.withLock { $0.count } : 0 }
}

/// A text of the memo's keys, compared and hashed by its UTF-8 bytes. `String`'s own `==` and hash follow canonical
/// equivalence, which for text that is not ASCII (`Siparişim`, `Größe`) normalizes it on every lookup. Keyed by bytes,
/// two spellings of one sentence that differ in bytes only miss each other, and the second is computed afresh: the
/// answers stay exactly what translating the text gives.
struct ByteText: Hashable, Sendable {
    var text: Substring

    init(_ text: Substring) { self.text = text }

    /// The same text in storage of its own, so that a remembered key never keeps a whole message alive.
    var owned: ByteText { ByteText(Substring(String(text))) }

    static func == (lhs: ByteText, rhs: ByteText) -> Bool {
        let left = lhs.text.utf8
        let right = rhs.text.utf8
        guard left.count == right.count else { return false }
        let contiguous = left.withContiguousStorageIfAvailable { leftBytes in
            right.withContiguousStorageIfAvailable { leftBytes.elementsEqual($0) }
        }
        return (contiguous ?? nil) ?? left.elementsEqual(right)
    }

    func hash(into hasher: inout Hasher) {
        let bytes = text.utf8
        hasher.combine(bytes.count)
        let hashed: Void? = bytes.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            for byte in bytes { hasher.combine(byte) }
        }
    }
}
