/// The character-level rules of ``TextSanitizer``: one pass over the scalars that drops or rewrites what is unsafe
/// and records what it changed. Leading and trailing whitespace is trimmed here too.
enum ScalarFilter {
    static func filter(_ input: String, changes: inout SanitizeChanges) -> String {
        let scalars = Array(input.unicodeScalars)
        var output = String.UnicodeScalarView()
        output.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch decide(scalars, index, previous: output.last) {
            case .keep: output.append(scalar)
            case .lineBreak(let dropsNext):
                output.append("\n")
                changes.insert(.normalizedLineBreaks)
                if dropsNext { index += 1 }
            case .drop(let change): changes.insert(change)
            }
            index += 1
        }
        return trim(output, changes: &changes)
    }

    private enum Decision {
        case keep
        case lineBreak(dropsNext: Bool)
        case drop(SanitizeChanges)
    }

    private static func decide(_ scalars: [Unicode.Scalar], _ index: Int, previous: Unicode.Scalar?) -> Decision {
        let scalar = scalars[index]
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return .keep }  // printable ASCII: the common case
        switch value {
        case 0x0A, 0x09: return .keep
        case 0x0D:
            return .lineBreak(dropsNext: index + 1 < scalars.count && scalars[index + 1] == "\n")
        case 0x2028, 0x2029: return .lineBreak(dropsNext: false)
        case 0x00...0x1F, 0x7F...0x9F: return .drop(.removedControlCharacters)
        case 0x202A...0x202E, 0x2066...0x2069: return .drop(.neutralizedBidiControls)
        case 0x200D, 0x200C:
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            return joinerIsMeaningful(value, previous, next) ? .keep : .drop(.removedInvisibleFormatCharacters)
        case 0xE0020...0xE007F:
            let inTagSequence = previous.map { $0.value == 0x1F3F4 || (0xE0020...0xE007E).contains($0.value) } ?? false
            return inTagSequence ? .keep : .drop(.removedInvisibleFormatCharacters)
        case 0xFFF9...0xFFFB: return .drop(.removedInvisibleFormatCharacters)
        default: break
        }
        if scalar.properties.isNoncharacterCodePoint { return .drop(.removedControlCharacters) }
        if scalar.properties.isDefaultIgnorableCodePoint, !keptIgnorables(value) {
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
    private static func joinerIsMeaningful(_ joiner: UInt32, _ previous: Unicode.Scalar?, _ next: Unicode.Scalar?)
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

    private static func trim(_ scalars: String.UnicodeScalarView, changes: inout SanitizeChanges) -> String {
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else {
            if !scalars.isEmpty { changes.insert(.trimmed) }
            return ""
        }
        if first != scalars.startIndex || scalars.index(after: last) != scalars.endIndex { changes.insert(.trimmed) }
        return String(scalars[first...last])
    }
}
