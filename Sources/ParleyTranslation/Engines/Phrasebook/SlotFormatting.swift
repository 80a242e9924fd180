internal import ParleyText

/// Reads numbers the way a language writes them: `1.234,50` (de, tr), `1 234,50` (et), `1,234.50` (en). A lone
/// separator followed by exactly three digits is a group separator in the language that groups with it; otherwise it
/// is a decimal separator, so `19.99` reads as 19.99 everywhere.
enum NumberParser {
    static func parse(_ text: Substring, language: LanguageCode) -> DecimalDigits? {
        var body = text
        var negative = false
        if body.first == "-" || body.first == "−" {
            negative = true
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber, let last = body.last, last.isASCII, last.isNumber
        else { return nil }
        let separators = body.filter { !($0.isASCII && $0.isNumber) }
        guard separators.allSatisfy({ ".,' \u{00A0}\u{202F}".contains($0) }) else { return nil }
        let decimal = decimalSeparator(in: body, separators: separators, language: language)
        var integer = ""
        var fraction = ""
        var inFraction = false
        for character in body {
            if character == decimal {
                inFraction = true
            } else if character.isASCII, character.isNumber {
                if inFraction { fraction.append(character) } else { integer.append(character) }
            }
        }
        let grouped = separators.contains { $0 != decimal }
        return DecimalDigits(negative: negative, integer: integer, fraction: fraction, grouped: grouped)
    }

    private static func decimalSeparator(in body: Substring, separators: String, language: LanguageCode) -> Character? {
        let marks = separators.filter { $0 == "." || $0 == "," }
        guard let lastMark = marks.last else { return nil }
        if Set(marks).count == 2 { return lastMark }
        if marks.count > 1 { return nil }
        let digitsAfter = body[body.lastIndex(of: lastMark)!...].dropFirst().count
        let groupSeparator: Character = language == .english ? "," : "."
        return digitsAfter == 3 && lastMark == groupSeparator ? nil : lastMark
    }
}

/// Writes numbers, amounts and dates the way the target language does (CLDR conventions for de, en, et, tr).
struct SlotRenderer: Sendable {
    var language: LanguageCode

    /// The value as the target language writes it; verbatim values are returned unchanged.
    func render(_ value: SlotValue) -> String {
        switch value.content {
        case .verbatim(let text): text
        case .number(let digits): number(digits, forceGrouping: false)
        case .amount(let digits, let currency): amount(digits, currency: currency)
        case .date(let date): self.date(date)
        }
    }

    private var decimalSeparator: String { language == .english ? "." : "," }
    private var groupSeparator: String {
        switch language {
        case .english: ","
        case .estonian: "\u{00A0}"
        default: "."
        }
    }
    /// Estonian (CLDR minimum grouping digits 2) groups only from five integer digits on.
    private var minimumGroupingDigits: Int { language == .estonian ? 5 : 4 }

    func number(_ digits: DecimalDigits, forceGrouping: Bool) -> String {
        var integer = digits.integer
        if (digits.grouped || forceGrouping) && integer.count >= minimumGroupingDigits {
            integer = grouping(integer)
        }
        let sign = digits.negative ? "-" : ""
        return digits.fraction.isEmpty ? sign + integer : sign + integer + decimalSeparator + digits.fraction
    }

    private func grouping(_ integer: String) -> String {
        var groups: [Substring] = []
        var end = integer.endIndex
        while end > integer.startIndex {
            let start = integer.index(end, offsetBy: -3, limitedBy: integer.startIndex) ?? integer.startIndex
            groups.insert(integer[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: groupSeparator)
    }

    func amount(_ digits: DecimalDigits, currency: String) -> String {
        let number = number(digits, forceGrouping: true)
        let symbol = symbol(for: currency)
        switch language {
        case .english: return symbol.count == 1 ? symbol + number : symbol + "\u{00A0}" + number
        case .turkish: return symbol + number
        default: return number + "\u{00A0}" + symbol
        }
    }

    private func symbol(for currency: String) -> String {
        switch currency {
        case "EUR": "€"
        case "USD": "$"
        case "GBP": "£"
        case "TRY": language == .turkish ? "₺" : "TRY"
        default: currency
        }
    }

    /// `12.03.2026` (de, et, tr), `3/12/2026` (en).
    func date(_ date: CalendarDate) -> String {
        if language == .english { return "\(date.month)/\(date.day)/\(date.year)" }
        return "\(twoDigits(date.day)).\(twoDigits(date.month)).\(date.year)"
    }

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
