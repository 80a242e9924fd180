import ParleyText
import Testing

@testable import ParleyTranslation

/// The phrasebook as `parley serve` runs it: behind `GlossaryEnforcingTranslator` with the shop glossary, which
/// checks every reviewed translation for the glossary's target terms. Reviewed phrases whose terms appear inflected
/// (Turkish possessives and cases, Estonian cases, German and English plurals) must pass the check in both roles —
/// the source term inflected, the target term inflected — and a phrase whose translation lacks a term must not.
@Suite struct PhrasebookGlossaryTests {
    static let enforced = GlossaryEnforcingTranslator(wrapping: PhrasebookFixtures.translator)

    func translate(_ text: String, _ source: LanguageCode, _ target: LanguageCode) async throws -> TranslatedSegment {
        let request = TranslationRequest(
            segments: [text], pair: LanguagePair(source, target), glossary: try shopGlossary())
        return try await Self.enforced.translate(request).segments[0]
    }

    @Test(arguments: [
        // tr target: possessive + accusative (sipariş-iniz-i), possessive after a vowel (şifre-m-i).
        ("Ich habe Ihre Bestellung gefunden.", "de", "tr", "Siparişinizi buldum."),
        ("I forgot my password.", "en", "tr", "Şifremi unuttum."),
        // et target: genitive (tellimus-e), plural partitive (tellimus-i).
        ("Wir haben Ihre Bestellung erhalten.", "de", "et", "Oleme teie tellimuse kätte saanud."),
        ("I forgot my password.", "en", "et", "Unustasin oma parooli."),
        // de target: plural (Bestellung-en), genitive (Passwort-s) — the source inflected too.
        ("Siparişlerinizi hesabınızda \"Siparişlerim\" bölümünde görebilirsiniz.", "tr", "de",
         "Ihre Bestellungen sehen Sie in Ihrem Kundenkonto unter „Meine Bestellungen“."),
        // en target: plural (parcel-s) from a German dative plural (Paket-en).
        ("Ihre Bestellung wird in zwei Paketen geliefert.", "de", "en", "Your order will be delivered in two parcels."),
        // tr and et sources inflected.
        ("Siparişinizi buldum.", "tr", "en", "I have found your order."),
        ("Leidsin teie tellimuse.", "et", "de", "Ich habe Ihre Bestellung gefunden."),
    ] as [(String, LanguageCode, LanguageCode, String)])
    func inflectedTermsPassTheGlossaryCheck(
        _ text: String, _ source: LanguageCode, _ target: LanguageCode, _ expected: String
    ) async throws {
        let result = try await translate(text, source, target)
        #expect(result.text == expected)
        #expect(result.quality == .exact)
    }

    /// `iptal edebilir` and `Can I ... order` are verbs: the glossary's nouns `cancellation` and `order` are not
    /// asked of the translation, which rightly has a verb. The noun beside them still is.
    @Test func verbUsesOfNounTermsAreNotEnforced() async throws {
        let result = try await translate("Siparişimi iptal edebilir miyim?", "tr", "de")
        #expect(result.text == "Kann ich meine Bestellung stornieren?")
        #expect(result.quality == .exact)
    }

    @Test func aTranslationLackingATermIsStillRefused() async throws {
        // A phrasebook whose reviewed English says "package" where the glossary says "parcel".
        let directory = try PhrasebookFixtures.directory(with: [
            "test.tsv": "id\tde\ten\tet\ttr\nx.parcel\tDas Paket ist da.\tThe package is here.\tPakk on kohal.\tKoli geldi.\n"
        ])
        defer { PhrasebookFixtures.remove(directory) }
        let translator = GlossaryEnforcingTranslator(wrapping: try PhrasebookTranslator(directory: directory))
        let request = TranslationRequest(
            segments: ["Das Paket ist da."], pair: LanguagePair("de", "en"), glossary: try shopGlossary())
        let result = try await translator.translate(request).segments[0]
        #expect(result.quality == .untranslated)
        let plain = try PhrasebookTranslator(directory: directory).translate("Das Paket ist da.", pair: .init("de", "en"))
        #expect(plain.text == "The package is here.")
    }
}

@Suite struct VerbUseTests {
    func matched(_ text: String, _ language: LanguageCode) throws -> [String] { try glossaryMatches(text, language) }

    @Test(arguments: [
        ("Can I order by phone?", [String]()),
        ("I want to order a second one", []),
        ("You can also order as a guest", []),
        ("Where is my order?", ["order"]),
        ("The order and the orders", ["order", "order"]),
    ])
    func english(_ text: String, _ expected: [String]) throws { #expect(try matched(text, .english) == expected) }

    @Test(arguments: [
        ("Siparişimi iptal etmek istiyorum", ["order"]),
        ("İptal edildi", []),
        ("Telefonla sipariş verebilir miyim?", []),
        ("İptal onaylandı, siparişiniz yolda", ["cancellation", "order"]),
        ("İade etiketini indirin", ["return_label"]),
    ])
    func turkish(_ text: String, _ expected: [String]) throws { #expect(try matched(text, .turkish) == expected) }

    @Test func turkishPossessivesAfterAVowelAndInCompounds() {
        let password = Inflection.forms(of: "şifre", in: .turkish)
        #expect(password.contains("şifremi") && password.contains("şifreniz") && !password.contains("şifreimi"))
        let refund = Inflection.forms(ofLastWord: "iadesi", in: .turkish)
        #expect(refund.contains("iadeniz") && refund.contains("iadenizi") && refund.contains("iadesini"))
        #expect(Inflection.forms(ofLastWord: "hesabı", in: .turkish).contains("hesabınızda"))
    }
}

@Suite struct PhrasebookGlossaryRetryTests {
    /// When a reviewed translation lacks a term, the retry with the term masked must not let the phrasebook put the
    /// term's placeholder into a value slot (`{number}`): that would be a made-up text labelled `exact`.
    @Test func aTermNeverFillsAValueSlot() async throws {
        let translator = GlossaryEnforcingTranslator(wrapping: PhrasebookFixtures.translator)
        let request = TranslationRequest(
            segments: ["Takip numaranız 00340434161094042557."], pair: LanguagePair("tr", "de"),
            glossary: try shopGlossary())
        let result = try await translator.translate(request).segments[0]
        #expect(result.quality == .untranslated)
        #expect(result.text == "Takip numaranız 00340434161094042557.")
    }
}
