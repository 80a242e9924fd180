import AsyncHTTPClient
import ParleyTesting
import ParleyText
import Testing

@testable import ParleyTranslation

@Suite struct LibreTranslateTests {
    static func engine(_ server: LibreTranslateTestServer, key: String? = "secret") -> LibreTranslateTranslator {
        LibreTranslateTranslator(configuration: .init(baseURL: server.baseURL, apiKey: key), httpClient: .shared)
    }

    @Test func translatesOneAndManySegments() async throws {
        try await LibreTranslateTestServer.withRunning(apiKey: "secret") { server in
            let engine = Self.engine(server)
            let one = try await engine.translate(TranslationRequest(segments: ["Hallo und danke"], pair: deEN))
            #expect(one.segments == [TranslatedSegment(text: "Hello and thanks", quality: .machine)])
            let many = try await engine.translate(
                TranslationRequest(segments: ["hallo", "danke"], pair: LanguagePair("de", "tr")))
            #expect(many.segments.map(\.text) == ["merhaba", "teşekkürler"])
            #expect(server.requests.map(\.q) == [.one("Hallo und danke"), .many(["hallo", "danke"])])
            #expect(server.requests.allSatisfy { $0.format == "html" && $0.api_key == "secret" && $0.source == "de" })
            let languages = try await engine.languages()
            #expect(Set(languages.map(\.code)) == ["de", "en", "et", "tr"])
        }
    }

    @Test(arguments: [
        (TestServerBehaviour.authFailure, TranslationError.Code.authenticationFailed),
        (.rateLimited(retryAfter: 7), .rateLimited), (.malformedJSON, .malformedResponse),
        (.internalError, .engineUnavailable), (.unavailable, .engineUnavailable),
    ])
    func mapsErrors(_ behaviour: TestServerBehaviour, _ code: TranslationError.Code) async throws {
        try await LibreTranslateTestServer.withRunning(apiKey: "secret", behaviour: behaviour) { server in
            do {
                _ = try await Self.engine(server).translate(TranslationRequest(segments: ["hallo"], pair: deEN))
                Issue.record("expected \(code)")
            } catch let error as TranslationError {
                #expect(error.code == code)
                if case .rateLimited = behaviour { #expect(error.retryAfter == .seconds(7)) }
                #expect(!error.description.contains("hallo"), "errors never carry chat text")
            }
        }
    }

    @Test func wrongKeyIsAnAuthenticationFailure() async throws {
        try await LibreTranslateTestServer.withRunning(apiKey: "secret") { server in
            await #expect(throws: TranslationError(.authenticationFailed, engine: "", message: "")) {
                try await Self.engine(server, key: "wrong").translate(TranslationRequest(segments: ["x"], pair: deEN))
            }
        }
    }

    @Test func unreachableServerIsUnavailable() async throws {
        let engine = LibreTranslateTranslator(
            configuration: .init(baseURL: "http://127.0.0.1:1", timeout: .milliseconds(300)), httpClient: .shared)
        await #expect(throws: TranslationError(.engineUnavailable, engine: "", message: "")) {
            try await engine.translate(TranslationRequest(segments: ["x"], pair: deEN))
        }
    }
}
