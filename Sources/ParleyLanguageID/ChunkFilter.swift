/// Decodes UTF-8 one scalar at a time; malformed bytes decode to U+FFFD (a separator).
enum UTF8Decoding {
    @inline(__always) static func next(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt32 {
        let lead = bytes[index]
        index += 1
        if lead < 0x80 { return UInt32(lead) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: (length, value) = (1, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, value) = (2, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, value) = (3, UInt32(lead & 0x07))
        default: return 0xFFFD
        }
        for _ in 0..<length {
            guard index < bytes.count, bytes[index] & 0xC0 == 0x80 else { return 0xFFFD }
            value = value << 6 | UInt32(bytes[index] & 0x3F)
            index += 1
        }
        return value
    }
}

/// Recognizes whitespace-delimited chunks that carry no language: links, e-mail addresses, handles, domain
/// names, and codes mixing letters and digits (order numbers, SKUs such as `A12B-77`).
enum ChunkFilter {
    static func carriesNoLanguage(_ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
        var letters = false
        var digits = false
        for (index, byte) in chunk.enumerated() {
            switch byte {
            case UInt8(ascii: "@"): return true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x80...: letters = true
            case UInt8(ascii: ":"):
                if index + 2 < chunk.count && chunk[index + 1] == UInt8(ascii: "/") && chunk[index + 2] == UInt8(ascii: "/") {
                    return true
                }
            default: break
            }
        }
        return (letters && digits) || startsWithWWW(chunk) || looksLikeDomain(chunk)
    }

    private static func startsWithWWW(_ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
        guard chunk.count > 4 else { return false }
        return (0..<3).allSatisfy { chunk[$0] | 0x20 == UInt8(ascii: "w") } && chunk[3] == UInt8(ascii: ".")
    }

    /// Common top-level domains; "Hallo.Ich" (a missing space) is not a domain, "shop.de" is.
    private static let topLevelDomains: Set<[UInt8]> = Set(
        ["com", "de", "ee", "tr", "net", "org", "io", "eu", "uk", "at", "ch", "info", "shop", "app", "co", "biz", "me",
         "us", "fi", "lv", "lt", "nl", "fr", "it", "es", "pl", "ru", "se", "no", "dk", "be", "online", "store"]
            .map { Array($0.utf8) })

    /// `name.tld` with a common, lowercase top-level domain and a name of at least 2 letters ("shop.de",
    /// "example.co.uk"); "z.B." and "u.a." are abbreviations, not domains.
    private static func looksLikeDomain(_ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = chunk.count
        while end > 0 && !isASCIILetter(chunk[end - 1]) { end -= 1 }
        var dot = end - 1
        while dot >= 0 && isASCIILetter(chunk[dot]) { dot -= 1 }
        guard dot >= 2, chunk[dot] == UInt8(ascii: "."), (2...6).contains(end - dot - 1) else { return false }
        guard isASCIILetter(chunk[dot - 1]) && isASCIILetter(chunk[dot - 2]) else { return false }
        return topLevelDomains.contains(Array(chunk[(dot + 1)..<end]))
    }

    @inline(__always) private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
