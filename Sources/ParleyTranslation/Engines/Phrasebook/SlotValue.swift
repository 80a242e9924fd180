internal import ParleyText

/// A decimal number as written, kept as digit strings so nothing is lost to floating point: `1.234,50` in German is
/// `integer: "1234", fraction: "50"`.
struct DecimalDigits: Sendable, Hashable {
    var negative = false
    var integer: String
    var fraction: String
    /// The source wrote group separators (`1.234`); a plain `12345` may be an order number and stays ungrouped.
    var grouped = false
}

/// An ISO-style calendar date (no time of day, no time zone).
struct CalendarDate: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int
}

/// A value captured by a slot in a source sentence.
struct SlotValue: Sendable, Hashable {
    enum Content: Sendable, Hashable {
        /// Copied to the target as written (names, e-mails, URLs, order numbers with letters, plain integers).
        case verbatim(String)
        case number(DecimalDigits)
        case amount(DecimalDigits, currency: String)
        case date(CalendarDate)
    }

    var slot: PhrasebookSlot
    var content: Content
}

/// Recognizes values in single words of a source sentence: e-mail addresses, URLs, dates, amounts and numbers.
enum SlotValueScanner {
    /// The value a whitespace-free chunk of text holds, read the way `language` writes numbers and dates.
    static func value(in chunk: Substring, language: LanguageCode) -> SlotValue? {
        guard !chunk.isEmpty else { return nil }
        if let email = email(chunk) { return email }
        if let url = url(chunk) { return url }
        guard CharacterClass.containsNumber(chunk) else { return nil }
        if let date = date(chunk, language: language) { return SlotValue(slot: .date, content: .date(date)) }
        if let amount = attachedAmount(chunk, language: language) { return amount }
        if let number = NumberParser.parse(chunk, language: language) {
            return SlotValue(
                slot: .number,
                content: number.grouped || !number.fraction.isEmpty
                    ? .number(number) : .verbatim(String(chunk)))
        }
        return SlotValue(slot: .number, content: .verbatim(String(chunk)))
    }

    /// The ISO code of a currency written on its own (`€`, `EUR`, `Euro`, `TL`, `₺`), or `nil`.
    static func currency(_ word: Substring) -> String? {
        // Every name below starts with one of these bytes (`€` and `₺` with 0xE2, `£` with 0xC2): most words do not.
        switch word.utf8.first {
        case UInt8(ascii: "E"), UInt8(ascii: "e"), UInt8(ascii: "U"), UInt8(ascii: "u"), UInt8(ascii: "D"),
            UInt8(ascii: "d"), UInt8(ascii: "G"), UInt8(ascii: "g"), UInt8(ascii: "T"), UInt8(ascii: "t"),
            UInt8(ascii: "L"), UInt8(ascii: "l"), UInt8(ascii: "$"), 0xE2, 0xC2:
            break
        default:
            return nil
        }
        return switch word {
        case "€", "EUR", "eur", "Euro", "euro", "Euros", "euros", "EURO": "EUR"
        case "$", "USD", "usd", "Dollar", "dollar", "dollars": "USD"
        case "£", "GBP", "gbp": "GBP"
        case "₺", "TL", "tl", "TRY", "Lira", "lira": "TRY"
        default: nil
        }
    }

    private static func email(_ chunk: Substring) -> SlotValue? {
        guard let at = chunk.utf8.firstIndex(of: UInt8(ascii: "@")), at > chunk.startIndex else { return nil }
        let domain = chunk[chunk.index(after: at)...]
        guard domain.contains("."), !domain.hasSuffix("."), !domain.contains("@") else { return nil }
        return SlotValue(slot: .email, content: .verbatim(String(chunk)))
    }

    private static func url(_ chunk: Substring) -> SlotValue? {
        guard let first = chunk.utf8.first, first | 0x20 == UInt8(ascii: "h") || first | 0x20 == UInt8(ascii: "w")
        else { return nil }
        let lower = chunk.prefix(8).lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") else { return nil }
        return SlotValue(slot: .url, content: .verbatim(String(chunk)))
    }

    /// `12.03.2026`, `12/03/2026` (`03/12/2026` in English), `2026-03-12`; two-digit years are 20xx.
    static func date(_ chunk: Substring, language: LanguageCode) -> CalendarDate? {
        guard let separator = chunk.first(where: { $0 == "." || $0 == "/" || $0 == "-" }) else { return nil }
        let parts = chunk.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        var date: CalendarDate
        if parts[0].count == 4 {
            guard separator == "-" else { return nil }
            date = CalendarDate(year: numbers[0], month: numbers[1], day: numbers[2])
        } else {
            guard separator != "-" || parts[2].count == 4, parts[2].count == 4 || parts[2].count == 2 else {
                return nil
            }
            let monthFirst = separator == "/" && language == .english
            date = CalendarDate(
                year: numbers[2] < 100 ? 2000 + numbers[2] : numbers[2],
                month: monthFirst ? numbers[0] : numbers[1], day: monthFirst ? numbers[1] : numbers[0])
        }
        guard (1...12).contains(date.month), (1...31).contains(date.day), (1900...2999).contains(date.year) else {
            return nil
        }
        return date
    }

    private static let currencySymbols: [Substring] = ["€", "$", "£", "₺", "EUR", "USD", "GBP", "TRY", "TL"]
    private static let symbolFirstBytes = Set(currencySymbols.compactMap(\.utf8.first))
    private static let symbolLastBytes = Set(currencySymbols.compactMap(\.utf8.last))

    /// An amount with its currency attached: `19,99€`, `€19.99`, `250TL`.
    private static func attachedAmount(_ chunk: Substring, language: LanguageCode) -> SlotValue? {
        // A symbol begins or ends the chunk only where its first or last byte does: most numbers (`#100123`) have
        // neither, and the symbols' characters have no other canonical spelling.
        guard let first = chunk.utf8.first, let last = chunk.utf8.last,
            symbolFirstBytes.contains(first) || symbolLastBytes.contains(last)
        else { return nil }
        for symbol in currencySymbols {
            var rest: Substring
            if chunk.hasPrefix(symbol) {
                rest = chunk.dropFirst(symbol.count)
            } else if chunk.hasSuffix(symbol) {
                rest = chunk.dropLast(symbol.count)
            } else {
                continue
            }
            rest = rest.drop(while: \.isWhitespace)
            while rest.last?.isWhitespace == true { rest = rest.dropLast() }
            guard let code = currency(symbol), let digits = NumberParser.parse(rest, language: language) else {
                return nil
            }
            return SlotValue(slot: .amount, content: .amount(digits, currency: code))
        }
        return nil
    }
}
