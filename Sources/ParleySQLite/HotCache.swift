import ParleyCore
import ParleyText
import Synchronization

/// What the relay reads for every message, kept in memory so that a message costs its writes and no reads: each
/// conversation's participants and its most recent messages (with detections and translations).
///
/// Write-through: the store updates the cache only after the transaction that changed the data committed, in commit
/// order (the writer queue is serial), so the cache never shows what the file does not hold. A read the cache cannot
/// answer completely goes to the database. Bounded: past ``maxConversations`` entries it starts afresh (a shard at a
/// time).
///
/// Sharded by conversation: the event loops (deliveries), the analysis (history, participants) and SQLite's writer
/// (appends) each take a lock here for every message, and with one lock they met often enough to sleep on it. A
/// conversation's data lives in one shard, so everything said of one conversation holds as before.
final class HotCache: Sendable {
    /// Messages kept per conversation (the newest).
    static let recentLimit = 32
    static let maxConversations = 50_000
    static let shardCount = 16

    private struct Recent {
        /// The `seq` of `messages[0]` (the next `seq` when empty).
        var base: Int
        /// Contiguous by `seq`, ascending, up to the newest committed message.
        var messages: [ChatMessage] = []
        var next: Int { base + messages.count }
    }

    private struct State {
        var participants: [ConversationID: [Participant]] = [:]
        var recent: [ConversationID: Recent] = [:]
        var generation = 0
    }

    private final class Shard: Sendable {
        let state = Mutex(State())
    }

    private let shards = (0..<shardCount).map { _ in Shard() }
    private static let maxPerShard = maxConversations / shardCount

    private func shard(_ conversation: ConversationID) -> Shard {
        shards[Int(UInt(bitPattern: conversation.hashValue) % UInt(Self.shardCount))]
    }

    private func withState<R>(of conversation: ConversationID, _ body: (inout State) -> R) -> R {
        shard(conversation).state.withLock { body(&$0) }
    }

    // MARK: Participants

    /// Bumped by every participant change in the conversation's shard, so a database read that raced with one is not
    /// cached.
    func generation(of conversation: ConversationID) -> Int { withState(of: conversation) { $0.generation } }

    func participants(of conversation: ConversationID) -> [Participant]? {
        withState(of: conversation) { $0.participants[conversation] }
    }

    /// Caches a list read from the database, unless a participant changed since `generation` was taken (before the
    /// read began): then the list may be stale, and the next read goes to the database again.
    func setParticipants(_ list: [Participant], of conversation: ConversationID, readAt generation: Int) {
        withState(of: conversation) { state in
            guard state.generation == generation else { return }
            if state.participants.count >= Self.maxPerShard { state.participants.removeAll() }
            state.participants[conversation] = list
        }
    }

    /// A write that changed the conversation's participants committed, leaving `list` (called on the writer queue,
    /// in commit order). A read that began before it is not cached after it.
    func participantsWritten(_ list: [Participant], of conversation: ConversationID) {
        withState(of: conversation) { state in
            state.generation &+= 1
            if state.participants.count >= Self.maxPerShard { state.participants.removeAll() }
            state.participants[conversation] = list
        }
    }

    /// A participant's language changed (committed); its conversation is not known here, so every shard is bumped
    /// and searched.
    func participantChanged(_ participant: ParticipantID) {
        for shard in shards {
            shard.state.withLock { state in
                state.generation &+= 1
                // Rare (a participant changes language); a scan keeps the index simple.
                if let entry = state.participants.first(where: { $0.value.contains { $0.id == participant } }) {
                    state.participants[entry.key] = nil
                }
            }
        }
    }

    // MARK: Messages

    /// The newest `limit` messages, when the cache holds them all (or the conversation has fewer); else `nil`.
    func latest(in conversation: ConversationID, limit: Int) -> [ChatMessage]? {
        withState(of: conversation) { state in
            guard let recent = state.recent[conversation], recent.base == 1 || recent.messages.count >= limit
            else { return nil }
            return Array(recent.messages.suffix(limit))
        }
    }

    /// Messages with `seq > after`, at most `limit`, when the cache holds every one of them; else `nil`.
    /// The cache holds a conversation's messages from some `seq` up to the newest committed one.
    func messages(in conversation: ConversationID, after: Int, limit: Int) -> [ChatMessage]? {
        withState(of: conversation) { state in
            guard let recent = state.recent[conversation], after >= recent.base - 1 else { return nil }
            // Contiguous by `seq`: the first one after `after` is at `after + 1 - base`.
            let start = min(after + 1 - recent.base, recent.messages.count)
            return Array(recent.messages[start..<min(start + max(limit, 0), recent.messages.count)])
        }
    }

    /// A message was appended and committed.
    func appended(_ message: ChatMessage) {
        withState(of: message.conversationID) { state in
            let id = message.conversationID
            if state.recent[id] == nil, state.recent.count >= Self.maxPerShard { state.recent.removeAll() }
            // Changed in place (not copied out and back): the list is not copied on every message.
            Self.append(message, to: &state.recent[id, default: Recent(base: message.seq)])
        }
    }

    private static func append(_ message: ChatMessage, to recent: inout Recent) {
        if recent.next != message.seq { recent = Recent(base: message.seq) }
        recent.messages.append(message)
        if recent.messages.count > recentLimit {
            let excess = recent.messages.count - recentLimit
            recent.messages.removeFirst(excess)
            recent.base += excess
        }
    }

    /// A conversation was created with its visitor (committed): it has no messages, and every later one passes through
    /// ``appended(_:)``.
    func conversationCreated(_ conversation: ConversationID, visitor: Participant) {
        participantsWritten([visitor], of: conversation)
        withState(of: conversation) { state in
            if state.recent.count >= Self.maxPerShard { state.recent.removeAll() }
            state.recent[conversation] = Recent(base: 1)
        }
    }

    func detectionSet(_ language: LanguageCode, confidence: Double, conversation: ConversationID, seq: Int) {
        update(conversation, seq: seq) {
            $0.language = language
            $0.confidence = confidence
        }
    }

    func translationSaved(_ translation: MessageTranslation) {
        update(translation.conversationID, seq: translation.seq) { Self.replace(translation, in: &$0) }
    }

    /// Puts the translation in place of the message's one into the same language, keeping them ordered by language.
    private static func replace(_ translation: MessageTranslation, in message: inout ChatMessage) {
        message.translations.removeAll { $0.language == translation.language }
        message.translations.append(translation)
        message.translations.sort { $0.language.rawValue < $1.language.rawValue }
    }

    private func update(_ conversation: ConversationID, seq: Int, _ change: (inout ChatMessage) -> Void) {
        withState(of: conversation) { state in
            guard let recent = state.recent[conversation], seq >= recent.base, seq < recent.next else { return }
            change(&state.recent[conversation]!.messages[seq - recent.base])
        }
    }
}
