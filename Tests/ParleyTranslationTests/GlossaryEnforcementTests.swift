import ParleyText
import Testing

@testable import ParleyTranslation

@Suite struct InflectionMatchingTests {
    func matched(_ text: String, _ language: LanguageCode) throws -> [String] { try glossaryMatches(text, language) }

    @Test(arguments: [
        ("Im Warenkorb liegen zwei Gutscheine", ["cart", "voucher"]),
        ("Die Bestellungen und Rechnungen", ["order", "invoice"]),
        ("Das Rücksendeetiketten-Paket", ["return_label", "parcel"]),
    ])
    func german(_ text: String, _ expected: [String]) throws { #expect(try matched(text, .german) == expected) }

    @Test(arguments: [
        ("Your orders and the cart's invoices", ["order", "cart", "invoice"]),
        ("Two deliveries, one RETURN LABEL", ["delivery", "return_label"]),
        ("a parley is not our product", [String]()),
    ])
    func english(_ text: String, _ expected: [String]) throws { #expect(try matched(text, .english) == expected) }

    @Test(arguments: [
        ("Teie tellimusele lisati arve", ["order", "invoice"]),
        ("Ostukorvis on kaks tellimust", ["cart", "order"]),
        ("Arvete ja tarnete kohta", ["invoice", "delivery"]),
    ])
    func estonian(_ text: String, _ expected: [String]) throws { #expect(try matched(text, .estonian) == expected) }

    @Test(arguments: [
        ("Siparişiniz sepetinizde duruyor", ["order", "cart"]),
        ("Faturalar ve SİPARİŞLER", ["invoice", "order"]),
        ("Parley'e yazın, kolide ne var", ["brand_parley", "parcel"]),
        ("İade etiketini indirin", ["return_label"]),
        ("Kargo ücretinde indirim kodu", ["shipping_costs", "discount_code"]),
    ])
    func turkish(_ text: String, _ expected: [String]) throws { #expect(try matched(text, .turkish) == expected) }

    @Test func turkishHarmonyRejectsWrongVowels() {
        #expect(Inflection.forms(of: "sepet", in: .turkish).contains("sepette"))
        #expect(!Inflection.forms(of: "sepet", in: .turkish).contains("sepetta"))
        #expect(Inflection.forms(of: "sipariş", in: .turkish).contains("siparişten"))
        #expect(Inflection.forms(of: "fatura", in: .turkish).contains("faturaya"))
        #expect(Inflection.forms(of: "kredi kartı", in: .turkish).isEmpty == false)
    }
}

@Suite struct GlossaryEnforcementTests {
    /// An engine that knows no terminology: it "translates" by tagging the text, keeping placeholders.
    static func naive(_ style: PlaceholderStyle = .brackets) -> ScriptedTranslator {
        ScriptedTranslator("naive", style: style) { text, pair in
            TranslatedSegment(text: "[\(pair.target)] " + text, quality: .machine)
        }
    }

    @Test(arguments: allDirections)
    func targetTermAppearsInEveryDirection(_ pair: LanguagePair) async throws {
        let glossary = try shopGlossary()
        let translator = MaskingTranslator(wrapping: GlossaryEnforcingTranslator(wrapping: Self.naive(.xml)))
        for concept in ["cart", "invoice", "return_label", "order"] {
            let entry = glossary.entries.first { $0.conceptID == concept }!
            let source = "x " + entry.terms[pair.source]! + " #12345 y"
            let result = try await translator.translate(
                TranslationRequest(segments: [source], pair: pair, glossary: glossary))
            #expect(result.segments[0].text == "[\(pair.target)] x " + entry.terms[pair.target]! + " #12345 y")
            #expect(result.diagnostics.glossaryHits == [concept])
        }
    }

    @Test func draftEntriesAreNotEnforced() async throws {
        let glossary = try shopGlossary()
        let translator = GlossaryEnforcingTranslator(wrapping: Self.naive())
        let result = try await translator.translate(
            TranslationRequest(segments: ["Geschenkverpackung"], pair: deEN, glossary: glossary))
        #expect(result.segments[0].text == "[en] Geschenkverpackung")
        #expect(result.diagnostics.glossaryHits.isEmpty)
    }

    @Test func untranslatedSegmentsKeepTheSourceTerm() async throws {
        let glossary = try shopGlossary()
        let refusing = ScriptedTranslator("refusing") { text, _ in TranslatedSegment(text: text, quality: .untranslated)
        }
        let result = try await GlossaryEnforcingTranslator(wrapping: refusing).translate(
            TranslationRequest(segments: ["Ihr Warenkorb"], pair: deEN, glossary: glossary))
        #expect(result.segments[0] == TranslatedSegment(text: "Ihr Warenkorb", quality: .untranslated))
    }

    @Test func nativeGlossaryEnginesAreCheckedAndCorrected() async throws {
        let glossary = try shopGlossary()
        struct Native: Translator {
            var name: String { "native" }
            func supports(_ pair: LanguagePair) -> Bool { true }
            func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool { true }
            func translate(_ request: TranslationRequest) async throws -> TranslationResult {
                let segments = request.segments.map { text in
                    TranslatedSegment(
                        text: text.replacing("Rechnung", with: "invoice").replacing("Warenkorb", with: "basket"),
                        quality: .machine)
                }
                return TranslationResult(segments: segments, engine: name, duration: .zero)
            }
        }
        let result = try await GlossaryEnforcingTranslator(wrapping: Native()).translate(
            TranslationRequest(segments: ["Rechnung da", "Warenkorb leer"], pair: deEN, glossary: glossary))
        #expect(result.segments.map(\.text) == ["invoice da", "cart leer"])
    }
}
