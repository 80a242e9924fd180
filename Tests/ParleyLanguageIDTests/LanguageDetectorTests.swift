import Foundation
import ParleyLanguageID
import ParleyText
import Testing

@Suite("Language detector")
struct LanguageDetectorTests {
    let detector = Fixtures.detector

    @Test(
        "Short, accentless and mixed messages",
        arguments: [
            ("danke", "de"), ("Dankeschön!", "de"), ("aitäh", "et"), ("aitah", "et"), ("teşekkürler", "tr"),
            ("tesekkurler", "tr"), ("ok thanks", "en"), ("thank you", "en"), ("tere, kas saate aidata?", "et"),
            ("siparisim nerede", "tr"), ("siparişim nerede?", "tr"), ("Straße", "de"), ("Strasse bitte", "de"),
            ("iPhone 15 Pro siparişim nerede", "tr"), ("minu MacBook ei lae", "et"),
            ("Ich möchte mein AirPods Case zurückgeben", "de"), ("kus mu pakk on", "et"),
            ("Wo bleibt mein Paket?", "de"), ("where is my parcel", "en"), ("kargom nerede kaldı", "tr"),
            ("ISTANBUL'DA MISINIZ", "tr"), ("DANKE SCHÖN", "de"), ("tänan väga", "et"), ("mochte stornieren", "de"),
        ])
    func shortMessages(text: String, expected: String) {
        let detection = detector.detect(text)
        #expect(detection.language == LanguageCode(rawValue: expected), "\(text): \(detection.guesses)")
    }

    @Test(
        "Text without language is und",
        arguments: [
            "ok", "OK!", "👍", "👍👍 🙏", "#12345", "12345", "https://example.com/orders?id=77", "www.example.com",
            "info@example.com", "12.03.2025 14:00", "", "   ", "ok 👍", "lol", "A12B-7781", "+372 5555 1234", "?!",
            "shop.de",
        ])
    func undetermined(text: String) {
        let detection = detector.detect(text)
        #expect(detection.isUndetermined, "\(text): \(detection.guesses)")
        #expect(detection.language == .undetermined)
        #expect(detection.confidence == 1)
    }

    @Test("Guesses rank every language and sum to 1")
    func calibratedDistribution() {
        let detection = detector.detect("kas see on laos?")
        #expect(detection.guesses.count == 4)
        #expect(abs(detection.guesses.map(\.confidence).reduce(0, +) - 1) < 1e-9)
        #expect(zip(detection.guesses, detection.guesses.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
        #expect(detection.language == "et")
        #expect(detection.logits.count == 4)
    }

    @Test("Language and order numbers inside text are ignored, the words decide")
    func codesInsideText() {
        #expect(detector.detect("Bestellung #A12345 ist nicht da").language == "de")
        #expect(detector.detect("sipariş no 4711 https://shop.example.com/track").language == "tr")
    }

    @Test("Explanations name the deciding words and their source")
    func explanation() throws {
        let detection = detector.explain("siparisim nerede")
        #expect(detection.language == "tr")
        let top = try #require(detection.evidence.first)
        #expect(["siparisim", "nerede"].contains(top.word))
        #expect(top.favours == "tr")
        #expect(top.fromLexicon)
        #expect(top.scores.count == 4)
        #expect(detector.detect("siparisim nerede").evidence.isEmpty)
    }

    @Test("The fast path agrees with detect")
    func classifyAgrees() throws {
        for (_, text) in try Fixtures.developmentSet().prefix(200) {
            var copy = text
            let fast = copy.withUTF8 { detector.classify(utf8: $0) }
            let full = detector.detect(text)
            #expect(fast.language.map { detector.languages[$0] } ?? .undetermined == full.language)
            #expect(abs(Double(fast.confidence) - full.confidence) < 1e-4)
        }
    }

    @Test("A smaller language set chooses only among its languages")
    func languageSubset() throws {
        let pair = try LanguageDetector(profileDirectory: Fixtures.profileDirectory, languages: ["de", "tr"])
        #expect(pair.languages == ["de", "tr"])
        #expect(pair.detect("aitäh").guesses.map(\.language).sorted() == ["de", "tr"])
        #expect(pair.detect("siparisim nerede").language == "tr")
    }

    @Test("Unknown languages and missing profiles are reported")
    func errors() {
        #expect(throws: LanguageIDError(.unknownLanguage, "")) {
            try LanguageDetector(profileDirectory: Fixtures.profileDirectory, languages: ["de", "xx"])
        }
        #expect(throws: LanguageIDError(.badLanguageSet, "")) {
            try LanguageDetector(profileDirectory: Fixtures.profileDirectory, languages: ["de", "de"])
        }
        #expect(throws: LanguageIDError(.profileMissing, "")) {
            try LanguageDetector(profileDirectory: "/nonexistent-parley-profiles", languages: ["de"])
        }
    }

    @Test("A damaged profile is an error, not a crash")
    func damagedProfile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-langid-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["fold.tsv", "model.tsv", "neutral.txt"] {
            try FileManager.default.copyItem(atPath: Fixtures.profileDirectory + "/" + name, toPath: directory + "/" + name)
        }
        let original = try Data(contentsOf: URL(fileURLWithPath: Fixtures.profileDirectory + "/de.profile"))
        try original.prefix(5000).write(to: URL(fileURLWithPath: directory + "/de.profile"))
        #expect(throws: LanguageIDError(.profileMalformed, "")) {
            try LanguageDetector(profileDirectory: directory, languages: ["de"])
        }
    }
}
