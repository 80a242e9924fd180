/// A failure to load or configure the language detector: a missing or malformed profile, an unknown language.
///
/// Equal when the codes are equal. `description` names files and languages, never message text.
public struct LanguageIDError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The profile directory or one of its files could not be found or read.
        public static let profileMissing = Code("profileMissing")
        /// A profile file is damaged or has an unknown format version.
        public static let profileMalformed = Code("profileMalformed")
        /// `merged.table` was built from other profiles than the ones beside it.
        public static let staleTable = Code("staleTable")
        /// A language was asked for that has no profile.
        public static let unknownLanguage = Code("unknownLanguage")
        /// The detector was configured with too few or too many languages.
        public static let badLanguageSet = Code("badLanguageSet")
        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// A message safe to show: what happened, which value, what to do.
    public let message: String

    /// Creates an error with a code and a message that is safe to show.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func == (lhs: LanguageIDError, rhs: LanguageIDError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
