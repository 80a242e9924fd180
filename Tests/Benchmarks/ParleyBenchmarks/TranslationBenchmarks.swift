import Benchmark
import ParleyText
import ParleyTranslation

/// An engine that does no work, so a benchmark measures only the layer around it.
private struct EchoTranslator: Translator {
    var name: String { "echo" }
    func supports(_ pair: LanguagePair) -> Bool { true }
    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        TranslationResult(
            segments: request.segments.map { TranslatedSegment(text: $0, quality: .machine) }, engine: name,
            duration: .zero)
    }
}

private let glossaryPath: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(4)
    return parts.joined(separator: "/") + "/Dictionaries/glossaries/shop.tsv"
}()

/// The translation layer's own cost (masking, glossary, cache) around an engine that does nothing.
func translationBenchmarks() {
    let glossary = try! GlossaryLoader().load(path: glossaryPath)
    let message =
        "Hallo, Ihre Bestellung A-2024-0042 über 19,99 € liegt noch im Warenkorb: https://shop.example.com/cart 👍"
    let request = TranslationRequest(segments: [message], pair: LanguagePair("de", "tr"), glossary: glossary)
    let layered = MaskingTranslator(wrapping: GlossaryEnforcingTranslator(wrapping: EchoTranslator()))
    let cached = CachingTranslator(wrapping: layered, capacity: 10_000)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3), maxIterations: 100_000)

    Benchmark("Translation.MaskingAndGlossary.overhead", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try await layered.translate(request)) }
    }
    Benchmark("Translation.FullStack.cacheMiss", configuration: configuration) { benchmark in
        let uncached = CachingTranslator(wrapping: layered, capacity: 1)
        let requests = (0..<2).map { i in
            TranslationRequest(segments: [message + " \(i)"], pair: request.pair, glossary: glossary)
        }
        for i in benchmark.scaledIterations { blackHole(try await uncached.translate(requests[i & 1])) }
    }
    Benchmark("Translation.Cache.hit", configuration: configuration) { benchmark in
        _ = try await cached.translate(request)
        for _ in benchmark.scaledIterations { blackHole(try await cached.translate(request)) }
    }
    Benchmark("Translation.SpanMasker.mask", configuration: configuration) { benchmark in
        let masker = SpanMasker()
        for _ in benchmark.scaledIterations { blackHole(masker.mask(message, style: .xml)) }
    }
}
