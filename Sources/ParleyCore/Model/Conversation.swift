public import Foundation
public import ParleyText

/// Where a conversation stands.
public enum ConversationStatus: String, Sendable, Codable, CaseIterable {
    /// No operator yet; the visitor's messages wait for the next one.
    case waiting
    /// An operator has it.
    case assigned
    /// Finished; nothing more can be sent.
    case closed

    /// `waiting` and `assigned`.
    public static let open: Set<ConversationStatus> = [.waiting, .assigned]
}

/// The page a visitor started a conversation from, as the widget reported it.
public struct PageInfo: Sendable, Hashable, Codable {
    public var url: String?
    public var title: String?
    public var lang: String?

    public init(url: String? = nil, title: String? = nil, lang: String? = nil) {
        self.url = url
        self.title = title
        self.lang = lang
    }
}

/// A chat between one visitor and the operators of a site.
public struct Conversation: Sendable, Hashable, Codable {
    public var id: ConversationID
    public var siteID: SiteID
    public var status: ConversationStatus
    public var assignedOperatorID: OperatorID?
    /// The visitor's browser languages, best first (priors for detection).
    public var browserLanguages: [LanguageCode]
    public var page: PageInfo
    /// The highest `seq` stored in this conversation (0 before the first message).
    public var lastSeq: Int
    public var createdAt: Date
    /// Its last change of status or assignment, or its last message, whichever is later.
    public var updatedAt: Date

    public init(
        id: ConversationID, siteID: SiteID, status: ConversationStatus = .waiting,
        assignedOperatorID: OperatorID? = nil, browserLanguages: [LanguageCode] = [], page: PageInfo = PageInfo(),
        lastSeq: Int = 0, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.siteID = siteID
        self.status = status
        self.assignedOperatorID = assignedOperatorID
        self.browserLanguages = browserLanguages
        self.page = page
        self.lastSeq = lastSeq
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// Whether it is on the operator's own list: assigned to them, or waiting for anyone.
    public func isListed(for operatorID: OperatorID) -> Bool {
        status == .waiting || assignedOperatorID == operatorID
    }
}

/// The side of a conversation a participant speaks for.
public enum ParticipantRole: String, Sendable, Codable, CaseIterable {
    case visitor
    case `operator`
    case system
}

/// Someone taking part in a conversation: its visitor, or an operator who joined it.
public struct Participant: Sendable, Hashable, Codable {
    public var id: ParticipantID
    public var conversationID: ConversationID
    public var role: ParticipantRole
    /// Set for operators.
    public var operatorID: OperatorID?
    public var name: String
    /// The language this participant reads in this conversation; messages to them are translated into it.
    public var language: LanguageCode

    public init(
        id: ParticipantID, conversationID: ConversationID, role: ParticipantRole, operatorID: OperatorID? = nil,
        name: String, language: LanguageCode
    ) {
        self.id = id
        self.conversationID = conversationID
        self.role = role
        self.operatorID = operatorID
        self.name = name
        self.language = language
    }
}
