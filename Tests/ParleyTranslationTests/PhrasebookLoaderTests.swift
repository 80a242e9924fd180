import Foundation
import ParleyText
import ParleyTranslation
import Testing

@Suite("Phrasebook loading")
struct PhrasebookLoaderTests {
    private let header = "# a comment\nid\tde\ten\tet\ttr\n"

    private func problems(_ body: String, file: String = "test.tsv") throws -> [PhrasebookError.Diagnostic] {
        let directory = try PhrasebookFixtures.directory(with: [file: header + body])
        defer { PhrasebookFixtures.remove(directory) }
        do {
            _ = try PhrasebookLoader().load(directory: directory)
            Issue.record("expected a loading error")
            return []
        } catch {
            #expect(error.code == .invalidData)
            return error.diagnostics
        }
    }

    @Test func theShippedPhrasebookLoadsWithEnoughGroups() throws {
        let phrasebook = try PhrasebookLoader().load(directory: PhrasebookFixtures.directory)
        #expect(phrasebook.groups.count >= 350)
        #expect(phrasebook.languages == ["de", "en", "et", "tr"])
        #expect(phrasebook.groups.allSatisfy { $0.variants.count == 4 })
    }

    @Test func aValidFileLoads() throws {
        let directory = try PhrasebookFixtures.directory(with: [
            "a.tsv": header + "x.hello\tHallo! | Hi!\tHello!\tTere!\tMerhaba!\n\n# done\n"
        ])
        defer { PhrasebookFixtures.remove(directory) }
        let phrasebook = try PhrasebookLoader().load(directory: directory)
        #expect(phrasebook.groups.map(\.id) == ["x.hello"])
        #expect(phrasebook.groups[0].variants["de"] == ["Hallo!", "Hi!"])
        #expect(phrasebook.groups[0].line == 3)
    }

    @Test func aWrongColumnCountIsReportedWithFileAndLine() throws {
        let found = try problems("x.a\tHallo!\tHello!\tTere!\n")
        #expect(found.count == 1)
        #expect(found[0].description.hasSuffix("test.tsv:3: expected 5 tab-separated columns, found 4"))
    }

    @Test func slotsMustBeTheSameInEveryLanguage() throws {
        let found = try problems("x.a\tAm {date}.\tOn {date}.\tKell {number}.\t{date} tarihinde.\n")
        #expect(found.count == 1)
        #expect(found[0].line == 3)
        #expect(found[0].message.contains("slots differ"))
    }

    @Test func variantsMustHaveTheRowsSlotsToo() throws {
        let found = try problems("x.a\tNr. {number}. | Nummer.\tNo. {number}.\tNr {number}.\tNo {number}.\n")
        #expect(found.map(\.line) == [3])
    }

    @Test func duplicateIDsAcrossFilesAreReported() throws {
        let directory = try PhrasebookFixtures.directory(with: [
            "a.tsv": header + "x.a\tJa.\tYes.\tJah.\tEvet.\n",
            "b.tsv": header + "x.a\tNein.\tNo.\tEi.\tHayır.\n",
        ])
        defer { PhrasebookFixtures.remove(directory) }
        #expect {
            try PhrasebookLoader().load(directory: directory)
        } throws: { error in
            let diagnostics = (error as? PhrasebookError)?.diagnostics ?? []
            return diagnostics.count == 1 && diagnostics[0].description.contains("b.tsv:3: duplicate id 'x.a'")
                && diagnostics[0].message.contains("a.tsv:3")
        }
    }

    @Test func everyProblemIsReportedAndNothingLoads() throws {
        let found = try problems(
            "x.a\tJa.\tYes.\tJah.\n" + "x.b\t{foo} da.\tthere.\tseal.\torada.\n"
                + "x.c\t3 Tage.\t3 days.\t3 päeva.\t3 gün.\n"
                + "x.d\tJa.\t\tJah.\tEvet.\n")
        #expect(found.map(\.line) == [3, 4, 5, 6])
        #expect(found[1].message.contains("'{foo}' is not a slot"))
        #expect(found[2].message.contains("digits outside a slot"))
        #expect(found[3].message.contains("empty phrase in the 'en' column"))
    }

    @Test func headerProblems() throws {
        let directory = try PhrasebookFixtures.directory(with: ["a.tsv": "id\tde\tEnglish\n"])
        defer { PhrasebookFixtures.remove(directory) }
        #expect {
            try PhrasebookLoader().load(directory: directory)
        } throws: { error in
            (error as? PhrasebookError)?.diagnostics.first?.message.contains("unknown language column 'English'")
                == true
        }
        let missing = try PhrasebookFixtures.directory(with: ["a.tsv": "# only comments\n"])
        defer { PhrasebookFixtures.remove(missing) }
        #expect(throws: PhrasebookError.self) { try PhrasebookLoader().load(directory: missing) }
    }

    @Test func invalidUTF8IsReported() throws {
        let directory = try PhrasebookFixtures.directory(with: [:])
        defer { PhrasebookFixtures.remove(directory) }
        let bytes: [UInt8] = Array((header + "x.a\tJa.\tYes.\tJah.\t").utf8) + [0xFF, 0xFE, 0x0A]
        try Data(bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent("bad.tsv"))
        #expect {
            try PhrasebookLoader().load(directory: directory)
        } throws: { error in
            (error as? PhrasebookError)?.diagnostics.first?.description.hasSuffix(
                "bad.tsv:1: the file is not valid UTF-8")
                == true
        }
    }

    @Test func aMissingDirectoryIsUnreadable() {
        #expect {
            try PhrasebookLoader().load(directory: "/nonexistent/phrasebook")
        } throws: { error in
            (error as? PhrasebookError)?.code == .unreadable
        }
    }

    /// The canonical phrase is what users see; it must read as a finished sentence so that composed phrases
    /// (`Hello! Where is my order?`) stay readable.
    @Test func canonicalPhrasesEndLikeSentences() throws {
        let phrasebook = PhrasebookFixtures.translator.phrasebook
        for group in phrasebook.groups {
            for (language, variants) in group.variants {
                let canonical = variants[0]
                let last = canonical.last!
                #expect(
                    ".!?…".contains(last) || canonical.hasSuffix("{url}") || canonical.hasSuffix("{number}")
                        || canonical.hasSuffix("{email}"),
                    "\(group.id) (\(language)): '\(canonical)'")
            }
        }
    }
}
