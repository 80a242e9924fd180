/// The character-level rules of ``TextSanitizer``: one pass over the scalars that drops or rewrites what is unsafe
/// and records what it changed. Leading and trailing whitespace is trimmed here too.
enum ScalarFilter {
    static func filter(_ input: String, changes: inout SanitizeChanges) -> String {
        if isPlainASCII(input) { return trim(input, changes: &changes) }
        var output: [UInt8] = []
        output.reserveCapacity(input.utf8.count)
        let scalars = input.unicodeScalars
        var previous: Unicode.Scalar?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            scalars.formIndex(after: &index)
            let next = index == scalars.endIndex ? nil : scalars[index]
            switch decide(scalar, previous: previous, next: next) {
            case .keep:
                append(scalar, to: &output)
                previous = scalar
            case .lineBreak(let dropsNext):
                output.append(0x0A)
                previous = "\n"
                changes.insert(.normalizedLineBreaks)
                if dropsNext { scalars.formIndex(after: &index) }
            case .drop(let change): changes.insert(change)
            }
        }
        return trim(String(decoding: output, as: UTF8.self), changes: &changes)
    }

    /// Printable ASCII, newline and tab only: nothing to filter (only trimming may apply).
    private static func isPlainASCII(_ input: String) -> Bool {
        input.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }
    }

    private static func append(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        if scalar.isASCII {
            output.append(UInt8(scalar.value))
        } else {
            UTF8.encode(scalar) { output.append($0) }
        }
    }

    private enum Decision {
        case keep
        case lineBreak(dropsNext: Bool)
        case drop(SanitizeChanges)
    }

    private static func decide(
        _ scalar: Unicode.Scalar, previous: Unicode.Scalar?, next: Unicode.Scalar?
    )
        -> Decision
    {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return .keep }  // printable ASCII: the common case
        switch value {
        case 0x0A, 0x09: return .keep
        case 0x0D: return .lineBreak(dropsNext: next == "\n")
        case 0x2028, 0x2029: return .lineBreak(dropsNext: false)
        case 0x00...0x1F, 0x7F...0x9F: return .drop(.removedControlCharacters)
        case 0x202A...0x202E, 0x2066...0x2069: return .drop(.neutralizedBidiControls)
        case 0x200D, 0x200C:
            return joinerIsMeaningful(value, previous, next) ? .keep : .drop(.removedInvisibleFormatCharacters)
        case 0xE0020...0xE007F:
            let inTagSequence = previous.map { $0.value == 0x1F3F4 || (0xE0020...0xE007E).contains($0.value) } ?? false
            return inTagSequence ? .keep : .drop(.removedInvisibleFormatCharacters)
        case 0xFFF9...0xFFFB, 0xAD: return .drop(.removedInvisibleFormatCharacters)
        case 0xA0...0x2FF: return .keep  // Latin-1 and Latin Extended: no format character besides U+00AD
        default: return decideByProperties(scalar)
        }
    }

    private static func decideByProperties(_ scalar: Unicode.Scalar) -> Decision {
        if scalar.properties.isNoncharacterCodePoint { return .drop(.removedControlCharacters) }
        if scalar.properties.isDefaultIgnorableCodePoint, !keptIgnorables(scalar.value) {
            return .drop(.removedInvisibleFormatCharacters)
        }
        return .keep
    }

    /// Default-ignorable characters that carry meaning: variation selectors (emoji vs. text presentation),
    /// Mongolian free variation selectors, the combining grapheme joiner, and the LRM/RLM/ALM direction marks.
    private static func keptIgnorables(_ value: UInt32) -> Bool {
        switch value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x180B...0x180D, 0x180F, 0x034F, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// ZWJ inside an emoji sequence (👨‍👩‍👧, 🏳️‍🌈), and ZWJ/ZWNJ between letters of scripts that use joiners
    /// (from Hebrew U+0590 on, except Latin Extended Additional and Greek Extended); never in Latin, Greek or
    /// Cyrillic words, where a joiner only hides a look-alike.
    private static func joinerIsMeaningful(
        _ joiner: UInt32, _ previous: Unicode.Scalar?, _ next: Unicode.Scalar?
    )
        -> Bool
    {
        guard let previous, let next else { return false }
        if joiner == 0x200D, isEmojiPart(previous), isEmoji(next) { return true }
        return isJoiningLetter(previous) && isJoiningLetter(next)
    }

    private static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        isEmoji(scalar) || scalar.value == 0xFE0F || scalar.properties.isEmojiModifier
    }

    /// An emoji other than the ASCII digits, `#` and `*` (which Unicode counts as emoji for keycaps).
    private static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x7F && scalar.properties.isEmoji
    }

    private static func isJoiningLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value >= 0x0590, !(0x1E00...0x1FFF).contains(value) else { return false }
        switch scalar.properties.generalCategory {
        case .otherLetter, .lowercaseLetter, .uppercaseLetter, .nonspacingMark, .spacingMark, .modifierLetter:
            return true
        default:
            return false
        }
    }

    private static func trim(_ text: String, changes: inout SanitizeChanges) -> String {
        let scalars = text.unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace }
        guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return text }
        changes.insert(.trimmed)
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
            let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[start...end])
    }
}
