import ParleyText
import Testing

@testable import ParleyTranslation

@Suite struct SpanMaskerTests {
    let masker = SpanMasker()

    func spans(_ text: String, glossary: Glossary? = nil) -> [String] {
        let dnt = glossary.map { g in GlossaryMatcher(glossary: g, language: "de") { $0.doNotTranslate } }
        return masker.spans(in: Array(text), doNotTranslate: dnt).map { "\($0.1.kind):\($0.1.original)" }
    }

    @Test(arguments: [
        ("Siehe https://shop.example.com/a?b=1.", "url:https://shop.example.com/a?b=1"),
        ("Schreib an anna.berg@example.co.uk, danke", "email:anna.berg@example.co.uk"),
        ("Bestellung #12345 ist da", "id:#12345"),
        ("Fall A-2024-0042 offen", "id:A-2024-0042"),
        ("Konto DE12-3456 gesperrt", "id:DE12-3456"),
        ("Nummer 987654321 bitte", "id:987654321"),
        ("Das kostet 19,99 € heute", "price:19,99 €"),
        ("It costs $5.00 now", "price:$5.00"),
        ("Toplam ₺1.234,50 oldu", "price:₺1.234,50"),
        ("Nur 25 EUR!", "price:25 EUR"),
        ("Run `swift build` now", "code:`swift build`"),
        ("Danke 👍🏽 sehr", "emoji:👍🏽"),
        ("Frag @anna_b bitte", "mention:@anna_b"),
        ("Flagge 🇪🇪 hier", "emoji:🇪🇪"),
        ("Besuch www.example.org.", "url:www.example.org"),
    ])
    func detectsEachKind(_ text: String, _ expected: String) {
        #expect(spans(text) == [expected])
    }

    @Test(arguments: [
        "Wir haben 2024 viel verkauft", "Das ist 3-4 Tage", "Hallo, wie geht's?", "Am 12.03.2026 um 10 Uhr",
    ])
    func leavesOrdinaryTextAlone(_ text: String) {
        #expect(spans(text).isEmpty)
    }

    @Test func masksDoNotTranslateTermsCaseSensitively() throws {
        let glossary = try shopGlossary()
        #expect(spans("Parley hilft, SwiftCart auch", glossary: glossary) == ["dnt:Parley", "dnt:SwiftCart"])
        #expect(spans("eine parley ist kein Produkt", glossary: glossary).isEmpty)
        #expect(spans("Mit swiftcart bezahlen", glossary: glossary) == ["dnt:swiftcart"])
    }

    @Test(arguments: [PlaceholderStyle.brackets, .xml])
    func roundTripsAndEscapes(_ style: PlaceholderStyle) throws {
        let text = "Order #12345 <b> & 19,99 € at https://x.example/a&b"
        let masked = masker.mask(text, style: style)
        #expect(masked.spans.count == 3)
        if style == .xml {
            #expect(masked.text == "Order <x id=\"1\"/> &lt;b&gt; &amp; <x id=\"2\"/> at <x id=\"3\"/>")
        } else {
            #expect(masked.text == "Order ⟦1⟧ <b> & ⟦2⟧ at ⟦3⟧")
        }
        #expect(try masker.unmask(masked.text, masked, style: style, engine: "t") == text)
    }

    @Test func acceptsEngineVariantsOfTags() throws {
        let masked = masker.mask("Nr. #12345 und #67890 ok", style: .xml)
        let output = "No. <x id='2'></x> and <X id=\"1\" /> ok"
        #expect(try masker.unmask(output, masked, style: .xml, engine: "t") == "No. #67890 and #12345 ok")
    }

    @Test func protectsLiteralBracketsTypedBySender() throws {
        let masked = masker.mask("Taste ⟦ drücken ⟧", style: .brackets)
        #expect(!masked.text.contains("⟦ ") && masked.spans.count == 2)
        #expect(try masker.unmask(masked.text, masked, style: .brackets, engine: "t") == "Taste ⟦ drücken ⟧")
    }

    @Test(arguments: [
        ("Order ⟦2⟧", "missing"), ("Order ⟦1⟧ ⟦1⟧ ⟦2⟧", "twice"), ("Order ⟦1⟧ ⟦3⟧ ⟦2⟧", "unknown"),
        ("Order ⟦1 ⟦2⟧", "unknown"), ("Order ⟦2⟧ ⟦1⟧", "swapped"),
    ])
    func detectsTampering(_ output: String, _ kind: String) {
        let masked = masker.mask("Bestellung #111 #222", style: .brackets)
        #expect(masked.text == "Bestellung ⟦1⟧ ⟦2⟧")
        #expect(throws: TranslationError(.brokenPlaceholders, engine: "", message: "")) {
            try masker.unmask(output, masked, style: .brackets, engine: "t")
        }
    }

    @Test func keepsLegitimateReorderingOfDistantSpans() throws {
        let masked = masker.mask("Paket #111 kommt am Montag, Rechnung #222 folgt", style: .brackets)
        let output = "Invoice ⟦2⟧ follows, parcel ⟦1⟧ arrives Monday"
        #expect(
            try masker.unmask(output, masked, style: .brackets, engine: "t")
                == "Invoice #222 follows, parcel #111 arrives Monday")
    }
}
