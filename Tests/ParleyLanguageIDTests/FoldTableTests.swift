import Foundation
import ParleyLanguageID
import ParleyText
import Testing

/// The detector's precomputed fold table (applied in one pass per message, no ICU call) must fold every scalar
/// exactly as the text layer's `TextKeys.foldedKey` (NFKC_Casefold, marks removed, ı → i, ø → o, ...).
@Suite("Fold table")
struct FoldTableTests {
    private static func rows() throws -> [(
        scalar: Unicode.Scalar, kind: Substring, marked: Substring, stripped: Substring
    )] {
        let table = try String(contentsOfFile: Fixtures.profileDirectory + "/fold.tsv", encoding: .utf8)
        return table.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard !line.hasPrefix("#"), fields.count == 4, let value = UInt32(fields[0], radix: 16),
                let scalar = Unicode.Scalar(value)
            else { return nil }
            return (scalar, fields[1], fields[2], fields[3])
        }
    }

    @Test("Stripped channel equals TextKeys.foldedKey for every letter in the table")
    func strippedMatchesTextLayer() throws {
        let letters = try Self.rows().filter { $0.kind == "L" }
        #expect(letters.count > 400)
        let mismatches = letters.compactMap { row -> String? in
            let expected = TextKeys.foldedKey(String(Character(row.scalar)))
            return String(row.stripped) == expected
                ? nil : "U+\(String(row.scalar.value, radix: 16)) \(row.stripped) ≠ \(expected)"
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test("Marked channel keeps the letters that tell languages apart")
    func markedKeepsLanguageLetters() throws {
        let marked = Dictionary(uniqueKeysWithValues: try Self.rows().map { ($0.scalar, String($0.marked)) })
        for (letter, expected) in [
            ("Õ", "õ"), ("Ä", "ä"), ("ß", "ß"), ("ı", "ı"), ("Ş", "ş"), ("Ğ", "ğ"), ("I", "i"), ("İ", "i"),
        ] {
            #expect(marked[Unicode.Scalar(letter)!] == expected, "\(letter)")
        }
    }

    @Test("Words typed with and without marks are detected alike")
    func accentlessTypingAgrees() {
        let detector = Fixtures.detector
        for (marked, plain) in [
            ("siparişim", "siparisim"), ("aitäh", "aitah"), ("Straße", "strasse"), ("İADE", "iade"),
        ] {
            #expect(detector.detect(marked).language == detector.detect(plain).language, "\(marked) / \(plain)")
        }
    }

    @Test("Zero-width and soft-hyphen characters inside a word do not split it")
    func ignorablesInsideWords() {
        let detector = Fixtures.detector
        #expect(detector.detect("teşek\u{00AD}kürler").language == "tr")
        #expect(detector.detect("Bestel\u{200B}lung").language == "de")
    }
}
