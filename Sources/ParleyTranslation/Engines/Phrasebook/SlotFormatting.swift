internal import FoundationEssentials
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

/// Writes numbers, amounts and dates the way the target language does, with the text layer's ICU formatter:
/// `19,99 €` (de) becomes `€19.99` (en), `12.03.2026` (de) becomes `03/12/2026` (en). Verbatim values (names,
/// e-mails, URLs, order numbers) are copied unchanged.
struct SlotRenderer: Sendable {
    let formatter: LocaleFormatter

    /// The value as the target language writes it.
    func render(_ value: SlotValue) -> String {
        switch value.content {
        case .verbatim(let text): text
        case .number(let digits): number(digits)
        case .amount(let digits, let currency): formatter.currency(Self.double(digits), code: currency)
        case .date(let date): self.date(date)
        }
    }

    /// Keeps the source's number of fraction digits: `2,50` stays `2.50`, not `2.5`.
    private func number(_ digits: DecimalDigits) -> String {
        let fraction = digits.fraction.count
        return formatter.number(Self.double(digits), fractionDigits: fraction...fraction)
    }

    /// The all-numeric date with a four-digit year (skeleton `yMMdd`): `12.03.2026` (de, et, tr), `03/12/2026` (en).
    /// An interval whose ends are the same day formats as that single day.
    private func date(_ date: CalendarDate) -> String {
        let day = Date(timeIntervalSince1970: Double(Self.daysSinceEpoch(date)) * 86_400 + 43_200)
        return formatter.interval(from: day, to: day, skeleton: "yMMdd", timeZone: "UTC")
    }

    private static func double(_ digits: DecimalDigits) -> Double {
        let value = Double(digits.integer + (digits.fraction.isEmpty ? "" : "." + digits.fraction)) ?? 0
        return digits.negative ? -value : value
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysSinceEpoch(_ date: CalendarDate) -> Int {
        let year = date.month <= 2 ? date.year - 1 : date.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
