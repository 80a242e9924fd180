/// Chat input was rejected. The ``message`` says why in words a user can read; it never quotes the text itself.
///
/// Equal when the codes are equal.
/// ```swift
/// do { _ = try TextSanitizer(maxCharacters: 4000).sanitize(longText) }
/// catch { error.code == .tooLong; error.message }   // "Message is 4,213 characters; the limit is 4,000."
/// ```
public struct TextInputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the input was rejected. An open set: match the static members, expect new ones.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case invalidUTF8, empty, tooLong, tooManyBytes, normalizationFailed }
        private let value: Value

        /// The bytes are not valid UTF-8.
        public static let invalidUTF8 = Code(value: .invalidUTF8)
        /// Nothing is left once whitespace and invisible characters are removed.
        public static let empty = Code(value: .empty)
        /// More user-perceived characters than the limit.
        public static let tooLong = Code(value: .tooLong)
        /// More bytes than the byte limit (checked before any other work).
        public static let tooManyBytes = Code(value: .tooManyBytes)
        /// ICU could not normalize the text (only when memory runs out).
        public static let normalizationFailed = Code(value: .normalizationFailed)

        public var description: String { value.rawValue }
    }

    /// The reason, for programs.
    public let code: Code
    /// The reason, for people: what happened, which value, what to do.
    public let message: String
    /// The ICU failure behind ``Code/normalizationFailed``.
    public let underlying: ICUError?

    init(_ code: Code, _ message: String, underlying: ICUError? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }

    public static func == (lhs: TextInputError, rhs: TextInputError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

extension Int {
    /// `4213` → `"4,213"`: digits grouped by thousands for messages (the message language is English).
    var groupedForMessage: String {
        let digits = String(magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return self < 0 ? "-" + result : result
    }
}
