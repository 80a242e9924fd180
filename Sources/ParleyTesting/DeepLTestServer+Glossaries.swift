import Foundation
import Hummingbird
import ParleyText

extension DeepLTestServer {
    func createGlossary(_ request: Request) async throws -> Response {
        guard authorized(request) else { return Self.forbidden }
        guard let body = try await InProcessServer.body(GlossaryRequest.self, request), let name = body.name,
            let source = body.source_lang?.lowercased(), let target = body.target_lang?.lowercased(),
            let entries = body.entries, ["tsv", "csv", nil].contains(body.entries_format)
        else {
            return InProcessServer.json(
                Message(message: "Bad request. Reason: Missing glossary fields"), status: .badRequest)
        }
        guard let rows = Self.parseEntries(entries, csv: body.entries_format == "csv") else {
            return InProcessServer.json(
                Message(message: "Bad request. Reason: Invalid glossary entries"), status: .badRequest)
        }
        let glossary = withState { s -> StoredGlossary in
            s.nextGlossary += 1
            let id = "def3a26b-3e84-45b3-84ae-\(String(format: "%012d", s.nextGlossary))"
            let stored = StoredGlossary(
                glossary_id: id, name: name, ready: true, source_lang: source, target_lang: target,
                creation_time: "2026-11-23T15:00:00.000000Z", entry_count: rows.count, entries: rows)
            s.glossaries[id] = stored
            return stored
        }
        var info = glossary
        info.entries = nil
        return InProcessServer.json(info, status: .created)
    }

    func glossary(_ request: Request, id: String, delete: Bool) -> Response {
        guard authorized(request) else { return Self.forbidden }
        let found = withState { s -> StoredGlossary? in delete ? s.glossaries.removeValue(forKey: id) : s.glossaries[id]
        }
        guard var found else { return InProcessServer.json(Message(message: "Glossary not found"), status: .notFound) }
        if delete { return Response(status: .noContent) }
        found.entries = nil
        return InProcessServer.json(found)
    }

    func languagePairs(_ request: Request) -> Response {
        guard authorized(request) else { return Self.forbidden }
        struct Pair: Encodable { var source_lang: String; var target_lang: String }
        struct Answer: Encodable { var supported_languages: [Pair] }
        let codes = LanguageCode.supported.map(\.rawValue)
        let pairs = codes.flatMap { s in codes.filter { $0 != s }.map { Pair(source_lang: s, target_lang: $0) } }
        return InProcessServer.json(Answer(supported_languages: pairs))
    }

    /// DeepL's TSV (`source<TAB>target`) or CSV (`source,target`, RFC 4180 quotes) entries; `nil` when malformed.
    static func parseEntries(_ text: String, csv: Bool) -> [[String]]? {
        var rows: [[String]] = []
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            let fields =
                csv
                ? csvFields(String(line))
                : line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else { return nil }
            rows.append([fields[0], fields[1]])
        }
        return rows
    }

    private static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        return fields
    }

    /// Replaces whole-word, case-insensitive occurrences of each source term (longest first), outside tags.
    static func applyGlossary(_ entries: [[String]], to text: String) -> String {
        guard !entries.isEmpty else { return text }
        var out = text
        for entry in entries.sorted(by: { $0[0].count > $1[0].count }) {
            out = replaceWord(entry[0], with: entry[1], in: out)
        }
        return out
    }

    private static func replaceWord(_ word: String, with replacement: String, in text: String) -> String {
        let lower = Array(text.lowercased())
        let original = Array(text)
        let needle = Array(word.lowercased())
        guard lower.count == original.count, !needle.isEmpty else { return text }
        var out = ""
        var i = 0
        while i < original.count {
            let fits = i + needle.count <= lower.count && Array(lower[i..<(i + needle.count)]) == needle
            let before = i == 0 || !(original[i - 1].isLetter || original[i - 1].isNumber)
            let after = i + needle.count >= original.count || !(original[i + needle.count].isLetter)
            if fits && before && after {
                out += replacement
                i += needle.count
            } else {
                out.append(original[i])
                i += 1
            }
        }
        return out
    }
}
