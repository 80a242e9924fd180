import Foundation
import ParleyCore
import ParleyText
import Logging
import Synchronization
import NIOWebSocket

/// A parsed frame from a client (`docs/protocol.md` §3). Unknown fields are ignored; unknown types and missing or
/// ill-typed fields are errors that the connection answers with an error frame.
enum ClientFrame: Sendable, Equatable {
    case join(ConversationID?, lastSeq: Int)
    case message(ConversationID?, clientMessageID: String, text: String)
    case typing(ConversationID?, active: Bool)
    case read(ConversationID?, seq: Int)
    case setLanguage(ConversationID?, language: String)
    case retryTranslation(ConversationID?, seq: Int)
    case correctLanguage(ConversationID?, seq: Int, language: String)
    case leave(ConversationID?)
    case ping(id: JSONValue?)

    /// Every field any frame may carry; each optional so that one decode serves all types.
    private struct Envelope: Decodable {
        var type: String?
        var conversationId: String?
        var lastSeq: Int?
        var clientMessageId: String?
        var text: String?
        var active: Bool?
        var seq: Int?
        var language: String?
        var id: JSONValue?
    }

    static func parse(_ data: Data) throws(RelayError) -> ClientFrame {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            throw RelayError(.invalidField, "Field '\(context.codingPath.first?.stringValue ?? "?")' has the wrong type.")
        } catch {
            throw RelayError(.badJSON, "The frame is not a JSON object.")
        }
        return try frame(envelope)
    }

    /// What ``parse(_:)`` makes of `bytes`, read by ``FlatJSONObject`` when the frame is a flat object of the types
    /// each known field has (every frame but `ping` with an `id`); `nil` otherwise: then ``parse(_:)`` reads it.
    static func parseFlat(_ bytes: UnsafeRawBufferPointer) -> Result<ClientFrame, RelayError>? {
        guard let fields = FlatJSONObject.fields(bytes) else { return nil }
        var envelope = Envelope()
        for (key, value) in fields {
            switch (key, value) {
            case (_, .null) where key != "id": continue
            case ("type", .string(let s)): envelope.type = s
            case ("conversationId", .string(let s)): envelope.conversationId = s
            case ("clientMessageId", .string(let s)): envelope.clientMessageId = s
            case ("text", .string(let s)): envelope.text = s
            case ("language", .string(let s)): envelope.language = s
            case ("lastSeq", .int(let n)): envelope.lastSeq = n
            case ("seq", .int(let n)): envelope.seq = n
            case ("active", .bool(let b)): envelope.active = b
            case ("type", _), ("conversationId", _), ("clientMessageId", _), ("text", _), ("language", _),
                ("lastSeq", _), ("seq", _), ("active", _), ("id", _):
                return nil
            default: continue
            }
        }
        return Result { () throws(RelayError) in try frame(envelope) }
    }

    private static func frame(_ envelope: Envelope) throws(RelayError) -> ClientFrame {
        let conversation = envelope.conversationId.map { ConversationID($0) }
        switch envelope.type {
        case "join":
            let lastSeq = envelope.lastSeq ?? 0
            guard lastSeq >= 0 else { throw RelayError(.invalidField, "Field 'lastSeq' must be 0 or more.") }
            return .join(conversation, lastSeq: lastSeq)
        case "message":
            let id = try require(envelope.clientMessageId, "clientMessageId")
            guard (1...64).contains(id.count) else {
                throw RelayError(.invalidField, "Field 'clientMessageId' must have 1 to 64 characters.")
            }
            return .message(conversation, clientMessageID: id, text: try require(envelope.text, "text"))
        case "typing": return .typing(conversation, active: try require(envelope.active, "active"))
        case "read": return .read(conversation, seq: try require(envelope.seq, "seq"))
        case "setLanguage": return .setLanguage(conversation, language: try require(envelope.language, "language"))
        case "retryTranslation": return .retryTranslation(conversation, seq: try require(envelope.seq, "seq"))
        case "correctLanguage":
            return .correctLanguage(
                conversation, seq: try require(envelope.seq, "seq"), language: try require(envelope.language, "language"))
        case "leave": return .leave(conversation)
        case "ping": return .ping(id: envelope.id)
        case nil: throw RelayError(.unknownType, "The frame has no 'type'.")
        case let other?:
            let shown = other.prefix(32)
            throw RelayError(
                .unknownType,
                "Unknown frame type '\(shown)'. Known: join, message, typing, read, setLanguage, retryTranslation, correctLanguage, leave, ping.")
        }
    }

    private static func require<T>(_ value: T?, _ name: String) throws(RelayError) -> T {
        guard let value else { throw RelayError(.invalidField, "Field '\(name)' is missing.") }
        return value
    }

    /// The conversation a frame names, if any.
    var conversationID: ConversationID? {
        switch self {
        case .join(let id, _), .message(let id, _, _), .typing(let id, _), .read(let id, _), .setLanguage(let id, _),
            .retryTranslation(let id, _), .correctLanguage(let id, _, _), .leave(let id):
            id
        case .ping: nil
        }
    }
}

