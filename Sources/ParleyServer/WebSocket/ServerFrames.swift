import Foundation
import ParleyCore
import ParleyText
import ParleyTranslation
import Logging
import Synchronization
import NIOWebSocket

/// JSON encoding shared by frames and HTTP bodies.
enum Wire {
    static func encode(_ value: some Encodable) -> String {
        withJSON(value) { String(decoding: $0, as: UTF8.self) }
    }

    /// `value` as a socket's text frame, its JSON copied once behind the frame's header.
    static func frame(_ value: some Encodable) -> OutboundFrame {
        withJSON(value) { OutboundFrame(bytes: $0) }
    }

    /// Calls `body` with `value`'s JSON: written by hand for a ``HandWrittenJSON`` frame, by `JSONEncoder` otherwise.
    private static func withJSON<Result>(
        _ value: some Encodable, _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        if let frame = value as? any HandWrittenJSON {
            var json = JSONText()
            frame.write(to: &json)
            return json.withBytes(body)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data(#"{"type":"error","code":"internal"}"#.utf8)
        return data.withUnsafeBytes(body)
    }
}

struct ParticipantView: Encodable, Sendable {
    var id: String?
    var name: String
    var role: String?
    var language: String?
    var online: Bool?

    /// The fields of the object (for ``HandWrittenJSON`` frames).
    func write(to json: inout JSONText) {
        json.field("id", id)
        json.field("name", name)
        json.field("role", role)
        json.field("language", language)
        json.field("online", online)
    }
}

struct TranslationView: Encodable, Sendable {
    var language: String
    var text: String
    var engine: String
    var quality: String
    var createdAt: WireTimestamp?

    init(_ translation: MessageTranslation, withTime: Bool = false) {
        language = translation.language.rawValue
        text = translation.text
        engine = translation.engine
        quality = translation.quality.rawValue
        createdAt = withTime ? WireTimestamp(date: translation.createdAt) : nil
    }

    /// The fields of the object (for ``HandWrittenJSON`` frames).
    func write(to json: inout JSONText) {
        json.field("language", language)
        json.field("text", text)
        json.field("engine", engine)
        json.field("quality", quality)
        json.field("createdAt", createdAt)
    }
}

/// `welcome`: the first frame on every socket.
struct WelcomeFrame: Encodable {
    var type = "welcome"
    var `protocol` = 1
    var role: String
    var participant: ParticipantView
    var conversationId: String?
    var language: String
    var serverTime = Wire.timestamp(.now)
}

/// `joined`: the answer to `join`, before the replay.
struct JoinedFrame: Encodable {
    var type = "joined"
    var conversationId: String
    var status: String
    var lastSeq: Int
    var visitor: ParticipantView?
    var `operator`: ParticipantView?
}

struct AckFrame: HandWrittenJSON {
    var type = "ack"
    var conversationId: String
    var clientMessageId: String
    var seq: Int

    func write(to json: inout JSONText) {
        json.object { json in
            json.field("type", type)
            json.field("conversationId", conversationId)
            json.field("clientMessageId", clientMessageId)
            json.field("seq", seq)
        }
    }
}

/// A delivered message, with the translation for its recipient.
struct MessageFrame: HandWrittenJSON {
    var type = "message"
    var conversationId: String
    var seq: Int
    var clientMessageId: String
    var sender: ParticipantView
    var text: String
    var language: String?
    var confidence: Double?
    var translation: TranslationView?
    var translationStatus: String
    var createdAt: WireTimestamp

    init(_ message: ChatMessage, for language: LanguageCode, recipient: ParticipantID?) {
        let (translation, status) = message.delivery(for: language, recipient: recipient)
        conversationId = message.conversationID.rawValue
        seq = message.seq
        clientMessageId = message.clientMessageID
        sender = ParticipantView(id: message.senderID.rawValue, name: message.senderName, role: message.senderRole.rawValue)
        text = message.text
        self.language = message.language?.rawValue
        confidence = message.confidence
        self.translation = translation.map { TranslationView($0) }
        translationStatus = status.rawValue
        createdAt = WireTimestamp(date: message.createdAt)
    }

    func write(to json: inout JSONText) {
        json.object { json in
            json.field("type", type)
            json.field("conversationId", conversationId)
            json.field("seq", seq)
            json.field("clientMessageId", clientMessageId)
            json.field("sender") { sender.write(to: &$0) }
            json.field("text", text)
            json.field("language", language)
            json.field("confidence", confidence)
            if let translation { json.field("translation") { translation.write(to: &$0) } }
            json.field("translationStatus", translationStatus)
            json.field("createdAt", createdAt)
        }
    }
}

/// `translation`: a late or retried translation of message `seq` for this recipient.
struct TranslationFrame: Encodable {
    var type = "translation"
    var conversationId: String
    var seq: Int
    var translationStatus: String
    var translation: TranslationView?

    init(_ message: ChatMessage, for language: LanguageCode, recipient: ParticipantID?) {
        let (translation, status) = message.delivery(for: language, recipient: recipient)
        conversationId = message.conversationID.rawValue
        seq = message.seq
        translationStatus = status.rawValue
        self.translation = translation.map { TranslationView($0) }
    }
}

struct TypingFrame: Encodable {
    var type = "typing"
    var conversationId: String
    var sender: ParticipantView
    var active: Bool
}

struct ReadFrame: Encodable {
    var type = "read"
    var conversationId: String
    var sender: ParticipantView
    var seq: Int
}

struct LanguageFrame: Encodable {
    var type = "language"
    var conversationId: String
    var role: String
    var language: String
}

struct PresenceFrame: Encodable {
    var type = "presence"
    var conversationId: String
    var role: String
    var name: String
    var online: Bool
}

struct SystemFrame: Encodable {
    var type = "system"
    var conversationId: String
    var code: String
    var language: String
    var text: String

    init(_ notice: SystemNotice, conversation: ConversationID, language: LanguageCode) {
        conversationId = conversation.rawValue
        code = notice.rawValue
        self.language = language.rawValue
        text = notice.text(in: language)
    }
}

struct ConversationFrame: Encodable {
    var type = "conversation"
    var conversation: ConversationSummary
}

struct QueueFrame: Encodable {
    var type = "queue"
    var waiting: Int
    var operatorsOnline: Int
}

struct PongFrame: Encodable {
    var type = "pong"
    var id: JSONValue?
}

/// `error`: written by hand, since under overload every message past the limit gets one (`busy`).
struct ErrorFrame: HandWrittenJSON {
    var type = "error"
    var code: String
    var message: String
    var clientMessageId: String?
    var retryAfterMs: Int?

    init(_ error: RelayError, clientMessageID: String? = nil) {
        code = error.code.rawValue
        message = error.message
        self.clientMessageId = clientMessageID
        retryAfterMs = error.retryAfter.map { Int($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) }
    }

    func write(to json: inout JSONText) {
        json.object { json in
            json.field("type", type)
            json.field("code", code)
            json.field("message", message)
            json.field("clientMessageId", clientMessageId)
            json.field("retryAfterMs", retryAfterMs)
        }
    }
}

/// A conversation as the console lists it.
struct ConversationSummary: Encodable, Sendable {
    var id: String
    var siteId: String
    var status: String
    var visitor: ParticipantView?
    var assignedOperatorId: String?
    var page: PageInfo
    var lastSeq: Int
    var createdAt: String
    var updatedAt: String

    init(_ conversation: Conversation, visitor: Participant?) {
        id = conversation.id.rawValue
        siteId = conversation.siteID.rawValue
        status = conversation.status.rawValue
        self.visitor = visitor.map { ParticipantView(name: $0.name, language: $0.language.rawValue) }
        assignedOperatorId = conversation.assignedOperatorID?.rawValue
        page = conversation.page
        lastSeq = conversation.lastSeq
        createdAt = Wire.timestamp(conversation.createdAt)
        updatedAt = Wire.timestamp(conversation.updatedAt)
    }
}
