import ParleyText
import ParleyTranslation
import Testing

@Suite("Phrasebook evaluation")
struct PhrasebookEvaluationTests {
    /// Reference values computed with sacrebleu 2.4.3 (`CHRF()` defaults: char order 6, β 2, no word n-grams).
    @Test func chrFMatchesSacrebleu() {
        let chrF = ChrF()
        #expect(
            abs(chrF.score(hypothesis: "Where is my order?", reference: "Where is my parcel?") - 51.16965741259176)
                < 1e-9)
        #expect(
            abs(chrF.score(hypothesis: "the cat sat on the mat", reference: "the cat is on the mat") - 64.5779420625287)
                < 1e-9)
        #expect(
            abs(chrF.score(hypothesis: "Şifremi unuttum.", reference: "Şifremi unuttum!") - 91.84565434565434) < 1e-9)
        var corpus = chrF.statistics(hypothesis: "Where is my order?", reference: "Where is my parcel?")
        corpus += chrF.statistics(hypothesis: "Thanks!", reference: "Thank you!")
        #expect(abs(chrF.score(corpus) - 47.373416382578895) < 1e-9)
        #expect(chrF.score(hypothesis: "abc", reference: "abc") == 100)
        #expect(chrF.score(hypothesis: "xyz", reference: "abc") == 0)
    }

    /// The figures reported in README.md, minus a small margin: a change that lowers coverage or quality on the
    /// development set fails here.
    @Test func theDevelopmentSetStaysAtTheReportedFigures() throws {
        let evaluation = try PhrasebookEvaluation(file: PhrasebookFixtures.devSet)
        #expect(evaluation.rows.count >= 120)
        let results = evaluation.run(PhrasebookFixtures.translator)
        #expect(results.count == 12)
        let overall = PhrasebookEvaluation.overall(results)
        #expect(overall.coverage >= 62, "coverage \(overall.coverage)")
        #expect(overall.chrF >= 79, "chrF \(overall.chrF)")
        for (pair, figures) in results {
            #expect(figures.coverage >= 55, "\(pair) coverage \(figures.coverage)")
            #expect(figures.chrF >= 74, "\(pair) chrF \(figures.chrF)")
        }
    }
}
