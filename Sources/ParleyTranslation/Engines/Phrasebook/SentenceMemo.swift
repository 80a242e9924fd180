import Synchronization

/// The phrasebook's answers for recent sentences, per direction: at most `capacity` of them, the least recently used
/// forgotten first. A sentence nothing matched is remembered too (`nil`). Answers depend only on the sentence, the
/// pair and the loaded phrasebook, so a remembered one is exactly what matching again would give.
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

    private let enabled: Bool
    private let cache: Mutex<LRUCache<Key, Answer>>

    init(capacity: Int) {
        enabled = capacity > 0
        cache = Mutex(LRUCache(capacity: capacity))
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
