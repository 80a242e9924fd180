import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
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
        let app = try await buildApplication(
            configuration,
            dependencies: RelayDependencies(
                metricsRegistry: registry, logger: logger,
                onServerRunning: { port in Self.announce("Parley relay listening on http://\(host):\(port)") }))
        if configuration.demo { Self.printDemoLogins(password: configuration.demoPassword) }
        try await app.runService()
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
