import ParleyText
import Testing

@Suite struct SegmenterTests {
    let segmenter = Segmenter()

    @Test(
        arguments: [
            (
                "Wo ist meine Bestellung? Bestellung Nr. 4711 fehlt. Danke!", "de",
                ["Wo ist meine Bestellung?", "Bestellung Nr. 4711 fehlt.", "Danke!"]
            ),
            (
                "Hello! Where is my order? It was due Mr. Smith said.", "en",
                ["Hello!", "Where is my order?", "It was due Mr. Smith said."]
            ),
            (
                "Tere! Kus mu tellimus on? Ootan juba nädal aega.", "et",
                ["Tere!", "Kus mu tellimus on?", "Ootan juba nädal aega."]
            ),
            ("Merhaba. Siparişim nerede? Teşekkürler!", "tr", ["Merhaba.", "Siparişim nerede?", "Teşekkürler!"]),
        ] as [(String, LanguageCode, [String])])
    func splitsSentences(_ text: String, _ language: LanguageCode, _ expected: [String]) {
        #expect(segmenter.sentences(in: text, language: language).map(String.init) == expected)
    }

    @Test(
        arguments: [
            ("Wo ist meine Bestellung? Nr. 4711!", "de", ["Wo", "ist", "meine", "Bestellung", "Nr", "4711"]),
            ("I can't find order #42, sorry.", "en", ["I", "can't", "find", "order", "42", "sorry"]),
            ("Kas šokolaad on õige?", "et", ["Kas", "šokolaad", "on", "õige"]),
            ("İstanbul'a ne zaman gelir?", "tr", ["İstanbul'a", "ne", "zaman", "gelir"]),
        ] as [(String, LanguageCode, [String])])
    func splitsWordsWithoutSpacesOrPunctuation(_ text: String, _ language: LanguageCode, _ expected: [String]) {
        #expect(segmenter.words(in: text, language: language).map(String.init) == expected)
    }

    @Test func segmentsCoverTheWholeText() {
        let text = "Grüße 👨‍👩‍👧 aus Köln!"
        let segments = segmenter.segments(in: text, language: .german, unit: .word)
        #expect(segments.map { String(text[$0.range]) }.joined() == text)
        #expect(segmenter.segments(in: text, language: .german, unit: .character).count == text.count)
    }

    @Test func unknownLanguageUsesRootRules() {
        #expect(
            segmenter.words(in: "Hello, wide world.", language: "xx").map(String.init) == ["Hello", "wide", "world"])
    }

    @Test func emptyTextHasNoSegments() {
        #expect(segmenter.words(in: "", language: .english).isEmpty)
        #expect(segmenter.sentences(in: "   ", language: .english).isEmpty)
    }

    @Test func worksConcurrently() async {
        let results = await withTaskGroup(of: Int.self) { group in
            for index in 0..<32 {
                group.addTask { segmenter.words(in: "eins zwei drei \(index)", language: .german).count }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: 4, count: 32))
    }
}

@Suite struct SegmenterConvenienceTests {
    @Test func staticFunctionsMatchAnInstance() {
        let text = "Tere! Kus mu tellimus on?"
        #expect(
            Segmenter.sentences(in: text, language: .estonian) == Segmenter().sentences(in: text, language: .estonian))
        #expect(
            Segmenter.words(in: text, language: .estonian).map(String.init) == ["Tere", "Kus", "mu", "tellimus", "on"])
    }
}
