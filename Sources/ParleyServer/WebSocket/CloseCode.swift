/// WebSocket close codes of `docs/protocol.md` §7: 4000–4499 reconnect, 4500–4999 don't.
struct CloseCode: Sendable, Hashable {
    let code: UInt16
    let reason: String

    /// A message above the hard size limit (`RelayLimits/hardFrameBytes`), as WebSocket's own "message too big".
    static let messageTooBig = CloseCode(code: 1009, reason: "message_too_big")
    static let shuttingDown = CloseCode(code: 4000, reason: "shutting_down")
    static let slowConsumer = CloseCode(code: 4001, reason: "slow_consumer")
    static let rateLimited = CloseCode(code: 4002, reason: "rate_limited")
    static let unauthorized = CloseCode(code: 4500, reason: "unauthorized")
    static let originNotAllowed = CloseCode(code: 4501, reason: "origin_not_allowed")
    static let loggedOut = CloseCode(code: 4502, reason: "logged_out")
    static let conversationClosed = CloseCode(code: 4503, reason: "conversation_closed")
    static let protocolError = CloseCode(code: 4504, reason: "protocol_error")

    /// Whether a client should reconnect after this code.
    var reconnect: Bool { code < 4500 }
}
