import ParleyText

/// TBX (ISO 30042), the term exchange format of translators' CAT tools.
///
/// Export writes TBX-Basic in the 2019 (v3) form: `<tbx type="TBX-Basic">`, one `conceptEntry` per concept with
/// `langSec xml:lang`, `termSec`/`term`, `termNote type="partOfSpeech"` and `termNote type="administrativeStatus"`
/// (`preferredTerm-admn-sts` for reviewed, `admittedTerm-admn-sts` for draft), the note as
/// `descrip type="definition"`, and Parley's flags as `admin type="x-parley-dnt"` / `x-parley-case-sensitive`.
/// Import reads that and the 2008 (v2) form (`<martif>`, `termEntry`, `langSet`, `tig`/`ntig`), plus `<note>`.
/// Languages Parley does not support are skipped.
public enum TBXDocument {
    /// The glossary as a TBX-Basic v3 document.
    public static func export(_ glossary: Glossary) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
              <tbxHeader>
                <fileDesc>
                  <sourceDesc><p>\(XMLText.escape(glossary.name)) glossary, version \(glossary.version)</p></sourceDesc>
                </fileDesc>
              </tbxHeader>
              <text>
                <body>

            """
        for entry in glossary.entries { out += conceptEntry(entry) }
        out += "    </body>\n  </text>\n</tbx>\n"
        return out
    }

    private static func conceptEntry(_ entry: GlossaryEntry) -> String {
        var out = "      <conceptEntry id=\"\(XMLText.escape(entry.conceptID))\">\n"
        if !entry.note.isEmpty {
            out += "        <descrip type=\"definition\">\(XMLText.escape(entry.note))</descrip>\n"
        }
        out += "        <admin type=\"x-parley-dnt\">\(entry.doNotTranslate ? "yes" : "no")</admin>\n"
        out += "        <admin type=\"x-parley-case-sensitive\">\(entry.caseSensitive ? "yes" : "no")</admin>\n"
        let status = entry.status == .reviewed ? "preferredTerm-admn-sts" : "admittedTerm-admn-sts"
        for language in LanguageCode.supported {
            guard let term = entry.terms[language] else { continue }
            out += "        <langSec xml:lang=\"\(language)\">\n          <termSec>\n"
            out += "            <term>\(XMLText.escape(term))</term>\n"
            if !entry.partOfSpeech.isEmpty {
                out += "            <termNote type=\"partOfSpeech\">\(XMLText.escape(entry.partOfSpeech))</termNote>\n"
            }
            out += "            <termNote type=\"administrativeStatus\">\(status)</termNote>\n"
            out += "          </termSec>\n        </langSec>\n"
        }
        return out + "      </conceptEntry>\n"
    }

    /// Reads the concepts of a TBX document (v2 or v3). Throws ``GlossaryLoadError`` naming `file` when the
    /// document has no concept or a tag is not well formed.
    public static func entries(fromTBX text: String, file: String) throws -> [GlossaryEntry] {
        var reader = TBXReader(characters: Array(text))
        try reader.read(file: file)
        guard !reader.entries.isEmpty else {
            throw GlossaryLoadError(problems: [
                GlossaryProblem(file: file, line: 1, message: "no conceptEntry or termEntry found")
            ])
        }
        return reader.entries
    }
}
