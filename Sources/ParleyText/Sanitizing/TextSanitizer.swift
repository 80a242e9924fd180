/// Makes chat input safe to store, translate and show: valid UTF-8, NFC, no control characters (newline and tab
/// kept), no bidirectional overrides or isolates ("Trojan Source"), no invisible format characters where they carry
/// no meaning, trimmed, and at most ``maxCharacters`` user-perceived characters (grapheme clusters).
///
/// Every rejection is a ``TextInputError`` with a readable reason; every change is listed in
/// ``SanitizedText/changes``. Kept on purpose: zero-width joiners inside emoji sequences (👨‍👩‍👧) and between
/// letters of scripts that use them (Indic, Arabic), zero-width non-joiners between such letters (Persian), emoji
/// tag sequences (subdivision flags), variation selectors, and left-to-right/right-to-left marks.
///
/// A value type with no shared state: thread-safe (ICU's NFC normalizer is an immutable shared instance).
/// ```swift
/// let sanitizer = TextSanitizer(maxCharacters: 4000)
/// let clean = try sanitizer.sanitize("  Hallo\u{202E}Welt  ")
/// clean.text      // "HalloWelt"
/// clean.changes   // [neutralizedBidiControls, trimmed]
/// ```
public struct TextSanitizer: Sendable {
    /// The most user-perceived characters a message may have.
    public let maxCharacters: Int
    /// The most UTF-8 bytes a message may have; checked first, so huge inputs cost nothing.
    public let maxBytes: Int

    /// A sanitizer for messages of at most `maxCharacters` characters and `maxBytes` bytes (default: 16 bytes per
    /// character, room for long emoji sequences and combining marks).
    public init(maxCharacters: Int = 4000, maxBytes: Int? = nil) {
        self.maxCharacters = max(1, maxCharacters)
        self.maxBytes = maxBytes ?? self.maxCharacters * 16
    }

    /// Validates the bytes as UTF-8 and sanitizes the text.
    public func sanitize(_ bytes: some Collection<UInt8>) throws(TextInputError) -> SanitizedText {
        try checkByteCount(bytes.count)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidByte(in: bytes)
            throw TextInputError(.invalidUTF8, "Message is not valid UTF-8 (invalid byte at offset \(offset)).")
        }
        return try clean(text)
    }

    /// Sanitizes a string (a Swift `String` is valid Unicode already).
    public func sanitize(_ string: String) throws(TextInputError) -> SanitizedText {
        try checkByteCount(string.utf8.count)
        return try clean(string)
    }

    private func checkByteCount(_ count: Int) throws(TextInputError) {
        guard count > maxBytes else { return }
        throw TextInputError(
            .tooManyBytes, "Message is \(count.groupedForMessage) bytes; the limit is \(maxBytes.groupedForMessage).")
    }

    private func clean(_ input: String) throws(TextInputError) -> SanitizedText {
        var changes = SanitizeChanges()
        var text = ScalarFilter.filter(input, changes: &changes)
        do {
            let normalized = try Normalizer.normalize(text, to: .nfc)
            if !normalized.utf8.elementsEqual(text.utf8) { changes.insert(.normalizedToNFC) }
            text = normalized
        } catch {
            throw TextInputError(.normalizationFailed, "Message could not be normalized; try again.", underlying: error)
        }
        guard !text.isEmpty else {
            throw TextInputError(.empty, "Message is empty once whitespace and invisible characters are removed.")
        }
        // A text has at most as many characters as UTF-8 bytes: count graphemes only when it could matter.
        let count = text.utf8.count <= maxCharacters ? 0 : text.count
        guard count <= maxCharacters else {
            throw TextInputError(
                .tooLong,
                "Message is \(count.groupedForMessage) characters; the limit is \(maxCharacters.groupedForMessage).")
        }
        return SanitizedText(text: text, changes: changes)
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidByte(in bytes: some Collection<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput, .error: return offset
            }
        }
    }
}
