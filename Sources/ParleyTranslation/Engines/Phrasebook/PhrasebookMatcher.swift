internal import ParleyText

/// A matched phrase: which variant, the values its slots captured (in source order), and how it was matched.
struct PieceMatch: Sendable {
    enum Binding: Sendable {
        case value(SlotValue)
        case name(String)
    }

    var ref: VariantRef
    var bindings: [(slot: PhrasebookSlot, binding: Binding)]
    var quality: TranslationQuality
}

/// What matching found for a sentence.
enum SentenceMatch: Sendable {
    /// The sentence holds nothing but values: it is its own translation.
    case verbatim
    /// The phrases covering the sentence in order, and the weakest quality among them.
    case cover(pieces: [PieceMatch], quality: TranslationQuality)

    /// The same match for a sentence of the same shape (``SentenceMemo``) holding other values, or `nil` when the
    /// values do not line up. Every value of a covered sentence is bound once, in the sentence's order (a word never
    /// fills a value's place, nor a value a word's), so each value binding takes the sentence's next value, read as the
    /// slot it was bound to (a protected-span placeholder is read as the slot it filled).
    func rebound(to tokens: [PhraseToken]) -> SentenceMatch? {
        guard case .cover(var pieces, let quality) = self else { return self }
        var values = tokens.lazy.compactMap(\.value).makeIterator()
        for p in pieces.indices {
            for b in pieces[p].bindings.indices {
                guard case .value(let bound) = pieces[p].bindings[b].binding else { continue }
                guard var value = values.next() else { return nil }
                value.slot = bound.slot
                pieces[p].bindings[b].binding = .value(value)
            }
        }
        guard values.next() == nil else { return nil }
        return .cover(pieces: pieces, quality: quality)
    }
}

/// Matches the sentences of one language against the phrasebook and renders them in another.
///
/// A sentence is covered by one or more phrases (a greeting before a question, two clauses around a comma). Each
/// phrase is found by an exact key lookup (`exact`), or, only when that fails, by ignoring filler words, filling
/// slots, or tolerating a typo (`phrasebook`). Nothing is emitted that is not a phrase's reviewed translation or a
/// captured value.
struct PhrasebookMatcher: Sendable {
    let phrasebook: Phrasebook
    let pair: LanguagePair
    let index: LanguageIndex
    let renderer: SlotRenderer
    private let maxPieceLength: Int

    init?(phrasebook: Phrasebook, pair: LanguagePair, formatter: LocaleFormatter) {
        guard let index = phrasebook.indexes[pair.source], phrasebook.languages.contains(pair.target) else {
            return nil
        }
        self.phrasebook = phrasebook
        self.pair = pair
        self.index = index
        self.renderer = SlotRenderer(formatter: formatter)
        self.maxPieceLength = index.longestPhrase + 4
    }

    /// The translation of one sentence (without its trailing whitespace), or `nil` when nothing matches.
    /// `wholeOnly`: only a single phrase covering all of it counts (for phrases of several sentences).
    func translate(sentence: Substring, wholeOnly: Bool = false) -> (text: String, quality: TranslationQuality)? {
        translate(PhraseTokenizer.source(sentence, language: pair.source), of: sentence, wholeOnly: wholeOnly)
    }

    /// ``translate(sentence:wholeOnly:)`` with the sentence's tokens already at hand.
    func translate(
        _ tokenized: TokenizedSentence, of sentence: Substring, wholeOnly: Bool
    ) -> (text: String, quality: TranslationQuality)? {
        match(tokenized.tokens, wholeOnly: wholeOnly).map { render($0, tokenized, of: sentence) }
    }

    /// The phrases that cover these tokens, or `nil` when none do.
    func match(_ tokens: [PhraseToken], wholeOnly: Bool) -> SentenceMatch? {
        guard tokens.contains(where: { $0.slot == nil }) else { return .verbatim }
        if wholeOnly {
            return matchRange(tokens[...], delimited: true).map { .cover(pieces: [$0], quality: $0.quality) }
        }
        return cover(tokens).map { .cover(pieces: $0.matches, quality: $0.quality) }
    }

    /// The translation a match gives: its phrases' translations with the values filled in, then the sentence's
    /// decorations.
    func render(
        _ match: SentenceMatch, _ tokenized: TokenizedSentence, of sentence: Substring
    ) -> (text: String, quality: TranslationQuality) {
        guard case .cover(let pieces, let quality) = match else { return (String(sentence), .exact) }
        var text = ""
        for piece in pieces {
            if !text.isEmpty { text += " " }
            text += render(piece)
        }
        for decoration in tokenized.decorations { text += " " + decoration }
        return (text, quality)
    }

    // MARK: Covering a sentence with phrases

    private struct Cover {
        var matches: [PieceMatch]
        var cost: Int
        var quality: TranslationQuality
    }

    /// The cheapest sequence of phrases that covers every token (fewest pieces, then fewest fuzzy ones).
    private func cover(_ tokens: [PhraseToken]) -> Cover? {
        if let whole = matchRange(tokens[...], delimited: true) {
            return Cover(matches: [whole], cost: 0, quality: whole.quality)
        }
        var best = [Cover?](repeating: nil, count: tokens.count + 1)
        best[0] = Cover(matches: [], cost: 0, quality: .exact)
        for start in 0..<tokens.count {
            guard let prefix = best[start] else { continue }
            let limit = min(tokens.count, start + maxPieceLength)
            for end in (start + 1)...limit where !(start == 0 && end == tokens.count) {
                let atBreaks =
                    (start == 0 || tokens[start].clauseBreakBefore)
                    && (end == tokens.count || tokens[end].clauseBreakBefore)
                guard let piece = matchRange(tokens[start..<end], delimited: atBreaks) else { continue }
                let quality = max(prefix.quality, piece.quality, atBreaks ? .exact : .phrasebook)
                let cost = prefix.cost + 10 + (quality == .exact ? 0 : 1)
                if best[end].map({ cost < $0.cost }) ?? true {
                    best[end] = Cover(matches: prefix.matches + [piece], cost: cost, quality: quality)
                }
            }
        }
        return best[tokens.count]
    }

    /// One phrase for exactly these tokens. Typo tolerance and `{name}` slots are tried only on ranges delimited by
    /// clause punctuation (or the sentence's ends), so that they cannot glue fragments together.
    private func matchRange(_ tokens: ArraySlice<PhraseToken>, delimited: Bool) -> PieceMatch? {
        let fillers = Fillers.words[pair.source] ?? []
        let startsPhrase = tokens.first.map { index.firstKeys.contains($0.key) } ?? false
        let firstWord = tokens.first { !fillers.contains($0.key) }
        let looseStartsPhrase = firstWord.map { index.firstKeys.contains($0.key) } ?? false
        guard startsPhrase || looseStartsPhrase || delimited else { return nil }
        if tokens.contains(where: \.isPlaceholder) {
            for candidate in Self.placeholderReadings(of: tokens) {
                if let first = candidate.first, index.firstKeys.contains(first.key),
                    let refs = index.exact[PhraseKey.join(candidate)],
                    let match = best(of: refs, tokens: candidate[...], loose: false)
                {
                    return match
                }
            }
        } else if startsPhrase, let refs = index.exact[PhraseKey.join(tokens)],
            let match = best(of: refs, tokens: tokens, loose: false)
        {
            return match
        }
        guard tokens.contains(where: { $0.slot == nil && !fillers.contains($0.key) }) else { return nil }
        let hasFillers = tokens.contains { fillers.contains($0.key) }
        if hasFillers, looseStartsPhrase {
            let loose = tokens.filter { !fillers.contains($0.key) }
            if let refs = index.loose[PhraseKey.join(loose)],
                let match = best(of: refs, tokens: loose[...], loose: true)
            {
                return match
            }
        }
        guard delimited, tokens.count <= maxPieceLength else { return nil }
        return fuzzy(hasFillers ? tokens.filter { !fillers.contains($0.key) } : Array(tokens))
    }

    /// The tokens with each placeholder read as each slot kind it may stand for (at most two placeholders).
    static func placeholderReadings(of tokens: ArraySlice<PhraseToken>) -> [[PhraseToken]] {
        let kinds: [PhrasebookSlot] = [.number, .amount, .date, .email, .url]
        var readings: [[PhraseToken]] = [[]]
        var placeholders = 0
        for token in tokens {
            guard token.isPlaceholder else {
                readings = readings.map { $0 + [token] }
                continue
            }
            placeholders += 1
            guard placeholders <= 2 else { return [] }
            readings = readings.flatMap { reading in
                kinds.map { kind in
                    var read = token
                    read.slot = kind
                    read.key = kind.placeholder
                    read.value?.slot = kind
                    return reading + [read]
                }
            }
        }
        return readings
    }

    /// Prefers a canonical variant; a key shared by groups whose translations differ is not `exact`.
    private func best(of refs: [VariantRef], tokens: ArraySlice<PhraseToken>, loose: Bool) -> PieceMatch? {
        let usable = refs.filter { phrasebook.compiled[$0.group][pair.target] != nil }
        guard let chosen = usable.first(where: { $0.variant == 0 }) ?? usable.first else { return nil }
        let output = phrasebook.groups[usable[0].group].variants[pair.target]?.first
        let ambiguous = usable.contains { phrasebook.groups[$0.group].variants[pair.target]?.first != output }
        let bindings = tokens.compactMap { token in token.value.map { (token.slot!, PieceMatch.Binding.value($0)) } }
        let quality: TranslationQuality = loose || ambiguous || !bindings.isEmpty ? .phrasebook : .exact
        return PieceMatch(ref: chosen, bindings: bindings, quality: quality)
    }

    // MARK: Rendering

    private func render(_ piece: PieceMatch) -> String {
        guard let target = phrasebook.compiled[piece.ref.group][pair.target]?.first else { return "" }
        // Each slot takes the first binding of its kind not taken yet, in the order the sentence had them.
        let bindings = piece.bindings
        var taken = Array(repeating: false, count: bindings.count)
        var text = ""
        for part in target.parts {
            switch part {
            case .text(let literal):
                text += literal
            case .slot(let slot):
                guard let index = bindings.indices.first(where: { !taken[$0] && bindings[$0].slot == slot }) else {
                    continue
                }
                taken[index] = true
                switch bindings[index].binding {
                case .value(let value): text += renderer.render(value)
                case .name(let name): text += name
                }
            }
        }
        return text
    }
}
