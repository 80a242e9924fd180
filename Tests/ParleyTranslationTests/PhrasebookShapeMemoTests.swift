import ParleyText
@testable import ParleyTranslation
import Testing

@Suite("Phrasebook memo of shapes")
struct PhrasebookShapeMemoTests {
    /// Development-set messages and messages with placeholders, names, e-mails and amounts, each followed by
    /// variants holding other values: every variant, matched from the memo of shapes where its shape is remembered,
    /// gives what the phrasebook gives without a memo.
    @Test func aRememberedShapeGivesWhatMatchingGives() throws {
        let evaluation = try PhrasebookEvaluation(file: PhrasebookFixtures.devSet)
        let phrasebook = PhrasebookFixtures.translator.phrasebook
        let plain = PhrasebookTranslator(phrasebook: phrasebook, memoCapacity: 0)
        let remembering = PhrasebookTranslator(phrasebook: phrasebook, memoCapacity: 100_000)
        let extra: [LanguageCode: [String]] = [
            "de": [
                "Meine Bestellnummer ist ⟦1⟧.", "Hallo, wo ist meine Bestellung? Bestellnummer ⟦1⟧",
                "Mein Name ist Anna.", "Meine E-Mail ist anna@example.com.", "Der Gesamtbetrag ist 89,00 €.",
                "Hallo, wo ist meine Bestellung? Bestellnummer #100123",
            ],
            "en": ["My order number is ⟦2⟧.", "My name is Anna.", "Order number: #100123", "It costs €4.95."],
            "tr": ["Sipariş numaram ⟦1⟧.", "Merhaba, siparişim nerede? Sipariş numaram #100123"],
            "et": ["Minu nimi on Anna.", "Tere, kus on minu tellimus? Tellimuse number #100123"],
        ]
        var texts: [(LanguageCode, String)] = extra.flatMap { language, texts in texts.map { (language, $0) } }
        for row in evaluation.rows {
            for (language, variants) in row.texts { texts += variants.map { (language, $0) } }
        }
        var checked = 0
        for (language, text) in texts {
            for pair in PhrasebookFixtures.pairs where pair.source == language {
                for variant in [text, text, Self.otherValues(text, 1), Self.otherValues(text, 2)] {
                    #expect(remembering.translate(variant, pair: pair) == plain.translate(variant, pair: pair),
                            "\(pair) \(variant)")
                    checked += 1
                }
            }
        }
        #expect(checked > 2_000)
    }

    /// A sentence of a remembered shape is not matched again: its cover is rendered with its own values.
    @Test func aSentenceOfARememberedShapeIsNotMatchedAgain() throws {
        let pair = LanguagePair("de", "tr")
        let memo = SentenceMemo(capacity: 16)
        let matcher = try #require(
            PhrasebookMatcher(
                phrasebook: PhrasebookFixtures.translator.phrasebook, pair: pair,
                formatter: LocaleFormatter(locale: "tr")))
        var matched = 0
        func translate(_ sentence: Substring) -> String? {
            let tokenized = PhraseTokenizer.source(sentence, language: pair.source)
            let match = memo.match(tokenized.tokens, pair: pair, wholeOnly: false) {
                matched += 1
                return matcher.match(tokenized.tokens, wholeOnly: false)
            }
            return match.map { matcher.render($0, tokenized, of: sentence).text }
        }
        for number in 100_000..<100_005 {
            let sentence = "Meine Bestellnummer ist \(number)."
            #expect(translate(sentence[...]) == matcher.translate(sentence: sentence[...])?.text)
            #expect(translate(sentence[...])?.contains("\(number)") == true)
        }
        #expect(matched == 2, "matched on the first sight and the second (when it is admitted), then remembered")
        #expect(translate("Mein Name ist Anna.") == matcher.translate(sentence: "Mein Name ist Anna.")?.text)
        #expect(translate("Mein Name ist Lena.") == matcher.translate(sentence: "Mein Name ist Lena.")?.text)
        #expect(matched == 4, "a name is part of the shape")
    }

    /// Values that do not line up with a remembered cover are matched afresh.
    @Test func valuesThatDoNotLineUpAreRefused() throws {
        let matcher = try #require(
            PhrasebookMatcher(
                phrasebook: PhrasebookFixtures.translator.phrasebook, pair: LanguagePair("de", "en"),
                formatter: LocaleFormatter(locale: "en")))
        let one = PhraseTokenizer.source("Meine Bestellnummer ist 12345.", language: "de").tokens
        let match = try #require(matcher.match(one, wholeOnly: false))
        let none = PhraseTokenizer.source("Meine Bestellnummer ist da.", language: "de").tokens
        let two = PhraseTokenizer.source("Meine Bestellnummer ist 12345 12346.", language: "de").tokens
        #expect(match.rebound(to: none) == nil)
        #expect(match.rebound(to: two) == nil)
        #expect(match.rebound(to: one) != nil)
    }

    /// The text with the last digit of each run of digits changed (`14.03.2026` → `13.02.2025` in round 1): most
    /// values stay what they were (a date stays a date), so the shape recurs with other values.
    static func otherValues(_ text: String, _ round: Int) -> String {
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            guard let digit = character.wholeNumberValue, character.isASCII,
                index + 1 == characters.count || !(characters[index + 1].isASCII && characters[index + 1].isNumber)
            else {
                result.append(character)
                continue
            }
            let changed = round == 1 ? (digit >= 2 ? digit - 1 : digit + 1) : (digit <= 7 ? digit + 2 : digit - 2)
            result += String(changed)
        }
        return result
    }
}
