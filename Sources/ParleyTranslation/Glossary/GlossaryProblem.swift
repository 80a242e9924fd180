/// One problem in a glossary file, reported like a compiler: `Dictionaries/glossaries/shop.tsv:12: message`.
public typealias GlossaryProblem = DataFileProblem

/// A glossary file was rejected; ``problems`` lists every problem found, in line order.
public struct GlossaryLoadError: Error, Sendable, CustomStringConvertible {
    public var problems: [GlossaryProblem]

    public init(problems: [GlossaryProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
