import ParleyText
import Synchronization

/// The phrasebook's answers for recent sentences, per direction: at most `capacity` of them, the least recently used
/// forgotten first. A sentence nothing matched is remembered too (`nil`). Answers depend only on the sentence, the
/// pair and the loaded phrasebook, so a remembered one is exactly what matching again would give. An answer is
/// remembered when its sentence comes a second time in that direction (``LRUCache/Admission/secondSight``): the
/// sentence with a new order number, and the whole text it is part of, never come again and would only push out the
/// greetings that do. Tokens are remembered at once: they serve every direction from the sentence's language, so a
/// message translated for two readers of other languages is tokenized once.
final class SentenceMemo: Sendable {
    struct Key: Hashable, Sendable {
        var sentence: String
        var pair: LanguagePair
        var wholeOnly: Bool
    }

    /// One answer: the translation and its quality, or `nil` when nothing matched.
    private struct Answer {
        var match: (text: String, quality: TranslationQuality)?
    }

    /// A sentence's tokens depend on its language only, not on the direction.
    private struct TokensKey: Hashable {
        var sentence: String
        var language: LanguageCode
    }

    private let enabled: Bool
    private let cache: Mutex<LRUCache<Key, Answer>>
    private let tokens: Mutex<LRUCache<TokensKey, PhraseTokenizer.RawTokens>>

    init(capacity: Int) {
        enabled = capacity > 0
        cache = Mutex(LRUCache(capacity: capacity, admission: .secondSight))
        tokens = Mutex(LRUCache(capacity: capacity))
    }

    /// The raw tokens of `sentence`, remembered for the last `capacity` sentences read as part of a longer text (a
    /// remembered sentence's tokens may come from another message with the same text: tokens depend on the text
    /// alone).
    func tokens(of sentence: Substring, language: LanguageCode) -> PhraseTokenizer.RawTokens {
        guard enabled else { return PhraseTokenizer.raw(sentence, language: language) }
        let key = TokensKey(sentence: String(sentence), language: language)
        if let known = tokens.withLock({ $0.value(for: key) }) { return known }
        let raw = PhraseTokenizer.raw(sentence, language: language)
        tokens.withLock { $0.insert(raw, for: key) }
        return raw
    }

    /// `.some(answer)` when the sentence is remembered, `nil` otherwise.
    func lookup(_ key: Key) -> (text: String, quality: TranslationQuality)?? {
        guard enabled else { return nil }
        return cache.withLock { $0.value(for: key) }.map(\.match)
    }

    func remember(_ match: (text: String, quality: TranslationQuality)?, for key: Key) {
        guard enabled else { return }
        cache.withLock { $0.insert(Answer(match: match), for: key) }
    }

    /// Sentences remembered.
    var count: Int { enabled ? cache.withLock { $0.count } : 0 }
}
