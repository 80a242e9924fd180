import ParleyText
import Testing

@Suite struct LanguageNegotiatorTests {
    let negotiator = LanguageNegotiator(supported: [.german, .english, .estonian, .turkish], defaultLanguage: .english)

    @Test(
        arguments: [
            ("et-EE,et;q=0.9,en;q=0.8", "et"),
            ("de-AT", "de"),
            ("de-CH, de;q=0.9, en;q=0.5", "de"),
            ("tr-TR,tr;q=0.9,en-US;q=0.8,en;q=0.7", "tr"),
            ("fr-FR,fr;q=0.9,de;q=0.7,en;q=0.6", "de"),
            ("en;q=0.5, et;q=0.8", "et"),
            ("en-GB;q=0.8, tr;q=0.8", "en"),
            ("DE", "de"),
            ("de;q=0, et", "et"),
            ("*", "en"),
            ("*;q=0.5, fr", "en"),
            ("", "en"),
            ("fr, es, ja", "en"),
            (";;;,,,q=1", "en"),
            ("de;q=abc, et;q=0.5", "et"),
            ("de;q=1.5", "en"),
            ("x-klingon, i-default", "en"),
        ] as [(String, LanguageCode)])
    func negotiatesAcceptLanguage(_ header: String, _ expected: LanguageCode) {
        #expect(negotiator.negotiate(acceptLanguage: header) == expected)
    }

    @Test(
        arguments: [
            (["et-EE", "en-US"], "et"), (["fr-FR", "de-AT", "en"], "de"), (["tr"], "tr"), ([], "en"),
            (["ru", "uk"], "en"),
            (["  en-GB "], "en"),
        ] as [([String], LanguageCode)])
    func negotiatesBrowserLanguageLists(_ preferences: [String], _ expected: LanguageCode) {
        #expect(negotiator.negotiate(preferences: preferences) == expected)
    }

    @Test func usesTheSiteDefault() {
        let estonianShop = LanguageNegotiator(supported: [.estonian, .english], defaultLanguage: .estonian)
        #expect(estonianShop.negotiate(acceptLanguage: "de-DE,de;q=0.9") == .estonian)
        #expect(estonianShop.negotiate(acceptLanguage: "de-DE,en;q=0.1") == .english)
    }

    @Test func boundsHugeHeaders() {
        let header = String(repeating: "fr;q=0.9,", count: 10_000) + "de"
        #expect(negotiator.negotiate(acceptLanguage: header) == .english)
    }
}
