import ParleyText
import Testing

@testable import ParleyTranslation

@Suite struct GlossaryExchangeTests {
    @Test func tbxRoundTripKeepsEveryConcept() throws {
        let glossary = try shopGlossary()
        let tbx = TBXDocument.export(glossary)
        #expect(tbx.contains("<tbx type=\"TBX-Basic\""))
        #expect(tbx.contains("<langSec xml:lang=\"tr\">"))
        let imported = try TBXDocument.entries(fromTBX: tbx, file: "shop.tbx")
        #expect(imported == glossary.entries)
    }

    @Test func tsvRoundTrip() throws {
        let glossary = try shopGlossary()
        let reloaded = try GlossaryLoader().parse(Array(glossary.tsv().utf8), file: "shop.tsv")
        #expect(reloaded.entries == glossary.entries)
    }

    @Test func importsTBXVersion2Martif() throws {
        let tbx = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
            <martif type="TBX-Basic" xml:lang="en">
              <text><body>
                <termEntry id="c1">
                  <descrip type="definition">Goods sent back &amp; refunded.</descrip>
                  <langSet xml:lang="de-DE"><tig><term>Rücksendung</term>
                    <termNote type="partOfSpeech">noun</termNote>
                    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
                  <langSet xml:lang="en-GB"><tig><term>return</term></tig></langSet>
                  <langSet xml:lang="fr"><tig><term>retour</term></tig></langSet>
                </termEntry>
                <!-- a comment <termEntry> -->
              </body></text>
            </martif>
            """
        let entries = try TBXDocument.entries(fromTBX: tbx, file: "x.tbx")
        #expect(
            entries == [
                GlossaryEntry(
                    conceptID: "c1", terms: ["de": "Rücksendung", "en": "return"], partOfSpeech: "noun",
                    note: "Goods sent back & refunded.", status: .reviewed)
            ])
    }

    @Test func rejectsTBXWithoutConcepts() {
        #expect(throws: GlossaryLoadError.self) { try TBXDocument.entries(fromTBX: "<tbx></tbx>", file: "x.tbx") }
    }

    @Test func deepLCSVQuotesAndSkipsDrafts() {
        let glossary = Glossary(
            name: "g", version: "1",
            entries: [
                GlossaryEntry(
                    conceptID: "a", terms: ["de": "Größe, Farbe", "en": "size \"and\" colour"], status: .reviewed),
                GlossaryEntry(conceptID: "b", terms: ["de": "Korb", "en": "basket"], status: .reviewed),
                GlossaryEntry(conceptID: "c", terms: ["de": "Entwurf", "en": "draft"], status: .draft),
            ])
        #expect(glossary.deepLCSV(deEN) == "\"Größe, Farbe\",\"size \"\"and\"\" colour\"\nKorb,basket\n")
        #expect(glossary.deepLTSV(deEN) == "Größe, Farbe\tsize \"and\" colour\nKorb\tbasket\n")
    }
}
