import ParleyCore
import ParleyText
import Synchronization

/// What the relay reads for every message, kept in memory so that a message costs its writes and no reads: each
/// conversation's participants and its most recent messages (with detections and translations).
///
/// Write-through: the store updates the cache only after the transaction that changed the data committed, in commit
/// order (the writer queue is serial), so the cache never shows what the file does not hold. A read the cache cannot
/// answer completely goes to the database. Bounded: past ``maxConversations`` entries it starts afresh.
final class HotCache: Sendable {
    /// Messages kept per conversation (the newest).
    static let recentLimit = 32
    static let maxConversations = 50_000

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

    private let state = Mutex(State())

    // MARK: Participants

    /// Bumped by every participant change, so a database read that raced with one is not cached.
    var generation: Int { state.withLock { $0.generation } }

    func participants(of conversation: ConversationID) -> [Participant]? {
        state.withLock { $0.participants[conversation] }
    }

    /// Caches a list read from the database, unless a participant changed since `generation` was taken (before the
    /// read began): then the list may be stale, and the next read goes to the database again.
    func setParticipants(_ list: [Participant], of conversation: ConversationID, readAt generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.participants.count >= Self.maxConversations { state.participants.removeAll() }
            state.participants[conversation] = list
        }
    }

    /// A write that changed the conversation's participants committed, leaving `list` (called on the writer queue,
    /// in commit order). A read that began before it is not cached after it.
    func participantsWritten(_ list: [Participant], of conversation: ConversationID) {
        state.withLock { state in
            state.generation &+= 1
            if state.participants.count >= Self.maxConversations { state.participants.removeAll() }
            state.participants[conversation] = list
        }
    }

    /// A participant's language changed (committed); its conversation is not known here, so it is looked up.
    func participantChanged(_ participant: ParticipantID) {
        state.withLock { state in
            state.generation &+= 1
            // Rare (a participant changes language); a scan keeps the index simple.
            if let entry = state.participants.first(where: { $0.value.contains { $0.id == participant } }) {
                state.participants[entry.key] = nil
            }
        }
    }

    // MARK: Messages

    /// The newest `limit` messages, when the cache holds them all (or the conversation has fewer); else `nil`.
    func latest(in conversation: ConversationID, limit: Int) -> [ChatMessage]? {
        state.withLock { state in
            guard let recent = state.recent[conversation], recent.base == 1 || recent.messages.count >= limit
            else { return nil }
            return Array(recent.messages.suffix(limit))
        }
    }

    /// Messages with `seq > after`, at most `limit`, when the cache holds every one of them; else `nil`.
    /// The cache holds a conversation's messages from some `seq` up to the newest committed one.
    func messages(in conversation: ConversationID, after: Int, limit: Int) -> [ChatMessage]? {
        state.withLock { state in
            guard let recent = state.recent[conversation], after >= recent.base - 1 else { return nil }
            return Array(recent.messages.drop { $0.seq <= after }.prefix(limit))
        }
    }

    /// A message was appended and committed.
    func appended(_ message: ChatMessage) {
        state.withLock { state in
            let id = message.conversationID
            if state.recent[id] == nil, state.recent.count >= Self.maxConversations { state.recent.removeAll() }
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
        state.withLock { state in
            if state.recent.count >= Self.maxConversations { state.recent.removeAll() }
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
        state.withLock { state in
            guard let recent = state.recent[conversation], seq >= recent.base, seq < recent.next else { return }
            change(&state.recent[conversation]!.messages[seq - recent.base])
        }
    }
}
