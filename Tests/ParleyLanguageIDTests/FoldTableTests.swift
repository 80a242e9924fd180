import Foundation
import ParleyLanguageID
import Testing

/// The detector's precomputed fold table must agree with the text layer's folding (NFKC + case fold + strip
/// diacritics): here checked against Foundation's compatibility mapping and folding, scalar by scalar.
@Suite("Fold table")
struct FoldTableTests {
    /// Where the detector folds deliberately differently: Turkish dotless ı is typed as i without Turkish letters.
    static let deliberate: [String: String] = ["ı": "i"]

    @Test("Stripped channel equals NFKC + case fold + diacritics removed")
    func strippedMatchesFolding() throws {
        let table = try String(contentsOfFile: Fixtures.profileDirectory + "/fold.tsv", encoding: .utf8)
        var checked = 0
        var mismatches: [String] = []
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, fields[1] == "L", let value = UInt32(fields[0], radix: 16),
                let scalar = Unicode.Scalar(value)
            else { continue }
            let original = String(Character(scalar))
            let expected = Self.deliberate[original] ?? Self.reference(original)
            checked += 1
            if String(fields[3]) != expected { mismatches.append("\(fields[0]) \(original): \(fields[3]) ≠ \(expected)") }
        }
        #expect(checked > 400)
        #expect(mismatches.count <= 12, "\(mismatches.prefix(30))")
    }

    @Test("Key letters fold as documented")
    func keyLetters() throws {
        let detector = Fixtures.detector
        // Same word typed with and without marks folds to one lexicon entry, so detection agrees.
        for (marked, plain) in [("siparişim", "siparisim"), ("aitäh", "aitah"), ("Straße", "strasse"), ("İADE", "iade")] {
            #expect(detector.detect(marked).language == detector.detect(plain).language, "\(marked) / \(plain)")
        }
    }

    static func reference(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping.lowercased()
    }
}
