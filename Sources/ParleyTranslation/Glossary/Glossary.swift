public import ParleyText

/// A reviewed terminology list: one concept per entry, a term per language.
public struct Glossary: Sendable, Hashable {
    /// The glossary's name, from its file name (`shop` for `shop.tsv`).
    public var name: String
    /// Changes whenever any entry changes; part of every translation cache key.
    public var version: String
    public var entries: [GlossaryEntry]

    public init(name: String, version: String, entries: [GlossaryEntry]) {
        self.name = name
        self.version = version
        self.entries = entries
    }
}

/// One concept of a glossary.
public struct GlossaryEntry: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable { case draft, reviewed }

    public var conceptID: String
    /// The term in each language that has one.
    public var terms: [LanguageCode: String]
    public var partOfSpeech: String
    public var note: String
    public var status: Status
    /// The term stays as written in every language (brand and product names).
    public var doNotTranslate: Bool
    /// Match the source term only with its exact case.
    public var caseSensitive: Bool

    public init(
        conceptID: String, terms: [LanguageCode: String], partOfSpeech: String = "", note: String = "",
        status: Status = .draft, doNotTranslate: Bool = false, caseSensitive: Bool = false
    ) {
        self.conceptID = conceptID
        self.terms = terms
        self.partOfSpeech = partOfSpeech
        self.note = note
        self.status = status
        self.doNotTranslate = doNotTranslate
        self.caseSensitive = caseSensitive
    }
}
