internal import ParleyText

/// The text operations the phrasebook needs: sentence breaks and matching keys. Kept in one place so that the
/// engine can switch to the text layer's ICU implementations without touching the matcher.
enum PhrasebookText {
    /// The sentences of `text`, each range including its trailing whitespace; together they cover `text`.
    static func sentences(in text: String, language: LanguageCode) -> [Range<String.Index>] {
        SimpleSentenceBreaker.sentences(in: text)
    }

    /// The matching key of one word: case-folded, accents and punctuation removed (`Siparişim` → `siparisim`,
    /// `E-Mail` → `email`). German keys also fold `ae`/`oe`/`ue` so `Bestaetigung` meets `Bestätigung`.
    static func wordKey(_ word: Substring, language: LanguageCode) -> String {
        var key = ""
        key.reserveCapacity(word.utf8.count)
        for scalar in word.unicodeScalars {
            appendFolded(scalar, to: &key)
        }
        if language == .german { key = foldGermanDigraphs(key) }
        return key
    }

    private static func appendFolded(_ scalar: Unicode.Scalar, to key: inout String) {
        let value = scalar.value
        if value < 0x80 {
            if let ascii = asciiLetterOrDigit(value) { key.unicodeScalars.append(ascii) }
            return
        }
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            if let folded = foldTable[lower.value] {
                key += folded
            } else if lower.properties.generalCategory == .nonspacingMark {
                continue
            } else if lower.properties.isAlphabetic || lower.properties.numericType != nil {
                key.unicodeScalars.append(lower)
            }
        }
    }

    private static func asciiLetterOrDigit(_ value: UInt32) -> Unicode.Scalar? {
        switch value {
        case 0x41...0x5A: Unicode.Scalar(value + 0x20)
        case 0x61...0x7A, 0x30...0x39: Unicode.Scalar(value)
        default: nil
        }
    }

    private static func foldGermanDigraphs(_ key: String) -> String {
        guard key.utf8.count > 2, key.contains("e") else { return key }
        var out = ""
        out.reserveCapacity(key.utf8.count)
        var previous: Character? = nil
        for character in key {
            if character == "e", let vowel = previous, vowel == "a" || vowel == "o" || vowel == "u" {
                previous = nil
                continue
            }
            out.append(character)
            previous = character
        }
        return out
    }

    /// Lowercase letters with diacritics and their plain Latin keys.
    private static let foldTable: [UInt32: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćč", "c"), ("ďđ", "d"), ("èéêëēėęě", "e"), ("ğ", "g"),
            ("ìíîïīįı", "i"), ("ł", "l"), ("ñńň", "n"), ("òóôõöøōő", "o"), ("řŕ", "r"), ("śšşș", "s"),
            ("ţțť", "t"), ("ùúûüūůűų", "u"), ("ýÿ", "y"), ("žźż", "z"),
        ]
        var table: [UInt32: String] = ["ß": "ss", "æ": "ae", "œ": "oe"].reduce(into: [:]) {
            $0[$1.key.unicodeScalars.first!.value] = $1.value
        }
        for (letters, plain) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = plain }
        }
        return table
    }()
}

/// A small sentence breaker: a sentence ends after `.`, `!`, `?` or `…` (and closing quotes or brackets) followed
/// by whitespace, or at a line break. Abbreviations such as `Nr.` and `z.B.` do not end a sentence.
enum SimpleSentenceBreaker {
    static func sentences(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character.isNewline {
                let end = skipWhitespace(in: text, from: next)
                ranges.append(start..<end)
                start = end
                index = end
                continue
            }
            if isTerminal(character) {
                var close = next
                while close < text.endIndex, isTerminal(text[close]) || isClosing(text[close]) {
                    close = text.index(after: close)
                }
                if close == text.endIndex || text[close].isWhitespace, !endsWithAbbreviation(text[start..<index]) {
                    let end = skipWhitespace(in: text, from: close)
                    ranges.append(start..<end)
                    start = end
                    index = end
                    continue
                }
                index = close
                continue
            }
            index = next
        }
        if start < text.endIndex { ranges.append(start..<text.endIndex) }
        return ranges
    }

    private static func isTerminal(_ character: Character) -> Bool {
        character == "." || character == "!" || character == "?" || character == "…"
    }

    private static func isClosing(_ character: Character) -> Bool {
        character == "\"" || character == "'" || character == ")" || character == "»" || character == "“"
            || character == "”" || character == "’"
    }

    private static func skipWhitespace(in text: String, from index: String.Index) -> String.Index {
        var index = index
        while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
        return index
    }

    private static let abbreviations: Set<String> = [
        "nr", "z.b", "bzw", "ca", "usw", "evtl", "ggf", "inkl", "zzgl", "hr", "fr", "dr", "vs", "e.g", "i.e",
        "vb", "örn", "sn", "nt", "jne", "u.a", "d.h", "tel", "str",
    ]

    private static func endsWithAbbreviation(_ sentence: Substring) -> Bool {
        let lastWord = sentence.split(whereSeparator: { $0.isWhitespace }).last ?? ""
        guard !lastWord.isEmpty, lastWord.count <= 4 else { return false }
        return abbreviations.contains(lastWord.lowercased())
    }
}
