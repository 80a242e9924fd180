internal import ParleyText

/// Matching keys of single words, on top of the text layer's ``TextKeys``.
enum PhrasebookText {
    /// The matching key of one word: case-folded, accents and punctuation removed (`Siparişim` → `siparisim`,
    /// `E-Mail` → `email`). German keys also fold `ae`/`oe`/`ue` so `Bestaetigung` meets `Bestätigung`.
    static func wordKey(_ word: Substring, language: LanguageCode) -> String {
        var key = ""
        key.reserveCapacity(word.utf8.count)
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            for scalar in word.unicodeScalars {
                if let ascii = asciiLetterOrDigit(scalar.value) { key.unicodeScalars.append(ascii) }
            }
        } else {
            for scalar in TextKeys.foldedKey(String(word)).unicodeScalars
            where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                key.unicodeScalars.append(scalar)
            }
        }
        if language == .german { key = foldGermanDigraphs(key) }
        return key
    }

    private static func asciiLetterOrDigit(_ value: UInt32) -> Unicode.Scalar? {
        switch value {
        case 0x41...0x5A: Unicode.Scalar(value + 0x20)
        case 0x61...0x7A, 0x30...0x39: Unicode.Scalar(value)
        default: nil
        }
    }

    private static func foldGermanDigraphs(_ key: String) -> String {
        guard key.utf8.count > 2, key.utf8.contains(UInt8(ascii: "e")) else { return key }
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(key.utf8.count)
            var previous: UInt8 = 0
            for byte in key.utf8 {
                if byte == UInt8(ascii: "e"),
                    previous == UInt8(ascii: "a") || previous == UInt8(ascii: "o") || previous == UInt8(ascii: "u")
                {
                    previous = 0
                    continue
                }
                bytes.append(byte)
                previous = byte
            }
            return String(decoding: bytes, as: UTF8.self)
        }
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
}
