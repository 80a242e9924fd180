public import ParleyText

/// The offline, embedded default engine: a translation memory of reviewed customer-service phrases.
///
/// Each segment is translated sentence by sentence. A sentence the phrasebook covers exactly (after case, accent and
/// punctuation folding) is `exact`; one that needed a slot (`{number}`, `{date}`, `{amount}`, `{name}`, `{email}`,
/// `{url}`), a skipped filler word or a tolerated typo is `phrasebook`; a sentence nothing matches is kept as written.
/// A segment's quality is its weakest sentence's, so a partly translated segment is `untranslated`.
///
/// ```swift
/// let phrasebook = try PhrasebookTranslator(directory: "Dictionaries/phrasebook")
/// let result = try await phrasebook.translate(.init(segments: ["Siparisim nerede"], pair: .init("tr", "de")))
/// // result.segments[0] == TranslatedSegment(text: "Wo ist meine Bestellung?", quality: .exact)
/// ```
public struct PhrasebookTranslator: Translator {
    public let name = "phrasebook"
    public let runsInProcess = true
    public let phrasebook: Phrasebook
    private let segmenter: Segmenter
    /// One formatter per language, made once: opening ICU formatters is the expensive part of formatting.
    private let formatters: [LanguageCode: LocaleFormatter]
    /// Recently translated sentences: a shop's chats repeat their greetings and questions, and a remembered sentence
    /// skips tokenizing and covering.
    let memo: SentenceMemo

    /// Translates with an already loaded phrasebook, breaking sentences with `segmenter`. The translations of the
    /// last `memoCapacity` distinct sentences that recur are remembered (0: none; see ``SentenceMemo``).
    public init(phrasebook: Phrasebook, segmenter: Segmenter = Segmenter(), memoCapacity: Int = 4096) {
        self.phrasebook = phrasebook
        self.segmenter = segmenter
        self.memo = SentenceMemo(capacity: memoCapacity)
        self.formatters = Dictionary(
            uniqueKeysWithValues: phrasebook.languages.map { ($0, LocaleFormatter(locale: $0.rawValue)) })
    }

    /// Loads every `*.tsv` file of `directory`; see ``PhrasebookLoader`` for the format and the diagnostics.
    public init(directory: String) throws(PhrasebookError) {
        self.init(phrasebook: try PhrasebookLoader().load(directory: directory))
    }

    /// Loads every `*.tsv` file of `directory`.
    public static func load(from directory: String) throws(PhrasebookError) -> PhrasebookTranslator {
        try PhrasebookTranslator(directory: directory)
    }

    public func supports(_ pair: LanguagePair) -> Bool {
        pair.source == pair.target
            ? phrasebook.languages.contains(pair.source)
            : phrasebook.languages.contains(pair.source) && phrasebook.languages.contains(pair.target)
    }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        let clock = ContinuousClock()
        let start = clock.now
        guard supports(request.pair) else {
            throw TranslationError(
                .unsupportedPair, engine: name,
                message: "The phrasebook has no \(request.pair) phrases. Languages: "
                    + phrasebook.languages.sorted().map(\.rawValue).joined(separator: ", ") + ".")
        }
        var segments: [TranslatedSegment] = []
        segments.reserveCapacity(request.segments.count)
        let matcher = matcher(for: request.pair)
        for segment in request.segments {
            try checkLimits(request, clock: clock)
            guard let matcher, request.pair.source != request.pair.target else {
                segments.append(TranslatedSegment(text: segment, quality: .exact))
                continue
            }
            segments.append(translate(segment, with: matcher))
        }
        return TranslationResult(segments: segments, engine: name, duration: clock.now - start)
    }

    /// Translates one segment synchronously: the engine's whole work, without the async wrapper.
    public func translate(_ text: String, pair: LanguagePair) -> TranslatedSegment {
        guard pair.source != pair.target, let matcher = matcher(for: pair) else {
            return TranslatedSegment(text: text, quality: pair.source == pair.target ? .exact : .untranslated)
        }
        return translate(text, with: matcher)
    }

    private func matcher(for pair: LanguagePair) -> PhrasebookMatcher? {
        guard let formatter = formatters[pair.target] else { return nil }
        return PhrasebookMatcher(phrasebook: phrasebook, pair: pair, formatter: formatter)
    }

    /// Sentence by sentence (ICU sentence breaks); the whitespace around sentences is kept as written. A phrase of
    /// several sentences (`Hallo? Ich warte noch.`) is tried on the whole text first (when it is short): its tokens
    /// are put together from its sentences', which the memo keeps for that (a greeting recurs in messages that do
    /// not). Each sentence is tokenized once at most.
    private func translate(_ text: String, with matcher: PhrasebookMatcher) -> TranslatedSegment {
        let language = matcher.pair.source
        let sentences = sentences(in: text, language: language)
        var raw = [PhraseTokenizer.RawTokens?](repeating: nil, count: sentences.count)
        if sentences.count > 1, text.utf8.count <= 300, let first = sentences.first, let last = sentences.last {
            let whole = text[first.startIndex..<last.endIndex]
            let match = translate(sentence: whole, wholeOnly: true, with: matcher) {
                let apart = sentences.indices.dropFirst().allSatisfy {
                    PhraseTokenizer.separatesWords(text[sentences[$0 - 1].endIndex..<sentences[$0].startIndex])
                }
                guard apart else { return PhraseTokenizer.source(whole, language: language) }
                let tokens = sentences.map { memo.tokens(of: $0, language: language) }
                raw = tokens
                return PhraseTokenizer.joined(tokens, language: language)
            }
            if let match {
                let text = String(text[..<first.startIndex]) + match.text + text[last.endIndex...]
                return TranslatedSegment(text: text, quality: match.quality)
            }
        }
        var output = ""
        var quality = TranslationQuality.exact
        var position = text.startIndex
        for (index, sentence) in sentences.enumerated() {
            output += text[position..<sentence.startIndex]
            position = sentence.endIndex
            let match = translate(sentence: sentence, wholeOnly: false, with: matcher) {
                let tokens = raw[index] ?? PhraseTokenizer.raw(sentence, language: language)
                return PhraseTokenizer.finished(tokens, language: language)
            }
            if let match {
                output += match.text
                quality = max(quality, match.quality)
            } else {
                output += sentence
                quality = .untranslated
            }
        }
        output += text[position...]
        return TranslatedSegment(text: output, quality: quality)
    }

    /// `matcher.translate` of a sentence (tokenized by `tokenize` when needed), remembered, and matched from the memo
    /// of shapes when a sentence like it was.
    private func translate(
        sentence: Substring, wholeOnly: Bool, with matcher: PhrasebookMatcher, tokenize: () -> TokenizedSentence
    ) -> (text: String, quality: TranslationQuality)? {
        let key = SentenceMemo.Key(sentence: ByteText(sentence), pair: matcher.pair, wholeOnly: wholeOnly)
        if let known = memo.lookup(key) { return known }
        let tokenized = tokenize()
        let match = memo.match(tokenized.tokens, pair: matcher.pair, wholeOnly: wholeOnly) {
            matcher.match(tokenized.tokens, wholeOnly: wholeOnly)
        }
        let answer = match.map { matcher.render($0, tokenized, of: sentence) }
        memo.remember(answer, for: key)
        return answer
    }

    /// ICU's sentences without surrounding whitespace, rejoined where ICU broke inside a word (`https://x.de/a?b=1`).
    func sentences(in text: String, language: LanguageCode) -> [Substring] {
        var result: [Substring] = []
        for sentence in segmenter.sentences(in: text, language: language) {
            guard let start = sentence.firstIndex(where: { !$0.isWhitespace }) else { continue }
            if let previous = result.last, previous.endIndex == start {
                result[result.count - 1] = text[previous.startIndex..<sentence.endIndex]
            } else {
                result.append(text[start..<sentence.endIndex])
            }
        }
        return result
    }

    private func checkLimits(_ request: TranslationRequest, clock: ContinuousClock) throws {
        if Task.isCancelled {
            throw TranslationError(.cancelled, engine: name, message: "The translation was cancelled.")
        }
        if let deadline = request.deadline, clock.now >= deadline {
            throw TranslationError(
                .timedOut, engine: name, message: "The deadline passed before the phrasebook finished.")
        }
    }
}
