/// Why a phrasebook could not be loaded. Every problem is reported like a compiler does, `file:line: message`, and
/// a phrasebook with any problem loads nothing. Equal when codes are equal.
public struct PhrasebookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, an open set of values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The directory or a file could not be read.
        public static let unreadable = Code("unreadable")
        /// One or more rows are malformed; see ``PhrasebookError/diagnostics``.
        public static let invalidData = Code("invalidData")
    }

    /// One problem in one file, e.g. `Dictionaries/phrasebook/orders.tsv:12: expected 5 columns, found 4`.
    public typealias Diagnostic = DataFileProblem

    public var code: Code
    /// A summary safe to show; the individual problems are in ``diagnostics``.
    public var message: String
    public var diagnostics: [Diagnostic]
    public var underlying: (any Error)?

    public init(_ code: Code, message: String, diagnostics: [Diagnostic] = [], underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
        self.underlying = underlying
    }

    /// The summary followed by one `file:line: message` line per problem.
    public var description: String {
        ([message] + diagnostics.map(\.description)).joined(separator: "\n")
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
