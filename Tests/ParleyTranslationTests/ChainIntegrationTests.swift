import AsyncHTTPClient
import Foundation
import ParleyTesting
import ParleyText
import Testing

@testable import ParleyTranslation

/// The configured chain (`makeTranslator`) against both in-process servers.
@Suite struct ChainIntegrationTests {
    static func configuration(deepL: DeepLTestServer, libre: LibreTranslateTestServer) -> TranslationConfiguration {
        TranslationConfiguration(
            engines: ["deepl", "libretranslate"], deepLKey: deepL.apiKey, deepLURL: deepL.baseURL,
            libreTranslateURL: libre.baseURL, engineTimeout: .seconds(5), cacheCapacity: 0)
    }

    static func withServers<T: Sendable>(
        _ body: @Sendable (DeepLTestServer, LibreTranslateTestServer) async throws -> T
    ) async throws -> T {
        try await DeepLTestServer.withRunning { deepL in
            try await LibreTranslateTestServer.withRunning { libre in try await body(deepL, libre) }
        }
    }

    @Test(arguments: [
        TestServerBehaviour.authFailure, .quotaExceeded, .rateLimited(retryAfter: 1), .malformedJSON, .internalError,
        .unavailable, .dropPlaceholder, .duplicatePlaceholder, .manglePlaceholder, .renumberPlaceholder,
        .swapPlaceholders,
    ])
    func fallsBackFromDeepLToLibreTranslate(_ behaviour: TestServerBehaviour) async throws {
        try await Self.withServers { deepL, libre in
            deepL.behaviour = behaviour
            let translator = try makeTranslator(
                configuration: Self.configuration(deepL: deepL, libre: libre), httpClient: .shared)
            let result = try await translator.translate(
                TranslationRequest(segments: ["Hallo @anna #12345 🎉"], pair: deEN))
            #expect(result.segments[0].text == "Hello @anna #12345 🎉")
            #expect(result.engine == "libretranslate")
            #expect(result.diagnostics.failures.first?.engine == "deepl")
        }
    }

    @Test func keepsAReorderedButIntactTranslation() async throws {
        try await Self.withServers { deepL, libre in
            deepL.behaviour = .reorderPlaceholders
            let translator = try makeTranslator(
                configuration: Self.configuration(deepL: deepL, libre: libre), httpClient: .shared)
            let result = try await translator.translate(
                TranslationRequest(segments: ["Hallo @anna, hier ist #12345"], pair: deEN))
            #expect(result.engine == "deepl")
            #expect(result.segments[0].text == "Hello , here is #12345 @anna")
        }
    }

    @Test func deliversUntranslatedWhenBothFail() async throws {
        try await Self.withServers { deepL, libre in
            deepL.behaviour = .quotaExceeded
            libre.behaviour = .internalError
            let translator = try makeTranslator(
                configuration: Self.configuration(deepL: deepL, libre: libre), httpClient: .shared)
            let result = try await translator.translate(TranslationRequest(segments: ["Hallo #12345"], pair: deEN))
            #expect(
                result.segments == [TranslatedSegment(text: "Hallo #12345", quality: .untranslated, engine: "none")])
            #expect(result.diagnostics.failures.map(\.code) == [.quotaExceeded, .engineUnavailable])
        }
    }

    @Test func timesOutAHangingEngineAndFallsBack() async throws {
        try await Self.withServers { deepL, libre in
            deepL.behaviour = .hang
            let clock = TestClock()
            let translator = try makeTranslator(
                configuration: Self.configuration(deepL: deepL, libre: libre), httpClient: .shared, clock: clock)
            async let result = translator.translate(TranslationRequest(segments: ["danke"], pair: deEN))
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(5))
            let answer = try await result
            #expect(answer.segments[0].text == "thanks")
            #expect(answer.diagnostics.failures.map(\.code) == [.timedOut])
        }
    }

    @Test func circuitOpensOnARepeatedlyFailingEngine() async throws {
        try await Self.withServers { deepL, libre in
            deepL.behaviour = .unavailable
            var configuration = Self.configuration(deepL: deepL, libre: libre)
            configuration.failureThreshold = 2
            let translator = try makeTranslator(configuration: configuration, httpClient: .shared, clock: TestClock())
            for _ in 0..<4 { _ = try await translator.translate(TranslationRequest(segments: ["hallo"], pair: deEN)) }
            #expect(deepL.requests.count == 2, "the open circuit kept calls away from DeepL")
        }
    }

    @Test func reportsUnknownEnginesAndMissingKeys() {
        #expect(throws: TranslationError(.misconfigured, engine: "", message: "")) {
            try makeTranslator(configuration: TranslationConfiguration(engines: ["systran"]), httpClient: .shared)
        }
        #expect(throws: TranslationError(.misconfigured, engine: "", message: "")) {
            try makeTranslator(configuration: TranslationConfiguration(engines: ["deepl"]), httpClient: .shared)
        }
    }

    @Test func theStandardRegistryHasTheOfflinePhrasebook() async throws {
        let translator = try makeTranslator(
            configuration: TranslationConfiguration(engines: ["phrasebook"]), httpClient: .shared)
        let result = try await translator.translate(TranslationRequest(segments: ["Wo ist meine Bestellung?"], pair: deEN))
        #expect(result.segments.first?.text == "Where is my order?")
        #expect(result.segments.first?.quality == .exact)
    }

    @Test func onlyAChainOfInProcessEnginesRunsInProcess() async throws {
        let offline = try makeTranslator(
            configuration: TranslationConfiguration(engines: ["phrasebook"]), httpClient: .shared)
        #expect(offline.runsInProcess)
        try await Self.withServers { deepL, libre in
            var configuration = Self.configuration(deepL: deepL, libre: libre)
            let online = try makeTranslator(configuration: configuration, httpClient: .shared)
            #expect(!online.runsInProcess)
            configuration.engines = ["phrasebook", "libretranslate"]
            configuration.cacheCapacity = 100
            let mixed = try makeTranslator(configuration: configuration, httpClient: .shared)
            #expect(!mixed.runsInProcess)
        }
    }

    /// An engine in process never waits, so a limit no lower than the threads that run tasks cannot hold a call
    /// back: the chain then goes without it. A remote engine, or a lower limit, keeps it.
    @Test func theConcurrencyLimitIsLeftOutOnlyWhereItCannotBind() async throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let offline = TranslatorChain([ScriptedTranslator("phrasebook", runsInProcess: true)])
        let remote = TranslatorChain([ScriptedTranslator("deepl")])
        #expect(!limitCanBind(offline, cores))
        #expect(!limitCanBind(offline, 32))
        #expect(limitCanBind(remote, 32))
        #expect(limitCanBind(offline, cores - 1))
        var configuration = TranslationConfiguration(engines: ["phrasebook"])
        configuration.cacheCapacity = 0
        let chain = try makeTranslator(configuration: configuration, httpClient: .shared)
        #expect(chain is TranslatorChain)
        configuration.concurrencyLimit = cores - 1
        let limited = try makeTranslator(configuration: configuration, httpClient: .shared)
        #expect(limited is ConcurrencyLimitedTranslator<TranslatorChain>)
    }

    @Test func registersFurtherEngines() async throws {
        var registry = TranslationEngineRegistry.standard()
        registry.register("phrasebook", decorations: .local) { _ in ScriptedTranslator("phrasebook") }
        let translator = try makeTranslator(
            configuration: TranslationConfiguration(engines: ["phrasebook"]), registry: registry, httpClient: .shared)
        let result = try await translator.translate(TranslationRequest(segments: ["hallo #12345"], pair: deEN))
        #expect(result.segments[0].text == "HALLO #12345")
        let again = try await translator.translate(TranslationRequest(segments: ["hallo #12345"], pair: deEN))
        #expect(again.diagnostics.cacheHit)
    }

    @Test func readsConfigurationFromTheEnvironment() {
        let c = TranslationConfiguration(environment: [
            "PARLEY_TRANSLATION_ENGINES": "deepl, libretranslate", "PARLEY_DEEPL_KEY": "k:fx",
            "PARLEY_TRANSLATION_TIMEOUT_MS": "1500", "PARLEY_TRANSLATION_CACHE": "0",
        ])
        #expect(c.engines == ["deepl", "libretranslate"] && c.deepLKey == "k:fx")
        #expect(c.engineTimeout == .milliseconds(1500) && c.cacheCapacity == 0 && c.concurrencyLimit == 32)
    }
}

/// Glossary adherence and protected-span integrity for every HTTP engine and all 12 directions.
@Suite struct AllDirectionsTests {
    static let text =
        "Ihr Warenkorb: siehe https://shop.example.com/cart, Bestellung A-2024-0042 kostet 19,99 € — Parley 👍"

    func sourceText(_ glossary: Glossary, _ language: LanguageCode) -> (String, [String]) {
        func term(_ id: String) -> String { glossary.entries.first { $0.conceptID == id }!.terms[language]! }
        let spans = ["https://shop.example.com/cart", "A-2024-0042", "19,99 €", "Parley", "👍", "#12345"]
        return (
            "\(term("cart")) https://shop.example.com/cart \(term("invoice")) A-2024-0042 19,99 € Parley 👍 #12345",
            spans
        )
    }

    @Test(arguments: ["deepl", "libretranslate"])
    func glossaryAndSpansSurviveEveryDirection(_ engine: String) async throws {
        let glossary = try shopGlossary()
        try await ChainIntegrationTests.withServers { deepL, libre in
            var configuration = ChainIntegrationTests.configuration(deepL: deepL, libre: libre)
            configuration.engines = [engine]
            let translator = try makeTranslator(configuration: configuration, httpClient: .shared)
            for pair in allDirections {
                let (text, spans) = sourceText(glossary, pair.source)
                let result = try await translator.translate(
                    TranslationRequest(segments: [text], pair: pair, glossary: glossary))
                let output = result.segments[0].text
                #expect(result.engine == engine, "\(pair): \(result.diagnostics.failures)")
                for span in spans { #expect(output.contains(span), "\(engine) \(pair): \(span) lost in \(output)") }
                for concept in ["cart", "invoice"] {
                    let target = glossary.entries.first { $0.conceptID == concept }!.terms[pair.target]!
                    #expect(output.contains(target), "\(engine) \(pair): \(target) missing in \(output)")
                }
            }
        }
    }
}
