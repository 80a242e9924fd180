/// Protects URLs, e-mails, order numbers, prices, code, emoji, mentions and the glossary's do-not-translate terms
/// from the wrapped engine: masks them with placeholders in the engine's ``Translator/placeholderStyle``, restores
/// them after, and throws ``TranslationError/Code/brokenPlaceholders`` when the engine tampered with a placeholder
/// — so a ``TranslatorChain`` falls back instead of delivering a broken text.
///
/// ```swift
/// let deepL = MaskingTranslator(wrapping: GlossaryEnforcingTranslator(wrapping: DeepLTranslator(...)))
/// ```
public struct MaskingTranslator<Wrapped: Translator>: Translator {
    public let wrapped: Wrapped
    public let masker: SpanMasker
    private let matchers = GlossaryIndexCache()

    public init(wrapping wrapped: Wrapped, masker: SpanMasker = SpanMasker()) {
        self.wrapped = wrapped
        self.masker = masker
    }

    public var name: String { wrapped.name }
    public var runsInProcess: Bool { wrapped.runsInProcess }
    public func supports(_ pair: LanguagePair) -> Bool { wrapped.supports(pair) }
    public var placeholderStyle: PlaceholderStyle { wrapped.placeholderStyle }
    public func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool { wrapped.enforcesGlossaryNatively(for: pair) }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        let style = wrapped.placeholderStyle
        let dnt = request.glossary.map { matchers.matcher($0, request.pair.source, .doNotTranslate) }
        let masked = request.segments.map { masker.mask($0, style: style, doNotTranslate: dnt) }
        var inner = request
        inner.segments = masked.map(\.text)
        var result = try await wrapped.translate(inner)
        guard result.segments.count == masked.count else {
            throw TranslationError(
                .malformedResponse, engine: result.engine,
                message: "Expected \(masked.count) segments, got \(result.segments.count).")
        }
        for index in masked.indices {
            result.segments[index].text = try masker.unmask(
                result.segments[index].text, masked[index], style: style, engine: result.engine)
        }
        result.diagnostics.protectedSpans += masked.flatMap { $0.spans.sorted { $0.key < $1.key }.map(\.value) }
        return result
    }
}
