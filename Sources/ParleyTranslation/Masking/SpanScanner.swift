/// Finds the spans ``SpanMasker`` protects, on a ``ClassifiedText``, in one left-to-right pass.
///
/// Precedence where detectors overlap: code, literal placeholder characters, URL, e-mail, mention, price,
/// identifier, emoji; do-not-translate glossary terms fill what is left.
///
/// Character classes come from the text's table (no Unicode property lookups on the hot path); only characters
/// outside ASCII are compared as `Character`s.
struct SpanScanner {
    private let code, url, email, mention, price, identifier, emoji: Bool

    init(kinds: Set<ProtectedSpan.Kind>) {
        code = kinds.contains(.code)
        url = kinds.contains(.url)
        email = kinds.contains(.email)
        mention = kinds.contains(.mention)
        price = kinds.contains(.price)
        identifier = kinds.contains(.identifier)
        emoji = kinds.contains(.emoji)
    }

    typealias Found = (range: Range<Int>, kind: ProtectedSpan.Kind)

    func scan(_ t: ClassifiedText) -> [Found] {
        // An e-mail needs an `@`; without one in the text its detector would only scan words in vain. (A mention
        // starts at one, so its detector is tried only there anyway.)
        let mayHoldEmail = email && t.utf8.contains(UInt8(ascii: "@"))
        var found: [Found] = []
        var i = 0
        while i < t.count {
            if let hit = detect(t, i, mayHoldEmail: mayHoldEmail) {
                found.append(hit)
                i = hit.range.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    private func detect(_ t: ClassifiedText, _ i: Int, mayHoldEmail: Bool) -> Found? {
        let c = t.code(i)
        if c == UInt8(ascii: "`"), code, let end = codeEnd(t, i) { return (i..<end, .code) }
        if t.classes[i].contains(.openBracket) || t.classes[i].contains(.closeBracket) {
            return (i..<(i + 1), .literal)
        }
        guard wordStart(t, i) || !t.isLetterOrNumber(i) else { return nil }
        if url, let end = urlEnd(t, i) { return (i..<end, .url) }
        if mayHoldEmail, let end = emailEnd(t, i) { return (i..<end, .email) }
        if c == UInt8(ascii: "@"), mention, let end = mentionEnd(t, i) { return (i..<end, .mention) }
        if price, let end = priceEnd(t, i) { return (i..<end, .price) }
        if identifier, let end = identifierEnd(t, i) { return (i..<end, .identifier) }
        if emoji, !t.isASCII(i), Self.isEmoji(t[i]) {
            var end = i + 1
            while end < t.count, !t.isASCII(end), Self.isEmoji(t[end]) { end += 1 }
            return (i..<end, .emoji)
        }
        return nil
    }

    private func wordStart(_ t: ClassifiedText, _ i: Int) -> Bool {
        i == 0 || !(t.isLetterOrNumber(i - 1) || t.code(i - 1) == UInt8(ascii: "_"))
    }

    private func wordEnd(_ t: ClassifiedText, _ i: Int) -> Bool { i >= t.count || !t.isLetterOrNumber(i) }

    private func codeEnd(_ t: ClassifiedText, _ i: Int) -> Int? {
        let tick = UInt8(ascii: "`")
        var n = 0
        while i + n < t.count, t.code(i + n) == tick { n += 1 }
        var j = i + n
        while j < t.count {
            if t.code(j) == tick {
                var m = 0
                while j + m < t.count, t.code(j + m) == tick { m += 1 }
                if m == n { return j + m }
                j += m
            } else {
                j += 1
            }
        }
        return nil
    }

    /// ASCII case-insensitive prefix test; `prefix` must be lowercase ASCII.
    private func hasPrefix(_ t: ClassifiedText, _ i: Int, _ prefix: StaticString) -> Bool {
        guard i + prefix.utf8CodeUnitCount <= t.count else { return false }
        return prefix.withUTF8Buffer { bytes in
            var j = i
            for p in bytes {
                let a = t.lowercasedCode(j)
                guard a != 0, a == p else { return false }
                j += 1
            }
            return true
        }
    }

    private func urlEnd(_ t: ClassifiedText, _ i: Int) -> Int? {
        let first = t.code(i) | 0x20  // `h` or `w`, either case, before the prefix tests
        guard first == UInt8(ascii: "h") || first == UInt8(ascii: "w") else { return nil }
        guard hasPrefix(t, i, "https://") || hasPrefix(t, i, "http://") || hasPrefix(t, i, "www.") else { return nil }
        var end = i
        while end < t.count, !t.isWhitespace(end), !t.isOne(end, of: "<>\"`") { end += 1 }
        var hasOpening: Bool?
        while end > i {
            let last = end - 1
            if t.isOne(last, of: ".,;:!?'") || (!t.isASCII(last) && "»”…".contains(t[last])) {
                end -= 1
            } else if t.code(last) == UInt8(ascii: ")") {
                if hasOpening == nil { hasOpening = (i..<end).contains { t.code($0) == UInt8(ascii: "(") } }
                guard hasOpening == false else { break }
                end -= 1
            } else {
                break
            }
        }
        return end - i > 4 ? end : nil
    }

    private static func isLocal(_ t: ClassifiedText, _ i: Int) -> Bool {
        t.isASCIIAlphanumeric(i) || t.isOne(i, of: "._%+-")
    }
    private static func isDomain(_ t: ClassifiedText, _ i: Int) -> Bool {
        t.isASCIIAlphanumeric(i) || t.isOne(i, of: ".-")
    }

    private func emailEnd(_ t: ClassifiedText, _ i: Int) -> Int? {
        var at = i
        while at < t.count, Self.isLocal(t, at) { at += 1 }
        guard at > i, at < t.count, t.code(at) == UInt8(ascii: "@") else { return nil }
        var end = at + 1
        while end < t.count, Self.isDomain(t, end) { end += 1 }
        while end > at + 1, t.isOne(end - 1, of: ".-") { end -= 1 }
        let dot = UInt8(ascii: ".")
        guard end > at + 1, t.code(at + 1) != dot,
            let lastDot = ((at + 1)..<end).last(where: { t.code($0) == dot }), end - lastDot > 2,
            ((lastDot + 1)..<end).allSatisfy({ t.isLetter($0) })
        else { return nil }
        return end
    }

    private func mentionEnd(_ t: ClassifiedText, _ i: Int) -> Int? {
        var end = i + 1
        while end < t.count, t.isLetterOrNumber(end) || t.isOne(end, of: "_.-") { end += 1 }
        while end > i + 1, t.isOne(end - 1, of: ".-") { end -= 1 }
        return end > i + 1 ? end : nil
    }
}

extension SpanScanner {
    static let currencySymbols: Set<Character> = ["€", "$", "£", "₺"]
    static let currencyCodes: [StaticString] = ["eur", "usd", "gbp", "try", "tl"]

    private static func isCurrencySymbol(_ t: ClassifiedText, _ i: Int) -> Bool {
        t.code(i) == UInt8(ascii: "$") || (!t.isASCII(i) && currencySymbols.contains(t[i]))
    }

    static func isSpace(_ t: ClassifiedText, _ i: Int) -> Bool {
        t.code(i) == UInt8(ascii: " ") || (!t.isASCII(i) && (t[i] == "\u{A0}" || t[i] == "\u{202F}"))
    }

    /// The currency code (`EUR`, `TL`, ...) starting at `i` with an uppercase first letter and ending a word.
    private func currencyCode(_ t: ClassifiedText, _ i: Int) -> Int? {
        // Only ASCII letters pass `hasPrefix`, so the ASCII case test is `Character.isUppercase` here; it goes first
        // as the cheaper test.
        guard i < t.count, t.isASCIIUppercase(i) else { return nil }
        for code in Self.currencyCodes where hasPrefix(t, i, code) {
            return wordEnd(t, i + code.utf8CodeUnitCount) ? code.utf8CodeUnitCount : nil
        }
        return nil
    }

    /// `19,99 €`, `€19.99`, `$5.00`, `₺1.234,50`, `25 EUR`, `EUR 25`, `100 TL`.
    func priceEnd(_ t: ClassifiedText, _ i: Int) -> Int? {
        if Self.isCurrencySymbol(t, i) {
            var j = i + 1
            if j < t.count, Self.isSpace(t, j) { j += 1 }
            return numberEnd(t, j)
        }
        if let length = currencyCode(t, i), i + length < t.count, Self.isSpace(t, i + length) {
            return numberEnd(t, i + length + 1)
        }
        guard let number = numberEnd(t, i) else { return nil }
        var j = number
        if j < t.count, Self.isSpace(t, j) { j += 1 }
        if j < t.count, Self.isCurrencySymbol(t, j) { return j + 1 }
        if let length = currencyCode(t, j) { return j + length }
        return nil
    }

    /// Digits with `.`, `,`, `'` or a thin space between digit groups; ends on a digit or a `-`/`–` (`5,–`).
    private func numberEnd(_ t: ClassifiedText, _ i: Int) -> Int? {
        guard i < t.count, t.isASCIIDigit(i) else { return nil }
        var end = i
        while end < t.count {
            if t.isASCIIDigit(end) {
                end += 1
            } else if t.isOne(end, of: ".,'") || (!t.isASCII(end) && t[end] == "\u{202F}"), end + 1 < t.count,
                t.isASCIIDigit(end + 1)
            {
                end += 1
            } else {
                break
            }
        }
        return wordEnd(t, end) ? end : nil
    }

    /// `#12345`, `A-2024-0042`, `DE12-3456`, `ORD123456`, and digit runs of five or more.
    func identifierEnd(_ t: ClassifiedText, _ i: Int) -> Int? {
        let hash = t.code(i) == UInt8(ascii: "#")
        // Without `#`, a lowercase letter anywhere in the body rules it out: test the first before scanning the word.
        guard hash || !t.isASCIILowercase(i) else { return nil }
        let start = hash ? i + 1 : i
        var end = start
        while end < t.count {
            if t.isASCIIAlphanumeric(end) {
                end += 1
            } else if t.isOne(end, of: "-_/"), end > start, end + 1 < t.count, t.isASCIIAlphanumeric(end + 1) {
                end += 1
            } else {
                break
            }
        }
        guard end > start, wordEnd(t, end) else { return nil }
        let body = start..<end
        let digits = body.count { t.isASCIIDigit($0) }
        guard digits > 0 else { return nil }
        if hash { return end }
        // The body is ASCII letters, digits and `-_/`: the ASCII case test is `Character.isLowercase` here.
        guard !body.contains(where: { t.isASCIILowercase($0) }), body.count >= 4 else { return nil }
        return body.contains(where: { t.isLetter($0) || t.isOne($0, of: "-/") }) || digits >= 5 ? end : nil
    }

    /// A pictographic emoji (presentation by default, with VS16, a ZWJ sequence, a keycap or a flag).
    static func isEmoji(_ c: Character) -> Bool {
        guard let first = c.unicodeScalars.first, !(c.isASCII) else { return false }
        if first.properties.isEmojiPresentation { return true }
        if (0x1F1E6...0x1F1FF).contains(first.value) { return true }
        return first.properties.isEmoji
            && c.unicodeScalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D })
    }
}
