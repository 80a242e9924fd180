import AsyncHTTPClient
import ParleyTesting
import ParleyText
import Testing

@testable import ParleyTranslation

@Suite struct DeepLTests {
    static func engine(_ server: DeepLTestServer, key: String = "test-key:fx") -> DeepLTranslator {
        DeepLTranslator(configuration: .init(apiKey: key, baseURL: server.baseURL), httpClient: .shared)
    }

    @Test func choosesTheHostByKey() {
        #expect(DeepLTranslator.Configuration(apiKey: "abc:fx").endpoint == "https://api-free.deepl.com")
        #expect(DeepLTranslator.Configuration(apiKey: "abc").endpoint == "https://api.deepl.com")
        #expect(
            DeepLTranslator.Configuration(apiKey: "abc", baseURL: "http://127.0.0.1:9/").endpoint
                == "http://127.0.0.1:9")
    }

    @Test func translatesWithTheDocumentedRequestShape() async throws {
        try await DeepLTestServer.withRunning { server in
            let engine = Self.engine(server)
            let result = try await engine.translate(
                TranslationRequest(segments: ["Hallo", "danke <x id=\"1\"/>"], pair: deEN))
            #expect(result.segments.map(\.text) == ["Hello", "thanks <x id=\"1\"/>"])
            let sent = try #require(server.requests.first)
            #expect(sent.source_lang == "DE" && sent.target_lang == "EN-US")
            #expect(sent.tag_handling == "xml" && sent.ignore_tags == ["x"] && sent.glossary_id == nil)
            _ = try await engine.translate(TranslationRequest(segments: ["hallo"], pair: LanguagePair("en", "et")))
            #expect(server.requests.last?.target_lang == "ET")
        }
    }

    @Test(arguments: [
        (TestServerBehaviour.authFailure, TranslationError.Code.authenticationFailed), (.quotaExceeded, .quotaExceeded),
        (.rateLimited(retryAfter: 3), .rateLimited), (.malformedJSON, .malformedResponse),
        (.internalError, .engineUnavailable), (.unavailable, .engineUnavailable),
    ])
    func mapsErrors(_ behaviour: TestServerBehaviour, _ code: TranslationError.Code) async throws {
        try await DeepLTestServer.withRunning(behaviour: behaviour) { server in
            do {
                _ = try await Self.engine(server).translate(TranslationRequest(segments: ["hallo"], pair: deEN))
                Issue.record("expected \(code)")
            } catch let error as TranslationError {
                #expect(error.code == code)
                if case .rateLimited = behaviour { #expect(error.retryAfter == .seconds(3)) }
            }
        }
    }

    @Test(arguments: [
        (400, TranslationError.Code.badRequest), (403, .authenticationFailed), (404, .notFound),
        (413, .requestTooLarge),
        (429, .rateLimited), (456, .quotaExceeded), (500, .engineUnavailable), (503, .engineUnavailable),
        (529, .engineUnavailable),
    ])
    func mapsEveryDocumentedStatus(_ status: Int, _ code: TranslationError.Code) {
        #expect(DeepLTranslator.meaning(of: status).0 == code)
    }

    @Test func wrongKeyIsRefused() async throws {
        try await DeepLTestServer.withRunning(apiKey: "right") { server in
            await #expect(throws: TranslationError(.authenticationFailed, engine: "", message: "")) {
                try await Self.engine(server, key: "wrong").translate(TranslationRequest(segments: ["x"], pair: deEN))
            }
        }
    }

    @Test func uploadsTheGlossaryOnceAndUsesItNatively() async throws {
        let glossary = try shopGlossary()
        try await DeepLTestServer.withRunning { server in
            let engine = Self.engine(server)
            let request = TranslationRequest(
                segments: ["Ihr Warenkorb"], pair: LanguagePair("de", "tr"), glossary: glossary)
            let first = try await engine.translate(request)
            _ = try await engine.translate(request)
            #expect(first.segments[0].text == "Ihr sepet")
            #expect(server.glossaries.count == 1)
            let stored = try #require(server.glossaries.values.first)
            #expect(stored.source_lang == "de" && stored.target_lang == "tr")
            #expect(stored.entry_count == glossary.pairs(LanguagePair("de", "tr")).count)
            #expect(server.requests.map(\.glossary_id) == [stored.glossary_id, stored.glossary_id])
            let info = try await engine.glossaryInfo(id: stored.glossary_id)
            #expect(info.entry_count == stored.entry_count)
            #expect(try await engine.glossaryLanguagePairs().count == 12)
            try await engine.deleteGlossary(id: stored.glossary_id)
            #expect(server.glossaries.isEmpty)
            await #expect(throws: TranslationError(.notFound, engine: "", message: "")) {
                try await engine.glossaryInfo(id: stored.glossary_id)
            }
        }
    }
}
