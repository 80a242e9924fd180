/// A piece of text no engine may change: a URL, an order number, a price, a do-not-translate term, ...
public struct ProtectedSpan: Sendable, Hashable, CustomStringConvertible {
    /// What kind of text the span is; an open set of values.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        public static let url = Kind("url")
        public static let email = Kind("email")
        public static let identifier = Kind("id")
        public static let price = Kind("price")
        public static let code = Kind("code")
        public static let emoji = Kind("emoji")
        public static let mention = Kind("mention")
        /// A glossary term marked do-not-translate (brand and product names).
        public static let doNotTranslate = Kind("dnt")
        /// A glossary term replaced by its reviewed target-language term.
        public static let glossaryTerm = Kind("glossary")
        /// Placeholder-like characters (`⟦`, `⟧`) the sender typed, kept away from the engine.
        public static let literal = Kind("literal")

        /// Every kind ``SpanMasker`` detects by itself.
        public static let detectable: Set<Kind> = [.url, .email, .identifier, .price, .code, .emoji, .mention]
    }

    public var kind: Kind
    /// The text as the sender wrote it.
    public var original: String
    /// The text put back after translation: the original, or for ``Kind/glossaryTerm`` the target term.
    public var replacement: String

    public init(kind: Kind, original: String, replacement: String? = nil) {
        self.kind = kind
        self.original = original
        self.replacement = replacement ?? original
    }

    public var description: String {
        replacement == original ? "\(kind):\(original)" : "\(kind):\(original)→\(replacement)"
    }
}

/// A text with its protected spans replaced by numbered placeholders, ready for an engine.
public struct MaskedText: Sendable, Hashable {
    /// The text the engine sees.
    public var text: String
    /// The spans by placeholder number.
    public var spans: [Int: ProtectedSpan]

    public init(text: String, spans: [Int: ProtectedSpan]) {
        self.text = text
        self.spans = spans
    }
}
