import Foundation
public import Hummingbird
import HummingbirdWebSocket
public import Logging
public import ParleyCore
import ParleySQLite
public import ParleyTranslation
public import Prometheus
import ServiceLifecycle
import Synchronization
import ParleyText

/// What `buildApplication` takes besides configuration: the parts that are chosen in code (engines, detector), the
/// logger and metrics registry of the process, and a hook that learns the bound port.
public struct RelayDependencies: Sendable {
    /// The translation engine (a chain, usually); `nil`: every translation is `untranslated`.
    public var translator: (any Translator)?
    public var glossary: Glossary?
    /// The language detector; `nil`: ``DeclaredLanguageDetector``.
    public var detector: (any LanguageDetecting)?
    /// The text sanitizer; `nil`: ``ChatTextSanitizer`` with the configured message length limit.
    public var sanitizer: (any MessageSanitizing)?
    /// Rendered at `/metrics`; `parley serve` bootstraps swift-metrics with a factory over it.
    public var metricsRegistry: PrometheusCollectorRegistry?
    public var logger: Logger
    /// The clock of the relay's timers (the operators' reconnect grace period); `nil`: `ContinuousClock`.
    public var clock: (any Clock<Duration>)?
    /// Called with the bound port once the server listens (port 0 picks one).
    public var onServerRunning: @Sendable (Int) async -> Void

    public init(
        translator: (any Translator)? = nil, glossary: Glossary? = nil, detector: (any LanguageDetecting)? = nil,
        sanitizer: (any MessageSanitizing)? = nil, metricsRegistry: PrometheusCollectorRegistry? = nil,
        logger: Logger = Logger(label: "parley"), clock: (any Clock<Duration>)? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.translator = translator
        self.glossary = glossary
        self.detector = detector
        self.sanitizer = sanitizer
        self.metricsRegistry = metricsRegistry
        self.logger = logger
        self.clock = clock
        self.onServerRunning = onServerRunning
    }
}

/// The one composition root: builds the relay (store, bus, pipeline, HTTP + WebSocket server) from configuration.
/// `parley serve` and every server test call it.
/// ```swift
/// let app = try await buildApplication(configuration)
/// try await app.runService()
/// ```
public func buildApplication(
    _ configuration: RelayConfiguration, dependencies: RelayDependencies = .init()
) async throws -> some ApplicationProtocol {
    var logger = dependencies.logger
    logger.logLevel = configuration.logLevel
    let dataDirectory = URL(fileURLWithPath: configuration.dataDirectory)
    let store = try SQLiteChatStore(
        directory: dataDirectory, commitWindow: configuration.commitWindow,
        maxCommitWindow: configuration.maxCommitWindow, writerPriority: configuration.writerPriority)
    if case .refused(let boost) = store.writerPriorityOutcome {
        let advice = "needs CAP_SYS_NICE or an RLIMIT_NICE that allows it (systemd: LimitNICE=-\(boost)); "
            + "writerPriority 0 silences this"
        logger.notice("SQLite's writer runs at the relay's own priority: raising it \(boost) nice steps \(advice).")
    }
    try await seed(store, configuration: configuration, logger: logger)
    let relay = try assemble(configuration, dependencies: dependencies, store: store, logger: logger)

    let router = Router(context: RelayRequestContext.self)
    let webSocketRouter = Router(context: RelayRequestContext.self)
    addRoutes(relay, router: router, webSocketRouter: webSocketRouter, registry: dependencies.metricsRegistry)

    let server = HTTP1WebSocketUpgradeChannel.Configuration(
        http1: .init(),
        // Each socket's pings are sent by its FrameReader, on the event loop, not by a task of the library's.
        ws: .init(maxFrameSize: configuration.limits.hardFrameBytes, autoPing: .disabled, validateUTF8: false))
    let onServerRunning = dependencies.onServerRunning
    let application = Application(
        router: router,
        server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter, configuration: server),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "parley"),
        services: [
            relay.pipeline, relay.chat.departures, SessionSweeper(store: store, logger: logger),
            CheckpointService(store: store, logger: logger), ReadinessService(readiness: relay.readiness),
        ],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    return RelayApplication(wrapped: application) {
        relay.chat.departures.stop()
        relay.connections.closeAll(.shuttingDown)
    }
}

private func assemble(
    _ configuration: RelayConfiguration, dependencies: RelayDependencies, store: SQLiteChatStore, logger: Logger
) throws -> Relay {
    let bus = LocalEventBus()
    let pipeline = MessagePipeline(
        store: store, bus: bus, detector: dependencies.detector ?? DeclaredLanguageDetector(),
        translator: dependencies.translator, glossary: dependencies.glossary, configuration: configuration.pipeline,
        logger: logger)
    let sanitizer = dependencies.sanitizer ?? ChatTextSanitizer(maxCharacters: configuration.limits.maxMessageCharacters)
    let chat = ChatService(
        store: store, bus: bus, pipeline: pipeline, sanitizer: sanitizer,
        operatorGracePeriod: configuration.operatorGracePeriod, routing: configuration.routing,
        clock: dependencies.clock ?? ContinuousClock(), logger: logger)
    let secret = try VisitorTokens.secret(
        configured: configuration.tokenSecret, dataDirectory: URL(fileURLWithPath: configuration.dataDirectory))
    let limits = configuration.limits
    return Relay(
        configuration: configuration, store: store, bus: bus, chat: chat, pipeline: pipeline,
        tokens: VisitorTokens(secret: secret, lifetime: configuration.visitorTokenLifetime),
        sessions: OperatorSessions(store: store, lifetime: configuration.sessionLifetime),
        messagesPerAddress: AddressRateLimiter(rate: limits.messagesPerSecondPerIP, burst: limits.messagesPerSecondPerIP * 2),
        conversationsPerAddress: AddressRateLimiter(
            rate: limits.conversationsPerMinutePerIP / 60, burst: limits.conversationsPerMinutePerIP),
        connectionsPerAddress: ConnectionCounter(limit: limits.connectionsPerIP), connections: ConnectionRegistry(),
        readiness: Readiness(), logger: logger)
}

private func addRoutes(
    _ relay: Relay, router: Router<RelayRequestContext>, webSocketRouter: Router<RelayRequestContext>,
    registry: PrometheusCollectorRegistry?
) {
    let operators = OperatorController(relay: relay)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: DirectoryRedirectMiddleware(directories: ["/shop", "/console", "/widget"]))
    HealthController(readiness: relay.readiness, registry: registry, sampler: MetricsSampler(relay: relay))
        .addRoutes(to: router)
    VisitorController(relay: relay).addRoutes(to: router)
    operators.addRoutes(to: router)
    TranscriptController(relay: relay, operators: operators).addRoutes(to: router)
    SocketController(relay: relay, operators: operators).addRoutes(webSocket: webSocketRouter, http: router)
    let fileManager = FileManager.default
    if let shop = relay.configuration.shopDirectory, fileManager.fileExists(atPath: shop) {
        router.add(middleware: FileMiddleware(shop, urlBasePath: "/shop", searchForIndexHtml: true, logger: relay.logger))
    }
    if let root = relay.configuration.publicDirectory, fileManager.fileExists(atPath: root) {
        router.add(middleware: FileMiddleware(root, searchForIndexHtml: true, logger: relay.logger))
    }
}
