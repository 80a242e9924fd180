@testable import ParleyTranslation

/// The span scanner as it was before it worked on `ClassifiedText`: a `Character` at a time, every class looked up
/// on every test. Kept verbatim as the reference the fast scanner must agree with (`FastPathEquivalenceTests`).
///
/// Original documentation: finds the spans ``SpanMasker`` protects, on a character array, in one left-to-right pass.
///
/// Precedence where detectors overlap: code, literal placeholder characters, URL, e-mail, mention, price,
/// identifier, emoji; do-not-translate glossary terms fill what is left.
struct ReferenceSpanScanner {
    var kinds: Set<ProtectedSpan.Kind>

    typealias Found = (range: Range<Int>, kind: ProtectedSpan.Kind)

    func scan(_ t: [Character]) -> [Found] {
        var found: [Found] = []
        var i = 0
        while i < t.count {
            if let hit = detect(t, i) {
                found.append(hit)
                i = hit.range.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    private func detect(_ t: [Character], _ i: Int) -> Found? {
        let c = t[i]
        if c == "`", kinds.contains(.code), let end = codeEnd(t, i) { return (i..<end, .code) }
        if c == "⟦" || c == "⟧" { return (i..<(i + 1), .literal) }
        guard wordStart(t, i) || !(c.isLetter || c.isNumber) else { return nil }
        if kinds.contains(.url), let end = urlEnd(t, i) { return (i..<end, .url) }
        if kinds.contains(.email), let end = emailEnd(t, i) { return (i..<end, .email) }
        if c == "@", kinds.contains(.mention), let end = mentionEnd(t, i) { return (i..<end, .mention) }
        if kinds.contains(.price), let end = priceEnd(t, i) { return (i..<end, .price) }
        if kinds.contains(.identifier), let end = identifierEnd(t, i) { return (i..<end, .identifier) }
        if kinds.contains(.emoji), Self.isEmoji(c) {
            var end = i + 1
            while end < t.count, Self.isEmoji(t[end]) { end += 1 }
            return (i..<end, .emoji)
        }
        return nil
    }

    private func wordStart(_ t: [Character], _ i: Int) -> Bool {
        i == 0 || !(t[i - 1].isLetter || t[i - 1].isNumber || t[i - 1] == "_")
    }

    private func wordEnd(_ t: [Character], _ i: Int) -> Bool { i >= t.count || !(t[i].isLetter || t[i].isNumber) }

    private func codeEnd(_ t: [Character], _ i: Int) -> Int? {
        var n = 0
        while i + n < t.count, t[i + n] == "`" { n += 1 }
        var j = i + n
        while j < t.count {
            if t[j] == "`" {
                var m = 0
                while j + m < t.count, t[j + m] == "`" { m += 1 }
                if m == n { return j + m }
                j += m
            } else {
                j += 1
            }
        }
        return nil
    }

    /// ASCII case-insensitive prefix test; `prefix` must be lowercase ASCII. Allocation-free (hot path).
    private func hasPrefix(_ t: [Character], _ i: Int, _ prefix: String) -> Bool {
        var j = i
        for p in prefix.utf8 {
            guard j < t.count, let a = t[j].asciiValue, (a >= 65 && a <= 90 ? a | 0x20 : a) == p else { return false }
            j += 1
        }
        return true
    }

    private func urlEnd(_ t: [Character], _ i: Int) -> Int? {
        guard ["https://", "http://", "www."].contains(where: { hasPrefix(t, i, $0) }) else { return nil }
        var end = i
        while end < t.count, !t[end].isWhitespace, !"<>\"`".contains(t[end]) { end += 1 }
        while end > i, ".,;:!?'»”…".contains(t[end - 1]) || (t[end - 1] == ")" && !t[i..<end].contains("(")) {
            end -= 1
        }
        return end - i > 4 ? end : nil
    }

    private static func isLocal(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "._%+-".contains(c))
    }
    private static func isDomain(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || ".-".contains(c)) }

    private func emailEnd(_ t: [Character], _ i: Int) -> Int? {
        var at = i
        while at < t.count, Self.isLocal(t[at]) { at += 1 }
        guard at > i, at < t.count, t[at] == "@" else { return nil }
        var end = at + 1
        while end < t.count, Self.isDomain(t[end]) { end += 1 }
        while end > at + 1, ".-".contains(t[end - 1]) { end -= 1 }
        let domain = t[(at + 1)..<end]
        guard let dot = domain.lastIndex(of: "."), end - dot > 2, domain.first != ".",
            t[(dot + 1)..<end].allSatisfy(\.isLetter)
        else { return nil }
        return end
    }

    private func mentionEnd(_ t: [Character], _ i: Int) -> Int? {
        var end = i + 1
        while end < t.count, t[end].isLetter || t[end].isNumber || "_.-".contains(t[end]) { end += 1 }
        while end > i + 1, ".-".contains(t[end - 1]) { end -= 1 }
        return end > i + 1 ? end : nil
    }
}

extension ReferenceSpanScanner {
    static let currencySymbols: Set<Character> = ["€", "$", "£", "₺"]
    static let currencyCodes = ["eur", "usd", "gbp", "try", "tl"]
    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\u{A0}" || c == "\u{202F}" }

    /// `19,99 €`, `€19.99`, `$5.00`, `₺1.234,50`, `25 EUR`, `EUR 25`, `100 TL`.
    func priceEnd(_ t: [Character], _ i: Int) -> Int? {
        if Self.currencySymbols.contains(t[i]) {
            var j = i + 1
            if j < t.count, Self.isSpace(t[j]) { j += 1 }
            return numberEnd(t, j)
        }
        if let code = Self.currencyCodes.first(where: { hasPrefix(t, i, $0) && t[i].isUppercase }),
            wordEnd(t, i + code.count), i + code.count < t.count, Self.isSpace(t[i + code.count])
        {
            return numberEnd(t, i + code.count + 1)
        }
        guard let number = numberEnd(t, i) else { return nil }
        var j = number
        if j < t.count, Self.isSpace(t[j]) { j += 1 }
        if j < t.count, Self.currencySymbols.contains(t[j]) { return j + 1 }
        if let code = Self.currencyCodes.first(where: { hasPrefix(t, j, $0) && t[j].isUppercase }),
            wordEnd(t, j + code.count)
        {
            return j + code.count
        }
        return nil
    }

    /// Digits with `.`, `,`, `'` or a thin space between digit groups; ends on a digit or a `-`/`–` (`5,–`).
    private func numberEnd(_ t: [Character], _ i: Int) -> Int? {
        guard i < t.count, t[i].isASCII, t[i].isNumber else { return nil }
        var end = i
        while end < t.count {
            if t[end].isASCII && t[end].isNumber {
                end += 1
            } else if ".,'\u{202F}".contains(t[end]), end + 1 < t.count, t[end + 1].isASCII, t[end + 1].isNumber {
                end += 1
            } else {
                break
            }
        }
        return wordEnd(t, end) ? end : nil
    }

    /// `#12345`, `A-2024-0042`, `DE12-3456`, `ORD123456`, and digit runs of five or more.
    func identifierEnd(_ t: [Character], _ i: Int) -> Int? {
        let hash = t[i] == "#"
        let start = hash ? i + 1 : i
        var end = start
        while end < t.count {
            let c = t[end]
            if c.isASCII && (c.isLetter || c.isNumber) {
                end += 1
            } else if "-_/".contains(c), end > start, end + 1 < t.count, t[end + 1].isASCII,
                t[end + 1].isLetter || t[end + 1].isNumber
            {
                end += 1
            } else {
                break
            }
        }
        guard end > start, wordEnd(t, end) else { return nil }
        let body = t[start..<end]
        let digits = body.filter(\.isNumber).count
        guard digits > 0 else { return nil }
        if hash { return end }
        guard !body.contains(where: \.isLowercase), body.count >= 4 else { return nil }
        return body.contains(where: { $0.isLetter || $0 == "-" || $0 == "/" }) || digits >= 5 ? end : nil
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
