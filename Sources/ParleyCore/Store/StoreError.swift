/// Why a ``ChatStore`` call failed. Equal when codes are equal; `description` never holds chat text or SQL arguments.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, an open set of values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The referenced record does not exist.
        public static let notFound = Code("notFound")
        /// A record with the same key exists.
        public static let duplicate = Code("duplicate")
        /// The operation contradicts the record's state (e.g. appending to a closed conversation).
        public static let conflict = Code("conflict")
        /// The storage failed (I/O, corruption, a full disk).
        public static let storage = Code("storage")
    }

    public var code: Code
    /// A message safe to show and log.
    public var message: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
