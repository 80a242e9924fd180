public import Foundation
public import ParleyText

/// Where the relay keeps sites, operators, sessions, conversations, participants, messages and translations.
///
/// The embedded default is `SQLiteChatStore`; every implementation must pass the conformance suite in
/// `ParleyTesting` unchanged. Contract, for every method:
/// - **Durable on return.** When a mutating call returns, its effect survives a crash of the process (`kill -9`).
///   Everything but derived data (detections, translations) also survives a power loss; derived data may be lost
///   there, and the relay recomputes what is missing when a message is read.
/// - **Atomic.** A call either has all of its effect or none; it never leaves half a message.
/// - **Concurrent.** Calls may come from many tasks at once; the store serializes what it must.
/// - **Errors** are ``StoreError`` values; `description` never contains chat text or credentials.
/// - **Cancellation** of the calling task may abandon waiting for the result, never leave partial state.
public protocol ChatStore: Sendable {
    // MARK: Sites and operators

    /// Inserts the site or replaces the one with the same id.
    func saveSite(_ site: Site) async throws
    /// The site with this id, or `nil`.
    func site(_ id: SiteID) async throws -> Site?
    /// Every site, ordered by id.
    func sites() async throws -> [Site]

    /// Adds an operator. Throws ``StoreError/Code/duplicate`` when the login is taken, ``StoreError/Code/notFound``
    /// when the site does not exist.
    func addOperator(_ account: OperatorAccount) async throws
    /// The operator with this id, or `nil`.
    func operatorAccount(_ id: OperatorID) async throws -> OperatorAccount?
    /// The operator with this login (exact match), or `nil`.
    func operatorAccount(login: String) async throws -> OperatorAccount?
    /// The operators of a site (every site's when `nil`), ordered by login.
    func operators(of site: SiteID?) async throws -> [OperatorAccount]

    // MARK: Sessions

    /// Stores a session. Throws ``StoreError/Code/duplicate`` if the digest exists.
    func createSession(_ session: OperatorSession) async throws
    /// The session with this token digest, or `nil`. Expired sessions are returned; the caller checks `expiresAt`.
    func session(digest: String) async throws -> OperatorSession?
    /// Deletes the session; deleting a missing session is not an error.
    func deleteSession(digest: String) async throws
    /// Deletes every session that expired at or before `date`; returns how many.
    func deleteSessions(expiredAt date: Date) async throws -> Int

    // MARK: Conversations and participants

    /// Creates a conversation together with its visitor participant. Throws ``StoreError/Code/duplicate`` when the
    /// id exists and ``StoreError/Code/notFound`` when the site does not.
    func createConversation(_ conversation: Conversation, visitor: Participant) async throws
    /// The conversation with this id (with its current `lastSeq`), or `nil`.
    func conversation(_ id: ConversationID) async throws -> Conversation?
    /// A site's conversations whose status is in `statuses`, most recently updated first (``Conversation/updatedAt``:
    /// a message counts as an update), at most `limit`.
    func conversations(of site: SiteID, statuses: Set<ConversationStatus>, limit: Int) async throws -> [Conversation]
    /// How many of a site's conversations have a status in `statuses` (without reading them).
    func conversationCount(of site: SiteID, statuses: Set<ConversationStatus>) async throws -> Int
    /// Sets status and assigned operator; bumps `updatedAt`. Returns the updated conversation.
    /// Throws ``StoreError/Code/notFound`` for an unknown conversation.
    func updateAssignment(
        _ id: ConversationID, status: ConversationStatus, operatorID: OperatorID?, at date: Date
    ) async throws -> Conversation
    /// ``updateAssignment(_:status:operatorID:at:)`` only while the conversation's status is still `expected`, in one
    /// step: returns the updated conversation, or `nil` (and changes nothing) when its status is another by then — a
    /// conversation two hand-overs race for is handed out once. Throws ``StoreError/Code/notFound`` for an unknown
    /// conversation.
    func updateAssignment(
        _ id: ConversationID, status: ConversationStatus, operatorID: OperatorID?, at date: Date,
        ifStatus expected: ConversationStatus
    ) async throws -> Conversation?
    /// How many conversations in `statuses` each operator of the site is assigned (operators with none are absent).
    func assignmentCounts(of site: SiteID, statuses: Set<ConversationStatus>) async throws -> [OperatorID: Int]

    /// The participants of a conversation, in the order they joined (the visitor first).
    func participants(of conversation: ConversationID) async throws -> [Participant]
    /// Adds a participant. Idempotent for operators: if this operator already takes part, returns the existing
    /// participant unchanged. Throws ``StoreError/Code/notFound`` for an unknown conversation.
    func addParticipant(_ participant: Participant) async throws -> Participant
    /// Changes the language a participant reads in. Throws ``StoreError/Code/notFound`` for an unknown participant.
    func setLanguage(_ language: LanguageCode, of participant: ParticipantID) async throws

    // MARK: Messages and translations

    /// Appends a message and assigns the conversation's next `seq` (`lastSeq + 1`; the first message gets 1). A draft's
    /// ``MessageDraft/analysis`` (detection and translations) is stored with it, in the same atomic step.
    ///
    /// Idempotent: if the sender already stored a message with this `clientMessageID` in this conversation, returns
    /// that message with `inserted == false` and stores nothing (even if the text or analysis differs).
    /// Durable once it returns. Concurrent appends to one conversation get distinct, gapless `seq`s.
    /// Throws ``StoreError/Code/notFound`` for an unknown conversation or sender,
    /// ``StoreError/Code/conflict`` for a closed conversation.
    func append(_ draft: MessageDraft) async throws -> AppendResult
    /// Messages with `seq > after`, ascending, at most `limit`, each with its translations and sender.
    func messages(in conversation: ConversationID, after: Int, limit: Int) async throws -> [ChatMessage]
    /// ``messages(in:after:limit:)``'s answer when the store holds it in memory, without suspending; `nil` when only
    /// the async call can answer. Where it answers, it answers exactly as that call would. (The relay delivers from it
    /// on the thread that released the message, with no task hop; the default answers `nil`.)
    func messagesInMemory(in conversation: ConversationID, after: Int, limit: Int) -> [ChatMessage]?
    /// Records the detected language of a stored message (replacing an earlier result).
    /// Throws ``StoreError/Code/notFound`` for an unknown message.
    func setDetection(
        _ language: LanguageCode, confidence: Double, conversation: ConversationID, seq: Int
    ) async throws
    /// Stores a translation, replacing one for the same message and target language.
    /// Throws ``StoreError/Code/notFound`` for an unknown message.
    func saveTranslation(_ translation: MessageTranslation) async throws
    /// The newest `limit` messages of the conversation, ascending, each with its translations and sender.
    /// Has a default implementation (``conversation(_:)`` then ``messages(in:after:limit:)``).
    func latestMessages(in conversation: ConversationID, limit: Int) async throws -> [ChatMessage]
}

extension ChatStore {
    public func messagesInMemory(in conversation: ConversationID, after: Int, limit: Int) -> [ChatMessage]? {
        nil
    }

    public func latestMessages(in conversation: ConversationID, limit: Int) async throws -> [ChatMessage] {
        guard limit > 0, let last = try await self.conversation(conversation)?.lastSeq else { return [] }
        return try await messages(in: conversation, after: max(0, last - limit), limit: limit)
    }

    /// One stored message, or `nil`.
    public func message(in conversation: ConversationID, seq: Int) async throws -> ChatMessage? {
        guard seq > 0 else { return nil }
        return try await messages(in: conversation, after: seq - 1, limit: 1).first { $0.seq == seq }
    }
}
