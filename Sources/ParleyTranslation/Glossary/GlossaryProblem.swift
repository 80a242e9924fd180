/// One problem in a glossary file, reported like a compiler: `Dictionaries/glossaries/shop.tsv:12: message`.
public struct GlossaryProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as the caller named it.
    public var file: String
    /// 1-based line number.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// A glossary file was rejected; ``problems`` lists every problem found, in line order.
public struct GlossaryLoadError: Error, Sendable, CustomStringConvertible {
    public var problems: [GlossaryProblem]

    public init(problems: [GlossaryProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
