import Foundation

/// Cleans a message's text before it is stored. The seam where `ParleyText`'s sanitizer plugs in.
///
/// Contract: returns NFC text without control characters (newline and tab kept) and without bidi overrides, at most
/// the configured number of characters; rejects with a ``RelayError`` (`empty_message`, `message_too_long`,
/// `invalid_text`) and never drops text silently.
public protocol MessageSanitizing: Sendable {
    func sanitize(_ text: String) throws(RelayError) -> String
}

/// A sanitizer on the standard library and Foundation: NFC, controls and bidi overrides removed, trimmed, length
/// capped.
public struct BasicSanitizer: MessageSanitizing {
    public var maxCharacters: Int

    public init(maxCharacters: Int = 4000) {
        self.maxCharacters = maxCharacters
    }

    public func sanitize(_ text: String) throws(RelayError) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars where Self.keeps(scalar) {
            scalars.append(scalar)
        }
        let cleaned = String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cleaned.isEmpty else {
            throw RelayError(.emptyMessage, "The message is empty after removing control characters and spaces.")
        }
        let count = cleaned.count
        guard count <= maxCharacters else {
            throw RelayError(
                .messageTooLong, "The message has \(count) characters; the limit is \(maxCharacters). Shorten it.")
        }
        return cleaned
    }

    private static func keeps(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return true
        case 0x00...0x1F, 0x7F...0x9F: return false
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return false
        default: return true
        }
    }
}
