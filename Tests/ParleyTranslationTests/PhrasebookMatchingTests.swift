import ParleyText
import ParleyTranslation
import Testing

@Suite("Phrasebook matching")
struct PhrasebookMatchingTests {
    private let translator = PhrasebookFixtures.translator

    private func translate(_ text: String, _ source: LanguageCode, _ target: LanguageCode) -> TranslatedSegment {
        PhrasebookFixtures.translate(text, source, target)
    }

    private func canonical(_ id: String, _ language: LanguageCode) -> String {
        translator.phrasebook.groups.first { $0.id == id }!.variants[language]![0]
    }

    @Test(arguments: PhrasebookFixtures.pairs)
    func exactPhrasesTranslateInEveryDirection(pair: LanguagePair) {
        for id in ["order.where", "account.forgot-password", "return.how", "close.thanks-for-help", "hours.when-open"] {
            let result = translator.translate(canonical(id, pair.source), pair: pair)
            #expect(result == TranslatedSegment(text: canonical(id, pair.target), quality: .exact), "\(id) \(pair)")
        }
    }

    /// Every phrase without slots, in every direction: an `exact` result is always the reviewed translation of that
    /// very phrase; phrases shared by groups with different translations are not `exact`.
    @Test(arguments: PhrasebookFixtures.pairs)
    func exactAlwaysMeansTheReviewedTranslation(pair: LanguagePair) {
        var exact = 0
        let groups = translator.phrasebook.groups.filter { !$0.variants[pair.source]![0].contains("{") }
        for group in groups {
            let result = translator.translate(group.variants[pair.source]![0], pair: pair)
            #expect(result.quality != .untranslated, "\(group.id) \(pair)")
            if result.quality == .exact {
                exact += 1
                #expect(result.text == group.variants[pair.target]![0], "\(group.id) \(pair)")
            }
        }
        #expect(Double(exact) >= 0.97 * Double(groups.count))
    }

    @Test func textTypedWithoutAccentsOrCaseMatches() {
        let expected = TranslatedSegment(text: "Wo ist meine Bestellung?", quality: .exact)
        #expect(translate("siparisim nerede", "tr", "de") == expected)
        #expect(translate("SİPARİŞİM NEREDE?", "tr", "de") == expected)
        #expect(translate("Siparişim nerede???", "tr", "de") == expected)
        #expect(translate("sifremi unuttum", "tr", "en") == .init(text: "I forgot my password.", quality: .exact))
        #expect(translate("koennen sie mir helfen", "de", "en") == .init(text: "Can you help me?", quality: .exact))
        #expect(translate("kus on minu tellimus", "et", "en") == .init(text: "Where is my order?", quality: .exact))
    }

    @Test func emojiAndPunctuationAreTolerated() {
        #expect(translate("Danke!!! 😊", "de", "en") == .init(text: "Thank you! 😊", quality: .exact))
        #expect(translate("  Danke  ", "de", "tr") == .init(text: "  Teşekkürler!  ", quality: .exact))
    }

    @Test func aGreetingBeforeAQuestionIsTwoPhrases() {
        #expect(
            translate("Hallo, wo ist meine Bestellung?", "de", "en")
                == .init(text: "Hello! Where is my order?", quality: .exact))
        #expect(
            translate("Hi! Where is my order?", "en", "et")
                == .init(text: "Tere! Kus on minu tellimus?", quality: .exact))
    }

    @Test func fillerWordsAndTyposGiveAPhrasebookMatch() {
        #expect(
            translate("Können Sie mir bitte helfen?", "de", "en")
                == .init(text: "Can you help me?", quality: .phrasebook))
        #expect(
            translate("Wo ist meine Bestelung?", "de", "en") == .init(text: "Where is my order?", quality: .phrasebook))
        #expect(translate("Ma unustasin oma parooli", "et", "de").quality == .exact)
    }

    /// Word endings carry person and negation; a one-letter difference there is never "corrected".
    @Test func endingsAreNeverCorrected() {
        #expect(
            translate("Leidsin teie tellimuse.", "et", "en") == .init(text: "I have found your order.", quality: .exact)
        )
        #expect(translate("Leidsid teie tellimuse.", "et", "en").quality == .untranslated)
        #expect(translate("Ich habe keine Bestellnummer.", "de", "en").text == "I don't have an order number.")
        #expect(translate("Ich habe eine Bestellnummer.", "de", "en").quality == .untranslated)
    }

    @Test func unknownSentencesPassThroughUnchanged() {
        let text = "Die Katze schläft auf dem Sofa."
        #expect(translate(text, "de", "en") == .init(text: text, quality: .untranslated))
        let gibberish = "xq zzv 123 blorf, @@@ ???"
        #expect(translate(gibberish, "en", "tr") == .init(text: gibberish, quality: .untranslated))
    }

    @Test func aPartlyKnownSegmentTranslatesWhatItKnowsAndIsUntranslated() {
        let result = translate("Wo ist meine Bestellung? Die Katze schläft.", "de", "en")
        #expect(result == .init(text: "Where is my order? Die Katze schläft.", quality: .untranslated))
    }

    /// Never invents: every word of an output comes from a reviewed phrase of the target language or from the input.
    @Test(arguments: PhrasebookFixtures.pairs)
    func outputWordsComeFromTheTargetPhrasesOrTheInput(pair: LanguagePair) {
        let inputs = [
            "Hallo Anna, mein Paket 12345 ist weg, bitte helfen", "hi where is order 4711 thx", "tere kus on mu pakk",
            "merhaba siparisim 998877 nerede", "Danke, tschüss!", "ok danke 👍", "Kann ich mit PayPal zahlen?",
        ]
        let vocabulary = Set(
            translator.phrasebook.groups.flatMap { $0.variants[pair.target]! }.flatMap(words))
        for input in inputs {
            let output = translator.translate(input, pair: pair)
            let known = vocabulary.union(words(input))
            for word in words(output.text) {
                #expect(known.contains(word), "'\(word)' in '\(output.text)' from '\(input)' \(pair)")
            }
        }
    }

    private func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    @Test func namesAreCopiedAndOnlyCapitalizedUnknownWordsAreNames() {
        #expect(translate("Mein Name ist Lena.", "de", "tr") == .init(text: "Benim adım Lena.", quality: .phrasebook))
        #expect(translate("Hallo Anna!", "de", "et") == .init(text: "Tere, Anna!", quality: .phrasebook))
        #expect(translate("hallo zusammen", "de", "en").quality == .untranslated)
        #expect(translate("mein name ist anna", "de", "en") == .init(text: "My name is anna.", quality: .phrasebook))
        #expect(translate("Mein Name ist Bestellung.", "de", "en").quality == .untranslated)
    }

    @Test func identicalLanguagesReturnTheTextUnchanged() async throws {
        let request = TranslationRequest(segments: ["Hallo!", "irgendwas"], pair: .init("de", "de"))
        let result = try await translator.translate(request)
        #expect(result.segments == [.init(text: "Hallo!", quality: .exact), .init(text: "irgendwas", quality: .exact)])
        #expect(result.engine == "phrasebook")
    }

    @Test func aBatchComesBackInOrder() async throws {
        let request = TranslationRequest(segments: ["Danke!", "Hallo!", "Tschüss!"], pair: .init("de", "en"))
        let result = try await translator.translate(request)
        #expect(result.segments.map(\.text) == ["Thank you!", "Hello!", "Goodbye!"])
        #expect(result.quality == .exact)
    }

    @Test func unsupportedPairsThrow() async {
        #expect(!translator.supports(.init("de", "fr")))
        await #expect(throws: TranslationError(.unsupportedPair, engine: "phrasebook", message: "")) {
            try await translator.translate(.init(segments: ["Hallo"], pair: .init("de", "fr")))
        }
    }

    @Test func aPassedDeadlineAndCancellationThrow() async {
        let past = ContinuousClock.now - .seconds(1)
        await #expect(throws: TranslationError(.timedOut, engine: "phrasebook", message: "")) {
            try await translator.translate(.init(segments: ["Hallo"], pair: .init("de", "en"), deadline: past))
        }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await translator.translate(.init(segments: ["Hallo"], pair: .init("de", "en")))
        }
        await #expect(throws: TranslationError(.cancelled, engine: "phrasebook", message: "")) {
            try await task.value
        }
    }
}
