import Foundation
import ParleyLanguageID
import ParleyText
import Testing

/// `merged.table`, the precomputed feature tables: it must decide exactly as the profiles it was built from, be
/// reproducible, and refuse to load when damaged or stale.
@Suite("Merged feature table")
struct MergedTableTests {
    static let languages: [LanguageCode] = ["de", "en", "et", "tr"]

    /// A scratch profile directory holding copies of the shipped files; `merged.table` only when `table` is true.
    final class Scratch {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parley-langid-\(UUID())").path
        var tablePath: String { path + "/" + MergedTable.fileName }

        init(table: Bool, languages: [LanguageCode] = MergedTableTests.languages) throws {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let names =
                ["fold.tsv", "model.tsv", "neutral.txt"] + languages.map { $0.rawValue + ".profile" }
                + (table ? [MergedTable.fileName] : [])
            for name in names {
                try FileManager.default.copyItem(
                    atPath: Fixtures.profileDirectory + "/" + name, toPath: path + "/" + name)
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func rewrite(_ name: String, _ change: (inout Data) -> Void) throws {
            let url = URL(fileURLWithPath: path + "/" + name)
            var data = try Data(contentsOf: url)
            change(&data)
            try data.write(to: url)
        }
    }

    /// Every dev-set message (plain and accent-stripped) plus the tricky cases.
    static func messages() throws -> [String] {
        try (Fixtures.developmentSet() + Fixtures.developmentSet(stripped: true)).map(\.text)
            + [
                "danke", "aitäh", "ok", "👍", "#12345", "siparisim nerede", "ßõığ", "iPhone kılıfı",
                "tere, kas saate aidata?",
            ]
    }

    private func expectSameDecisions(_ table: LanguageDetector, _ profiles: LanguageDetector) throws {
        #expect(table.loadedFromMergedTable)
        #expect(!profiles.loadedFromMergedTable)
        #expect(table.languages == profiles.languages)
        var differing = 0
        for text in try Self.messages() {
            let (fast, slow) = (table.detect(text), profiles.detect(text))
            if fast.logits != slow.logits || fast.language != slow.language || fast.wordCount != slow.wordCount {
                differing += 1
            }
        }
        #expect(differing == 0)
    }

    @Test("Loading merged.table decides exactly as building from the profiles")
    func sameDecisions() throws {
        let profilesOnly = try Scratch(table: false)
        let fromProfiles = try LanguageDetector(profileDirectory: profilesOnly.path, languages: Self.languages)
        try expectSameDecisions(Fixtures.detector, fromProfiles)
    }

    @Test("A subset in another order reads the table too, with the same decisions")
    func subset() throws {
        let profilesOnly = try Scratch(table: false)
        let pair: [LanguageCode] = ["tr", "de"]
        let fromTable = try LanguageDetector(profileDirectory: Fixtures.profileDirectory, languages: pair)
        let fromProfiles = try LanguageDetector(profileDirectory: profilesOnly.path, languages: pair)
        try expectSameDecisions(fromTable, fromProfiles)
    }

    @Test("The shipped merged.table is what the shipped profiles build, byte for byte")
    func reproducible() throws {
        let scratch = try Scratch(table: false)
        try MergedTable.write(profileDirectory: scratch.path)
        let rebuilt = try Data(contentsOf: URL(fileURLWithPath: scratch.tablePath))
        let shipped = try Data(contentsOf: URL(fileURLWithPath: Fixtures.profileDirectory + "/" + MergedTable.fileName))
        #expect(rebuilt.count == shipped.count)
        #expect(rebuilt == shipped, "run `make dictionaries` (or `parley detect --write-table`) and commit the table")
    }

    /// Loads `scratch` and returns the error's code and message.
    private func loadError(_ scratch: Scratch, languages: [LanguageCode] = languages) -> LanguageIDError? {
        return #expect(throws: LanguageIDError.self) {
            try LanguageDetector(profileDirectory: scratch.path, languages: languages)
        }
    }

    @Test(
        "A damaged merged.table is an error naming the file",
        arguments: [
            ("truncated", "truncated"), ("flipped", "checksum mismatch"), ("version", "format version 9"),
            ("garbage", "not a merged language table"), ("extended", "the header says"),
        ])
    func damaged(damage: String, expected: String) throws {
        let scratch = try Scratch(table: true)
        try scratch.rewrite(MergedTable.fileName) { data in
            switch damage {
            case "truncated": data = data.prefix(data.count - 4096)
            case "flipped": data[data.count / 2] ^= 0x10
            case "version": data[4] = 9
            case "garbage": data = Data(repeating: 0x41, count: 4096)
            default: data.append(contentsOf: [0, 0, 0, 0, 0, 0, 0, 0])
            }
        }
        let error = try #require(loadError(scratch))
        #expect(error.code == .profileMalformed)
        #expect(error.message.contains(scratch.tablePath))
        #expect(error.message.contains(expected), "\(error.message)")
    }

    @Test("A merged.table built from other profiles is an error naming the table and the profile")
    func stale() throws {
        let changed = try Scratch(table: true)
        try changed.rewrite("et.profile") { $0[$0.count - 1] ^= 0x01 }
        let error = try #require(loadError(changed))
        #expect(error.code == .staleTable)
        #expect(error.message.contains(changed.tablePath) && error.message.contains("et.profile"))
        #expect(error.message.contains("make dictionaries"))

        let missing = try Scratch(table: true)
        try FileManager.default.removeItem(atPath: missing.path + "/tr.profile")
        #expect(loadError(missing, languages: ["de", "en"])?.code == .staleTable)
    }

    @Test("A language the table lacks is built from the profiles instead")
    func languageOutsideTable() throws {
        let scratch = try Scratch(table: false, languages: ["de", "en"])
        try MergedTable.write(profileDirectory: scratch.path)
        for name in ["et.profile", "tr.profile"] {
            try FileManager.default.copyItem(
                atPath: Fixtures.profileDirectory + "/" + name, toPath: scratch.path + "/" + name)
        }
        #expect(try LanguageDetector(profileDirectory: scratch.path, languages: ["en", "de"]).loadedFromMergedTable)
        let all = try LanguageDetector(profileDirectory: scratch.path, languages: Self.languages)
        #expect(!all.loadedFromMergedTable)
        #expect(all.detect("tere, kas saate aidata?").language == "et")
    }
}
