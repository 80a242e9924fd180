import FoundationEssentials
import ParleyText
import Testing

@Suite struct LocaleParsingTests {
    @Test(arguments: [
        ("de", "1.234,5", 1234.5), ("de", " 19,99 ", 19.99), ("en", "1,234.5", 1234.5), ("en", "-3", -3),
        ("et", "1\u{A0}234,5", 1234.5), ("et", "12,5", 12.5), ("tr", "1.234,5", 1234.5),
    ])
    func parsesNumbers(_ locale: String, _ text: String, _ expected: Double) {
        #expect(LocaleFormatter(locale: locale).parseNumber(text) == expected)
    }

    @Test(arguments: [("de", "12abc"), ("en", ""), ("en", "twelve"), ("de", "1,2,3,4"), ("tr", "5 TL ve")])
    func rejectsWhatIsNotEntirelyANumber(_ locale: String, _ text: String) {
        #expect(LocaleFormatter(locale: locale).parseNumber(text) == nil)
    }

    @Test(arguments: [
        ("de", "19,99 €", 19.99, "EUR"), ("de", "19,99\u{A0}€", 19.99, "EUR"), ("de", "1.234,50 €", 1234.5, "EUR"),
        ("de", "19,99 EUR", 19.99, "EUR"), ("de", "19.99 EUR", 19.99, "EUR"), ("de", "EUR 19,99", 19.99, "EUR"),
        ("en", "€1,234.50", 1234.5, "EUR"), ("en", "$5.00", 5, "USD"), ("en", "12.50 GBP", 12.5, "GBP"),
        ("et", "1\u{A0}234,50\u{A0}€", 1234.5, "EUR"), ("et", "12,50 €", 12.5, "EUR"),
        ("tr", "₺1.234,50", 1234.5, "TRY"), ("tr", "250 TRY", 250, "TRY"),
    ])
    func parsesCurrencyAmounts(_ locale: String, _ text: String, _ amount: Double, _ code: String) {
        let parsed = LocaleFormatter(locale: locale).parseCurrency(text)
        #expect(parsed?.amount == amount)
        #expect(parsed?.currency == code)
    }

    @Test(arguments: [("de", "19,99"), ("en", "five dollars"), ("de", "€"), ("en", "12.50 gbp")])
    func rejectsWhatIsNotAnAmount(_ locale: String, _ text: String) {
        #expect(LocaleFormatter(locale: locale).parseCurrency(text) == nil)
    }

    @Test func formattedAmountsParseBack() {
        for (locale, code) in [("de", "EUR"), ("en", "USD"), ("et", "EUR"), ("tr", "TRY")] {
            let formatter = LocaleFormatter(locale: locale)
            let parsed = formatter.parseCurrency(formatter.currency(4321.25, code: code))
            #expect(parsed?.amount == 4321.25, "\(locale)")
            #expect(parsed?.currency == code, "\(locale)")
        }
    }

    /// 2026-03-12T00:00 in the given zone.
    @Test(arguments: [
        ("de", "12.03.2026", "Europe/Berlin", 1_773_270_000.0), ("de", "12.03.26", "Europe/Berlin", 1_773_270_000),
        ("et", "12.03.2026", "Europe/Tallinn", 1_773_266_400), ("tr", "12.03.2026", "Europe/Istanbul", 1_773_262_800),
        ("en", "3/12/2026", "UTC", 1_773_273_600), ("en", "2026-03-12", "UTC", 1_773_273_600),
        ("de", "2026-03-12", "UTC", 1_773_273_600),
    ])
    func parsesNumericDates(_ locale: String, _ text: String, _ zone: String, _ seconds: Double) {
        let parsed = LocaleFormatter(locale: locale).parseDate(text, timeZone: zone)
        #expect(parsed == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: [
        ("de", "32.03.2026"), ("en", "13/45/2026"), ("de", "morgen"), ("tr", "12.03.2026 ve"), ("en", ""),
    ])
    func rejectsWhatIsNotADate(_ locale: String, _ text: String) {
        #expect(LocaleFormatter(locale: locale).parseDate(text, timeZone: "UTC") == nil)
    }
}
