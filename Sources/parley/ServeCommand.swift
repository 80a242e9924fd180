import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import ParleyCore
import ParleyLanguageID
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
        let (translator, detector) = Self.engines(logger: logger)
        let app = try await buildApplication(
            configuration,
            dependencies: RelayDependencies(
                translator: translator, detector: detector, metricsRegistry: registry, logger: logger,
                onServerRunning: { port in Self.announce("Parley relay listening on http://\(host):\(port)") }))
        if configuration.demo { Self.printDemoLogins(password: configuration.demoPassword) }
        try await app.runService()
    }

    /// The offline engines shipped in `Dictionaries/`: the language-ID profiles and the phrasebook. Missing data is
    /// logged and the relay runs without (sender's language assumed; messages untranslated).
    static func engines(logger: Logger) -> ((any Translator)?, (any LanguageDetecting)?) {
        var detector: (any LanguageDetecting)?
        if let directory = ProfileLocator.defaultDirectory() {
            do {
                detector = try ProfileLanguageDetector(profileDirectory: directory)
            } catch {
                logger.error("Language-ID profiles failed to load", metadata: ["error": "\(error)"])
            }
        } else {
            logger.warning("No Dictionaries/langid found; set PARLEY_LANGID_PROFILES")
        }
        var translator: (any Translator)?
        let phrasebook = ProcessInfo.processInfo.environment["PARLEY_PHRASEBOOK"]
            ?? ProfileLocator.defaultDirectory().map { URL(fileURLWithPath: $0).deletingLastPathComponent()
                .appendingPathComponent("phrasebook").path }
        if let phrasebook {
            do {
                translator = try PhrasebookTranslator(directory: phrasebook)
            } catch {
                logger.error("The phrasebook failed to load", metadata: ["error": "\(error)"])
            }
        }
        return (translator, detector)
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

    private static func printDemoLogins(password: String) {
        announce("Demo site '\(DemoSeed.siteID)'. Operator logins (password '\(password)'):")
        for entry in DemoSeed.operators {
            announce("  \(entry.login)  \(entry.name)  (\(entry.language))")
        }
    }
}
