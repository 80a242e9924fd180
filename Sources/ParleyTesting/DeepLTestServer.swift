import Foundation
import Hummingbird
import NIOCore
import ParleyText
import ParleyTranslation
import Synchronization

/// An in-process server speaking DeepL's API v2 as published: `POST /v2/translate` (JSON `text` array,
/// `source_lang`, `target_lang`, `glossary_id`, `tag_handling`, `ignore_tags`) → `{"translations": [{
/// "detected_source_language", "text"}]}`, `Authorization: DeepL-Auth-Key <key>` checked on every call,
/// `POST /v2/glossaries` (TSV or CSV entries) → 201 with the glossary's info, `GET`/`DELETE /v2/glossaries/{id}`,
/// `GET /v2/glossary-language-pairs`; errors as `{"message": "…"}` with 400, 403, 404, 429, 456, 500, 503.
/// Translation applies the glossary (whole words, case-insensitive), then a ``TestDictionary``; tags are kept.
public final class DeepLTestServer: Sendable {
    /// A `/v2/translate` body as received.
    public struct TranslateRequest: Sendable, Codable, Equatable {
        public var text: [String]?
        public var source_lang: String?
        public var target_lang: String?
        public var glossary_id: String?
        public var tag_handling: String?
        public var ignore_tags: [String]?
    }

    struct GlossaryRequest: Codable {
        var name: String?
        var source_lang: String?
        var target_lang: String?
        var entries: String?
        var entries_format: String?
    }

    /// A glossary stored on the server.
    public struct StoredGlossary: Sendable, Codable, Equatable {
        public var glossary_id: String
        public var name: String
        public var ready: Bool
        public var source_lang: String
        public var target_lang: String
        public var creation_time: String
        public var entry_count: Int
        var entries: [[String]]?
    }

    struct State {
        var behaviour = TestServerBehaviour.translate
        var requests: [TranslateRequest] = []
        var glossaries: [String: StoredGlossary] = [:]
        var nextGlossary = 0
    }

    public let baseURL: String
    public let apiKey: String
    public let dictionary: TestDictionary
    private let state: Mutex<State>

    init(baseURL: String, apiKey: String, dictionary: TestDictionary, behaviour: TestServerBehaviour) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.dictionary = dictionary
        self.state = Mutex(State(behaviour: behaviour))
    }

    /// How `POST /v2/translate` answers from now on.
    public var behaviour: TestServerBehaviour {
        get { state.withLock { $0.behaviour } }
        set { state.withLock { $0.behaviour = newValue } }
    }

    func withState<T>(_ body: (inout State) -> T) -> T { state.withLock { body(&$0) } }

    /// Every `/v2/translate` body received, in order.
    public var requests: [TranslateRequest] { state.withLock { $0.requests } }
    /// Glossaries currently stored, by id.
    public var glossaries: [String: StoredGlossary] { state.withLock { $0.glossaries } }

    /// Starts a server, runs `body` with it, stops it.
    @discardableResult
    public static func withRunning<T: Sendable>(
        apiKey: String = "test-key:fx", dictionary: TestDictionary = .shop, behaviour: TestServerBehaviour = .translate,
        _ body: @Sendable (DeepLTestServer) async throws -> T
    ) async throws -> T {
        let gate = Gate()
        let box = Box()
        let router = Router()
        router.post("/v2/translate") { request, _ in try await box.server!.handleTranslate(request, gate: gate) }
        router.post("/v2/glossaries") { request, _ in try await box.server!.createGlossary(request) }
        router.get("/v2/glossaries/:id") { request, context in
            box.server!.glossary(request, id: context.parameters.get("id") ?? "", delete: false)
        }
        router.delete("/v2/glossaries/:id") { request, context in
            box.server!.glossary(request, id: context.parameters.get("id") ?? "", delete: true)
        }
        router.get("/v2/glossary-language-pairs") { request, _ in box.server!.languagePairs(request) }
        return try await InProcessServer.run(router, gate: gate) { baseURL in
            let server = DeepLTestServer(baseURL: baseURL, apiKey: apiKey, dictionary: dictionary, behaviour: behaviour)
            box.server = server
            return try await body(server)
        }
    }

    private final class Box: @unchecked Sendable {
        // Written once before the test's first request (inside `body`, after the port is known).
        var server: DeepLTestServer?
    }

    struct Message: Encodable { var message: String }

    func authorized(_ request: Request) -> Bool {
        request.headers[.authorization] == "DeepL-Auth-Key \(apiKey)"
    }

    static let forbidden = InProcessServer.json(
        Message(message: "Authorization failure, check auth_key"), status: .forbidden)

    private func handleTranslate(_ request: Request, gate: Gate) async throws -> Response {
        let decoded = try await InProcessServer.body(TranslateRequest.self, request)
        let behaviour = state.withLock { s -> TestServerBehaviour in
            if let decoded { s.requests.append(decoded) }
            return s.behaviour
        }
        guard authorized(request), behaviour != .authFailure else { return Self.forbidden }
        if let response = await failure(behaviour, gate: gate) { return response }
        guard let decoded, let texts = decoded.text,
            let target = decoded.target_lang.flatMap(LanguageCode.init(parsing:)),
            let source = decoded.source_lang.flatMap(LanguageCode.init(parsing:))
        else {
            return InProcessServer.json(
                Message(message: "Bad request. Reason: Value for 'text' not supported."), status: .badRequest)
        }
        var glossary: StoredGlossary?
        if let id = decoded.glossary_id {
            glossary = glossaries[id]
            guard let found = glossary else {
                return InProcessServer.json(Message(message: "Glossary not found"), status: .notFound)
            }
            guard found.source_lang == source.rawValue, found.target_lang == target.rawValue else {
                return InProcessServer.json(
                    Message(message: "Bad request. Reason: Glossary does not match language pair"), status: .badRequest)
            }
        }
        let translations = texts.map { text in
            var out = Self.applyGlossary(glossary?.entries ?? [], to: text)
            out = dictionary.translate(out, LanguagePair(source, target))
            return Translation(
                detected_source_language: source.rawValue.uppercased(),
                text: PlaceholderSabotage.apply(behaviour, to: out))
        }
        return InProcessServer.json(Answer(translations: translations))
    }

    struct Translation: Encodable { var detected_source_language: String; var text: String }
    struct Answer: Encodable { var translations: [Translation] }

    private func failure(_ behaviour: TestServerBehaviour, gate: Gate) async -> Response? {
        switch behaviour {
        case .quotaExceeded:
            return InProcessServer.json(Message(message: "Quota Exceeded"), status: HTTPResponse.Status(code: 456))
        case .rateLimited(let seconds):
            return InProcessServer.json(
                Message(message: "Too many requests"), status: .tooManyRequests,
                headers: InProcessServer.retryAfter(seconds))
        case .hang:
            await gate.wait()
            return InProcessServer.json(Message(message: "Server stopped"), status: .internalServerError)
        case .malformedJSON: return InProcessServer.text("{\"translations\": [{\"text\": ")
        case .internalError:
            return InProcessServer.json(Message(message: "Internal error"), status: .internalServerError)
        case .unavailable:
            return InProcessServer.json(Message(message: "Service unavailable"), status: .serviceUnavailable)
        default: return nil
        }
    }
}
