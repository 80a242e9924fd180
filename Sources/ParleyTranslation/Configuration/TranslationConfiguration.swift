/// What the translation layer is built from: the engine chain, keys, URLs, limits. Defaults in `init`.
public struct TranslationConfiguration: Sendable {
    /// Engine names in fallback order, e.g. `["deepl", "libretranslate", "phrasebook"]`. What none translates is
    /// passed through `untranslated`.
    public var engines: [String]
    public var deepLKey: String?
    /// Overrides DeepL's host (chosen by the key otherwise).
    public var deepLURL: String?
    /// `EN-US` or `EN-GB`.
    public var deepLEnglishVariant: String
    public var libreTranslateURL: String?
    public var libreTranslateKey: String?
    /// The limit for one engine call (a request's own deadline can shorten it).
    public var engineTimeout: Duration
    /// Consecutive failures that open an engine's circuit, and how long it stays open.
    public var failureThreshold: Int
    public var cooldown: Duration
    /// Calls in flight through the chain at once.
    public var concurrencyLimit: Int
    /// Segments kept in the LRU cache; 0 disables the cache.
    public var cacheCapacity: Int
    /// Glossary files to load (`Dictionaries/glossaries/shop.tsv`).
    public var glossaryPaths: [String]
    /// The offline phrasebook's folder of `*.tsv` files.
    public var phrasebookDirectory: String

    public init(
        engines: [String] = ["phrasebook"], deepLKey: String? = nil, deepLURL: String? = nil,
        deepLEnglishVariant: String = "EN-US", libreTranslateURL: String? = nil, libreTranslateKey: String? = nil,
        engineTimeout: Duration = .seconds(3), failureThreshold: Int = 5, cooldown: Duration = .seconds(30),
        concurrencyLimit: Int = 32, cacheCapacity: Int = 10_000, glossaryPaths: [String] = [],
        phrasebookDirectory: String = "Dictionaries/phrasebook"
    ) {
        self.engines = engines
        self.deepLKey = deepLKey
        self.deepLURL = deepLURL
        self.deepLEnglishVariant = deepLEnglishVariant
        self.libreTranslateURL = libreTranslateURL
        self.libreTranslateKey = libreTranslateKey
        self.engineTimeout = engineTimeout
        self.failureThreshold = failureThreshold
        self.cooldown = cooldown
        self.concurrencyLimit = concurrencyLimit
        self.cacheCapacity = cacheCapacity
        self.glossaryPaths = glossaryPaths
        self.phrasebookDirectory = phrasebookDirectory
    }

    /// Reads these environment variables over the defaults (a missing or unparsable value keeps the default):
    ///
    /// | variable | field |
    /// | --- | --- |
    /// | `PARLEY_TRANSLATION_ENGINES` | ``engines``, comma-separated |
    /// | `PARLEY_DEEPL_KEY` (secret) | ``deepLKey`` |
    /// | `PARLEY_DEEPL_URL` | ``deepLURL`` |
    /// | `PARLEY_DEEPL_ENGLISH` | ``deepLEnglishVariant`` |
    /// | `PARLEY_LIBRETRANSLATE_URL` | ``libreTranslateURL`` |
    /// | `PARLEY_LIBRETRANSLATE_KEY` (secret) | ``libreTranslateKey`` |
    /// | `PARLEY_TRANSLATION_TIMEOUT_MS` | ``engineTimeout`` |
    /// | `PARLEY_TRANSLATION_FAILURES` / `PARLEY_TRANSLATION_COOLDOWN_S` | ``failureThreshold`` / ``cooldown`` |
    /// | `PARLEY_TRANSLATION_CONCURRENCY` | ``concurrencyLimit`` |
    /// | `PARLEY_TRANSLATION_CACHE` | ``cacheCapacity`` |
    /// | `PARLEY_GLOSSARIES` | ``glossaryPaths``, comma-separated |
    /// | `PARLEY_PHRASEBOOK` | ``phrasebookDirectory`` |
    public init(environment: [String: String]) {
        self.init()
        func list(_ key: String) -> [String]? {
            environment[key].map { $0.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty } }
        }
        engines = list("PARLEY_TRANSLATION_ENGINES") ?? engines
        deepLKey = environment["PARLEY_DEEPL_KEY"] ?? deepLKey
        deepLURL = environment["PARLEY_DEEPL_URL"] ?? deepLURL
        deepLEnglishVariant = environment["PARLEY_DEEPL_ENGLISH"] ?? deepLEnglishVariant
        libreTranslateURL = environment["PARLEY_LIBRETRANSLATE_URL"] ?? libreTranslateURL
        libreTranslateKey = environment["PARLEY_LIBRETRANSLATE_KEY"] ?? libreTranslateKey
        engineTimeout =
            environment["PARLEY_TRANSLATION_TIMEOUT_MS"].flatMap(Int.init).map { .milliseconds($0) } ?? engineTimeout
        failureThreshold = environment["PARLEY_TRANSLATION_FAILURES"].flatMap(Int.init) ?? failureThreshold
        cooldown = environment["PARLEY_TRANSLATION_COOLDOWN_S"].flatMap(Int.init).map { .seconds($0) } ?? cooldown
        concurrencyLimit = environment["PARLEY_TRANSLATION_CONCURRENCY"].flatMap(Int.init) ?? concurrencyLimit
        cacheCapacity = environment["PARLEY_TRANSLATION_CACHE"].flatMap(Int.init) ?? cacheCapacity
        glossaryPaths = list("PARLEY_GLOSSARIES") ?? glossaryPaths
        phrasebookDirectory = environment["PARLEY_PHRASEBOOK"] ?? phrasebookDirectory
    }
}
