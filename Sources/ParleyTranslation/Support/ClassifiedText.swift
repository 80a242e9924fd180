/// A text as characters whose classes (letter, number, whitespace, case, ASCII code) are computed once, with the
/// UTF-8 offset of every character.
///
/// The hot paths of the translation layer (``SpanScanner``, ``GlossaryMatcher``, placeholder parsing) ask these
/// questions many times per character; `Character.isLetter` and friends look up Unicode properties on every call, and
/// building a `String` from `Character`s is slow. Here a question is a table lookup and a substring is a byte copy.
/// Offsets are `Character` offsets, exactly as in `Array(text)`.
struct ClassifiedText {
    /// Classes of one character; the low byte is its ASCII code when the character is one ASCII scalar, else 0.
    struct Classes: OptionSet {
        let rawValue: UInt32
        static let letter = Classes(rawValue: 1 << 8)
        static let number = Classes(rawValue: 1 << 9)
        static let whitespace = Classes(rawValue: 1 << 10)
        /// An uppercase ASCII letter (not recorded for other characters).
        static let uppercase = Classes(rawValue: 1 << 11)
        /// A lowercase ASCII letter (not recorded for other characters).
        static let lowercase = Classes(rawValue: 1 << 12)
        /// `Character.isASCII` (true for `"\r\n"`, whose code is 0).
        static let ascii = Classes(rawValue: 1 << 13)
        /// `⟦`, the bracket placeholders' opening character.
        static let openBracket = Classes(rawValue: 1 << 14)
        /// `⟧`.
        static let closeBracket = Classes(rawValue: 1 << 15)

        var code: UInt8 { UInt8(truncatingIfNeeded: rawValue) }
    }

    private(set) var classes: [Classes] = []
    /// The text's UTF-8 bytes.
    private(set) var utf8: [UInt8] = []
    /// `offsets[i]`: where character `i` starts in `utf8`; one more entry than characters (the end).
    private(set) var offsets: [Int] = [0]

    /// Classifies `text`. An ASCII byte followed by another ASCII byte (not CR LF) is a character of its own and is
    /// classified by table; so is a scalar from U+0080 to U+05FF, or `⟦` or `⟧`, followed by an ASCII byte or the
    /// end. Elsewhere the string's own grapheme breaking cuts the characters.
    ///
    /// Why the second rule holds: before an ASCII character (grapheme break class CR, LF, Control or Other) only
    /// `CR × LF` and `Prepend ×` keep a cluster together, and no scalar up to U+05FF, nor `⟦` or `⟧`, is a
    /// `Prepend`. The tests check it for every such scalar.
    init(_ text: String) {
        utf8 = Array(text.utf8)
        classes.reserveCapacity(utf8.count)
        offsets.reserveCapacity(utf8.count + 1)
        let count = utf8.count
        var p = 0
        while p < count {
            let byte = utf8[p]
            if byte < 0x80, p + 1 == count || (utf8[p + 1] < 0x80 && !(byte == 13 && utf8[p + 1] == 10)) {
                classes.append(Self.asciiClasses[Int(byte)])
                p += 1
            } else if let (found, length) = Self.loneScalarClasses(utf8, p) {
                classes.append(found)
                p += length
            } else {
                let start = text.utf8.index(text.utf8.startIndex, offsetBy: p)
                let c = text[start]
                classes.append(c.utf8.count == 1 ? Self.asciiClasses[Int(byte)] : Self.classify(c))
                p += c.utf8.count
            }
            offsets.append(p)
        }
    }

    init(_ characters: [Character]) {
        classes.reserveCapacity(characters.count)
        offsets.reserveCapacity(characters.count + 1)
        for c in characters {
            let bytes = c.utf8
            utf8.append(contentsOf: bytes)
            let ascii = bytes.count == 1 && bytes.first! < 0x80
            classes.append(ascii ? Self.asciiClasses[Int(bytes.first!)] : Self.classify(c))
            offsets.append(utf8.count)
        }
    }

    /// Upper and lower case are recorded for ASCII characters only (their one use is in ASCII-only patterns:
    /// identifiers and currency codes), which spares the costly case tests of other characters.
    private static func classify(_ c: Character) -> Classes {
        var result: Classes = []
        if c.isLetter { result.insert(.letter) }
        if c.isNumber { result.insert(.number) }
        if c.isWhitespace { result.insert(.whitespace) }
        if c.isASCII { result.insert(.ascii) }
        if c.utf8.count == 3, let scalar = c.unicodeScalars.first {
            if scalar == "⟦" { result.insert(.openBracket) }
            if scalar == "⟧" { result.insert(.closeBracket) }
        }
        return result
    }

    private static func classifyASCII(_ byte: UInt8) -> Classes {
        let c = Character(Unicode.Scalar(byte))
        var result = classify(c).union(Classes(rawValue: UInt32(byte)))
        if c.isUppercase { result.insert(.uppercase) }
        if c.isLowercase { result.insert(.lowercase) }
        return result
    }

    private static let asciiClasses: [Classes] = (0..<128).map { classifyASCII(UInt8($0)) }

    /// The classes of the scalars U+0080 to U+05FF (two UTF-8 bytes, lead byte C2 to D7) as characters of their own.
    private static let twoByteClasses: [Classes] = (0x80..<0x600).map { classify(Character(Unicode.Scalar($0)!)) }
    private static let openBracketClasses = classify("⟦")
    private static let closeBracketClasses = classify("⟧")

    /// The classes and byte length of the character at `p` when it is a scalar the tables know (see ``init(_:)``)
    /// followed by an ASCII byte or the end; `nil` otherwise.
    @inline(__always)
    private static func loneScalarClasses(_ utf8: [UInt8], _ p: Int) -> (Classes, Int)? {
        let byte = utf8[p]
        if byte >= 0xC2, byte <= 0xD7 {
            guard p + 2 == utf8.count || (p + 2 < utf8.count && utf8[p + 2] < 0x80) else { return nil }
            return (twoByteClasses[twoByteScalar(byte, utf8[p + 1]) - 0x80], 2)
        }
        guard byte == 0xE2, p + 2 < utf8.count, utf8[p + 1] == 0x9F, utf8[p + 2] == 0xA6 || utf8[p + 2] == 0xA7,
            p + 3 == utf8.count || utf8[p + 3] < 0x80
        else { return nil }
        return (utf8[p + 2] == 0xA6 ? openBracketClasses : closeBracketClasses, 3)
    }

    var count: Int { classes.count }

    /// Character `i`, made from its bytes (the hot paths ask this only of non-ASCII characters).
    subscript(i: Int) -> Character { Character(string(i..<(i + 1))) }

    /// All characters, for the parsers that need them (XML tags).
    var characters: [Character] { Array(string(from: 0)) }

    /// The ASCII code of character `i` when it is one ASCII scalar, else 0.
    @inline(__always) func code(_ i: Int) -> UInt8 { classes[i].code }
    /// ``code(_:)`` with `A`–`Z` lowered to `a`–`z` (0 for a character that is not one ASCII scalar).
    @inline(__always) func lowercasedCode(_ i: Int) -> UInt8 {
        let code = classes[i].code
        return code >= 65 && code <= 90 ? code | 0x20 : code
    }

    /// The scalar of character `i` when the character is two UTF-8 bytes long (then it is one scalar, U+0080 to
    /// U+07FF: every other scalar and every cluster of two or more scalars but `\r\n` take more bytes).
    @inline(__always) func twoByteScalar(_ i: Int) -> Int? {
        let start = offsets[i]
        guard offsets[i + 1] - start == 2, utf8[start] >= 0xC2 else { return nil }
        return Self.twoByteScalar(utf8[start], utf8[start + 1])
    }

    /// The scalar a two-byte UTF-8 sequence encodes.
    @inline(__always) private static func twoByteScalar(_ lead: UInt8, _ trail: UInt8) -> Int {
        Int(lead & 0x1F) << 6 | Int(trail & 0x3F)
    }
    @inline(__always) func isLetter(_ i: Int) -> Bool { classes[i].contains(.letter) }
    @inline(__always) func isNumber(_ i: Int) -> Bool { classes[i].contains(.number) }
    @inline(__always) func isLetterOrNumber(_ i: Int) -> Bool { !classes[i].isDisjoint(with: [.letter, .number]) }
    @inline(__always) func isWhitespace(_ i: Int) -> Bool { classes[i].contains(.whitespace) }
    /// Whether character `i` is an uppercase ASCII letter.
    @inline(__always) func isASCIIUppercase(_ i: Int) -> Bool { classes[i].contains(.uppercase) }
    /// Whether character `i` is a lowercase ASCII letter.
    @inline(__always) func isASCIILowercase(_ i: Int) -> Bool { classes[i].contains(.lowercase) }
    @inline(__always) func isASCII(_ i: Int) -> Bool { classes[i].contains(.ascii) }
    /// An ASCII letter or digit (`c.isASCII && (c.isLetter || c.isNumber)`).
    @inline(__always) func isASCIIAlphanumeric(_ i: Int) -> Bool {
        let c = code(i)
        return (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A)
    }
    @inline(__always) func isASCIIDigit(_ i: Int) -> Bool { code(i) >= 0x30 && code(i) <= 0x39 }

    /// Whether character `i` is one ASCII scalar among `set` (ASCII bytes).
    @inline(__always) func isOne(_ i: Int, of set: StaticString) -> Bool {
        let c = code(i)
        guard c != 0 else { return false }
        return set.withUTF8Buffer { $0.contains(c) }
    }

    /// The characters in `range` as a string (a copy of their bytes).
    func string(_ range: Range<Int>) -> String {
        utf8.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offsets[range.lowerBound]..<offsets[range.upperBound]]),
                   as: UTF8.self)
        }
    }

    /// The characters from `start` to the end.
    func string(from start: Int) -> String { string(start..<count) }
}
