import ParleyText

/// The line-by-line work of ``GlossaryLoader``: collects entries and problems.
struct GlossaryFileParser {
    let file: String
    var problems: [GlossaryProblem] = []
    var entries: [GlossaryEntry] = []
    private var languages: [LanguageCode] = []
    private var headerSeen = false
    private var conceptLines: [String: Int] = [:]
    private var lines: [Int] = []

    init(file: String) { self.file = file }

    mutating func parse(_ bytes: [UInt8]) {
        var number = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var slice = raw[...]
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            guard let line = String(validating: slice, as: UTF8.self) else {
                report(number, invalidUTF8Message(slice))
                continue
            }
            if line.isEmpty || line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if headerSeen { row(fields, line: number) } else { header(fields, line: number) }
        }
        if !headerSeen {
            report(max(number, 1), "missing header line: " + GlossaryLoader.header.joined(separator: "\t"))
        }
        checkConflicts()
        problems.sort { $0.line < $1.line }
    }

    private mutating func report(_ line: Int, _ message: String) {
        problems.append(GlossaryProblem(file: file, line: line, message: message))
    }

    private func invalidUTF8Message(_ bytes: ArraySlice<UInt8>) -> String {
        var prefix = 0
        for length in stride(from: bytes.count, through: 0, by: -1)
        where String(validating: bytes.prefix(length), as: UTF8.self) != nil {
            prefix = length
            break
        }
        let byte = bytes[bytes.startIndex + prefix]
        return "invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) at byte \(prefix + 1) of the line); "
            + "save the file as UTF-8"
    }

    private mutating func header(_ fields: [String], line: Int) {
        headerSeen = true
        let lead = GlossaryLoader.leadingColumns
        let trail = GlossaryLoader.trailingColumns
        guard fields.count > lead.count + trail.count, Array(fields.prefix(lead.count)) == lead,
            Array(fields.suffix(trail.count)) == trail
        else {
            report(
                line,
                "expected header columns " + GlossaryLoader.header.joined(separator: ", ") + "; found "
                    + fields.joined(separator: ", "))
            return
        }
        for name in fields.dropFirst(lead.count).dropLast(trail.count) {
            let code = LanguageCode(rawValue: name)
            if LanguageCode.supported.contains(code), !languages.contains(code) {
                languages.append(code)
            } else {
                report(
                    line,
                    "unknown language column '\(name)' in the header; known: "
                        + LanguageCode.supported.map(\.rawValue).joined(separator: ", "))
            }
        }
    }

    private mutating func row(_ fields: [String], line: Int) {
        let expected = 1 + languages.count + GlossaryLoader.trailingColumns.count
        guard fields.count == expected else {
            report(line, "expected \(expected) tab-separated columns, found \(fields.count)")
            return
        }
        let id = fields[0].trimmingSpaces
        var terms: [LanguageCode: String] = [:]
        for (offset, language) in languages.enumerated() {
            let term = fields[1 + offset].trimmingSpaces
            if !term.isEmpty { terms[language] = term }
        }
        let tail = Array(fields.suffix(5)).map(\.trimmingSpaces)
        var valid = checkIdentity(id, terms, line: line)
        let status = GlossaryEntry.Status(rawValue: tail[2])
        if status == nil { report(line, "status must be draft or reviewed, found '\(tail[2])'"); valid = false }
        let dnt = flag(tail[3], "dnt", line: line)
        let caseSensitive = flag(tail[4], "case_sensitive", line: line)
        guard valid, let status, let dnt, let caseSensitive else { return }
        entries.append(
            GlossaryEntry(
                conceptID: id, terms: terms, partOfSpeech: tail[0], note: tail[1], status: status, doNotTranslate: dnt,
                caseSensitive: caseSensitive))
        lines.append(line)
    }

    private mutating func checkIdentity(_ id: String, _ terms: [LanguageCode: String], line: Int) -> Bool {
        if id.isEmpty { report(line, "concept_id is empty"); return false }
        if let first = conceptLines[id] {
            report(line, "duplicate concept '\(id)' (first defined on line \(first))")
            return false
        }
        conceptLines[id] = line
        if terms.isEmpty { report(line, "concept '\(id)' has no term in any language"); return false }
        return true
    }

    private mutating func flag(_ value: String, _ column: String, line: Int) -> Bool? {
        switch value {
        case "yes": return true
        case "no": return false
        default:
            report(line, "\(column) must be yes or no, found '\(value)'")
            return nil
        }
    }

    /// One source term may map to only one target term per target language, across all concepts.
    private mutating func checkConflicts() {
        var reported = Set<String>()
        for source in languages {
            for target in languages where target != source {
                var seen: [String: (term: String, index: Int)] = [:]
                for (index, entry) in entries.enumerated() {
                    guard let s = entry.terms[source], let t = entry.terms[target] else { continue }
                    let key = GlossaryMatcher.fold(s)
                    if let earlier = seen[key] {
                        if GlossaryMatcher.fold(earlier.term) != GlossaryMatcher.fold(t),
                            reported.insert("\(index) \(source)").inserted
                        {
                            let other = entries[earlier.index]
                            report(
                                lines[index],
                                "\(source) term '\(s)' maps to '\(earlier.term)' (concept "
                                    + "'\(other.conceptID)', line \(lines[earlier.index])) and to '\(t)' (concept "
                                    + "'\(entry.conceptID)') in \(target); use one target term")
                        }
                    } else {
                        seen[key] = (t, index)
                    }
                }
            }
        }
    }
}
