import ParleyText

/// Writing a glossary out: our TSV format, DeepL's CSV/TSV entries, and TBX (see `TBXDocument`).
extension Glossary {
    /// The glossary in the `Dictionaries/glossaries` TSV format (standard header, all four languages).
    /// Tabs and line breaks inside fields become spaces.
    public func tsv() -> String {
        var lines = [GlossaryLoader.header.joined(separator: "\t")]
        for entry in entries {
            let fields =
                [entry.conceptID] + LanguageCode.supported.map { entry.terms[$0] ?? "" } + [
                    entry.partOfSpeech, entry.note, entry.status.rawValue, entry.doNotTranslate ? "yes" : "no",
                    entry.caseSensitive ? "yes" : "no",
                ]
            lines.append(fields.map(Self.tsvField).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The reviewed source → target pairs for one direction, each source term once (the loader guarantees one
    /// target per source term). Draft entries are left out: only reviewed terminology reaches an engine.
    public func pairs(_ pair: LanguagePair) -> [(source: String, target: String)] {
        var seen = Set<String>()
        return entries.compactMap { entry in
            guard entry.status == .reviewed, let s = entry.terms[pair.source], let t = entry.terms[pair.target],
                seen.insert(s).inserted
            else { return nil }
            return (s, t)
        }
    }

    /// DeepL glossary entries as CSV (`entries_format=csv`): one `source,target` line per pair, RFC 4180 quoting.
    public func deepLCSV(_ pair: LanguagePair) -> String {
        pairs(pair).map { Self.csvField($0.source) + "," + Self.csvField($0.target) + "\n" }.joined()
    }

    /// DeepL glossary entries as TSV (`entries_format=tsv`): one `source<TAB>target` line per pair.
    public func deepLTSV(_ pair: LanguagePair) -> String {
        pairs(pair).map { Self.tsvField($0.source) + "\t" + Self.tsvField($0.target) + "\n" }.joined()
    }

    static func tsvField(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) || text.first == " " || text.last == " "
        else { return text }
        return "\"" + text.replacingQuotes + "\""
    }
}

extension String {
    fileprivate var replacingQuotes: String {
        var out = ""
        for c in self {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out
    }
}
