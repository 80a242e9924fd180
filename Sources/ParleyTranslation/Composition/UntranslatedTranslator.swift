/// The engine of last resort, named `"none"`: returns every segment as written, marked `untranslated`.
/// Supports every pair; never throws except on cancellation.
public struct UntranslatedTranslator: Translator {
    public init() {}

    public var name: String { "none" }
    public var runsInProcess: Bool { true }
    public func supports(_ pair: LanguagePair) -> Bool { true }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        try Task.checkCancellation()
        let segments = request.segments.map { TranslatedSegment(text: $0, quality: .untranslated, engine: name) }
        return TranslationResult(segments: segments, engine: name, duration: .zero)
    }
}
