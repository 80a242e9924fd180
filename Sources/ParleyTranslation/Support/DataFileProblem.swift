/// One problem in one data file that translators or linguists edit (a glossary, a phrasebook), reported like a
/// compiler does: `Dictionaries/glossaries/shop.tsv:12: expected 10 tab-separated columns, found 9`.
public struct DataFileProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as the caller named it.
    public var file: String
    /// 1-based line number; 0 for a problem with the whole file.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
