/// Makes the glossary's reviewed target term appear wherever its source term appears, with any engine.
///
/// - Engines that apply glossaries themselves for the pair (``Translator/enforcesGlossaryNatively(for:)``, DeepL)
///   get the request as is; segments whose output lacks a target term are sent again with the terms masked.
/// - Other engines get each source-term occurrence (matched as ``GlossaryMatcher`` describes) replaced by a
///   placeholder that carries the target term; the term is put in after translation. The target term is inserted in
///   its glossary form: an inflection the source had (`Warenkörben`, `siparişler`) is not carried over.
///
/// Only entries with status `reviewed` that translate (not do-not-translate, which ``MaskingTranslator`` protects)
/// and have a term in both languages are enforced. Placeholders are numbered after any already in the text, and
/// foreign placeholders are left for the outer ``MaskingTranslator`` — wrap this decorator in one (which also
/// escapes text for XML-style engines): `MaskingTranslator(wrapping: GlossaryEnforcingTranslator(wrapping: e))`.
public struct GlossaryEnforcingTranslator<Wrapped: Translator>: Translator {
    public let wrapped: Wrapped
    private let matchers = GlossaryIndexCache()
    /// Puts the terms back (built once: a masker builds its span scanner when made).
    private let masker = SpanMasker()

    public init(wrapping wrapped: Wrapped) {
        self.wrapped = wrapped
    }

    public var name: String { wrapped.name }
    public var runsInProcess: Bool { wrapped.runsInProcess }
    public func supports(_ pair: LanguagePair) -> Bool { wrapped.supports(pair) }
    public var placeholderStyle: PlaceholderStyle { wrapped.placeholderStyle }
    public func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool { wrapped.enforcesGlossaryNatively(for: pair) }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        guard let glossary = request.glossary else { return try await wrapped.translate(request) }
        let matcher = matchers.matcher(glossary, request.pair.source, .enforced)
        guard !matcher.isEmpty else { return try await wrapped.translate(request) }
        let texts = request.segments.map(ClassifiedText.init)
        let matches = texts.map { text in
            matcher.matches(in: text).filter { glossary.entries[$0.entryIndex].terms[request.pair.target] != nil }
        }
        let hits = Self.conceptIDs(matches, glossary)
        guard !hits.isEmpty else { return try await wrapped.translate(request) }
        var result: TranslationResult
        if wrapped.enforcesGlossaryNatively(for: request.pair) {
            result = try await translateNatively(request, glossary: glossary, texts: texts, matches: matches)
        } else {
            result = try await translateMasked(
                request, glossary: glossary, texts: texts, matches: matches, indices: nil)
        }
        result.diagnostics.glossaryHits += hits.filter { !result.diagnostics.glossaryHits.contains($0) }
        return result
    }

    private static func conceptIDs(_ matches: [[GlossaryMatch]], _ glossary: Glossary) -> [String] {
        var seen: [String] = []
        for match in matches.joined() where !seen.contains(glossary.entries[match.entryIndex].conceptID) {
            seen.append(glossary.entries[match.entryIndex].conceptID)
        }
        return seen
    }

    private func translateNatively(
        _ request: TranslationRequest, glossary: Glossary, texts: [ClassifiedText], matches: [[GlossaryMatch]]
    )
        async throws -> TranslationResult
    {
        var result = try await wrapped.translate(request)
        let targetMatcher = matchers.matcher(glossary, request.pair.target, .enforced)
        let lacking = result.segments.indices.filter { index in
            let found = Set(targetMatcher.matches(in: ClassifiedText(result.segments[index].text)).map(\.entryIndex))
            return !Set(matches[index].map(\.entryIndex)).isSubset(of: found)
        }
        guard !lacking.isEmpty else { return result }
        let retried = try await translateMasked(
            request, glossary: glossary, texts: texts, matches: matches, indices: lacking)
        for (offset, index) in lacking.enumerated() {
            // A reviewed text (`exact`, `phrasebook`) has no place for a term's placeholder but a value slot
            // (`{number}`, `{amount}`): such an answer put the term where a value belongs, so it is not kept.
            let segment = retried.segments[offset]
            result.segments[index] =
                segment.quality <= .phrasebook
                ? TranslatedSegment(text: request.segments[index], quality: .untranslated, engine: segment.engine)
                : segment
        }
        return result
    }

    /// Masks the matched terms of the segments at `indices` (all when `nil`) and translates those segments.
    private func translateMasked(
        _ request: TranslationRequest, glossary: Glossary, texts: [ClassifiedText], matches: [[GlossaryMatch]],
        indices: [Int]?
    ) async throws -> TranslationResult {
        let style = wrapped.placeholderStyle
        let chosen = indices ?? Array(request.segments.indices)
        let masked = chosen.map { index in
            let text = texts[index]
            let tokens = style.byteTokens(in: text.utf8) ?? style.tokens(in: text)
            let firstID = (tokens.compactMap(\.id).max() ?? 0) + 1
            let spans = matches[index].map { match in
                (
                    match.range,
                    ProtectedSpan(
                        kind: .glossaryTerm, original: text.string(match.range),
                        replacement: glossary.entries[match.entryIndex].terms[request.pair.target]!)
                )
            }
            return SpanMasker.replace(text, spans, style: style, firstID: firstID, escape: false)
        }
        var inner = request
        inner.segments = masked.map(\.text)
        var result = try await wrapped.translate(inner)
        guard result.segments.count == masked.count else {
            throw TranslationError(.malformedResponse, engine: result.engine, message: "Wrong segment count.")
        }
        for offset in masked.indices {
            var spans = masked[offset]
            if result.segments[offset].quality == .untranslated {
                spans.spans = spans.spans.mapValues { ProtectedSpan(kind: $0.kind, original: $0.original) }
            }
            result.segments[offset].text = try masker.unmask(
                result.segments[offset].text, spans, style: style, strict: false, engine: result.engine)
        }
        result.diagnostics.protectedSpans += masked.flatMap { $0.spans.sorted { $0.key < $1.key }.map(\.value) }
        return result
    }
}
