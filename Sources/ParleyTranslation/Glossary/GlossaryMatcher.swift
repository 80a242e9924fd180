public import ParleyText

/// Where a glossary term occurs in a text: the entry and the character offsets of its surface form.
public struct GlossaryMatch: Sendable, Hashable {
    /// Index into the glossary's `entries`.
    public var entryIndex: Int
    /// Character offsets of the matched words, inflection included, an apostrophe suffix (`'e`, `'s`) excluded.
    public var range: Range<Int>
}

/// Finds a glossary's terms of one language in running text: case-folded (unless the entry is case-sensitive),
/// on word boundaries, in the inflected forms ``Inflection`` lists, and before an apostrophe suffix (`Parley'e`).
///
/// Case folding merges Turkish `I ı İ i`, so `SİPARİŞ`, `sipariş` and `Sipariş` all match; it never splits a word.
public struct GlossaryMatcher: Sendable {
    private struct Candidate: Sendable {
        var entryIndex: Int
        var leadingWords: [String]
        var lastForms: Set<String>
        var rawPrefix: String?
        /// The entry is a noun: not matched where the text uses the word as a verb (``VerbUse``).
        var noun: Bool
    }

    /// The candidates whose term starts with one folded word: multi-word terms (longest first) and single words.
    private struct Candidates: Sendable {
        var multi: [Candidate] = []
        var single: [Candidate] = []
    }

    private let language: LanguageCode
    /// By folded word: the first word of multi-word terms, every form of single-word terms. One lookup per word.
    private var index: [String: Candidates] = [:]
    /// Rules out most all-ASCII words without folding or hashing them (`nil`: every word is looked up).
    private var asciiKeys: ASCIIKeyFilter?

    /// Indexes the entries of `glossary` that have a term in `language` and pass `include`.
    public init(glossary: Glossary, language: LanguageCode, where include: (GlossaryEntry) -> Bool = { _ in true }) {
        self.language = language
        for (entryIndex, entry) in glossary.entries.enumerated() where include(entry) {
            guard let term = entry.terms[language], !term.isEmpty else { continue }
            let words = Self.words(of: term).map { String(Array(term)[$0]) }
            guard let last = words.last else { continue }
            let inflected =
                words.count == 1
                ? Inflection.forms(of: last, in: language) : Inflection.forms(ofLastWord: last, in: language)
            let forms = Set(inflected.map(Self.fold))
            let candidate = Candidate(
                entryIndex: entryIndex, leadingWords: words.dropLast().map(Self.fold), lastForms: forms,
                rawPrefix: entry.caseSensitive ? term : nil, noun: entry.partOfSpeech == "noun")
            if words.count == 1 {
                for form in forms { index[form, default: Candidates()].single.append(candidate) }
            } else {
                index[Self.fold(words[0]), default: Candidates()].multi.append(candidate)
            }
        }
        index = index.mapValues { candidates in
            var sorted = candidates
            sorted.multi.sort { $0.leadingWords.count > $1.leadingWords.count }
            return sorted
        }
        asciiKeys = ASCIIKeyFilter(keys: index.keys)
    }

    /// Whether no entry is indexed.
    public var isEmpty: Bool { index.isEmpty }

    /// Non-overlapping matches, left to right, the longest term first at each position.
    public func matches(in text: [Character]) -> [GlossaryMatch] {
        guard !isEmpty else { return [] }
        return matches(in: ClassifiedText(text))
    }

    /// Non-overlapping matches in an already classified text.
    ///
    /// A match starts at a word whose folded form is a key of the index. All-ASCII words the ``ASCIIKeyFilter``
    /// rules out are not looked up, and a text without any other word is done without folding a word;
    /// `filtered: false` looks every word up (the tests compare both).
    func matches(in text: ClassifiedText, filtered: Bool = true) -> [GlossaryMatch] {
        guard !isEmpty else { return [] }
        let tokens = Self.words(of: text)
        let filter = filtered ? asciiKeys : nil
        guard tokens.contains(where: { mayStartMatch(text, $0, filter) }) else { return [] }
        let folded = tokens.map { Self.fold(text, $0) }
        var result: [GlossaryMatch] = []
        var i = 0
        while i < tokens.count {
            if mayStartMatch(text, tokens[i], filter),
                let (match, length) = match(at: i, tokens: tokens, folded: folded, text: text)
            {
                if result.isEmpty { result.reserveCapacity(4) }
                result.append(match)
                i += length
            } else {
                i += 1
            }
        }
        return result
    }

    /// `false` when `filter` shows that the word's folded form is no key (only all-ASCII words are tested).
    @inline(__always)
    private func mayStartMatch(_ text: ClassifiedText, _ word: Range<Int>, _ filter: ASCIIKeyFilter?) -> Bool {
        guard let filter, !word.isEmpty else { return true }
        for i in word where text.code(i) == 0 { return true }
        // An all-ASCII word folds to its bytes in lowercase (``fold(_:_:)``).
        return filter.mayContain(
            length: word.count, first: text.lowercasedCode(word.lowerBound),
            last: text.lowercasedCode(word.upperBound - 1))
    }

    private func match(
        at i: Int, tokens: [Range<Int>], folded: [String], text: ClassifiedText
    )
        -> (GlossaryMatch, Int)?
    {
        guard let candidates = index[folded[i]] else { return nil }
        for candidate in candidates.multi {
            let n = candidate.leadingWords.count + 1
            guard i + n <= tokens.count, folded[i..<(i + n - 1)].elementsEqual(candidate.leadingWords),
                candidate.lastForms.contains(folded[i + n - 1])
            else { continue }
            let range = tokens[i].lowerBound..<tokens[i + n - 1].upperBound
            if accepts(candidate, text, range), !isVerb(candidate, folded, i..<(i + n)) {
                return (GlossaryMatch(entryIndex: candidate.entryIndex, range: range), n)
            }
        }
        for candidate in candidates.single
        where accepts(candidate, text, tokens[i]) && !isVerb(candidate, folded, i..<(i + 1)) {
            return (GlossaryMatch(entryIndex: candidate.entryIndex, range: tokens[i]), 1)
        }
        return nil
    }

    private func accepts(_ candidate: Candidate, _ text: ClassifiedText, _ range: Range<Int>) -> Bool {
        guard let raw = candidate.rawPrefix else { return true }
        return text.string(range).hasPrefix(raw)
    }

    private func isVerb(_ candidate: Candidate, _ folded: [String], _ words: Range<Int>) -> Bool {
        candidate.noun && VerbUse.isVerb(folded, words, in: language)
    }

    /// ``fold(_:)`` of the characters in `range`: ASCII characters by byte arithmetic (no allocation for an ASCII
    /// word of up to 15 bytes), the rest as ``fold(_:)`` does.
    static func fold(_ text: ClassifiedText, _ range: Range<Int>) -> String {
        guard range.allSatisfy({ text.code($0) != 0 }) else {
            var folded: [UInt8] = []
            folded.reserveCapacity(text.offsets[range.upperBound] - text.offsets[range.lowerBound] + 4)
            for i in range {
                let code = text.lowercasedCode(i)
                if code != 0 {
                    folded.append(code)
                } else if let scalar = text.twoByteScalar(i) {
                    folded += twoByteFolds[scalar - 0x80].utf8
                } else {
                    folded += fold(text[i]).utf8
                }
            }
            return String(decoding: folded, as: UTF8.self)
        }
        return String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, i) in range.enumerated() { buffer[offset] = text.lowercasedCode(i) }
            return range.count
        }
    }

    /// ``fold(_:)`` of each scalar from U+0080 to U+07FF as a character of its own.
    static let twoByteFolds: [String] = (0x80..<0x800).map { fold(Character(Unicode.Scalar($0)!)) }

    /// Word tokens of a classified text: runs of letters and digits.
    static func words(of text: ClassifiedText) -> [Range<Int>] {
        runs(count: text.count) { text.isLetterOrNumber($0) }
    }

    /// The maximal runs of positions `0..<count` where `isWord` holds.
    private static func runs(count: Int, isWord: (Int) -> Bool) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(count / 2 + 1)  // the most there can be: one array, never grown
        var start: Int?
        for i in 0..<count {
            if isWord(i) {
                if start == nil { start = i }
            } else if let s = start {
                result.append(s..<i)
                start = nil
            }
        }
        if let s = start { result.append(s..<count) }
        return result
    }

    /// Case folding for matching: lowercase, Turkish dotted/dotless i merged.
    static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text { out += fold(c) }
        return out
    }

    private static func fold(_ c: Character) -> String {
        switch c {
        case "I", "İ", "ı", "i": "i"
        default: c.lowercased()
        }
    }

    /// Word tokens: runs of letters and digits. Apostrophes, hyphens and everything else separate words.
    static func words(of text: some StringProtocol) -> [Range<Int>] { words(of: Array(text)) }

    static func words(of text: [Character]) -> [Range<Int>] {
        runs(count: text.count) { text[$0].isLetter || text[$0].isNumber }
    }
}
