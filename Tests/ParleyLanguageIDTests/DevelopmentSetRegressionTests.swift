import ParleyLanguageID
import ParleyText
import Testing

/// Fails when accuracy on the development set drops below the figures reported in the README
/// (section "Language identification") minus 0.005. Update both together.
@Suite("Development-set accuracy")
struct DevelopmentSetRegressionTests {
    static let reportedOverall = 0.990
    static let reportedOneWord = 0.971
    static let reportedStripped = 0.988
    static let tolerance = 0.005

    private func accuracy(_ items: [(language: LanguageCode, text: String)], words: ClosedRange<Int>? = nil) -> Double {
        let chosen = items.filter { words?.contains($0.text.split(separator: " ").count) ?? true }
        let correct = chosen.filter { Fixtures.detector.detect($0.text).language == $0.language }.count
        return Double(correct) / Double(chosen.count)
    }

    @Test("Overall and one-word accuracy hold")
    func developmentSet() throws {
        let items = try Fixtures.developmentSet()
        #expect(items.count > 800)
        #expect(accuracy(items) >= Self.reportedOverall - Self.tolerance)
        #expect(accuracy(items, words: 1...1) >= Self.reportedOneWord - Self.tolerance)
    }

    @Test("Accent-stripped accuracy holds")
    func strippedSet() throws {
        #expect(accuracy(try Fixtures.developmentSet(stripped: true)) >= Self.reportedStripped - Self.tolerance)
    }
}
