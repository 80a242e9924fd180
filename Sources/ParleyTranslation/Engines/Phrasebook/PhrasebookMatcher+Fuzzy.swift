internal import ParleyText

/// Fuzzy matching: `{name}` slots, and at most one typo per six words in words long enough to tell apart.
extension PhrasebookMatcher {
    func fuzzy(_ tokens: [PhraseToken]) -> PieceMatch? {
        let budget = 1 + tokens.count / 8
        var best: (match: PieceMatch, typos: Int)? = nil
        for candidates in [index.byLength[tokens.count] ?? [], index.named] {
            for candidate in candidates where candidate.mayMatch(tokens) {
                var aligner = Aligner(
                    template: candidate.tokens, input: tokens, vocabulary: index.vocabulary, language: pair.source,
                    lowercaseNames: candidate.lowercaseNames)
                guard let (bindings, typos) = aligner.align(0, 0, budget: budget),
                    phrasebook.compiled[candidate.ref.group][pair.target] != nil
                else { continue }
                let ref = candidate.ref
                let isBetter = best.map {
                    typos < $0.typos || (typos == $0.typos && ref.variant == 0 && $0.match.ref.variant != 0)
                }
                if isBetter ?? true {
                    best = (PieceMatch(ref: ref, bindings: bindings, quality: .phrasebook), typos)
                    if typos == 0 && ref.variant == 0 { return best?.match }
                }
            }
        }
        return best?.match
    }
}

/// Aligns a template's tokens with a sentence's tokens.
private struct Aligner {
    let template: [PhraseToken]
    let input: [PhraseToken]
    let vocabulary: Set<String>
    let language: LanguageCode
    /// Names typed in lower case are accepted only in phrases with enough words around them (`mein name ist anna`);
    /// in short ones (`hallo zusammen`) a lower-case word is not taken for a name.
    let lowercaseNames: Bool

    typealias Bindings = [(slot: PhrasebookSlot, binding: PieceMatch.Binding)]

    /// The bindings and the number of typos of the first alignment found, or `nil`.
    mutating func align(_ t: Int, _ i: Int, budget: Int) -> (Bindings, Int)? {
        if t == template.count { return i == input.count ? ([], 0) : nil }
        guard i < input.count else { return nil }
        let expected = template[t]
        if expected.slot == .name { return alignName(t, i, budget: budget) }
        let actual = input[i]
        if let slot = expected.slot {
            guard actual.slot == slot, let value = actual.value,
                let (rest, typos) = align(t + 1, i + 1, budget: budget)
            else { return nil }
            return ([(slot, .value(value))] + rest, typos)
        }
        guard actual.slot == nil else { return nil }
        if actual.key == expected.key { return align(t + 1, i + 1, budget: budget) }
        guard budget > 0, Typos.equivalent(actual.key, expected.key, language: language),
            let (rest, typos) = align(t + 1, i + 1, budget: budget - 1)
        else { return nil }
        return (rest, typos + 1)
    }

    /// A name is one to three words that are not phrasebook words (capitalized unless ``lowercaseNames``), copied.
    private mutating func alignName(_ t: Int, _ i: Int, budget: Int) -> (Bindings, Int)? {
        var end = i
        while end < input.count, end - i < 3 {
            let token = input[end]
            guard token.slot == nil, lowercaseNames || token.surface.first?.isUppercase == true,
                !vocabulary.contains(token.key)
            else {
                break
            }
            end += 1
            if let (rest, typos) = align(t + 1, end, budget: budget) {
                let name = input[i..<end].map { String($0.surface) }.joined(separator: " ")
                return ([(.name, .name(name))] + rest, typos)
            }
        }
        return nil
    }
}

/// When two words are the same word mistyped: both at least five letters, one edit apart (insertion, deletion,
/// substitution or swap of neighbours), the same first letter and the same last two letters — the endings that
/// carry person, case and negation in Turkish, Estonian and German are never "corrected" — and neither is a
/// negation.
enum Typos {
    static func equivalent(_ a: String, _ b: String, language: LanguageCode) -> Bool {
        let (u, v) = (a.utf8, b.utf8)
        guard u.count >= 5, v.count >= 5, abs(u.count - v.count) <= 1, u.first == v.first,
            u.suffix(2).elementsEqual(v.suffix(2))
        else { return false }
        guard !(protected[language]?.contains(a) ?? false), !(protected[language]?.contains(b) ?? false) else {
            return false
        }
        return withinOneEdit(Array(u), Array(v))
    }

    private static func withinOneEdit(_ x: [UInt8], _ y: [UInt8]) -> Bool {
        var i = 0
        while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
        if i == x.count && i == y.count { return true }
        if x.count == y.count {
            if x[(i + 1)...] == y[(i + 1)...] { return true }
            return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]
        }
        return x.count > y.count ? x[(i + 1)...] == y[i...] : x[i...] == y[(i + 1)...]
    }

    private static let protected: [LanguageCode: Set<String>] = [
        .german: ["keine", "keinen", "keinem", "keiner", "keines", "nicht", "nichts", "niemals", "niemand"],
        .english: [
            "never", "cannot", "nothing", "nobody", "didnt", "doesnt", "wasnt", "havent", "hasnt", "arent",
            "couldnt", "wouldnt", "shouldnt", "werent",
        ],
        .estonian: ["mitte", "polnud", "kunagi", "midagi"],
        .turkish: ["degil", "degilim", "hicbir", "hicbiri"],
    ]
}
