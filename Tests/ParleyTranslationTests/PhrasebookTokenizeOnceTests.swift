import ParleyTesting
import ParleyText
@testable import ParleyTranslation
import Testing

/// A message is tokenized once, sentence by sentence; the whole text's tokens (for phrases of several sentences) are
/// put together from its sentences'. These tests hold that to what tokenizing the whole text gives, and the
/// translations to the ones of the reference below, which tokenizes the whole text and each sentence on its own.
@Suite("Phrasebook: each sentence tokenized once")
struct PhrasebookTokenizeOnceTests {
    static let translator = PhrasebookFixtures.translator

    /// Development-set texts, pairs of them joined in one message, and texts written to reach the edges: an amount
    /// split over two sentences, a sentence of emoji only, clause marks between sentences, a no-break space (not a
    /// word separator), Turkish suffixes on numbers.
    static func texts() throws -> [(LanguageCode, String)] {
        let evaluation = try PhrasebookEvaluation(file: PhrasebookFixtures.devSet)
        var texts: [(LanguageCode, String)] = []
        for row in evaluation.rows {
            for language in PhrasebookFixtures.languages {
                if let text = row.texts[language]?.first { texts.append((language, text)) }
            }
        }
        var generator = SeededGenerator(seed: 0x5EED)
        let separators = [" ", "  ", "\n", " 👍 ", " - ", "\u{00A0}", " … "]
        for language in PhrasebookFixtures.languages {
            let own = texts.filter { $0.0 == language }.map(\.1)
            for index in 0..<300 {
                let first = own.randomElement(using: &generator)!
                let second = own.randomElement(using: &generator)!
                let separator = separators[index % separators.count]
                texts.append((language, "\(first)\(separator)\(second) #\(10_000 + index)"))
            }
        }
        texts += [
            ("de", "Der Preis: 20. EUR 5 kommen für den Versand dazu."), ("de", "Hallo! 👍 Danke."),
            ("de", "Hallo?\u{00A0}Ich warte noch."), ("de", "Ist das ok? – Ja. (Danke!)"),
            ("en", "Hello... are you there? I'm still waiting."), ("en", "It costs 19.99. € is fine? Thanks!"),
            ("tr", "12345'in durumu nedir? Teşekkürler."), ("et", "Tere! 😀 😀 Kus on minu tellimus 12345?"),
        ]
        return texts
    }

    @Test func theWholeTextsTokensArePutTogetherFromItsSentences() throws {
        var joined = 0
        for (language, text) in try Self.texts() {
            let sentences = Self.translator.sentences(in: text, language: language)
            guard sentences.count > 1, let first = sentences.first, let last = sentences.last else { continue }
            let apart = sentences.indices.dropFirst().allSatisfy {
                PhraseTokenizer.separatesWords(text[sentences[$0 - 1].endIndex..<sentences[$0].startIndex])
            }
            guard apart else { continue }
            let expected = PhraseTokenizer.source(text[first.startIndex..<last.endIndex], language: language)
            let together = PhraseTokenizer.joined(
                sentences.map { PhraseTokenizer.raw($0, language: language) }, language: language)
            #expect(together.tokens == expected.tokens, "\(language) \(text)")
            #expect(together.decorations == expected.decorations, "\(language) \(text)")
            joined += 1
        }
        #expect(joined > 1000)
    }

    @Test func aNoBreakSpaceBetweenSentencesDoesNotSeparateWords() {
        #expect(!PhraseTokenizer.separatesWords("\u{00A0}"))
        #expect(!PhraseTokenizer.separatesWords(""))
        #expect(PhraseTokenizer.separatesWords(" \n\t\r\n"))
        #expect(PhraseTokenizer.separatesWords("\u{2003}"))
    }

    @Test func translationsAreTheReferences() throws {
        let remembering = PhrasebookTranslator(phrasebook: Self.translator.phrasebook, memoCapacity: 100_000)
        let plain = PhrasebookTranslator(phrasebook: Self.translator.phrasebook, memoCapacity: 0)
        var checked = 0
        for (language, text) in try Self.texts() {
            for pair in PhrasebookFixtures.pairs where pair.source == language {
                let expected = Self.reference(text, pair: pair)
                #expect(plain.translate(text, pair: pair) == expected, "\(pair) \(text)")
                #expect(remembering.translate(text, pair: pair) == expected, "\(pair) \(text)")
                #expect(remembering.translate(text, pair: pair) == expected, "\(pair) \(text), remembered")
                checked += 1
            }
        }
        #expect(checked > 5_000)
    }

    /// The translation as it was made before: the whole text tokenized for the phrases of several sentences, then
    /// every sentence tokenized again on its own.
    static func reference(_ text: String, pair: LanguagePair) -> TranslatedSegment {
        guard let matcher = PhrasebookMatcher(
            phrasebook: translator.phrasebook, pair: pair, formatter: LocaleFormatter(locale: pair.target.rawValue))
        else { return TranslatedSegment(text: text, quality: .untranslated) }
        let sentences = translator.sentences(in: text, language: pair.source)
        if sentences.count > 1, text.utf8.count <= 300, let first = sentences.first, let last = sentences.last,
            let match = matcher.translate(sentence: text[first.startIndex..<last.endIndex], wholeOnly: true)
        {
            return TranslatedSegment(
                text: String(text[..<first.startIndex]) + match.text + text[last.endIndex...], quality: match.quality)
        }
        var output = ""
        var quality = TranslationQuality.exact
        var position = text.startIndex
        for sentence in sentences {
            output += text[position..<sentence.startIndex]
            position = sentence.endIndex
            let match = matcher.translate(sentence: sentence)
            output += match?.text ?? String(sentence)
            quality = max(quality, match?.quality ?? .untranslated)
        }
        return TranslatedSegment(text: output + text[position...], quality: quality)
    }
}
