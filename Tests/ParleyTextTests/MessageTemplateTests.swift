import FoundationEssentials
import ParleyText
import Testing

@Suite struct MessageTemplateTests {
    static let cart: [(String, String)] = [
        ("de", "{count, plural, one {# Artikel} other {# Artikel}} im Warenkorb"),
        ("en", "{count, plural, one {# item} other {# items}} in your cart"),
        ("et", "{count, plural, one {# toode} other {# toodet}} ostukorvis"),
        ("tr", "Sepetinizde {count, plural, one {# ürün} other {# ürün}} var"),
    ]

    @Test(arguments: [
        ("de", 1.0, "1 Artikel im Warenkorb"), ("de", 3, "3 Artikel im Warenkorb"),
        ("en", 1, "1 item in your cart"), ("en", 1234, "1,234 items in your cart"),
        ("et", 1, "1 toode ostukorvis"), ("et", 5, "5 toodet ostukorvis"),
        ("tr", 2, "Sepetinizde 2 ürün var"),
    ])
    func formatsPlurals(_ locale: String, _ count: Double, _ expected: String) throws {
        let pattern = try #require(Self.cart.first { $0.0 == locale }?.1)
        let template = try MessageTemplate(pattern: pattern, locale: locale)
        #expect(try template.format(["count": .number(count)]) == expected)
    }

    @Test func formatsSelectAndStrings() throws {
        let template = try MessageTemplate(
            pattern: "{role, select, operator {{name} vom Support} other {{name}}} schreibt …", locale: "de")
        #expect(
            try template.format(["role": .string("operator"), "name": .string("Jüri")]) == "Jüri vom Support schreibt …"
        )
        #expect(try template.format(["role": .string("visitor"), "name": .string("Ayşe")]) == "Ayşe schreibt …")
    }

    @Test func formatsNumbersAndDatesInTheLocale() throws {
        let moment = Date(timeIntervalSince1970: 1_773_320_700)  // 2026-03-12T13:05Z
        let de = try MessageTemplate(
            pattern: "Bestellt am {when, date, medium} um {when, time, short}: {total, number, :: currency/EUR}",
            locale: "de", timeZone: "Europe/Berlin")
        #expect(
            try de.format(["when": .date(moment), "total": .number(19.99)])
                == "Bestellt am 12.03.2026 um 14:05: 19,99\u{A0}€")
        let tr = try MessageTemplate(pattern: "{when, date, long}", locale: "tr", timeZone: "Europe/Istanbul")
        #expect(try tr.format(["when": .date(moment)]) == "12 Mart 2026")
    }

    @Test func listsItsArguments() throws {
        let template = try MessageTemplate(
            pattern: "{a} {n, plural, one {{b}} other {{c} #}} {0}", locale: "en")
        #expect(template.argumentNames == ["0", "a", "b", "c", "n"])
    }

    @Test(arguments: [
        "{count, plural, one {# Artikel} other {# Artikel}",
        "Hallo {name",
        "{n, plural, one {x}}",
        "{n, select, a {x}}",
        "{n, blargh}",
    ])
    func rejectsMalformedPatterns(_ pattern: String) {
        do {
            _ = try MessageTemplate(pattern: pattern, locale: "de")
            Issue.record("compiled a malformed pattern")
        } catch {
            #expect(error.code == .malformedPattern)
            #expect(error.underlying?.name.hasPrefix("U_") == true)
            #expect(error.message.hasPrefix("Template pattern is malformed"))
        }
    }

    @Test func reportsWhereThePatternBreaks() {
        do {
            _ = try MessageTemplate(pattern: "Hallo {name, number, integer} und {oops, plural, one {x}", locale: "de")
            Issue.record("compiled a malformed pattern")
        } catch {
            #expect(error.offset != nil)
            #expect(error.message.contains("offset"))
        }
    }

    @Test func rejectsMissingArguments() throws {
        let template = try MessageTemplate(pattern: "Hallo {name}, {count, number} neue Nachrichten", locale: "de")
        do {
            _ = try template.format(["name": .string("Mari")])
            Issue.record("formatted with an argument missing")
        } catch {
            #expect(error.code == .missingArgument)
            #expect(error.message == "Template argument 'count' is missing.")
        }
    }

    @Test func unknownLocaleFormatsWithRootNotTheMachineDefault() throws {
        let template = try MessageTemplate(pattern: "{n, number}", locale: "xx")
        #expect(template.locale == "root")
        #expect(try template.format(["n": .number(1234.5)]) == "1,234.5")
        #expect(try MessageTemplate(pattern: "{n}", locale: "et-EE").locale == "et_EE")
    }

    @Test func reportsArgumentsOfTheWrongKind() throws {
        let template = try MessageTemplate(pattern: "{n, plural, one {# Stück} other {# Stück}}", locale: "de")
        do {
            _ = try template.format(["n": .string("drei")])
            Issue.record("formatted a string as a plural count")
        } catch {
            #expect(error.code == .formattingFailed)
            #expect(error.underlying?.name == "U_ILLEGAL_ARGUMENT_ERROR")
        }
    }

    @Test func formatsConcurrently() async throws {
        let template = try MessageTemplate(
            pattern: "{n, plural, one {# Nachricht} other {# Nachrichten}}", locale: "de")
        let texts = await withTaskGroup(of: String.self) { group in
            for n in 0..<50 { group.addTask { (try? template.format(["n": .number(Double(n))])) ?? "" } }
            return await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(texts.count == 50)
        #expect(texts.contains("1 Nachricht"))
    }
}
