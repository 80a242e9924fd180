import Foundation
public import Logging
import Metrics
public import ParleyText
import Synchronization

/// What a visitor's widget tells the relay when it opens a conversation.
public struct VisitorStart: Sendable, Hashable {
    public var siteID: SiteID
    /// Browser languages as the browser reports them (`"de-DE"`), best first.
    public var browserLanguages: [String]
    public var page: PageInfo
    public var name: String

    public init(siteID: SiteID, browserLanguages: [String] = [], page: PageInfo = PageInfo(), name: String = "Visitor") {
        self.siteID = siteID
        self.browserLanguages = browserLanguages
        self.page = page
        self.name = name
    }
}

/// The relay's domain API: conversations, participants, messages, presence and assignment.
///
/// The server's connections call it; it stores through the ``ChatStore``, hands messages to the
/// ``MessagePipeline`` and announces changes on the ``EventBus``.
public final class ChatService: Sendable {
    public let store: any ChatStore
    public let bus: any EventBus
    public let pipeline: MessagePipeline
    public let presence: OperatorPresence
    let sanitizer: any MessageSanitizing
    let supportedLanguages: [LanguageCode]
    let desk: AssignmentDesk
    let queueNews: QueueAnnouncer
    /// Hands on the conversations of operators who stay offline; run it in the relay's service group.
    public let departures: OperatorDepartures
    let logger: Logger
    private let firstVisitorMessage = Mutex<[ConversationID: ContinuousClock.Instant]>([:])
    private let storedMessages = MetricHandles { Counter(label: "parley.messages.stored", dimensions: [("role", $0[0])]) }
    private let firstResponse = MetricHandles { _ in Metrics.Timer(label: "parley.conversation.first_response") }

    public init(
        store: any ChatStore, bus: any EventBus, pipeline: MessagePipeline, sanitizer: any MessageSanitizing,
        supportedLanguages: [LanguageCode] = LanguageCode.supported, presence: OperatorPresence = OperatorPresence(),
        operatorGracePeriod: Duration = .seconds(30), routing: Routing = .leastBusy,
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger
    ) {
        self.store = store
        self.bus = bus
        self.pipeline = pipeline
        self.presence = presence
        self.sanitizer = sanitizer
        self.supportedLanguages = supportedLanguages
        self.queueNews = QueueAnnouncer(store: store, bus: bus, presence: presence, logger: logger)
        self.desk = AssignmentDesk(
            store: store, bus: bus, presence: presence, queueNews: queueNews, routing: routing, logger: logger)
        self.departures = OperatorDepartures(
            gracePeriod: operatorGracePeriod, desk: desk, presence: presence, clock: clock, logger: logger)
        self.logger = logger
    }

    // MARK: Visitors

    /// Creates a conversation with its visitor and assigns it if an operator is online.
    public func startConversation(_ start: VisitorStart, site: Site) async throws -> (Conversation, Participant) {
        let browser = start.browserLanguages.compactMap { LanguageCode(parsing: $0) }
        let language = negotiateLanguage(browser: browser, page: start.page.lang, fallback: site.defaultLanguage)
        let now = Date.now
        let conversation = Conversation(
            id: .random(prefix: "c"), siteID: site.id, browserLanguages: browser, page: start.page, createdAt: now)
        let visitor = Participant(
            id: .random(prefix: "p"), conversationID: conversation.id, role: .visitor, name: start.name,
            language: language)
        try await store.createConversation(conversation, visitor: visitor)
        pipeline.conversationStarted(conversation)
        Counter(label: "parley.conversations.started").increment()
        let assigned = try await desk.assign(conversation, visitor: visitor)
        if assigned.status == .waiting {
            await bus.publish(.conversationChanged(ConversationSnapshot(assigned, visitor: visitor)), to: .site(site.id))
            await queueNews.changed(site.id)
        }
        return (assigned, visitor)
    }

    /// The first supported browser language, else the page's language, else the site's default.
    public func negotiateLanguage(browser: [LanguageCode], page: String?, fallback: LanguageCode) -> LanguageCode {
        if let match = browser.first(where: supportedLanguages.contains) { return match }
        if let page = page.flatMap({ LanguageCode(parsing: $0) }), supportedLanguages.contains(page) { return page }
        return fallback
    }

    /// The site's queue figures now (for a console that just connected).
    public func queueFigures(of site: SiteID) async throws -> QueueFigures {
        try await queueNews.figures(of: site)
    }

    /// The visitor participant of a conversation.
    public func visitor(of conversation: ConversationID) async throws -> Participant? {
        try await store.participants(of: conversation).first { $0.role == .visitor }
    }

    // MARK: Operators

    /// Counts an operator's console connection; coming online hands out waiting conversations.
    public func operatorConnected(_ account: OperatorAccount) async {
        guard presence.connected(account) else { return }
        await queueNews.changed(account.siteID)
        do {
            try await desk.assignWaiting(in: account.siteID)
        } catch {
            logger.error("Assigning waiting conversations failed", metadata: ["error": "\(error)"])
        }
    }

    /// Counts a closed console connection. When it was the operator's last, its conversations are handed on after
    /// the grace period unless it comes back (see ``OperatorDepartures``).
    public func operatorDisconnected(_ account: OperatorAccount) async {
        guard presence.disconnected(account) else { return }
        await queueNews.changed(account.siteID)
        departures.schedule(account)
    }

    /// The operator logged out: its open conversations are handed on now, to another online operator or back to the
    /// queue.
    public func operatorLoggedOut(_ account: OperatorAccount) async {
        do {
            try await desk.release(account, generation: nil)
        } catch {
            logger.error("Handing on a logged-out operator's conversations failed", metadata: ["error": "\(error)"])
        }
    }

    /// The operator's participant in a conversation of its own site, created on first use.
    /// Throws `forbidden` for a conversation of another site and `unknown_conversation` when there is none.
    public func participant(
        for account: OperatorAccount, in conversationID: ConversationID
    ) async throws -> (Conversation, Participant) {
        guard let conversation = try await store.conversation(conversationID) else {
            throw RelayError(.unknownConversation, "There is no conversation '\(conversationID)'.")
        }
        guard conversation.siteID == account.siteID else {
            throw RelayError(.unknownConversation, "There is no conversation '\(conversationID)'.")
        }
        let participant = try await store.addParticipant(Participant(
            id: .random(prefix: "p"), conversationID: conversationID, role: .operator, operatorID: account.id,
            name: account.name, language: account.language))
        return (conversation, participant)
    }

    // MARK: Messages

    /// Sanitizes and stores a message, calls `stored` once it is durable (to acknowledge it), then hands it to the
    /// pipeline, which may process it before this returns. With a translator that runs in process the message is
    /// detected and translated first and stored with its analysis, in one write. A resend with the same `clientMessageID` returns the stored
    /// message (`inserted == false`). Throws before `stored` only.
    @discardableResult
    public func send(
        _ text: String, clientMessageID: String, from sender: Participant,
        stored: (AppendResult) -> Void = { _ in }
    ) async throws(RelayError) -> AppendResult {
        // Admitted first: under overload a message past the limit is refused before any work is spent on it.
        try pipeline.admit()
        let clean: String
        do throws(RelayError) {
            clean = try sanitizer.sanitize(text)
        } catch {
            pipeline.cancelAdmission()
            throw error
        }
        var draft = MessageDraft(
            conversationID: sender.conversationID, clientMessageID: clientMessageID, senderID: sender.id, text: clean,
            createdAt: .now)
        draft.analysis = await pipeline.analysis(of: draft)
        let result: AppendResult
        do {
            result = try await store.append(draft)
        } catch {
            pipeline.cancelAdmission()
            throw Self.relayError(for: error, conversation: sender.conversationID)
        }
        guard result.inserted else {
            pipeline.cancelAdmission()
            stored(result)
            return result
        }
        storedMessages([sender.role.rawValue]).increment()
        recordFirstResponse(sender: sender)
        stored(result)
        await pipeline.accept(result.message)
        return result
    }

    private func recordFirstResponse(sender: Participant) {
        let conversation = sender.conversationID
        switch sender.role {
        case .visitor:
            firstVisitorMessage.withLock { if $0[conversation] == nil { $0[conversation] = .now } }
        case .operator:
            if let since = firstVisitorMessage.withLock({ $0.removeValue(forKey: conversation) }) {
                firstResponse().recordInterval(since: since)
            }
        case .system:
            break
        }
    }

    static func relayError(for error: any Error, conversation: ConversationID) -> RelayError {
        if let relay = error as? RelayError { return relay }
        if let store = error as? StoreError {
            switch store.code {
            case .conflict: return RelayError(.conversationClosed, "The conversation is closed.", underlying: store)
            case .notFound:
                return RelayError(.unknownConversation, "There is no conversation '\(conversation)'.", underlying: store)
            default: break
            }
        }
        return RelayError(.internalError, "The relay could not store the message; retry later.", underlying: error)
    }
}
