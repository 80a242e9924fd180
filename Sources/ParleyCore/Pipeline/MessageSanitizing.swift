internal import ParleyText

/// Cleans a message's text before it is stored.
///
/// Contract: returns NFC text without control characters (newline and tab kept), without bidi overrides or
/// meaningless invisible characters, at most the configured number of user-perceived characters; rejects with a
/// ``RelayError`` (`empty_message`, `message_too_long`, `invalid_text`) and never drops text silently.
public protocol MessageSanitizing: Sendable {
    func sanitize(_ text: String) throws(RelayError) -> String
}

/// The relay's sanitizer: the text layer's ICU `TextSanitizer` (UTF-8, NFC, controls, bidi and invisible format
/// characters, a cap in grapheme clusters), its rejections mapped to the wire protocol's error codes.
public struct ChatTextSanitizer: MessageSanitizing {
    private let sanitizer: TextSanitizer

    public init(maxCharacters: Int = 4000) {
        sanitizer = TextSanitizer(maxCharacters: maxCharacters)
    }

    public func sanitize(_ text: String) throws(RelayError) -> String {
        do {
            return try sanitizer.sanitize(text).text
        } catch {
            switch error.code {
            case .empty: throw RelayError(.emptyMessage, error.message)
            case .tooLong, .tooManyBytes: throw RelayError(.messageTooLong, error.message)
            default: throw RelayError(.invalidText, error.message)
            }
        }
    }
}
