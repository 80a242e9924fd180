/// Text that passed ``TextSanitizer``, and a record of what the sanitizer changed to get there.
public struct SanitizedText: Hashable, Sendable {
    /// The clean text: valid, NFC, without control and unsafe invisible characters, trimmed, within the limit.
    public let text: String
    /// What was changed; empty when the input was already clean.
    public let changes: SanitizeChanges
}

/// What ``TextSanitizer`` changed in a text, so nothing changes without the caller knowing.
public struct SanitizeChanges: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Composed to Unicode NFC (e.g. `e` + combining acute became `é`).
    public static let normalizedToNFC = SanitizeChanges(rawValue: 1 << 0)
    /// C0/C1 control characters (other than newline and tab), DEL or noncharacters were removed.
    public static let removedControlCharacters = SanitizeChanges(rawValue: 1 << 1)
    /// Bidirectional embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069) were removed.
    public static let neutralizedBidiControls = SanitizeChanges(rawValue: 1 << 2)
    /// Invisible format characters with no meaning in place (zero-width space, word joiner, BOM, soft hyphen,
    /// stray joiners, tag characters outside emoji flags) were removed.
    public static let removedInvisibleFormatCharacters = SanitizeChanges(rawValue: 1 << 3)
    /// Leading or trailing whitespace was removed.
    public static let trimmed = SanitizeChanges(rawValue: 1 << 4)
    /// CR LF, lone CR and U+2028/U+2029 became `\n`.
    public static let normalizedLineBreaks = SanitizeChanges(rawValue: 1 << 5)

    private static let names: [(SanitizeChanges, String)] = [
        (.normalizedToNFC, "normalizedToNFC"), (.removedControlCharacters, "removedControlCharacters"),
        (.neutralizedBidiControls, "neutralizedBidiControls"),
        (.removedInvisibleFormatCharacters, "removedInvisibleFormatCharacters"), (.trimmed, "trimmed"),
        (.normalizedLineBreaks, "normalizedLineBreaks"),
    ]

    /// The names of the changes, e.g. `"[normalizedToNFC, trimmed]"`.
    public var description: String { "[" + Self.names.filter { contains($0.0) }.map(\.1).joined(separator: ", ") + "]" }
}
