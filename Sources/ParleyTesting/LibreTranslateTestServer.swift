import Foundation
import Hummingbird
import NIOCore
import ParleyText
import ParleyTranslation
import Synchronization

/// An in-process server speaking LibreTranslate's published API: `POST /translate` (JSON `q` string or array,
/// `source`, `target`, `format`, `api_key`) → `{"translatedText": …}` of the same shape; `GET /languages`;
/// errors `{"error": "…"}` with 400/403/429/500. Translation uses a ``TestDictionary``; tags are kept.
///
/// ```swift
/// try await LibreTranslateTestServer.withRunning { server in
///     let engine = LibreTranslateTranslator(configuration: .init(baseURL: server.baseURL), httpClient: .shared)
/// }
/// ```
public final class LibreTranslateTestServer: Sendable {
    /// The request a client sent, as the server decoded it.
    public struct TranslateRequest: Sendable, Codable, Equatable {
        public var q: Query?
        public var source: String?
        public var target: String?
        public var format: String?
        public var api_key: String?
    }

    /// `q` and `translatedText`: one string or an array of strings.
    public enum Query: Sendable, Codable, Equatable {
        case one(String)
        case many([String])

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { self = .one(s) } else { self = .many(try c.decode([String].self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .one(let s): try c.encode(s)
            case .many(let a): try c.encode(a)
            }
        }
    }

    private struct State {
        var behaviour = TestServerBehaviour.translate
        var requests: [TranslateRequest] = []
    }

    public let baseURL: String
    /// The key the server accepts; `nil`: none needed.
    public let apiKey: String?
    public let dictionary: TestDictionary
    private let state: Mutex<State>

    init(baseURL: String, apiKey: String?, dictionary: TestDictionary, behaviour: TestServerBehaviour) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.dictionary = dictionary
        self.state = Mutex(State(behaviour: behaviour))
    }

    /// How `POST /translate` answers from now on.
    public var behaviour: TestServerBehaviour {
        get { state.withLock { $0.behaviour } }
        set { state.withLock { $0.behaviour = newValue } }
    }

    /// Every `POST /translate` body received, in order.
    public var requests: [TranslateRequest] { state.withLock { $0.requests } }

    /// Starts a server, runs `body` with it, stops it.
    @discardableResult
    public static func withRunning<T: Sendable>(
        apiKey: String? = nil, dictionary: TestDictionary = .shop, behaviour: TestServerBehaviour = .translate,
        _ body: @Sendable (LibreTranslateTestServer) async throws -> T
    ) async throws -> T {
        let gate = Gate()
        let box = Box()
        let router = Router()
        router.post("/translate") { request, _ in try await box.server!.handleTranslate(request, gate: gate) }
        router.get("/languages") { _, _ in box.server!.languages() }
        return try await InProcessServer.run(router, gate: gate) { baseURL in
            let server = LibreTranslateTestServer(
                baseURL: baseURL, apiKey: apiKey, dictionary: dictionary, behaviour: behaviour)
            box.server = server
            return try await body(server)
        }
    }

    private final class Box: @unchecked Sendable {
        // Written once before the first request can arrive (the test starts calling only after `body` begins).
        var server: LibreTranslateTestServer?
    }

    private struct Failure: Encodable { var error: String }
    private struct Answer: Encodable { var translatedText: Query }
    private struct Language: Encodable { var code: String; var name: String; var targets: [String] }

    private func languages() -> Response {
        let names: [LanguageCode: String] = [
            .german: "German", .english: "English", .estonian: "Estonian", .turkish: "Turkish",
        ]
        let all = LanguageCode.supported.map(\.rawValue)
        return InProcessServer.json(
            LanguageCode.supported.map { code in
                Language(code: code.rawValue, name: names[code]!, targets: all.filter { $0 != code.rawValue })
            })
    }

    private func handleTranslate(_ request: Request, gate: Gate) async throws -> Response {
        let decoded = try await InProcessServer.body(TranslateRequest.self, request)
        let behaviour = state.withLock { s -> TestServerBehaviour in
            if let decoded { s.requests.append(decoded) }
            return s.behaviour
        }
        guard let decoded, let q = decoded.q else {
            return InProcessServer.json(Failure(error: "Invalid request: missing q parameter"), status: .badRequest)
        }
        if behaviour == .authFailure || (apiKey != nil && decoded.api_key != apiKey) {
            return InProcessServer.json(Failure(error: "Invalid API key"), status: .forbidden)
        }
        if let response = await failure(behaviour, gate: gate) { return response }
        guard let s = decoded.source.flatMap(LanguageCode.init(parsing:)),
            let t = decoded.target.flatMap(LanguageCode.init(parsing:)),
            LanguageCode.supported.contains(s), LanguageCode.supported.contains(t)
        else {
            return InProcessServer.json(
                Failure(error: "source or target language is not supported"), status: .badRequest)
        }
        func translate(_ text: String) -> String {
            PlaceholderSabotage.apply(behaviour, to: dictionary.translate(text, LanguagePair(s, t)))
        }
        switch q {
        case .one(let text): return InProcessServer.json(Answer(translatedText: .one(translate(text))))
        case .many(let texts): return InProcessServer.json(Answer(translatedText: .many(texts.map(translate))))
        }
    }

    private func failure(_ behaviour: TestServerBehaviour, gate: Gate) async -> Response? {
        switch behaviour {
        case .rateLimited(let seconds):
            return InProcessServer.json(
                Failure(error: "Slowdown: 30 per 1 minute"), status: .tooManyRequests,
                headers: InProcessServer.retryAfter(seconds))
        case .quotaExceeded:
            return InProcessServer.json(Failure(error: "Too many characters"), status: .forbidden)
        case .hang:
            await gate.wait()
            return InProcessServer.json(Failure(error: "Server stopped"), status: .internalServerError)
        case .malformedJSON: return InProcessServer.text("{\"translatedText\": [\"unterminated")
        case .internalError:
            return InProcessServer.json(
                Failure(error: "Cannot translate text: model failed"), status: .internalServerError)
        case .unavailable: return InProcessServer.text("<html>502 Bad Gateway</html>", status: .badGateway)
        default: return nil
        }
    }
}
