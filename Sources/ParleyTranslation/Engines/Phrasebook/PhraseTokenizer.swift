internal import ParleyText

/// A word or a value of a sentence as the phrasebook compares them.
struct PhraseToken: Sendable, Hashable {
    /// The folded word (`siparisim`), or the slot's placeholder (`{date}`) for a value or a template slot.
    var key: String
    /// The text as written: a name's spelling is copied from here.
    var surface: Substring
    /// The value a source word holds; `nil` for words and template slots.
    var value: SlotValue?
    /// The slot a template token stands for, or the kind of a source value.
    var slot: PhrasebookSlot?
    /// Clause punctuation (`,` `;` `:` `–`) separates this token from the previous one.
    var clauseBreakBefore = false
    /// A protected-span placeholder (`⟦1⟧`) put in by the masking layer: it fills any slot but `{name}` and is
    /// copied as it is, so the masking layer can restore the span.
    var isPlaceholder = false
}

/// A sentence split into tokens, plus the decorations (emoji, symbols) that carry no words.
struct TokenizedSentence: Sendable {
    var tokens: [PhraseToken] = []
    var decorations: [Substring] = []
}

/// Splits sentences into ``PhraseToken``s: source sentences with their values recognized, or phrasebook templates
/// with their `{slot}` placeholders.
enum PhraseTokenizer {
    /// Why a template cell cannot be used.
    struct TemplateProblem: Error { var message: String }

    /// A sentence's tokens before amounts written apart are joined (``finished(_:language:)``), and whether clause
    /// punctuation is pending at its end: read as part of a longer text, it marks the next sentence's first token.
    struct RawTokens: Sendable {
        var tokens: [PhraseToken] = []
        var decorations: [Substring] = []
        var breakAtEnd = false
    }

    /// The tokens of a sentence someone wrote.
    static func source(_ sentence: Substring, language: LanguageCode) -> TokenizedSentence {
        finished(raw(sentence, language: language), language: language)
    }

    /// What ``source(_:language:)`` gives for a text of `sentences` with word-separating whitespace between them
    /// (``separatesWords(_:)``), put together from each sentence's raw tokens: a text is tokenized chunk by chunk, so
    /// only the clause break carried over from one sentence to the next and the amounts joined across them differ.
    static func joined(_ sentences: [RawTokens], language: LanguageCode) -> TokenizedSentence {
        var whole = RawTokens()
        var carried = false
        for sentence in sentences {
            var tokens = sentence.tokens
            if carried, !tokens.isEmpty { tokens[0].clauseBreakBefore = true }
            whole.tokens += tokens
            whole.decorations += sentence.decorations
            carried = tokens.isEmpty ? carried || sentence.breakAtEnd : sentence.breakAtEnd
        }
        return finished(whole, language: language)
    }

    /// Whether the text between two sentences only separates words, as ``words(of:)`` splits them whether or not the
    /// text around is ASCII (a no-break space, for one, does not: it keeps `19,99 €` in one word).
    static func separatesWords(_ gap: Substring) -> Bool {
        !gap.isEmpty
            && gap.allSatisfy { character in
                isSpaceBetweenWords(character)
                    && (!character.isASCII || character.utf8.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) })
            }
    }

    /// Raw tokens with the amounts written apart joined (`19,99 €`).
    static func finished(_ raw: RawTokens, language: LanguageCode) -> TokenizedSentence {
        var tokens = raw.tokens
        mergeAmounts(&tokens, language: language)
        return TokenizedSentence(tokens: tokens, decorations: raw.decorations)
    }

    /// The tokens of a sentence someone wrote, before amounts are joined.
    static func raw(_ sentence: Substring, language: LanguageCode) -> RawTokens {
        var result = RawTokens()
        var pendingBreak = false
        for chunk in words(of: sentence) {
            let (core, leadingBreak, trailingBreak) = trim(chunk)
            if core.isEmpty {
                if chunk.contains(where: isDecoration) { result.decorations.append(chunk) }
                pendingBreak = pendingBreak || leadingBreak || trailingBreak || chunk.contains(where: isDash)
                continue
            }
            pendingBreak = pendingBreak || leadingBreak
            forEachPiece(of: core) { position, piece in
                let breakBefore = pendingBreak || position > 0
                if appendSourceTokens(of: piece, language: language, breakBefore: breakBefore, to: &result.tokens) {
                    pendingBreak = false
                } else if piece.contains(where: isDecoration) {
                    result.decorations.append(piece)
                }
            }
            pendingBreak = pendingBreak || trailingBreak
        }
        result.breakAtEnd = pendingBreak
        return result
    }

    /// The tokens of a phrasebook cell; slots must stand alone as words and digits only appear inside slots.
    static func template(_ text: Substring, language: LanguageCode) throws(TemplateProblem) -> [PhraseToken] {
        var tokens: [PhraseToken] = []
        var pendingBreak = false
        for chunk in text.split(whereSeparator: \.isWhitespace) {
            let (core, leadingBreak, trailingBreak) = trim(chunk)
            pendingBreak = pendingBreak || leadingBreak
            if core.contains("{") || core.contains("}") {
                for part in core.split(whereSeparator: isDash) {
                    guard let slot = PhrasebookSlot(placeholder: part) else {
                        throw TemplateProblem(
                            message: "'\(core)' is not a slot; slots are written alone as one of "
                                + PhrasebookSlot.allCases.map(\.placeholder).joined(separator: ", "))
                    }
                    tokens.append(
                        PhraseToken(key: slot.placeholder, surface: part, slot: slot, clauseBreakBefore: pendingBreak))
                    pendingBreak = false
                }
                pendingBreak = trailingBreak
                continue
            }
            if CharacterClass.containsNumber(core) {
                throw TemplateProblem(message: "'\(core)' has digits outside a slot; write {number}")
            }
            for piece in splitInner(core) {
                let key = PhrasebookText.wordKey(piece, language: language)
                guard !key.isEmpty else { continue }
                appendWords(key, surface: piece, language: language, breakBefore: pendingBreak, to: &tokens)
                pendingBreak = false
            }
            pendingBreak = pendingBreak || trailingBreak
        }
        return tokens
    }

    /// Appends a piece's tokens to `tokens`; `false` when it has none.
    private static func appendSourceTokens(
        of piece: Substring, language: LanguageCode, breakBefore: Bool, to tokens: inout [PhraseToken]
    ) -> Bool {
        if piece.first == "⟦", piece.last == "⟧", piece.count > 2,
            piece.dropFirst().dropLast().allSatisfy(CharacterClass.isNumber)
        {
            let value = SlotValue(slot: .number, content: .verbatim(String(piece)))
            tokens.append(PhraseToken(
                key: "⟦⟧", surface: piece, value: value, slot: .number, clauseBreakBefore: breakBefore,
                isPlaceholder: true))
            return true
        }
        if let value = SlotValueScanner.value(in: valuePart(piece, language: language), language: language) {
            tokens.append(PhraseToken(
                key: value.slot.placeholder, surface: piece, value: value, slot: value.slot,
                clauseBreakBefore: breakBefore))
            return true
        }
        if SlotValueScanner.currency(piece) != nil {
            tokens.append(PhraseToken(key: "¤", surface: piece, clauseBreakBefore: breakBefore))
            return true
        }
        let key = PhrasebookText.wordKey(piece, language: language)
        guard !key.isEmpty else { return false }
        appendWords(key, surface: piece, language: language, breakBefore: breakBefore, to: &tokens)
        return true
    }

    /// A word's tokens: one, or several where a contraction or spelling variant is spelled out (`I'm` → `i am`).
    private static func appendWords(
        _ key: String, surface: Substring, language: LanguageCode, breakBefore: Bool, to tokens: inout [PhraseToken]
    ) {
        guard
            let expansion = SpellingVariants.expansion(ofSurface: surface, language: language)
                ?? SpellingVariants.expansion(of: key, language: language)
        else {
            tokens.append(PhraseToken(key: key, surface: surface, clauseBreakBefore: breakBefore))
            return
        }
        for (offset, word) in expansion.enumerated() {
            tokens.append(PhraseToken(key: word, surface: surface, clauseBreakBefore: breakBefore && offset == 0))
        }
    }

    /// Turkish attaches suffixes to numbers with an apostrophe (`12345'in`); the value is the part before it.
    private static func valuePart(_ piece: Substring, language: LanguageCode) -> Substring {
        guard language == .turkish, piece.first.map(CharacterClass.isNumber) == true,
            let apostrophe = piece.firstIndex(where: { $0 == "'" || $0 == "’" })
        else { return piece }
        return piece[..<apostrophe]
    }

    /// Joins a number and a currency written apart (`19,99 €`, `EUR 20`) into one amount.
    private static func mergeAmounts(_ tokens: inout [PhraseToken], language: LanguageCode) {
        var index = 0
        while index < tokens.count {
            guard tokens[index].key == "¤", let code = SlotValueScanner.currency(tokens[index].surface) else {
                index += 1
                continue
            }
            let neighbours = [index - 1, index + 1].filter { tokens.indices.contains($0) }
            if let numberIndex = neighbours.first(where: { isPlainNumber(tokens[$0]) }),
                let digits = NumberParser.parse(tokens[numberIndex].surface, language: language)
            {
                let low = min(index, numberIndex)
                let amount = SlotValue(slot: .amount, content: .amount(digits, currency: code))
                tokens[low] = PhraseToken(
                    key: PhrasebookSlot.amount.placeholder, surface: tokens[low].surface, value: amount, slot: .amount,
                    clauseBreakBefore: tokens[low].clauseBreakBefore)
                tokens.remove(at: low + 1)
                index = low + 1
            } else {
                tokens[index].key = PhrasebookText.wordKey(tokens[index].surface, language: language)
                if tokens[index].key.isEmpty { tokens.remove(at: index) } else { index += 1 }
            }
        }
    }

    private static func isPlainNumber(_ token: PhraseToken) -> Bool {
        guard token.slot == .number else { return false }
        return NumberParser.parse(token.surface, language: .english) != nil
    }

    /// The sentence split at ``isSpaceBetweenWords(_:)``. ASCII text is split byte by byte: there every character is
    /// one byte (`\r\n`, the one exception, is whitespace either way), so the pieces are the same.
    static func words(of sentence: Substring) -> [Substring] {
        let bytes = sentence.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return sentence.split(whereSeparator: isSpaceBetweenWords) }
        var result: [Substring] = []
        result.reserveCapacity(bytes.count / 5 + 4)
        var start: String.Index? = nil
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                if let begin = start { result.append(sentence[begin..<index]) }
                start = nil
            } else if start == nil {
                start = index
            }
            bytes.formIndex(after: &index)
        }
        if let begin = start { result.append(sentence[begin..<bytes.endIndex]) }
        return result
    }

    /// Whitespace separates words, except the no-break spaces that group digits (`1 234,50` in Estonian) or join
    /// an amount to its currency (`19,99 €`), which keep a value in one word.
    static func isSpaceBetweenWords(_ character: Character) -> Bool {
        CharacterClass.isWhitespace(character) && character != "\u{00A0}" && character != "\u{202F}"
    }

    /// Letters, numbers, and the signs kept at a word's edges: `{` `}` `#` `€` `$` `£` `₺` `+` `@` `⟦` `⟧`.
    static func isWordCharacter(_ character: Character) -> Bool {
        if CharacterClass.isLetter(character) || CharacterClass.isNumber(character) { return true }
        switch CharacterClass.scalar(character) {
        case 0x7B, 0x7D, 0x23, 0x20AC, 0x24, 0xA3, 0x20BA, 0x2B, 0x40, 0x27E6, 0x27E7: return true
        default: return false
        }
    }

    /// `,` `;` `:` `(` `)` `"` `«` `»` `„` `“` `”` `.` `!` `?` and the dashes.
    static func isClausePunctuation(_ character: Character) -> Bool {
        switch CharacterClass.scalar(character) {
        case 0x2C, 0x3B, 0x3A, 0x28, 0x29, 0x22, 0xAB, 0xBB, 0x201E, 0x201C, 0x201D, 0x2E, 0x21, 0x3F: return true
        default: return isDash(character)
        }
    }

    /// `,` `;` `!` `?` `(` `)`: punctuation that splits a chunk written without spaces (`Hallo,wie`).
    static func isInnerPunctuation(_ character: Character) -> Bool {
        switch character.asciiValue {
        case 0x2C, 0x3B, 0x21, 0x3F, 0x28, 0x29: return true
        default: return false
        }
    }

    /// `-` `–` `—`.
    static func isDash(_ character: Character) -> Bool {
        switch CharacterClass.scalar(character) {
        case 0x2D, 0x2013, 0x2014: return true
        default: return false
        }
    }

    private static func isDecoration(_ character: Character) -> Bool {
        !character.isLetter && !character.isNumber && !character.isPunctuation && !character.isWhitespace
            && (character.unicodeScalars.first?.properties.isEmoji ?? false || character.isSymbol)
    }

    /// The chunk without leading/trailing punctuation, and whether clause punctuation was removed on either side.
    private static func trim(_ chunk: Substring) -> (Substring, leading: Bool, trailing: Bool) {
        guard let first = chunk.firstIndex(where: isWordCharacter) else { return ("", false, false) }
        let last = chunk.lastIndex(where: isWordCharacter)!
        let leading = chunk[..<first].contains(where: isClausePunctuation)
        let trailing = chunk[chunk.index(after: last)...].contains(where: isClausePunctuation)
        return (chunk[first...last], leading, trailing)
    }

    /// The pieces of ``splitRange(_:)`` of ``splitInner(_:)``, with their positions; no arrays for a chunk without
    /// punctuation or a dash inside (most words).
    private static func forEachPiece(of core: Substring, _ body: (Int, Substring) -> Void) {
        guard core.contains(where: isInnerPunctuation) || mayHoldDash(core) else { return body(0, core) }
        for (position, piece) in splitRange(splitInner(core)).enumerated() { body(position, piece) }
    }

    /// A dash is `-` or starts with the byte 0xE2 (`–` `—`): most pieces have neither.
    private static func mayHoldDash(_ piece: Substring) -> Bool {
        piece.utf8.contains(where: { $0 == 0x2D || $0 == 0xE2 })
    }

    /// Splits a range of times or numbers (`9–18`, `9:00-18:00`) into its two numbers.
    private static func splitRange(_ pieces: [Substring]) -> [Substring] {
        pieces.flatMap { piece -> [Substring] in
            guard mayHoldDash(piece) else { return [piece] }
            let parts = piece.split(whereSeparator: isDash)
            guard parts.count == 2,
                parts.allSatisfy({
                    $0.count <= 5 && CharacterClass.isNumber($0.first!)
                        && $0.allSatisfy { CharacterClass.isNumber($0) || $0 == ":" }
                })
            else { return [piece] }
            return parts
        }
    }

    /// Splits `Hallo,wie` or `ok!danke` at punctuation inside a chunk; keeps values such as `12.03.2026`, `a@b.de`.
    private static func splitInner(_ core: Substring) -> [Substring] {
        guard core.contains(where: isInnerPunctuation), !CharacterClass.containsNumber(core),
            !core.utf8.contains(UInt8(ascii: "@")), !core.contains("://")
        else { return [core] }
        return core.split(whereSeparator: isInnerPunctuation)
    }
}
