public import AsyncHTTPClient
import Foundation
import NIOHTTP1
public import ParleyText

/// The self-hosted open-source engine, through LibreTranslate's published HTTP API:
/// `POST /translate` with JSON `{q, source, target, format, api_key}` → `{translatedText}` (an array when `q` is an
/// array), `GET /languages`, errors as `{"error": "..."}` with HTTP 400 (bad request), 403 (bad or missing API key,
/// banned), 429 (slow down), 500 (translation failed).
///
/// Texts go out with `format: "html"`, so protected spans travel as `<x id="1"/>` tags the engine keeps.
public struct LibreTranslateTranslator: Translator {
    /// Where the server is and how to call it.
    public struct Configuration: Sendable {
        /// The server's base URL, e.g. `http://127.0.0.1:5000`.
        public var baseURL: String
        public var apiKey: String?
        /// Languages the server has models for (checked locally by `supports`; see ``languages()``).
        public var languages: Set<LanguageCode>
        /// The limit for one call when the request has no deadline.
        public var timeout: Duration

        public init(
            baseURL: String, apiKey: String? = nil, languages: Set<LanguageCode> = Set(LanguageCode.supported),
            timeout: Duration = .seconds(10)
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.languages = languages
            self.timeout = timeout
        }
    }

    public let configuration: Configuration
    private let http: EngineHTTP

    public init(configuration: Configuration, httpClient: HTTPClient) {
        self.configuration = configuration
        self.http = EngineHTTP(client: httpClient, engine: "libretranslate", defaultTimeout: configuration.timeout)
    }

    public var name: String { "libretranslate" }
    public var placeholderStyle: PlaceholderStyle { .xml }

    public func supports(_ pair: LanguagePair) -> Bool {
        pair.source != pair.target && configuration.languages.contains(pair.source)
            && configuration.languages.contains(pair.target)
    }

    private struct Body: Encodable {
        var q: Query
        var source: String
        var target: String
        var format: String
        var api_key: String?
    }

    enum Query: Codable {
        case one(String)
        case many([String])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .one(let text): try container.encode(text)
            case .many(let texts): try container.encode(texts)
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .one(text)
            } else {
                self = .many(try container.decode([String].self))
            }
        }

        var texts: [String] {
            switch self {
            case .one(let text): return [text]
            case .many(let texts): return texts
            }
        }
    }

    private struct Answer: Decodable { var translatedText: Query }
    private struct Failure: Decodable { var error: String }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        let start = ContinuousClock.now
        guard supports(request.pair) else {
            throw http.error(.unsupportedPair, "LibreTranslate is not configured for \(request.pair).")
        }
        guard !request.segments.isEmpty else { return TranslationResult(segments: [], engine: name, duration: .zero) }
        let body = Body(
            q: request.segments.count == 1 ? .one(request.segments[0]) : .many(request.segments),
            source: request.pair.source.rawValue, target: request.pair.target.rawValue, format: "html",
            api_key: configuration.apiKey)
        let reply = try await http.send(.POST, url("/translate"), json: body, deadline: request.deadline)
        try check(reply)
        let texts = try http.decode(Answer.self, reply).translatedText.texts
        guard texts.count == request.segments.count else {
            throw http.error(.malformedResponse, "Asked for \(request.segments.count) texts, got \(texts.count).")
        }
        let segments = texts.map { TranslatedSegment(text: $0, quality: .machine) }
        return TranslationResult(segments: segments, engine: name, duration: ContinuousClock.now - start)
    }

    /// A language the server offers, from `GET /languages`.
    public struct Language: Sendable, Decodable, Hashable {
        public var code: String
        public var name: String
        public var targets: [String]?
    }

    /// The server's languages (`GET /languages`).
    public func languages() async throws -> [Language] {
        let reply = try await http.send(.GET, url("/languages"), json: NoBody?.none, deadline: nil)
        try check(reply)
        return try http.decode([Language].self, reply)
    }

    private func url(_ path: String) -> String {
        (configuration.baseURL.hasSuffix("/") ? String(configuration.baseURL.dropLast()) : configuration.baseURL) + path
    }

    private func check(_ reply: EngineHTTP.Reply) throws {
        guard reply.status != 200 else { return }
        let code: TranslationError.Code
        switch reply.status {
        case 400: code = .badRequest
        case 403: code = .authenticationFailed
        case 429: code = .rateLimited
        case 404: code = .notFound
        default: code = reply.status >= 500 ? .engineUnavailable : .badRequest
        }
        let documented = (try? JSONDecoder().decode(Failure.self, from: Data(reply.body))) != nil
        throw TranslationError(
            code, engine: name,
            message: "LibreTranslate answered HTTP \(reply.status)" + (documented ? "." : " without its error JSON."),
            retryAfter: EngineHTTP.retryAfter(reply.headers))
    }
}
