import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Hummingbird
import Logging
import Metrics
import ParleyCore
import ParleyLanguageID
import ParleyText
import ParleyTranslation
import ParleyServer
import Prometheus

/// `parley serve`: the relay. Configuration: command line > environment (`PARLEY_*`) > `--config` file > defaults.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the relay: HTTP + WebSocket on one port.",
        discussion: "Every option can also come from the environment (PARLEY_HOST, PARLEY_PORT, ...) or a JSON file. "
            + "See the README for the keys.")

    @Option(help: "The address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "The port to listen on; 0 picks a free one (default 8080).") var port: Int?
    @Option(name: .customLong("data-dir"), help: "Where the database and the token key live (default .parley-data).")
    var dataDir: String?
    @Option(name: .customLong("config"), help: "A JSON configuration file.") var config: String?
    @Option(name: .customLong("public-dir"), help: "The widget and console files, served at /.") var publicDir: String?
    @Option(name: .customLong("shop-dir"), help: "The demo shop, served at /shop/.") var shopDir: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?
    @Flag(help: "Seed a demo site and one operator per language (de, en, et, tr).") var demo = false

    func run() async throws {
        // Swift concurrency's tasks run on the event loops that do the relay's I/O, instead of hopping between them
        // and a separate thread pool on every await that touches a socket (blocking work — bcrypt — runs on NIO's
        // thread pool, SQLite on its own queues).
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let environment = ProcessInfo.processInfo.environment
        let configuration: RelayConfiguration
        do {
            configuration = try RelayConfiguration.load(
                file: config ?? environment["PARLEY_CONFIG"], environment: environment, commandLine: commandLine)
        } catch {
            throw ValidationError(error.description)
        }
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "parley")
        let host = configuration.host
        let demo = configuration.demo
        let (translator, detector, glossary) = try Self.engines(logger: logger)
        if translator.runsInProcess { await Self.warmUp(translator, glossary: glossary) }
        let app = try await buildApplication(
            configuration,
            dependencies: RelayDependencies(
                translator: translator, glossary: glossary, detector: detector, metricsRegistry: registry, logger: logger,
                onServerRunning: { port in
                    Self.announce("Parley relay listening on http://\(host):\(port)")
                    if demo {
                        Self.announce("  Demo shop:        http://\(host):\(port)/shop/")
                        Self.announce("  Operator console: http://\(host):\(port)/console/")
                    }
                }))
        if configuration.demo {
            Self.printDemoLogins(password: configuration.demoPassword, perLanguage: configuration.demoOperatorsPerLanguage)
        }
        try await app.runService()
    }

    /// The language detector and the translation chain. The detector uses the language-ID profiles shipped in
    /// `Dictionaries/langid`; the chain is what `TranslationConfiguration(environment:)` asks for (`PARLEY_TRANSLATION_ENGINES`,
    /// default: the offline phrasebook from `Dictionaries/phrasebook`), with the glossaries of `PARLEY_GLOSSARIES`
    /// (default: every `Dictionaries/glossaries/*.tsv`). A chain or glossary that cannot be built stops the start
    /// with a clear message; missing language-ID data is logged and the sender's declared language is used.
    static func engines(logger: Logger) throws -> (any Translator, (any LanguageDetecting)?, Glossary?) {
        let environment = ProcessInfo.processInfo.environment
        let profiles = ProfileLocator.defaultDirectory()
        var detector: (any LanguageDetecting)?
        if let profiles {
            do {
                detector = try ProfileLanguageDetector(profileDirectory: profiles)
            } catch {
                logger.error("Language-ID profiles failed to load", metadata: ["error": "\(error)"])
            }
        } else {
            logger.warning("No Dictionaries/langid found; set PARLEY_LANGID_PROFILES")
        }
        let dictionaries = profiles.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        var translation = TranslationConfiguration(environment: environment)
        if environment["PARLEY_PHRASEBOOK"] == nil, let dictionaries {
            translation.phrasebookDirectory = dictionaries.appendingPathComponent("phrasebook").path
        }
        if environment["PARLEY_GLOSSARIES"] == nil, let dictionaries {
            translation.glossaryPaths = shippedGlossaries(in: dictionaries.appendingPathComponent("glossaries"))
        }
        do {
            let translator = try makeTranslator(configuration: translation, httpClient: .shared)
            let glossary = try GlossaryLoader().load(paths: translation.glossaryPaths)
            logger.info(
                "Translation chain ready",
                metadata: ["translation.engines": "\(translation.engines)", "glossary.files": "\(translation.glossaryPaths.count)"])
            return (translator, detector, glossary)
        } catch let error as TranslationError {
            throw ValidationError(error.message)
        } catch let error as GlossaryLoadError {
            throw ValidationError("\(error)")
        }
    }

    /// Translates one short message in every direction before the relay takes traffic (only when every engine runs in
    /// process: warming up costs no engine calls that are billed), so the first visitors do not
    /// pay for what the first use loads (ICU locale data for numbers and dates, sentence break rules): about 200 ms
    /// once, otherwise on somebody's first message.
    static func warmUp(_ translator: any Translator, glossary: Glossary?) async {
        let samples: [LanguageCode: String] = [
            .german: "Hallo, wo ist meine Bestellung 12345? Sie hat 19,99 € gekostet.",
            .english: "Hello, where is my order 12345? It cost €19.99.",
            .estonian: "Tere, kus on minu tellimus 12345? See maksis 19,99 €.",
            .turkish: "Merhaba, 12345 numaralı siparişim nerede? 19,99 € ödedim.",
        ]
        for (source, text) in samples {
            for target in samples.keys where target != source {
                let request = TranslationRequest(segments: [text], pair: LanguagePair(source, target), glossary: glossary)
                _ = try? await translator.translate(request)
            }
        }
    }

    private static func shippedGlossaries(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".tsv") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    private var commandLine: [String: String] {
        var values: [String: String] = [:]
        values["host"] = host
        values["port"] = port.map(String.init)
        values["dataDir"] = dataDir
        values["publicDir"] = publicDir
        values["shopDir"] = shopDir
        values["logLevel"] = logLevel
        if demo { values["demo"] = "true" }
        return values
    }

    /// Writes a line to standard output at once (tests and scripts wait for it).
    static func announce(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static func printDemoLogins(password: String, perLanguage: Int) {
        announce("Demo site '\(DemoSeed.siteID)'. Operator logins (password '\(password)'):")
        for entry in DemoSeed.operators {
            announce("  \(entry.login)  \(entry.name)  (\(entry.language))")
        }
        if perLanguage > 1 { announce("  … and \(perLanguage - 1) more per language: demo-de-2 … demo-tr-\(perLanguage)") }
    }
}
