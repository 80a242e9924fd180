import ParleyTesting
import ParleyText
import Testing

@testable import ParleyTranslation

/// The hot paths of masking, glossary matching, placeholder parsing and cache keys were rewritten over a table of
/// character classes (`ClassifiedText`) and UTF-8 bytes. Property: on seeded random chat-like texts full of the
/// awkward cases (combining marks, `\r\n`, Turkish dotted/dotless i, non-breaking spaces, emoji sequences, literal
/// brackets, half-written spans) they answer exactly what the `Character`-at-a-time versions answered.
@Suite struct FastPathEquivalenceTests {
    static let pieces = [
        "Hallo", "Ihre", "Bestellung", "Bestellungen", "BESTELLUNG", "Warenkorb", "über", "Größe", "Rücksendeetikett",
        "sipariş", "Siparişiniz", "SİPARİŞ", "ıİiI", "tellimusele", "õpetaja", "order", "orders", "Parley", "parley",
        "SwiftCart", "Yurtiçi Kargo", "iade etiketi", "e\u{301}", "A\u{308}", "#12345", "A-2024-0042", "DE12-3456",
        "ORD123456", "987654321", "2024", "3-4", "19,99 €", "€19.99", "$5.00", "₺1.234,50", "25 EUR", "EUR 25",
        "100 TL", "5,–", "1\u{202F}000 €", "https://shop.example.com/a?b=1.", "(see http://x.de/a_(b))",
        "www.example.org,", "anna.berg@example.co.uk", "a@b", "x@y.z", "@anna_b", "@", "`swift build`", "``a`b``",
        "`open", "👍", "👍🏽", "🇪🇪", "👨‍👩‍👧", "❤️", "1️⃣", "⟦", "⟧", "⟦1⟧", "⟦ 2 ⟧", "⟦0⟧", "⟦+3⟧", "⟦12345678901⟧",
        "⟦1⟦2⟧", "<x id=\"1\"/>", "<b>", "&amp;", ".", ",", "!", "?", "'", "’", "»", "…", "_", "-", "/", "(", ")",
    ]
    static let separators = [
        " ", " ", " ", "", "  ", "\u{A0}", "\u{202F}", "\t", "\n", "\r\n", "\u{3000}", " \u{301}", " \u{1F3FD}",
        " \u{200D}", " \u{E33}",
    ]

    static func text(_ rng: inout SeededGenerator) -> String {
        var text = Bool.random(using: &rng) ? "" : separators.randomElement(using: &rng)!
        for _ in 0..<Int.random(in: 1...14, using: &rng) {
            text += pieces.randomElement(using: &rng)! + separators.randomElement(using: &rng)!
        }
        return text
    }

    static func texts(seed: UInt64, count: Int = 3000) -> [String] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in text(&rng) }
    }

    /// The phrasebook tokenizer's character tests and word split (ASCII fast paths, scalar switches) against the
    /// `Character` properties and `Set<Character>` lookups they replaced.
    @Test func phraseTokenizerCharacterTestsMatchCharacterProperties() {
        let keptAtEdges: Set<Character> = ["{", "}", "#", "€", "$", "£", "₺", "+", "@", "⟦", "⟧"]
        let clause: Set<Character> = [
            ",", ";", ":", "(", ")", "\"", "«", "»", "„", "“", "”", ".", "!", "?", "-", "–", "—",
        ]
        let inner: Set<Character> = [",", ";", "!", "?", "(", ")"]
        let dashes: Set<Character> = ["-", "–", "—"]
        let extra = "«»„“”–—\u{A0}\u{202F}\u{85}\u{2028}\u{1680}٣५" + "-\u{301},\u{308}—\u{20DD}"
        for text in Self.texts(seed: 4, count: 1000) + [extra] {
            for c in text {
                #expect(CharacterClass.isWhitespace(c) == c.isWhitespace, "\(c.unicodeScalars.map(\.value))")
                #expect(CharacterClass.isLetter(c) == c.isLetter && CharacterClass.isNumber(c) == c.isNumber)
                #expect(PhraseTokenizer.isWordCharacter(c) == (c.isLetter || c.isNumber || keptAtEdges.contains(c)))
                #expect(PhraseTokenizer.isClausePunctuation(c) == clause.contains(c))
                #expect(PhraseTokenizer.isInnerPunctuation(c) == inner.contains(c))
                #expect(PhraseTokenizer.isDash(c) == dashes.contains(c))
            }
            let sentence = text[...]
            #expect(CharacterClass.containsNumber(sentence) == sentence.contains(where: \.isNumber))
            let reference = sentence.split { $0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
            #expect(PhraseTokenizer.words(of: sentence) == reference)
            let ascii = String(String.UnicodeScalarView(text.unicodeScalars.filter(\.isASCII)))[...]
            #expect(PhraseTokenizer.words(of: ascii) == ascii.split { $0.isWhitespace })
        }
    }

    @Test func classesAndSubstringsMatchCharacterProperties() {
        for text in Self.texts(seed: 1, count: 1000) {
            let characters = Array(text)
            let classified = ClassifiedText(text)
            #expect(classified.count == characters.count)
            for (i, c) in characters.enumerated() {
                #expect(classified[i] == c)
                #expect(classified.isLetter(i) == c.isLetter && classified.isNumber(i) == c.isNumber)
                #expect(classified.isWhitespace(i) == c.isWhitespace && classified.isASCII(i) == c.isASCII)
                #expect(classified.code(i) == (c.unicodeScalars.count == 1 ? c.asciiValue ?? 0 : 0))
                if c.isASCII {
                    #expect(classified.isASCIIUppercase(i) == c.isUppercase)
                    #expect(classified.isASCIILowercase(i) == c.isLowercase)
                }
            }
            let lower = text.isEmpty ? 0 : text.count / 3
            #expect(classified.string(lower..<characters.count) == String(characters[lower...]))
            #expect(ClassifiedText(characters).utf8 == Array(text.utf8))
        }
    }

    /// `ClassifiedText` reads a scalar up to U+05FF, `⟦` or `⟧` before an ASCII byte or the end as a character of
    /// its own, from a table: every such scalar, before every grapheme break class ASCII has (CR, LF, Control,
    /// Other) and at the end, reached after various characters, against grapheme breaking and `Character`'s answers.
    @Test func loneScalarsBeforeASCIIClassifyAsTheirCharacters() {
        let scalars = (0x80..<0x600).compactMap(Unicode.Scalar.init) + ["⟦", "⟧"]
        for scalar in scalars {
            for before in ["", "a", "é", "⟧", "\r"] {
                for after in ["", "a", "7", " ", "\r", "\n", "\u{1}", "\u{7F}", "a\u{301}"] {
                    let text = before + String(scalar) + after
                    let fast = ClassifiedText(text)
                    let reference = ClassifiedText(Array(text))
                    #expect(fast.classes == reference.classes, "\(text.unicodeScalars.map(\.value))")
                    #expect(fast.offsets == reference.offsets, "\(text.unicodeScalars.map(\.value))")
                }
            }
        }
    }

    @Test func scannerFindsWhatTheCharacterScannerFound() {
        let kinds = ProtectedSpan.Kind.detectable
        for text in Self.texts(seed: 2) {
            let characters = Array(text)
            let fast = SpanScanner(kinds: kinds).scan(ClassifiedText(text)).map { "\($0.range):\($0.kind)" }
            let reference = ReferenceSpanScanner(kinds: kinds).scan(characters).map { "\($0.range):\($0.kind)" }
            #expect(fast == reference, "\(text.debugDescription)")
        }
    }

    @Test func scannerHonoursAnySubsetOfKinds() {
        var rng = SeededGenerator(seed: 3)
        let all = Array(ProtectedSpan.Kind.detectable)
        for text in Self.texts(seed: 4, count: 500) {
            let kinds = Set(all.filter { _ in Bool.random(using: &rng) })
            let fast = SpanScanner(kinds: kinds).scan(ClassifiedText(text)).map { "\($0.range):\($0.kind)" }
            let reference = ReferenceSpanScanner(kinds: kinds).scan(Array(text)).map { "\($0.range):\($0.kind)" }
            #expect(fast == reference, "\(text.debugDescription) \(kinds)")
        }
    }

    @Test func wordsAndFoldingMatchTheCharacterVersions() {
        for text in Self.texts(seed: 5) {
            let characters = Array(text)
            let classified = ClassifiedText(text)
            let words = GlossaryMatcher.words(of: classified)
            #expect(words == GlossaryMatcher.words(of: characters))
            for word in words {
                #expect(GlossaryMatcher.fold(classified, word) == GlossaryMatcher.fold(String(characters[word])))
            }
        }
    }

    /// Folding reads a two-byte character (U+0080 to U+07FF) from a table: every such scalar alone, between ASCII
    /// letters and beside a combining mark, against ``GlossaryMatcher/fold(_:)`` of the same characters.
    @Test func twoByteFoldsMatchTheCharacterVersion() {
        for scalar in (0x80..<0x800).compactMap(Unicode.Scalar.init) {
            let character = String(scalar)
            for text in [character, "Ab" + character + "C", character + "\u{301}x", "ß" + character] {
                let classified = ClassifiedText(text)
                let folded = GlossaryMatcher.fold(classified, 0..<classified.count)
                #expect(folded == GlossaryMatcher.fold(text), "\(text.unicodeScalars.map(\.value))")
                #expect(Array(folded.utf8) == Array(GlossaryMatcher.fold(text).utf8))
            }
        }
    }

    /// ``ASCIIKeyFilter`` leaves out non-ASCII keys but those holding one of three scalars: no other scalar is
    /// canonically equivalent to (so `==` to) a string of one or two ASCII characters.
    @Test func onlyThreeScalarsEqualASCII() {
        let ascii = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let short = Set(ascii + ascii.flatMap { a in ascii.map { a + $0 } })
        let equal = (UInt32(0x80)...0x10FFFF).filter { value in
            Unicode.Scalar(value).map { short.contains(String($0)) } ?? false
        }
        #expect(Set(equal) == ASCIIKeyFilter.asciiEquivalents)
        #expect(ASCIIKeyFilter(keys: ["order", "\u{212A}"]) == nil)
        #expect(ASCIIKeyFilter(keys: ["order", "sipariş"]) != nil)
    }

    /// The matcher skips all-ASCII words its key filter rules out: the same matches as looking every word up, for
    /// the shop glossary's do-not-translate and enforced terms in every language, on random texts made of its terms
    /// (inflected, in any case) and of the awkward pieces, and for a glossary of odd terms (a Kelvin sign, an Ohm
    /// sign, one letter, two words).
    @Test func filteredMatchesAreTheUnfilteredMatches() throws {
        let glossary = try shopGlossary()
        let odd = Glossary(
            name: "odd", version: "1",
            entries: [
                GlossaryEntry(conceptID: "kelvin", terms: ["en": "5\u{212A}", "de": "Ohm\u{2126}"], status: .reviewed),
                GlossaryEntry(
                    conceptID: "a", terms: ["en": "a", "de": "é", "et": "x y", "tr": "İ"], status: .reviewed),
            ])
        var rng = SeededGenerator(seed: 12)
        var found = 0
        for language: LanguageCode in ["de", "en", "et", "tr"] {
            let words = glossary.entries.compactMap { $0.terms[language] }.flatMap { term in
                [term, term.uppercased(), "5K", "5\u{212A}"] + Inflection.forms(of: term, in: language).prefix(6)
            }
            let matchers = [
                GlossaryMatcher(glossary: glossary, language: language) { $0.doNotTranslate },
                GlossaryMatcher(glossary: glossary, language: language) { $0.status == .reviewed },
                GlossaryMatcher(glossary: glossary, language: language),
                GlossaryMatcher(glossary: odd, language: language),
            ]
            for text in Self.texts(seed: 13, count: 500) {
                var mixed = text
                for _ in 0..<Int.random(in: 0...6, using: &rng) {
                    mixed += words.randomElement(using: &rng)! + Self.separators.randomElement(using: &rng)!
                    mixed += Self.pieces.randomElement(using: &rng)! + " "
                }
                let classified = ClassifiedText(mixed)
                for matcher in matchers {
                    let fast = matcher.matches(in: classified)
                    #expect(fast == matcher.matches(in: classified, filtered: false), "\(language) \(mixed)")
                    found += fast.count
                }
            }
        }
        #expect(found > 2000)
    }

    @Test func bracketTokensMatchTheCharacterParser() {
        for text in Self.texts(seed: 6) {
            let fast = PlaceholderStyle.brackets.tokens(in: ClassifiedText(text))
            #expect(fast == Self.referenceBracketTokens(Array(text)), "\(text.debugDescription)")
        }
    }

    @Test func byteTokensAreTheCharacterTokensInBytes() {
        var answered = 0
        for text in Self.texts(seed: 8) {
            guard let fast = PlaceholderStyle.brackets.byteTokens(in: Array(text.utf8)) else { continue }
            answered += 1
            let classified = ClassifiedText(text)
            let inBytes = Self.referenceBracketTokens(Array(text)).map { token in
                PlaceholderStyle.Token(
                    range: classified.offsets[token.range.lowerBound]..<classified.offsets[token.range.upperBound],
                    id: token.id)
            }
            #expect(fast == inBytes, "\(text.debugDescription)")
        }
        #expect(answered > 1000)
    }

    @Test func xmlByteTokensAreTheCharacterTokensInBytes() {
        var answered = 0
        var rng = SeededGenerator(seed: 9)
        let tags = [
            "<x id=\"1\"/>", "<x id=\"23\"/>", "<x id=\"0\"/>", "<X id=\"2\" />", "<x id='3'></x>", "<b>", "<",
        ]
        for text in Self.texts(seed: 10) {
            let tagged = text + tags.randomElement(using: &rng)! + Self.text(&rng)
            guard let fast = PlaceholderStyle.xml.byteTokens(in: Array(tagged.utf8)) else { continue }
            answered += 1
            let classified = ClassifiedText(tagged)
            let inBytes = PlaceholderStyle.xml.tokens(in: classified).map { token in
                PlaceholderStyle.Token(
                    range: classified.offsets[token.range.lowerBound]..<classified.offsets[token.range.upperBound],
                    id: token.id)
            }
            #expect(fast == inBytes, "\(tagged.debugDescription)")
        }
        #expect(answered > 200)
        #expect(PlaceholderStyle.xml.byteTokens(in: Array("a <X id='1'/> b".utf8)) == nil)
    }

    @Test func cacheKeyNormalizationMatchesTheCharacterVersion() {
        for text in Self.texts(seed: 7) {
            typealias Caching = CachingTranslator<UntranslatedTranslator>
            #expect(Caching.normalize(text) == Caching.normalizeSlowly(text))
        }
        #expect(CachingTranslator<UntranslatedTranslator>.isNormalized("Wo ist meine Bestellung?"))
        #expect(!CachingTranslator<UntranslatedTranslator>.isNormalized(" Wo ist"))
        #expect(!CachingTranslator<UntranslatedTranslator>.isNormalized("Wo  ist"))
        #expect(!CachingTranslator<UntranslatedTranslator>.isNormalized("Wo\u{A0}ist"))
        #expect(CachingTranslator<UntranslatedTranslator>.isNormalized("Ihre Bestellung über 19,99 € 👍"))
        #expect(!CachingTranslator<UntranslatedTranslator>.isNormalized("a \u{301}b"))
    }

    /// The bracket-token parser as it was, on `Character`s.
    static func referenceBracketTokens(_ text: [Character]) -> [PlaceholderStyle.Token] {
        var result: [PlaceholderStyle.Token] = []
        var i = 0
        while i < text.count {
            if text[i] == "⟧" {
                result.append(.init(range: i..<(i + 1), id: nil))
            } else if text[i] == "⟦" {
                let end = text[(i + 1)...].prefix(12).firstIndex(where: { $0 == "⟧" || $0 == "⟦" })
                guard let end, text[end] == "⟧" else {
                    result.append(.init(range: i..<(i + 1), id: nil))
                    i += 1
                    continue
                }
                let digits = String(text[(i + 1)..<end]).trimmingSpaces
                result.append(.init(range: i..<(end + 1), id: Int(digits).flatMap { $0 > 0 ? $0 : nil }))
                i = end
            }
            i += 1
        }
        return result
    }
}
