/// Character tests for the phrasebook's tokenizer and value scanner, with an ASCII fast path.
///
/// Most characters of chat text are ASCII. For them a byte comparison answers what `Character.isWhitespace`,
/// `isLetter` and `isNumber` answer with a Unicode property lookup, and what a `Set<Character>` answers by hashing
/// (a `Character` hashes its normalized form). Other characters take the Unicode path, so the answers are the same.
enum CharacterClass {
    /// `Character.isWhitespace`.
    @inline(__always)
    static func isWhitespace(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return character.isWhitespace }
        return ascii == 0x20 || (0x09...0x0D).contains(ascii)
    }

    /// `Character.isLetter`.
    @inline(__always)
    static func isLetter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return character.isLetter }
        return (0x61...0x7A).contains(ascii | 0x20)
    }

    /// `Character.isNumber`.
    @inline(__always)
    static func isNumber(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return character.isNumber }
        return (0x30...0x39).contains(ascii)
    }

    /// Whether any character of `text` is a number (`Character.isNumber`); ASCII text is scanned byte by byte.
    static func containsNumber(_ text: Substring) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if (0x30...0x39).contains(byte) { return true }
            if byte >= 0x80 { ascii = false }
        }
        return ascii ? false : text.contains(where: \.isNumber)
    }

    /// The value of a character made of one scalar; `nil` for a cluster of several. Sets of punctuation that have no
    /// canonical decomposition can be matched on it: no cluster of several scalars equals one of them.
    @inline(__always)
    static func scalar(_ character: Character) -> UInt32? {
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return nil }
        return first.value
    }
}
