/// Why the relay refused a request or a frame. Equal when codes are equal.
///
/// `code` is the wire code of `docs/protocol.md` (`"rate_limited"`, `"message_too_long"`, ...); `message` is safe to
/// show and log and never contains chat text or credentials.
public struct RelayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The wire code, an open set of values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let badJSON = Code("bad_json")
        public static let badRequest = Code("bad_request")
        public static let unknownType = Code("unknown_type")
        public static let invalidField = Code("invalid_field")
        public static let binaryNotSupported = Code("binary_not_supported")
        public static let invalidUTF8 = Code("invalid_utf8")
        public static let frameTooLarge = Code("frame_too_large")
        public static let messageTooLong = Code("message_too_long")
        public static let emptyMessage = Code("empty_message")
        public static let invalidText = Code("invalid_text")
        public static let rateLimited = Code("rate_limited")
        public static let busy = Code("busy")
        public static let notJoined = Code("not_joined")
        public static let forbidden = Code("forbidden")
        public static let unknownConversation = Code("unknown_conversation")
        public static let unknownMessage = Code("unknown_message")
        public static let unknownSite = Code("unknown_site")
        public static let conversationClosed = Code("conversation_closed")
        public static let unsupportedLanguage = Code("unsupported_language")
        public static let originNotAllowed = Code("origin_not_allowed")
        public static let invalidCredentials = Code("invalid_credentials")
        public static let notLoggedIn = Code("not_logged_in")
        public static let sessionExpired = Code("session_expired")
        public static let csrfMismatch = Code("csrf_mismatch")
        public static let invalidToken = Code("invalid_token")
        public static let internalError = Code("internal")
    }

    public var code: Code
    /// What happened, which value, what to do.
    public var message: String
    /// For `rate_limited` and `busy`: when to try again.
    public var retryAfter: Duration?
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, retryAfter: Duration? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
        self.underlying = underlying
    }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
