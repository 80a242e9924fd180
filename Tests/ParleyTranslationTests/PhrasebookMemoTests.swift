import ParleyText
@testable import ParleyTranslation
import Testing

@Suite("Phrasebook sentence memo")
struct PhrasebookMemoTests {
    /// Every development-set message in every direction, translated three times with the memo (remembered the
    /// second time, from the memo the third), gives what the phrasebook gives without one.
    @Test func aRememberedSentenceGivesWhatMatchingGives() throws {
        let evaluation = try PhrasebookEvaluation(file: PhrasebookFixtures.devSet)
        let phrasebook = PhrasebookFixtures.translator.phrasebook
        let plain = PhrasebookTranslator(phrasebook: phrasebook, memoCapacity: 0)
        let remembering = PhrasebookTranslator(phrasebook: phrasebook, memoCapacity: 100_000)
        var checked = 0
        for row in evaluation.rows {
            for pair in PhrasebookFixtures.pairs {
                guard let text = row.texts[pair.source]?.first else { continue }
                let expected = plain.translate(text, pair: pair)
                #expect(remembering.translate(text, pair: pair) == expected, "\(pair) \(text)")
                #expect(remembering.translate(text, pair: pair) == expected, "\(pair) \(text), again")
                #expect(remembering.translate(text, pair: pair) == expected, "\(pair) \(text), remembered")
                checked += 1
            }
        }
        #expect(checked > 1000)
        #expect(plain.memo.count == 0)
        #expect(remembering.memo.count > 0)
    }

    /// The same sentence in two directions, and a sentence nothing matches, are remembered apart and as they are.
    @Test func directionsAndMissesAreKeptApart() {
        let translator = PhrasebookTranslator(phrasebook: PhrasebookFixtures.translator.phrasebook, memoCapacity: 16)
        let german = translator.translate("Wo ist meine Bestellung?", pair: LanguagePair("de", "en"))
        let turkish = translator.translate("Wo ist meine Bestellung?", pair: LanguagePair("de", "tr"))
        #expect(german.text == "Where is my order?")
        #expect(turkish.text != german.text)
        #expect(translator.translate("Wo ist meine Bestellung?", pair: LanguagePair("de", "tr")) == turkish)
        let unknown = "Qwertz uiopü asdfgh jklöä."
        #expect(translator.translate(unknown, pair: LanguagePair("de", "en")).quality == .untranslated)
        #expect(translator.translate(unknown, pair: LanguagePair("de", "en"))
                == TranslatedSegment(text: unknown, quality: .untranslated))
    }

    @Test func theMemoForgetsTheLeastRecentlyUsed() {
        let translator = PhrasebookTranslator(phrasebook: PhrasebookFixtures.translator.phrasebook, memoCapacity: 2)
        let pair = LanguagePair("en", "de")
        for text in ["Hello!", "Thank you!", "Where is my order?", "Hello!"] {
            for _ in 0..<2 { _ = translator.translate(text, pair: pair) }
        }
        #expect(translator.memo.count == 2)
    }

    /// A sentence, and its tokens, are remembered the second time it comes, not the first: a message with a new order
    /// number, and the whole text around it, never come again.
    @Test func aSentenceIsRememberedWhenItRecurs() {
        let translator = PhrasebookTranslator(phrasebook: PhrasebookFixtures.translator.phrasebook, memoCapacity: 64)
        let pair = LanguagePair("de", "en")
        for number in 100_000..<100_020 {
            let result = translator.translate("Hallo, wo ist meine Bestellung? Bestellnummer #\(number)", pair: pair)
            #expect(result.text.contains("#\(number)"))
        }
        #expect(translator.memo.count == 1, "only the question recurs")
        #expect(translator.memo.tokenizedCount == 1, "only the question's tokens are kept")
    }

    /// The memo keys sentences by their bytes: two spellings of one sentence that are canonically equivalent (`ş`
    /// as one scalar, or `s` and a combining cedilla) are remembered apart, and each gives what the phrasebook gives
    /// for it without a memo.
    @Test func canonicallyEquivalentSpellingsAreRememberedApart() {
        let phrasebook = PhrasebookFixtures.translator.phrasebook
        let plain = PhrasebookTranslator(phrasebook: phrasebook, memoCapacity: 0)
        let remembering = PhrasebookTranslator(phrasebook: phrasebook, memoCapacity: 64)
        let pair = LanguagePair("tr", "de")
        let composed = "Siparişim nerede?"
        let decomposed = "Siparis\u{0327}im nerede?"
        #expect(composed == decomposed, "Swift's String equality follows canonical equivalence")
        for text in [composed, composed, decomposed, decomposed, composed] {
            #expect(
                remembering.translate(text, pair: pair) == plain.translate(text, pair: pair),
                "\(text.unicodeScalars.count) scalars")
        }
        #expect(remembering.memo.count == 2)
    }
}
