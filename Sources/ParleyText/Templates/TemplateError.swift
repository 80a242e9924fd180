/// A message template could not be compiled or formatted.
///
/// Equal when the codes are equal. The message names the problem and where: `"Template pattern is malformed at
/// offset 31 (U_UNMATCHED_BRACES)."`, `"Template argument 'count' is missing."`
public struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. An open set: match the static members, expect new ones.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case malformedPattern, missingArgument, formattingFailed }
        private let value: Value

        /// ICU rejected the pattern's syntax.
        public static let malformedPattern = Code(value: .malformedPattern)
        /// The pattern uses an argument the caller did not give.
        public static let missingArgument = Code(value: .missingArgument)
        /// ICU failed while formatting (e.g. a string given where the pattern formats a number).
        public static let formattingFailed = Code(value: .formattingFailed)

        public var description: String { value.rawValue }
    }

    /// What went wrong, for programs.
    public let code: Code
    /// What went wrong and where, for people.
    public let message: String
    /// For ``Code/malformedPattern``: the offset in the pattern (in UTF-16 code units) where ICU stopped, if known.
    public let offset: Int?
    /// The ICU failure, with ICU's error name.
    public let underlying: ICUError?

    init(_ code: Code, _ message: String, offset: Int? = nil, underlying: ICUError? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.underlying = underlying
    }

    public var description: String { message }

    public static func == (lhs: TemplateError, rhs: TemplateError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
