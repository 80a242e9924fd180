import Foundation
import ParleyText
import Testing

@testable import ParleyLanguageID

@Suite("Chunk score cache")
struct ChunkScoreCacheTests {
    @Test("Scores from the cache equal scores computed afresh, for every message of the development sets")
    func cachedEqualsComputed() throws {
        // A detector of its own, so that the first pass starts from an empty table.
        let detector = try LanguageDetector(
            profileDirectory: Fixtures.profileDirectory, languages: ["de", "en", "et", "tr"])
        let messages = try Fixtures.developmentSet() + Fixtures.developmentSet(stripped: true)
        var hits = 0
        for (_, text) in messages {
            // `explain` records every word, so it never reads the table: the reference.
            let computed = detector.explain(text)
            let first = detector.detect(text)
            hits += countCached(text, in: detector)
            let second = detector.detect(text)
            #expect(first.logits == computed.logits, "\(text)")
            #expect(second.logits == computed.logits, "\(text)")
            #expect(second.guesses == computed.guesses, "\(text)")
            #expect(second.wordCount == computed.wordCount, "\(text)")
        }
        // The table holds 2,048 chunks: most of a message just detected is still in it.
        #expect(hits > messages.count)
    }

    @Test("Keys compare the whole chunk; longer chunks are not kept")
    func keys() {
        func key(_ text: String) -> ChunkScoreCache.Key? {
            Array(text.utf8).withUnsafeBufferPointer { ChunkScoreCache.Key($0) }
        }
        #expect(key("siparişim") == key("siparişim"))
        #expect(key("siparişim") != key("siparisim"))
        #expect(key("a") != key("a\u{0}"))  // zero padding is not content: the lengths differ
        #expect(key(String(repeating: "x", count: 24)) != nil)
        #expect(key(String(repeating: "x", count: 24) + "y") == nil)
        #expect(key("") == nil)
        let long = "Kundendienstmitarbeiterinnen"  // 28 bytes: scored every time, the same way
        let detector = Fixtures.detector
        #expect(detector.detect(long).logits == detector.explain(long).logits)
    }

    @Test("A slot taken by another chunk answers nothing for the first")
    func replacement() throws {
        let cache = ChunkScoreCache()
        var scores = MessageScores()
        scores.scoredWords = 1
        scores.total = SIMD8(repeating: -1)
        let words = (0..<5_000).map { "w\($0)" }
        for word in words {
            Array(word.utf8).withUnsafeBufferPointer { cache.remember(scores, of: ChunkScoreCache.Key($0)!) }
        }
        let kept = words.filter { word in
            Array(word.utf8).withUnsafeBufferPointer { cache.scores(of: ChunkScoreCache.Key($0)!) != nil }
        }
        #expect(kept.count <= ChunkScoreCache.slotCount)
        #expect(kept.count > ChunkScoreCache.slotCount / 2)
        #expect(kept.contains(words.last!))
    }

    /// How many of `text`'s chunks `detector`'s table holds.
    private func countCached(_ text: String, in detector: LanguageDetector) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).count { chunk in
            Array(chunk.utf8).withUnsafeBufferPointer { bytes in
                ChunkScoreCache.Key(bytes).flatMap { detector.chunkCache.scores(of: $0) } != nil
            }
        }
    }
}
