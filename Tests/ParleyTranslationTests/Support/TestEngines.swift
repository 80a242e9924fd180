import ParleyTesting
import ParleyText
import ParleyTranslation
import Synchronization

/// An in-process engine for composition tests: applies `transform` to each segment and counts calls.
final class ScriptedTranslator: Translator {
    let name: String
    let pairs: Set<LanguagePair>?
    let style: PlaceholderStyle
    let runsInProcess: Bool
    let transform: @Sendable (String, LanguagePair) throws -> TranslatedSegment
    private let counter = Mutex(0)

    init(
        _ name: String, pairs: Set<LanguagePair>? = nil, style: PlaceholderStyle = .brackets,
        runsInProcess: Bool = false,
        transform: @escaping @Sendable (String, LanguagePair) throws -> TranslatedSegment = { text, _ in
            TranslatedSegment(text: text.uppercased(), quality: .machine)
        }
    ) {
        self.name = name
        self.pairs = pairs
        self.style = style
        self.runsInProcess = runsInProcess
        self.transform = transform
    }

    var calls: Int { counter.withLock { $0 } }
    var placeholderStyle: PlaceholderStyle { style }
    func supports(_ pair: LanguagePair) -> Bool { pairs?.contains(pair) ?? true }

    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        counter.withLock { $0 += 1 }
        let segments = try request.segments.map { try transform($0, request.pair) }
        return TranslationResult(segments: segments, engine: name, duration: .zero)
    }
}

/// Always throws `code`.
struct FailingTranslator: Translator {
    let name: String
    let code: TranslationError.Code
    func supports(_ pair: LanguagePair) -> Bool { true }
    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        throw TranslationError(code, engine: name, message: "Scripted failure.")
    }
}

/// Never answers; honours cancellation (suspends on a clock nobody advances).
struct HangingTranslator<C: Clock>: Translator where C.Duration == Duration {
    let clock: C
    var name: String { "hang" }
    func supports(_ pair: LanguagePair) -> Bool { true }
    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        try await clock.sleep(until: clock.now.advanced(by: .seconds(1_000_000)), tolerance: nil)
        throw TranslationError(.engineUnavailable, engine: name, message: "Woke up.")
    }
}

let deEN = LanguagePair("de", "en")
let allDirections: [LanguagePair] = LanguageCode.supported.flatMap { s in
    LanguageCode.supported.filter { $0 != s }.map { LanguagePair(s, $0) }
}

