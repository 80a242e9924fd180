/// Tries engines in order and falls back, segment by segment, until every segment is translated; what no engine
/// translates comes back as written, marked `untranslated` (engine `"none"`).
///
/// An engine is skipped when it does not support the pair; when it throws (any ``TranslationError`` except
/// ``TranslationError/Code/cancelled``, or any other error) the chain records the error in
/// ``TranslationDiagnostics/failures`` and moves on; segments an engine returns `untranslated` go to the next one.
/// Only cancellation of the calling task is rethrown. Past `request.deadline` the chain stops trying engines.
///
/// ```swift
/// let chain = TranslatorChain([deepL, libreTranslate, phrasebook])
/// ```
public struct TranslatorChain: Translator {
    public let engines: [any Translator]
    /// `chain(e₁,e₂,...)`, put together once: the decorators in front of the chain ask for it on every call.
    public let name: String
    public let runsInProcess: Bool
    private let clock = ContinuousClock()

    public init(_ engines: [any Translator]) {
        self.engines = engines
        self.name = "chain(" + engines.map(\.name).joined(separator: ",") + ")"
        self.runsInProcess = engines.allSatisfy(\.runsInProcess)
    }

    public func supports(_ pair: LanguagePair) -> Bool { true }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        let start = clock.now
        var segments = request.segments.map { TranslatedSegment(text: $0, quality: .untranslated, engine: "none") }
        var pending = Array(request.segments.indices)
        var diagnostics = TranslationDiagnostics()
        var used = ""
        for engine in engines where !pending.isEmpty && engine.supports(request.pair) {
            if let deadline = request.deadline, clock.now >= deadline { break }
            var partial = request
            if pending.count < request.segments.count { partial.segments = pending.map { request.segments[$0] } }
            do {
                let result = try await engine.translate(partial)
                guard result.segments.count == pending.count else {
                    throw TranslationError(.malformedResponse, engine: engine.name, message: "Wrong segment count.")
                }
                merge(result, into: &segments, pending: &pending, diagnostics: &diagnostics, used: &used)
            } catch {
                if Task.isCancelled { throw TranslationError(.cancelled, engine: name, message: "Cancelled.") }
                diagnostics.failures.append(Self.typed(error, engine: engine.name))
            }
        }
        if !pending.isEmpty || used.isEmpty { used += used.isEmpty ? "none" : "+none" }
        return TranslationResult(
            segments: segments, engine: used, duration: clock.now - start, diagnostics: diagnostics)
    }

    /// Takes the segments `result` translated; the others stay pending. `used` gains the engine's name (`a+b`) when
    /// it translated any.
    private func merge(
        _ result: TranslationResult, into segments: inout [TranslatedSegment], pending: inout [Int],
        diagnostics: inout TranslationDiagnostics, used: inout String
    ) {
        var still: [Int] = []
        for (offset, index) in pending.enumerated() {
            var segment = result.segments[offset]
            if segment.quality == .untranslated {
                still.append(index)
            } else {
                segment.engine = segment.engine ?? result.engine
                segments[index] = segment
            }
        }
        if still.count < pending.count { used += used.isEmpty ? result.engine : "+" + result.engine }
        pending = still
        diagnostics.glossaryHits += result.diagnostics.glossaryHits.filter { !diagnostics.glossaryHits.contains($0) }
        diagnostics.protectedSpans += result.diagnostics.protectedSpans
        diagnostics.failures += result.diagnostics.failures
    }

    static func typed(_ error: any Error, engine: String) -> TranslationError {
        if let error = error as? TranslationError { return error }
        return TranslationError(
            .engineUnavailable, engine: engine, message: "The engine failed: \(type(of: error)).", underlying: error)
    }
}
