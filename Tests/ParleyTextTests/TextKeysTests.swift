import ParleyText
import Testing

@Suite struct TextKeysTests {
    @Test(arguments: [
        ("Straße", "STRASSE"),
        ("Größe", "GRÖSSE"),
        ("ﬁle", "FILE"),
        ("Ｐａｒｌｅｙ", "parley"),
        ("ŠOKOLAAD", "šokolaad"),
        ("Cafe\u{301}", "CAFÉ"),
    ])
    func comparisonKeysMatchVariants(_ lhs: String, _ rhs: String) {
        #expect(TextKeys.comparisonKey(lhs) == TextKeys.comparisonKey(rhs))
    }

    @Test func comparisonKeyKeepsDiacritics() {
        #expect(TextKeys.comparisonKey("õun") == "õun")
        #expect(TextKeys.comparisonKey("Şeker") == "şeker")
        #expect(TextKeys.comparisonKey("õun") != TextKeys.comparisonKey("oun"))
    }

    @Test(arguments: [
        ("siparişim", "siparisim"),
        ("Straße", "strasse"),
        ("õun", "oun"),
        ("İstanbul", "istanbul"),
        ("ISTANBUL", "istanbul"),
        ("ıstanbul", "istanbul"),
        ("Müller", "muller"),
        ("ŽÜRII", "zurii"),
        ("Çağrı", "cagri"),
        ("København", "kobenhavn"),
        ("order 42", "order 42"),
    ])
    func foldedKeysDropDiacritics(_ text: String, _ expected: String) {
        #expect(TextKeys.foldedKey(text) == expected)
    }
}

@Suite struct CaseMappingTests {
    @Test(
        arguments: [
            ("istanbul", "tr", "İSTANBUL"),
            ("ılık", "tr", "ILIK"),
            ("istanbul", "en", "ISTANBUL"),
            ("Straße", "de", "STRASSE"),
            ("šokolaad ja õun", "et", "ŠOKOLAAD JA ÕUN"),
            ("Bestellung", "de", "BESTELLUNG"),
        ] as [(String, LanguageCode, String)])
    func uppercases(_ text: String, _ language: LanguageCode, _ expected: String) {
        #expect(CaseMapping.uppercased(text, language: language) == expected)
    }

    @Test(
        arguments: [
            ("ISPARTA", "tr", "ısparta"),
            ("İZMİR", "tr", "izmir"),
            ("ISPARTA", "en", "isparta"),
            ("ŠOKOLAAD ÕUN ŽÜRII", "et", "šokolaad õun žürii"),
            ("GRÜSSE", "de", "grüsse"),
        ] as [(String, LanguageCode, String)])
    func lowercases(_ text: String, _ language: LanguageCode, _ expected: String) {
        #expect(CaseMapping.lowercased(text, language: language) == expected)
    }

    @Test func titlecasesByLanguage() {
        #expect(CaseMapping.titlecased("istanbul'a hoş geldiniz", language: "tr") == "İstanbul'a Hoş Geldiniz")
        #expect(CaseMapping.titlecased("ilus õhtu", language: "et") == "Ilus Õhtu")
    }

    @Test func roundTripsTurkishDottedAndDotless() {
        for word in ["ılık", "iğne", "kırmızı", "şişe"] {
            let upper = CaseMapping.uppercased(word, language: .turkish)
            #expect(CaseMapping.lowercased(upper, language: .turkish) == word)
        }
    }
}
