import FoundationEssentials
import ParleyText
import Testing

/// Expected strings are ICU 72 / CLDR 42 output, written with explicit escapes where the locale uses a no-break
/// space (U+00A0) or a narrow no-break space (U+202F), so the tests say exactly what users see.
@Suite struct LocaleFormatterTests {
    /// 2026-03-12T13:05:00Z — 14:05 in Berlin, 15:05 in Tallinn and 16:05 in Istanbul.
    static let moment = Date(timeIntervalSince1970: 1_773_320_700)

    @Test(arguments: [
        ("de", "1.234,5"), ("en", "1,234.5"), ("et", "1\u{A0}234,5"), ("tr", "1.234,5"),
    ])
    func formatsNumbers(_ locale: String, _ expected: String) {
        #expect(LocaleFormatter(locale: locale).number(1234.5) == expected)
    }

    @Test func boundsFractionDigits() {
        #expect(LocaleFormatter(locale: "de").number(2.0 / 3.0, fractionDigits: 2...2) == "0,67")
        #expect(LocaleFormatter(locale: "en").number(3, fractionDigits: 1...2) == "3.0")
    }

    @Test(arguments: [("de", "12\u{A0}%"), ("en", "12%"), ("et", "12%"), ("tr", "%12")])
    func formatsPercents(_ locale: String, _ expected: String) {
        #expect(LocaleFormatter(locale: locale).percent(0.12) == expected)
    }

    @Test(arguments: [
        ("de", "EUR", "1.234,50\u{A0}€"),
        ("en", "EUR", "€1,234.50"),
        ("et", "EUR", "1\u{A0}234,50\u{A0}€"),
        ("tr", "TRY", "₺1.234,50"),
        ("en-US", "USD", "$1,234.50"),
        ("de-CH", "CHF", "CHF\u{A0}1’234.50"),
    ])
    func formatsCurrency(_ locale: String, _ code: String, _ expected: String) {
        #expect(LocaleFormatter(locale: locale).currency(1234.5, code: code) == expected)
    }

    @Test(arguments: [
        ("de", DateStyle.short, "12.03.26"), ("de", .medium, "12.03.2026"), ("de", .long, "12. März 2026"),
        ("en", .short, "3/12/26"), ("en", .long, "March 12, 2026"),
        ("et", .short, "12.03.26"), ("et", .long, "12. märts 2026"),
        ("tr", .short, "12.03.2026"), ("tr", .long, "12 Mart 2026"),
    ])
    func formatsDates(_ locale: String, _ style: DateStyle, _ expected: String) {
        let formatter = LocaleFormatter(locale: locale)
        #expect(formatter.date(Self.moment, style: style, timeZone: "Europe/Berlin") == expected)
    }

    @Test(arguments: [
        ("de", "Europe/Berlin", "14:05"), ("en", "America/New_York", "9:05\u{202F}AM"),
        ("et", "Europe/Tallinn", "15:05"), ("tr", "Europe/Istanbul", "16:05"),
    ])
    func formatsTimesInTheirZone(_ locale: String, _ zone: String, _ expected: String) {
        #expect(LocaleFormatter(locale: locale).time(Self.moment, style: .short, timeZone: zone) == expected)
    }

    @Test func formatsDateAndTime() {
        let text = LocaleFormatter(locale: "de").dateTime(
            Self.moment, dateStyle: .short, timeStyle: .short, timeZone: "Europe/Berlin")
        #expect(text == "12.03.26, 14:05")
        #expect(
            LocaleFormatter(locale: "tr").dateTime(Self.moment, style: .short, timeZone: "Europe/Istanbul")
                == "12.03.2026 16:05")
    }

    @Test(arguments: [
        ("de", "09:00–17:00 Uhr"), ("en", "09:00\u{2009}–\u{2009}17:00"), ("et", "09:00–17:00"), ("tr", "09:00–17:00"),
    ])
    func formatsBusinessHours(_ locale: String, _ expected: String) {
        let opens = Date(timeIntervalSince1970: 1_773_302_400)  // 2026-03-12T08:00Z = 09:00 in Berlin
        let closes = opens.addingTimeInterval(8 * 3600)
        let text = LocaleFormatter(locale: locale).interval(from: opens, to: closes, timeZone: "Europe/Berlin")
        #expect(text == expected)
    }

    @Test(arguments: [
        ("de", 5.0, "in 5 Minuten"), ("de", -5, "vor 5 Minuten"), ("en", 5, "in 5 minutes"),
        ("et", 5, "5 minuti pärast"), ("tr", 5, "5 dakika sonra"), ("tr", -1, "1 dakika önce"),
    ])
    func formatsRelativeTimes(_ locale: String, _ value: Double, _ expected: String) {
        #expect(LocaleFormatter(locale: locale).relative(value, unit: .minute) == expected)
    }

    @Test(arguments: [
        ("de", "A, B und C"), ("en", "A, B, and C"), ("et", "A, B ja C"), ("tr", "A, B ve C"),
    ])
    func formatsLists(_ locale: String, _ expected: String) {
        #expect(LocaleFormatter(locale: locale).list(["A", "B", "C"]) == expected)
    }

    @Test func formatsShortAndOrLists() {
        let de = LocaleFormatter(locale: "de")
        #expect(de.list([]) == "")
        #expect(de.list(["Tee"]) == "Tee")
        #expect(de.list(["Tee", "Kaffee"], kind: .or) == "Tee oder Kaffee")
    }

    @Test func unknownLocaleFallsBackToRoot() {
        let unknown = LocaleFormatter(locale: "xx")
        #expect(!unknown.hasLocaleData)
        #expect(LocaleFormatter(locale: "et-EE").hasLocaleData)
        #expect(LocaleFormatter(locale: "et-EE").locale == "et_EE")
        #expect(unknown.locale == "root")
        #expect(unknown.number(1234.5) == "1,234.5")
    }

    @Test func knowsTimeZones() {
        #expect(LocaleFormatter.isKnownTimeZone("Europe/Tallinn"))
        #expect(!LocaleFormatter.isKnownTimeZone("Mars/Olympus_Mons"))
    }

    @Test func formatsFromManyTasksAtOnce() async {
        let de = LocaleFormatter(locale: "de")
        let texts = await withTaskGroup(of: String.self) { group in
            for value in 0..<64 { group.addTask { de.currency(Double(value), code: "EUR") } }
            return await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(texts.count == 64)
        #expect(texts.contains("63,00\u{A0}€"))
    }
}
