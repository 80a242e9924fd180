import ParleyText
import Testing

@Suite struct ScriptsTests {
    @Test(arguments: [
        ("Wo ist meine Bestellung? 42 🙂", ["Latn"]), ("Straße", ["Latn"]), ("šokolaad õun", ["Latn"]),
        ("siparişim İstanbul", ["Latn"]), ("pаypal", ["Cyrl", "Latn"]), ("Привет", ["Cyrl"]),
        ("Καλημέρα", ["Grek"]), ("123 !?", []), ("東京 Tokyo", ["Hani", "Latn"]),
    ])
    func findsScripts(_ text: String, _ expected: [String]) {
        #expect(Scripts.of(text).identifiers == expected)
    }

    @Test func namesScripts() {
        #expect(Script.latin.name == "Latin")
        #expect(Script.cyrillic.identifier == "Cyrl")
        #expect(Scripts.of("pаypal").isMixed)
    }
}

@Suite struct ConfusableCheckerTests {
    let checker: ConfusableChecker

    init() throws { checker = try ConfusableChecker() }

    @Test(arguments: ["Bestellung", "Straße", "šokolaad", "õun", "siparişim", "İstanbul", "order42", "Привет", "don't"])
    func acceptsOrdinaryWords(_ word: String) {
        #expect(!checker.check(word).isSuspicious, "\(word)")
    }

    @Test(arguments: ["pаypal", "Аmazon", "gοogle", "Straßе"])
    func flagsMixedScriptLookalikes(_ word: String) {
        let verdict = checker.check(word)
        #expect(verdict.isSuspicious)
        #expect(verdict.reasons.contains(.mixedScripts))
    }

    @Test func flagsRepeatedInvisibleMarks() {
        #expect(checker.check("sipari\u{15F}\u{307}\u{307}").reasons.contains(.invisibleCharacters))
        #expect(!checker.check("sipari\u{15F}").reasons.contains(.invisibleCharacters))
    }

    @Test func flagsMixedDigits() {
        #expect(checker.check("12٣4").reasons.contains(.mixedNumbers))
    }

    @Test func skeletonsOfLookalikesMatch() {
        #expect(checker.check("pаypal").skeleton == checker.check("paypal").skeleton)
        #expect(checker.check("straße").skeleton != checker.check("strasse").skeleton)
    }

    @Test(arguments: [
        "straße.de", "şeker.com.tr", "õun.ee", "example.com", "shop.example.co.uk", "xn--strae-oqa.de",
        "пример.рф", "Müller-Shop.DE",
    ])
    func acceptsHonestHosts(_ host: String) {
        let verdict = checker.checkHost(host)
        #expect(!verdict.isSuspicious, "\(host): \(verdict.reasons.rawValue)")
    }

    @Test(arguments: [
        ("pаypal.com", ConfusableVerdict.Reasons.mixedScripts), ("xn--pypal-4ve.com", .mixedScripts),
        ("аррӏе.com", .wholeScriptLookalike), ("bad..host", .invalidHost), ("-x-.com", .invalidHost),
    ])
    func flagsSuspiciousHosts(_ host: String, _ reason: ConfusableVerdict.Reasons) {
        let verdict = checker.checkHost(host)
        #expect(verdict.reasons.contains(reason), "\(host): \(verdict.reasons.rawValue)")
    }

    @Test func decodesPunycodeHosts() {
        #expect(checker.checkHost("xn--pypal-4ve.com").scripts.identifiers == ["Cyrl", "Latn"])
    }

    @Test func checksFromManyTasks() async {
        let checker = self.checker
        let flagged = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask { checker.checkHost(index.isMultiple(of: 2) ? "pаypal.com" : "paypal.com").isSuspicious }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(flagged == 32)
    }
}
