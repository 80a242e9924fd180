import ParleyLanguageID
import ParleyText
import Testing

@Suite("Conversation language tracker")
struct ConversationLanguageTrackerTests {
    let detector = Fixtures.detector

    private func run(_ messages: [String], priors: LanguagePriors = .none) -> [ConversationDecision] {
        var tracker = ConversationLanguageTracker(languages: detector.languages, priors: priors)
        return messages.map { tracker.observe(detector.explain($0)) }
    }

    @Test("Three Estonian messages, then \"ok\": stays Estonian")
    func staysAfterNeutral() throws {
        let decisions = run(["tere", "mul on küsimus tellimuse kohta", "kas see on juba teel?", "ok"])
        let last = try #require(decisions.last)
        #expect(last.messageLanguage == .undetermined)
        #expect(last.language == "et")
        #expect(last.explanation.margins[.history] ?? 0 > 0)
        #expect(last.explanation.summary.contains("history"))
        #expect(last.explanation.summary.contains("carries no language"))
    }

    @Test("An ambiguous short word does not flip the conversation")
    func ambiguousWordKeepsLanguage() {
        let decisions = run(["tere", "kas te saate aidata", "kus minu pakk on", "ja"])
        #expect(decisions.map(\.language) == ["et", "et", "et", "et"])
    }

    @Test("A clear switch to German is followed")
    func followsSwitch() {
        let decisions = run([
            "tere", "kas te saate aidata", "kus minu pakk on",
            "Entschuldigung, können wir bitte auf Deutsch weitermachen?", "danke",
        ])
        #expect(decisions.map(\.language) == ["et", "et", "et", "de", "de"])
        #expect(decisions[3].explanation.margins[.message] ?? 0 > 0)
        #expect(decisions[3].explanation.margins[.history] ?? 0 < 0)
    }

    @Test("Browser languages decide a first message without language")
    func priorsDecideNeutralOpening() {
        let priors = LanguagePriors(browserLanguages: ["tr-TR", "en"], pageLanguage: "de", siteDefault: "de")
        let decision = run(["👍"], priors: priors)[0]
        #expect(decision.language == "tr")
        #expect(decision.explanation.margins[.browser] ?? 0 > 0)
        #expect(decision.explanation.margins[.page] ?? 0 < 0)
    }

    @Test("The message outweighs the priors when it is clear")
    func messageBeatsPriors() {
        let priors = LanguagePriors(browserLanguages: ["de-DE"], pageLanguage: "de", siteDefault: "de")
        #expect(run(["siparişim nerede kaldı"], priors: priors)[0].language == "tr")
    }

    @Test("Priors tip a message that is ambiguous on its own")
    func priorsTipAmbiguity() {
        let estonian = LanguagePriors(browserLanguages: ["et"])
        let german = LanguagePriors(browserLanguages: ["de"])
        // "ja" is German "yes" and Estonian "and": the message alone leans German by a hair.
        #expect(run(["ja"], priors: estonian)[0].language == "et")
        #expect(run(["ja"], priors: german)[0].language == "de")
    }

    @Test("Nothing known and no language: und")
    func undeterminedWithoutEvidence() {
        let decision = run(["👍"])[0]
        #expect(decision.language == .undetermined)
        #expect(decision.explanation.summary.hasPrefix("und"))
        var tracker = ConversationLanguageTracker(languages: detector.languages)
        _ = tracker.observe(detector.detect("#12345"))
        #expect(tracker.current == nil)
        _ = tracker.observe(detector.detect("wo ist mein Paket"))
        #expect(tracker.current == "de")
        #expect(tracker.messagesWithLanguage == 1)
    }

    @Test("Priors outside the configured languages are ignored")
    func foreignPriors() {
        let tracker = ConversationLanguageTracker(
            languages: detector.languages, priors: LanguagePriors(browserLanguages: ["fr-FR", "de"]))
        #expect(tracker.priorContributions.keys.sorted() == ["de"])
        #expect(tracker.priorContributions["de"]?[.browser] == 1.5)
    }

    @Test("decide(_:) makes observe(_:)'s decisions, message by message, without the explanation")
    func decideMatchesObserve() {
        let conversations: [[String]] = [
            ["tere", "mul on küsimus tellimuse kohta", "ok", "Hallo, wo ist meine Bestellung?", "👍", "ja"],
            ["👍", "#12345", "Merhaba, siparişim nerede?", "evet", "Where is my order?"],
            ["ja", "ja", "kas te saate aidata", "Bestellnummer #4711"],
        ]
        let priors = [
            LanguagePriors.none, LanguagePriors(browserLanguages: ["et-EE", "de", "et"], siteDefault: "en"),
            LanguagePriors(browserLanguages: ["fr-FR"], pageLanguage: "tr", siteDefault: "tr"),
        ]
        for messages in conversations {
            for prior in priors {
                var observing = ConversationLanguageTracker(languages: detector.languages, priors: prior)
                var deciding = observing
                for message in messages {
                    let detection = detector.detect(message)
                    let observed = observing.observe(detection)
                    let decided = deciding.decide(detection)
                    #expect(decided.language == observed.language, "\(message)")
                    #expect(decided.confidence == observed.confidence, "\(message)")
                    #expect(deciding.current == observing.current)
                    #expect(deciding.messagesWithLanguage == observing.messagesWithLanguage)
                }
            }
        }
    }
}
