public import AsyncHTTPClient

/// Engine names → how to build them. ``standard()`` knows `phrasebook`, `deepl`, `libretranslate` and `none`;
/// a composition root can register more:
/// ```swift
/// var registry = TranslationEngineRegistry.standard()
/// registry.register("myengine") { context in MyEngine(httpClient: context.httpClient) }
/// ```
public struct TranslationEngineRegistry: Sendable {
    /// What a factory may use.
    public struct Context: Sendable {
        public var configuration: TranslationConfiguration
        public var httpClient: HTTPClient
    }

    /// Which decorators ``makeTranslator(configuration:registry:httpClient:clock:)`` puts around an engine.
    public struct Decorations: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let timeout = Decorations(rawValue: 1)
        public static let circuitBreaker = Decorations(rawValue: 2)
        public static let masking = Decorations(rawValue: 4)
        public static let glossary = Decorations(rawValue: 8)
        /// For engines across a network: all four.
        public static let remote: Decorations = [.timeout, .circuitBreaker, .masking, .glossary]
        /// For in-process engines: protected spans and glossary, no timeout or breaker.
        public static let local: Decorations = [.masking, .glossary]
    }

    public typealias Factory = @Sendable (Context) throws -> any Translator

    struct Registration: Sendable {
        var decorations: Decorations
        var factory: Factory
    }

    private(set) var registrations: [String: Registration] = [:]

    public init() {}

    /// Adds or replaces the engine called `name`.
    public mutating func register(_ name: String, decorations: Decorations = .remote, _ factory: @escaping Factory) {
        registrations[name] = Registration(decorations: decorations, factory: factory)
    }

    /// The registered names, sorted.
    public var names: [String] { registrations.keys.sorted() }

    /// `phrasebook` (the offline default), `deepl` (needs `deepLKey`), `libretranslate` (needs `libreTranslateURL`)
    /// and `none`.
    public static func standard() -> TranslationEngineRegistry {
        var registry = TranslationEngineRegistry()
        registry.registerPhrasebook()
        registry.register("deepl") { context in
            let c = context.configuration
            guard let key = c.deepLKey, !key.isEmpty else {
                throw TranslationError(
                    .misconfigured, engine: "deepl", message: "Engine 'deepl' needs PARLEY_DEEPL_KEY.")
            }
            let configuration = DeepLTranslator.Configuration(
                apiKey: key, baseURL: c.deepLURL, englishVariant: c.deepLEnglishVariant, timeout: c.engineTimeout)
            return DeepLTranslator(configuration: configuration, httpClient: context.httpClient)
        }
        registry.register("libretranslate") { context in
            let c = context.configuration
            guard let url = c.libreTranslateURL, !url.isEmpty else {
                throw TranslationError(
                    .misconfigured, engine: "libretranslate",
                    message: "Engine 'libretranslate' needs PARLEY_LIBRETRANSLATE_URL.")
            }
            let configuration = LibreTranslateTranslator.Configuration(
                baseURL: url, apiKey: c.libreTranslateKey, timeout: c.engineTimeout)
            return LibreTranslateTranslator(configuration: configuration, httpClient: context.httpClient)
        }
        registry.register("none", decorations: []) { _ in UntranslatedTranslator() }
        return registry
    }
}
