public import ParleyText

/// One row of the phrasebook: the same reviewed phrase in every language of its file.
public struct PhraseGroup: Sendable, Hashable {
    /// The row's identifier, unique across all files, e.g. `order.where-is-my-order`.
    public var id: String
    /// Where the row was read from, for diagnostics.
    public var file: String
    public var line: Int
    /// The phrase's variants per language; the first one is the canonical translation, all of them are matched.
    public var variants: [LanguageCode: [String]]

    public init(id: String, file: String = "", line: Int = 0, variants: [LanguageCode: [String]]) {
        self.id = id
        self.file = file
        self.line = line
        self.variants = variants
    }
}

/// A loaded, indexed phrasebook: reviewed customer-service phrases aligned across languages.
///
/// Build one with ``PhrasebookLoader`` (from `Dictionaries/phrasebook/*.tsv`) or ``init(groups:)``; translate with
/// ``PhrasebookTranslator``.
public struct Phrasebook: Sendable {
    /// The rows, in file order.
    public let groups: [PhraseGroup]
    /// Every language at least one row has.
    public let languages: Set<LanguageCode>

    let compiled: [[LanguageCode: [CompiledVariant]]]
    let indexes: [LanguageCode: LanguageIndex]

    /// Indexes groups already validated (``PhrasebookLoader`` reports problems per row; here a bad cell throws).
    public init(groups: [PhraseGroup]) throws(PhrasebookError) {
        var compiled: [[LanguageCode: [CompiledVariant]]] = []
        for group in groups {
            var byLanguage: [LanguageCode: [CompiledVariant]] = [:]
            for (language, texts) in group.variants {
                do {
                    byLanguage[language] = try texts.map { text throws(PhraseTokenizer.TemplateProblem) in
                        try CompiledVariant(text: text, language: language)
                    }
                } catch {
                    throw PhrasebookError(
                        .invalidData, message: "Phrase '\(group.id)' (\(language)) is invalid: \(error.message)",
                        diagnostics: [.init(file: group.file, line: group.line, message: error.message)])
                }
            }
            compiled.append(byLanguage)
        }
        self.groups = groups
        self.compiled = compiled
        self.languages = Set(groups.flatMap(\.variants.keys))
        self.indexes = Dictionary(uniqueKeysWithValues: languages.map { ($0, LanguageIndex(compiled, language: $0)) })
    }
}

/// A phrase variant ready for matching (its tokens) and for output (its text split at slots).
struct CompiledVariant: Sendable {
    enum Part: Sendable, Hashable {
        case text(String)
        case slot(PhrasebookSlot)
    }

    var tokens: [PhraseToken]
    /// The tokens without filler words, for loose and fuzzy matching.
    var looseTokens: [PhraseToken]
    var parts: [Part]
    /// The slots in the order they appear.
    var slots: [PhrasebookSlot]

    init(text: String, language: LanguageCode) throws(PhraseTokenizer.TemplateProblem) {
        tokens = try PhraseTokenizer.template(text[...], language: language)
        guard tokens.contains(where: { $0.slot == nil }) else {
            throw PhraseTokenizer.TemplateProblem(message: "'\(text)' has no words")
        }
        looseTokens = Fillers.removing(from: tokens, language: language)
        slots = tokens.compactMap(\.slot)
        parts = Self.parts(of: text)
    }

    private static func parts(of text: String) -> [Part] {
        var parts: [Part] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}"),
            let slot = PhrasebookSlot(placeholder: rest[open...close])
        {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            parts.append(.slot(slot))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return parts
    }

    var hasName: Bool { slots.contains(.name) }
}

/// Points at one variant of one group.
struct VariantRef: Sendable, Hashable {
    var group: Int
    var variant: Int
}

/// The lookup structures of one source language.
struct LanguageIndex: Sendable {
    /// Token keys joined by spaces → the variants with exactly these tokens.
    var exact: [String: [VariantRef]] = [:]
    /// The same without filler words (`bitte`, `please`, `lütfen`, `palun`).
    var loose: [String: [VariantRef]] = [:]
    /// Variants without a `{name}` slot by their number of non-filler tokens, for typo-tolerant matching.
    var byLength: [Int: [FuzzyCandidate]] = [:]
    /// Variants with a `{name}` slot: a name spans words the hash keys cannot know.
    var named: [FuzzyCandidate] = []
    /// Every word of the language's phrases; a `{name}` never captures one of them.
    var vocabulary: Set<String> = []
    /// The most tokens any phrase of the language has.
    var longestPhrase = 0
    /// The first token key of every phrase, with and without fillers: a range starting elsewhere has no exact match.
    var firstKeys: Set<String> = []

    init(_ compiled: [[LanguageCode: [CompiledVariant]]], language: LanguageCode) {
        for (groupIndex, group) in compiled.enumerated() {
            for (variantIndex, variant) in (group[language] ?? []).enumerated() {
                add(variant, at: VariantRef(group: groupIndex, variant: variantIndex), language: language)
            }
        }
    }

    private mutating func add(_ variant: CompiledVariant, at ref: VariantRef, language: LanguageCode) {
        for token in variant.tokens where token.slot == nil { vocabulary.insert(token.key) }
        longestPhrase = max(longestPhrase, variant.tokens.count)
        if variant.hasName {
            named.append(FuzzyCandidate(ref: ref, tokens: variant.looseTokens))
            return
        }
        exact[PhraseKey.join(variant.tokens), default: []].append(ref)
        let loose = variant.looseTokens
        if let first = variant.tokens.first { firstKeys.insert(first.key) }
        if let first = loose.first { firstKeys.insert(first.key) }
        guard !loose.isEmpty else { return }
        self.loose[PhraseKey.join(loose), default: []].append(ref)
        byLength[loose.count, default: []].append(FuzzyCandidate(ref: ref, tokens: loose))
    }
}

/// A variant as the fuzzy matcher scans it: its tokens without fillers, ready without further lookups.
struct FuzzyCandidate: Sendable {
    var ref: VariantRef
    var tokens: [PhraseToken]
    /// Names typed in lower case are accepted only in phrases with at least three words around the slot.
    var lowercaseNames: Bool

    init(ref: VariantRef, tokens: [PhraseToken]) {
        self.ref = ref
        self.tokens = tokens
        self.lowercaseNames = tokens.count(where: { $0.slot == nil }) >= 3
    }

    /// A cheap test before aligning: the first words must be equal or, for a typo, start with the same letter.
    func mayMatch(_ input: [PhraseToken]) -> Bool {
        guard let first = tokens.first, let actual = input.first else { return false }
        if first.slot != nil { return first.slot == .name || first.slot == actual.slot }
        return actual.slot == nil && (first.key == actual.key || first.key.utf8.first == actual.key.utf8.first)
    }
}

/// Builds hash keys from tokens.
enum PhraseKey {
    static func join(_ tokens: some Collection<PhraseToken>) -> String {
        var key = ""
        for token in tokens {
            if !key.isEmpty { key += " " }
            key += token.key
        }
        return key
    }
}

/// Words that only soften a request (`bitte`, `please`, `lütfen`, `palun`) or subject pronouns the language may
/// drop; a match that needs to ignore one is a
/// `phrasebook` match, never `exact`.
enum Fillers {
    static func removing(from tokens: [PhraseToken], language: LanguageCode) -> [PhraseToken] {
        guard let words = words[language] else { return tokens }
        return tokens.filter { !words.contains($0.key) }
    }

    static let words: [LanguageCode: Set<String>] = [
        .german: ["bitte", "mal", "denn", "eigentlich", "eben", "halt"],
        .english: ["please", "pls", "plz", "just", "kindly", "actually"],
        // Estonian and Turkish drop subject pronouns freely: `Ma soovin` = `Soovin`, `Ben istiyorum` = `İstiyorum`.
        .estonian: ["palun", "ma"],
        .turkish: ["lutfen", "acaba", "ben"],
    ]
}
