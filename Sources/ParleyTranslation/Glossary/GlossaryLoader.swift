import Foundation
import ParleyText

/// Reads `Dictionaries/glossaries/*.tsv`: a header, then one concept per row in 10 tab-separated columns
/// `concept_id, de, en, et, tr, pos, note, status, dnt, case_sensitive`; lines starting with `#` and blank lines are
/// skipped. The language columns may be any of ``LanguageCode/supported``, in any order.
///
/// A file with any problem is rejected whole, with every problem listed (``GlossaryLoadError``): invalid UTF-8,
/// a bad header or unknown language column, a wrong column count, an empty or duplicate concept id, a concept with
/// no term, a status other than `draft`/`reviewed`, a flag other than `yes`/`no`, and one source term mapped to two
/// different target terms by two concepts.
/// ```swift
/// let shop = try GlossaryLoader().load(path: "Dictionaries/glossaries/shop.tsv")
/// ```
public struct GlossaryLoader: Sendable {
    /// The columns before and after the language columns.
    public static let leadingColumns = ["concept_id"]
    public static let trailingColumns = ["pos", "note", "status", "dnt", "case_sensitive"]
    /// The standard header.
    public static let header = leadingColumns + LanguageCode.supported.map(\.rawValue) + trailingColumns

    public init() {}

    /// Loads the file at `path`; problems name the file as `path` is written.
    public func load(path: String) throws -> Glossary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GlossaryLoadError(problems: [GlossaryProblem(file: path, line: 0, message: "cannot read the file")])
        }
        return try parse(Array(data), file: path)
    }

    /// Loads several files as one glossary: their entries together, their names and versions joined. `nil` for no
    /// files. Every problem of every file is reported at once; nothing loads while any file is broken.
    public func load(paths: [String]) throws -> Glossary? {
        guard !paths.isEmpty else { return nil }
        var glossaries: [Glossary] = []
        var problems: [GlossaryProblem] = []
        for path in paths {
            do {
                glossaries.append(try load(path: path))
            } catch let error as GlossaryLoadError {
                problems += error.problems
            }
        }
        guard problems.isEmpty else { throw GlossaryLoadError(problems: problems) }
        return Glossary(
            name: glossaries.map(\.name).joined(separator: "+"),
            version: glossaries.map(\.version).joined(separator: "-"),
            entries: glossaries.flatMap(\.entries))
    }

    /// Parses a file's bytes; the glossary's name is the file name without directory and `.tsv`.
    public func parse(_ bytes: [UInt8], file: String) throws -> Glossary {
        var parser = GlossaryFileParser(file: file)
        parser.parse(bytes)
        guard parser.problems.isEmpty else { throw GlossaryLoadError(problems: parser.problems) }
        let name = String(file.split(separator: "/").last ?? Substring(file)).replacingOccurrences(of: ".tsv", with: "")
        return Glossary(name: name, version: Self.version(of: bytes), entries: parser.entries)
    }

    /// Every problem in the file at `path` (empty when it loads).
    public func lint(path: String) -> [GlossaryProblem] {
        do {
            _ = try load(path: path)
            return []
        } catch let error as GlossaryLoadError {
            return error.problems
        } catch {
            return [GlossaryProblem(file: path, line: 0, message: "\(error)")]
        }
    }

    /// A content hash (FNV-1a, 64 bit, hex): changes whenever a byte changes.
    static func version(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
