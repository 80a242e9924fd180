import ParleyText
import Testing

@testable import ParleyTranslation

@Suite struct GlossaryLoaderTests {
    static let header = "concept_id\tde\ten\tet\ttr\tpos\tnote\tstatus\tdnt\tcase_sensitive"
    static let file = "Dictionaries/glossaries/shop.tsv"

    func problems(_ lines: [String]) -> [String] {
        problems(Array((lines.joined(separator: "\n") + "\n").utf8))
    }

    func problems(_ bytes: [UInt8]) -> [String] {
        do {
            _ = try GlossaryLoader().parse(bytes, file: Self.file)
            return []
        } catch let error as GlossaryLoadError {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    static let cart = "cart\tWarenkorb\tcart\tostukorv\tsepet\tnoun\t\treviewed\tno\tno"

    @Test func shipsAValidSampleGlossary() throws {
        let glossary = try shopGlossary()
        #expect(glossary.name == "shop")
        #expect(glossary.entries.count >= 30)
        #expect(glossary.entries.allSatisfy { entry in LanguageCode.supported.allSatisfy { entry.terms[$0] != nil } })
        #expect(glossary.entries.contains { $0.conceptID == "brand_parley" && $0.doNotTranslate && $0.caseSensitive })
        #expect(glossary.version.count == 16)
    }

    @Test func wrongColumnCount() {
        #expect(
            problems(["# comment", Self.header, "", "cart\tWarenkorb\tcart\tostukorv\tsepet\tnoun\treviewed\tno\tno"])
                == ["\(Self.file):4: expected 10 tab-separated columns, found 9"])
    }

    @Test func duplicateConcept() {
        #expect(
            problems([Self.header, Self.cart, Self.cart.replacing("Warenkorb", with: "Korb")])
                == ["\(Self.file):3: duplicate concept 'cart' (first defined on line 2)"])
    }

    @Test func oneSourceTermWithTwoTargets() {
        let other = "basket\tWarenkorb\tbasket\tostukorv\tsepet\tnoun\t\treviewed\tno\tno"
        #expect(
            problems([Self.header, Self.cart, other]) == [
                "\(Self.file):3: de term 'Warenkorb' maps to 'cart' (concept 'cart', line 2) and to 'basket' (concept 'basket') in en; use one target term",
                "\(Self.file):3: et term 'ostukorv' maps to 'cart' (concept 'cart', line 2) and to 'basket' (concept 'basket') in en; use one target term",
                "\(Self.file):3: tr term 'sepet' maps to 'cart' (concept 'cart', line 2) and to 'basket' (concept 'basket') in en; use one target term",
            ])
    }

    @Test func invalidUTF8ReportsTheLine() {
        var bytes = Array((Self.header + "\n" + Self.cart + "\n").utf8)
        bytes +=
            Array("order\tBestellung\torder\ttellimus\tsipari".utf8) + [0xC5]
            + Array("\tnoun\t\treviewed\tno\tno\n".utf8)
        #expect(
            problems(bytes) == [
                "\(Self.file):3: invalid UTF-8 (byte 0xC5 at byte 39 of the line); save the file as UTF-8"
            ])
    }

    @Test func unknownLanguageColumn() {
        let header = "concept_id\tde\ten\tfr\ttr\tpos\tnote\tstatus\tdnt\tcase_sensitive"
        #expect(
            problems([header]) == ["\(Self.file):1: unknown language column 'fr' in the header; known: de, en, et, tr"])
    }

    @Test func badStatusAndFlags() {
        let row = "cart\tWarenkorb\tcart\tostukorv\tsepet\tnoun\t\tdone\ty\tNo"
        #expect(
            problems([Self.header, row]) == [
                "\(Self.file):2: status must be draft or reviewed, found 'done'",
                "\(Self.file):2: dnt must be yes or no, found 'y'",
                "\(Self.file):2: case_sensitive must be yes or no, found 'No'",
            ])
    }

    @Test func badHeader() {
        #expect(
            problems(["id\tde\ten"]) == [
                "\(Self.file):1: expected header columns concept_id, de, en, et, tr, pos, note, status, dnt, case_sensitive; found id, de, en"
            ])
    }

    @Test func reportsEveryProblemAndLoadsNothing() {
        let found = problems([Self.header, Self.cart, "x\ty", Self.cart, "\tA\tB\tC\tD\tnoun\t\treviewed\tno\tno"])
        #expect(found.count == 3)
        #expect(found.map { String($0.split(separator: ":")[1]) } == ["3", "4", "5"])
    }

    @Test func lintsAFileOnDisk() {
        #expect(GlossaryLoader().lint(path: shopGlossaryPath).isEmpty)
        #expect(
            GlossaryLoader().lint(path: "/nonexistent/x.tsv").map(\.description) == [
                "/nonexistent/x.tsv:0: cannot read the file"
            ])
    }
}
