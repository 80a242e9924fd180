public import AsyncHTTPClient
import Foundation
import NIOHTTP1
public import ParleyText

/// DeepL's API v2: `POST /v2/translate` with `Authorization: DeepL-Auth-Key <key>` and a JSON body
/// `{text: [...], source_lang, target_lang, glossary_id, tag_handling: "xml", ignore_tags: ["x"]}` →
/// `{translations: [{detected_source_language, text}]}`.
///
/// The host follows the key: keys ending in `:fx` use `https://api-free.deepl.com`, others `https://api.deepl.com`
/// (``Configuration/baseURL`` overrides both, for tests). English targets use ``Configuration/englishVariant``.
/// Glossaries are applied natively: the request's glossary is uploaded once per version and direction
/// (`POST /v2/glossaries`, see `DeepLTranslator+Glossaries.swift`) and its id sent along.
///
/// HTTP errors map to codes: 400 `badRequest`, 403 `authenticationFailed`, 404 `notFound`, 413 `requestTooLarge`,
/// 429 `rateLimited` (with `Retry-After`), 456 `quotaExceeded`, 5xx `engineUnavailable`.
public struct DeepLTranslator: Translator {
    /// Key, host and options.
    public struct Configuration: Sendable {
        public var apiKey: String
        /// Overrides the host chosen by the key, e.g. `http://127.0.0.1:8123` for a test server.
        public var baseURL: String?
        /// `EN-US` or `EN-GB`.
        public var englishVariant: String
        /// Languages DeepL may use in glossaries (DeepL documents glossaries for every language it supports).
        public var glossaryLanguages: Set<LanguageCode>
        /// The limit for one call when the request has no deadline.
        public var timeout: Duration

        public init(
            apiKey: String, baseURL: String? = nil, englishVariant: String = "EN-US",
            glossaryLanguages: Set<LanguageCode> = Set(LanguageCode.supported), timeout: Duration = .seconds(10)
        ) {
            self.apiKey = apiKey
            self.baseURL = baseURL
            self.englishVariant = englishVariant
            self.glossaryLanguages = glossaryLanguages
            self.timeout = timeout
        }

        /// The base URL calls go to.
        public var endpoint: String {
            if let baseURL { return baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL }
            return apiKey.hasSuffix(":fx") ? "https://api-free.deepl.com" : "https://api.deepl.com"
        }
    }

    /// Languages this engine translates between.
    public static let languages: Set<LanguageCode> = [.german, .english, .estonian, .turkish]

    public let configuration: Configuration
    let http: EngineHTTP
    let glossaryIDs = DeepLGlossaryIDs()

    public init(configuration: Configuration, httpClient: HTTPClient) {
        self.configuration = configuration
        self.http = EngineHTTP(client: httpClient, engine: "deepl", defaultTimeout: configuration.timeout)
    }

    public var name: String { "deepl" }
    public var placeholderStyle: PlaceholderStyle { .xml }

    public func supports(_ pair: LanguagePair) -> Bool {
        pair.source != pair.target && Self.languages.contains(pair.source) && Self.languages.contains(pair.target)
    }

    public func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool {
        supports(pair) && configuration.glossaryLanguages.contains(pair.source)
            && configuration.glossaryLanguages.contains(pair.target)
    }

    struct Body: Encodable {
        var text: [String]
        var source_lang: String
        var target_lang: String
        var glossary_id: String?
        var tag_handling = "xml"
        var ignore_tags = ["x"]
    }

    struct Answer: Decodable {
        struct Translation: Decodable {
            var detected_source_language: String?
            var text: String
        }
        var translations: [Translation]
    }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        let start = ContinuousClock.now
        guard supports(request.pair) else {
            throw http.error(.unsupportedPair, "DeepL does not translate \(request.pair).")
        }
        guard !request.segments.isEmpty else { return TranslationResult(segments: [], engine: name, duration: .zero) }
        var uploaded: String?
        if let glossary = request.glossary, enforcesGlossaryNatively(for: request.pair) {
            uploaded = try await glossaryID(for: glossary, pair: request.pair, deadline: request.deadline)
        }
        let body = Body(
            text: request.segments, source_lang: request.pair.source.rawValue.uppercased(),
            target_lang: targetLanguage(request.pair.target), glossary_id: uploaded)
        let reply = try await http.send(
            .POST, url("/v2/translate"), headers: auth, json: body, deadline: request.deadline)
        try check(reply)
        let translations = try http.decode(Answer.self, reply).translations
        guard translations.count == request.segments.count else {
            throw http.error(
                .malformedResponse, "Asked for \(request.segments.count) texts, got \(translations.count).")
        }
        let segments = translations.map { TranslatedSegment(text: $0.text, quality: .machine) }
        return TranslationResult(segments: segments, engine: name, duration: ContinuousClock.now - start)
    }

    /// `DE`, `ET`, `TR`, or the configured English variant.
    func targetLanguage(_ language: LanguageCode) -> String {
        language == .english ? configuration.englishVariant : language.rawValue.uppercased()
    }

    var auth: [(String, String)] { [("Authorization", "DeepL-Auth-Key \(configuration.apiKey)")] }

    func url(_ path: String) -> String { configuration.endpoint + path }

    static func meaning(of status: Int) -> (TranslationError.Code, String) {
        switch status {
        case 400: return (.badRequest, "the request was refused as malformed")
        case 403: return (.authenticationFailed, "the API key was refused; check the key and its host")
        case 404: return (.notFound, "the resource (a glossary?) does not exist")
        case 413: return (.requestTooLarge, "the request is too large; send fewer or shorter texts")
        case 429: return (.rateLimited, "too many requests; retry later")
        case 456: return (.quotaExceeded, "the character quota is used up")
        case 500...: return (.engineUnavailable, "DeepL is temporarily unavailable")
        default: return (.badRequest, "unexpected status")
        }
    }

    func check(_ reply: EngineHTTP.Reply, success: ClosedRange<Int> = 200...200) throws {
        guard !success.contains(reply.status) else { return }
        let (code, advice) = Self.meaning(of: reply.status)
        throw TranslationError(
            code, engine: name, message: "DeepL answered HTTP \(reply.status): \(advice).",
            retryAfter: EngineHTTP.retryAfter(reply.headers))
    }
}
