internal import Foundation
import ParleyText

/// Reads `*.tsv` phrasebook files: UTF-8, `#` comments, a header `id<TAB>de<TAB>en<TAB>et<TAB>tr`, one phrase group per
/// row, variants of a cell separated by ` | ` (the first is canonical), the same slots in every cell of a row.
///
/// Every problem is collected and reported as `file:line: message`; a phrasebook with any problem loads nothing.
public struct PhrasebookLoader: Sendable {
    public init() {}

    /// Loads every `*.tsv` file of a directory, in name order.
    public func load(directory: String) throws(PhrasebookError) -> Phrasebook {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tsv") }
                .sorted()
        } catch {
            throw PhrasebookError(
                .unreadable, message: "Cannot read the phrasebook directory '\(directory)'.", underlying: error)
        }
        guard !names.isEmpty else {
            throw PhrasebookError(.unreadable, message: "No *.tsv files in the phrasebook directory '\(directory)'.")
        }
        var files: [(name: String, text: String)] = []
        var diagnostics: [PhrasebookError.Diagnostic] = []
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(.init(file: path, line: 0, message: "cannot read the file"))
                continue
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                diagnostics.append(.init(file: path, line: 1, message: "the file is not valid UTF-8"))
                continue
            }
            files.append((path, text))
        }
        return try parse(files: files, diagnostics: diagnostics)
    }

    /// Parses file contents already in memory (`name` is used in diagnostics).
    public func parse(files: [(name: String, text: String)]) throws(PhrasebookError) -> Phrasebook {
        try parse(files: files, diagnostics: [])
    }

    private func parse(
        files: [(name: String, text: String)], diagnostics initial: [PhrasebookError.Diagnostic]
    ) throws(PhrasebookError) -> Phrasebook {
        var parser = RowParser()
        parser.diagnostics = initial
        for file in files { parser.parse(file.text, file: file.name) }
        guard parser.diagnostics.isEmpty else {
            let count = parser.diagnostics.count
            throw PhrasebookError(
                .invalidData,
                message: "The phrasebook has \(count) problem\(count == 1 ? "" : "s"); nothing was loaded.",
                diagnostics: parser.diagnostics)
        }
        return try Phrasebook(groups: parser.groups)
    }
}

/// Parses rows and collects groups and diagnostics.
private struct RowParser {
    var groups: [PhraseGroup] = []
    var diagnostics: [PhrasebookError.Diagnostic] = []
    private var firstDefinition: [String: String] = [:]

    mutating func parse(_ text: String, file: String) {
        var header: [LanguageCode]? = nil
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let number = offset + 1
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let languages = header else {
                header = parseHeader(columns, file: file, line: number)
                if header == nil { return }
                continue
            }
            parseRow(columns, languages: languages, file: file, line: number)
        }
        if header == nil { report(file, 1, "missing header line 'id\tde\ten\tet\ttr'") }
    }

    private mutating func parseHeader(_ columns: [Substring], file: String, line: Int) -> [LanguageCode]? {
        guard columns.first == "id", columns.count >= 3 else {
            report(file, line, "expected a header line starting with 'id' and at least two language columns")
            return nil
        }
        var languages: [LanguageCode] = []
        for column in columns.dropFirst() {
            guard let code = LanguageCode(parsing: column), code.rawValue == column else {
                report(file, line, "unknown language column '\(column)'; use codes such as de, en, et, tr")
                return nil
            }
            guard !languages.contains(code) else {
                report(file, line, "language column '\(column)' appears twice")
                return nil
            }
            languages.append(code)
        }
        return languages
    }

    private mutating func parseRow(_ columns: [Substring], languages: [LanguageCode], file: String, line: Int) {
        guard columns.count == languages.count + 1 else {
            report(file, line, "expected \(languages.count + 1) tab-separated columns, found \(columns.count)")
            return
        }
        let id = String(columns[0]).trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            report(file, line, "invalid id '\(id)'; use letters, digits, '.', '_' and '-'")
            return
        }
        if let first = firstDefinition[id] {
            report(file, line, "duplicate id '\(id)' (first defined at \(first))")
            return
        }
        firstDefinition[id] = "\(file):\(line)"
        var variants: [LanguageCode: [String]] = [:]
        for (language, cell) in zip(languages, columns.dropFirst()) {
            let texts = cell.components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !texts.contains(where: \.isEmpty) else {
                report(file, line, "empty phrase in the '\(language)' column")
                return
            }
            variants[language] = texts
        }
        guard checkSlots(variants, languages: languages, file: file, line: line) else { return }
        groups.append(PhraseGroup(id: id, file: file, line: line, variants: variants))
    }

    /// Every variant of every cell must have the same slots (`{number}` twice counts twice).
    private mutating func checkSlots(
        _ variants: [LanguageCode: [String]], languages: [LanguageCode], file: String, line: Int
    ) -> Bool {
        var expected: (LanguageCode, [PhrasebookSlot])? = nil
        for language in languages {
            for text in variants[language] ?? [] {
                let tokens: [PhraseToken]
                do {
                    tokens = try PhraseTokenizer.template(text[...], language: language)
                } catch {
                    report(file, line, "\(language): \(error.message)")
                    return false
                }
                guard tokens.contains(where: { $0.slot == nil }) else {
                    report(file, line, "\(language): '\(text)' has no words")
                    return false
                }
                let slots = tokens.compactMap(\.slot).sorted()
                if let (firstLanguage, firstSlots) = expected, firstSlots != slots {
                    report(
                        file, line,
                        "slots differ: \(firstLanguage) has \(Self.describe(firstSlots)), "
                            + "\(language) '\(text)' has \(Self.describe(slots))")
                    return false
                }
                if expected == nil { expected = (language, slots) }
            }
        }
        return true
    }

    private static func describe(_ slots: [PhrasebookSlot]) -> String {
        slots.isEmpty ? "no slots" : slots.map(\.placeholder).joined(separator: " ")
    }

    private mutating func report(_ file: String, _ line: Int, _ message: String) {
        diagnostics.append(.init(file: file, line: line, message: message))
    }
}
