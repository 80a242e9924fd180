/// Why a translation failed. Equal when codes are equal; `description` never holds chat text or keys.
public struct TranslationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, an open set of values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        public static let unsupportedPair = Code("unsupportedPair")
        public static let authenticationFailed = Code("authenticationFailed")
        public static let quotaExceeded = Code("quotaExceeded")
        public static let rateLimited = Code("rateLimited")
        public static let timedOut = Code("timedOut")
        public static let engineUnavailable = Code("engineUnavailable")
        public static let malformedResponse = Code("malformedResponse")
        public static let badRequest = Code("badRequest")
        public static let brokenPlaceholders = Code("brokenPlaceholders")
        public static let circuitOpen = Code("circuitOpen")
        public static let cancelled = Code("cancelled")
        /// The engine does not know a resource we named (a DeepL glossary id): HTTP 404.
        public static let notFound = Code("notFound")
        /// The request was too large for the engine: HTTP 413.
        public static let requestTooLarge = Code("requestTooLarge")
        /// The configuration names an engine nobody registered, or lacks a key/URL an engine needs.
        public static let misconfigured = Code("misconfigured")
    }

    public var code: Code
    /// A message safe to show and log: what happened, which value, what to do.
    public var message: String
    /// The engine that failed.
    public var engine: String
    public var underlying: (any Error)?
    /// When the engine asked us to come back (HTTP `Retry-After`), if it said.
    public var retryAfter: Duration?

    public init(
        _ code: Code, engine: String, message: String, underlying: (any Error)? = nil, retryAfter: Duration? = nil
    ) {
        self.code = code
        self.engine = engine
        self.message = message
        self.underlying = underlying
        self.retryAfter = retryAfter
    }

    public var description: String { "\(engine): \(message)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
