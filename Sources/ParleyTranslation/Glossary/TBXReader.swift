import ParleyText

/// A streaming walk over a TBX document's tags, collecting concepts. See ``TBXDocument``.
struct TBXReader {
    let characters: [Character]
    var entries: [GlossaryEntry] = []
    private var current: GlossaryEntry?
    private var language: LanguageCode?
    private var textStart = 0
    private var pendingType: String?

    init(characters: [Character]) { self.characters = characters }

    mutating func read(file: String) throws {
        var i = 0
        while i < characters.count {
            guard characters[i] == "<" else { i += 1; continue }
            if let skip = skipSpecial(at: i) { i = skip; continue }
            guard let tag = XMLText.tag(in: characters, at: i) else {
                let line = characters[..<i].filter(\.isNewline).count + 1
                throw GlossaryLoadError(problems: [GlossaryProblem(file: file, line: line, message: "malformed tag")])
            }
            handle(tag, at: i)
            i = tag.end
        }
    }

    /// Comments, processing instructions, declarations and CDATA are skipped (CDATA text is not used by TBX-Basic).
    private func skipSpecial(at i: Int) -> Int? {
        let rest = characters[i...]
        for (open, close) in [("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"), ("<!", ">")]
        where rest.starts(with: open) {
            let closing = Array(close)
            var j = i + open.count
            while j + closing.count <= characters.count, !characters[j..<(j + closing.count)].elementsEqual(closing) {
                j += 1
            }
            return min(characters.count, j + closing.count)
        }
        return nil
    }

    private mutating func handle(_ tag: XMLText.Tag, at offset: Int) {
        let name = tag.name
        if tag.closing {
            let text = XMLText.unescape(String(characters[textStart..<offset])).trimmingSpaces
            close(name, text: text)
            return
        }
        textStart = tag.end
        switch name {
        case "conceptEntry", "termEntry":
            current = GlossaryEntry(conceptID: tag.attributes["id"] ?? "concept-\(entries.count + 1)", terms: [:])
        case "langSec", "langSet":
            language = (tag.attributes["xml:lang"] ?? tag.attributes["lang"]).flatMap { LanguageCode(parsing: $0) }
        case "termNote", "descrip", "admin":
            pendingType = tag.attributes["type"]
        default: break
        }
    }

    private mutating func close(_ name: String, text: String) {
        switch name {
        case "conceptEntry", "termEntry":
            if var entry = current, !entry.terms.isEmpty {
                if entry.doNotTranslate, let term = entry.terms.values.first {
                    for code in LanguageCode.supported where entry.terms[code] == nil { entry.terms[code] = term }
                }
                entries.append(entry)
            }
            current = nil
        case "term":
            if let language, LanguageCode.supported.contains(language), current?.terms[language] == nil {
                current?.terms[language] = text
            }
        case "note" where current?.note.isEmpty == true: current?.note = text
        case "termNote", "descrip", "admin": property(pendingType ?? "", text)
        default: break
        }
    }

    private mutating func property(_ type: String, _ value: String) {
        switch type {
        case "partOfSpeech": if current?.partOfSpeech.isEmpty == true { current?.partOfSpeech = value }
        case "definition": if current?.note.isEmpty == true { current?.note = value }
        case "administrativeStatus":
            current?.status = value.hasPrefix("preferredTerm") ? .reviewed : .draft
        case "x-parley-dnt": current?.doNotTranslate = value == "yes"
        case "x-parley-case-sensitive": current?.caseSensitive = value == "yes"
        default: break
        }
    }
}
