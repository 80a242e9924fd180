import Foundation
import Logging
import ParleyCore
import Synchronization
import ParleyText

/// One setting: its key in the configuration file, its environment variable, and how it is applied.
///
/// | file key | environment | default |
/// | --- | --- | --- |
/// | `host` | `PARLEY_HOST` | `127.0.0.1` |
/// | `port` | `PARLEY_PORT` | `8080` |
/// | `dataDir` | `PARLEY_DATA_DIR` | `.parley-data` |
/// | `publicDir` | `PARLEY_PUBLIC_DIR` | `Sources/ParleyServer/Public` |
/// | `shopDir` | `PARLEY_SHOP_DIR` | `Samples/shop` |
/// | `demo` | `PARLEY_DEMO` | `false` |
/// | `demoPassword` | `PARLEY_DEMO_PASSWORD` (secret) | `parley-demo` |
/// | `demoOperatorsPerLanguage` | `PARLEY_DEMO_OPERATORS_PER_LANGUAGE` | `1` (more: `demo-de-2`, `demo-de-3`, …) |
/// | `demoOrigins` | `PARLEY_DEMO_ORIGINS` (comma-separated) | the relay's own address: `http://127.0.0.1:<port>,http://localhost:<port>` |
/// | `tokenSecret` | `PARLEY_TOKEN_SECRET` (secret) | random, kept in `<dataDir>/token.key` |
/// | `visitorTokenHours` | `PARLEY_VISITOR_TOKEN_HOURS` | `24` |
/// | `sessionHours` | `PARLEY_SESSION_HOURS` | `12` |
/// | `operatorGraceSeconds` | `PARLEY_OPERATOR_GRACE_SECONDS` | `30` |
/// | `routing` | `PARLEY_ROUTING` | `least-busy` (or `language`, `language:<slack>`: see ``routing(_:)``) |
/// | `translationDeadlineMs` | `PARLEY_TRANSLATION_DEADLINE_MS` | `300` |
/// | `translationTimeoutMs` | `PARLEY_TRANSLATION_TIMEOUT_MS` | `5000` |
/// | `maxInFlight` | `PARLEY_MAX_IN_FLIGHT` | `2000` |
/// | `analysisThreads` | `PARLEY_ANALYSIS_THREADS` | half the cores, at least `1` (0: analyse on the event loops) |
/// | `commitWindowMs` | `PARLEY_COMMIT_WINDOW_MS` | `2` (0: commit as soon as the writer is free) |
/// | `commitWindowMaxMs` | `PARLEY_COMMIT_WINDOW_MAX_MS` | `4` (how far the window widens under load) |
/// | `writerPriority` | `PARLEY_WRITER_PRIORITY` | `5` (nice steps SQLite's writer runs above the other threads; 0: none) |
/// | `maxFrameBytes` | `PARLEY_MAX_FRAME_BYTES` | `16384` |
/// | `maxMessageCharacters` | `PARLEY_MAX_MESSAGE_CHARACTERS` | `4000` |
/// | `messagesPerSecond` | `PARLEY_MESSAGES_PER_SECOND` | `10` |
/// | `messageBurst` | `PARLEY_MESSAGE_BURST` | `20` |
/// | `framesPerSecond` | `PARLEY_FRAMES_PER_SECOND` | `50` (every frame of a socket, a burst of twice as many) |
/// | `messagesPerSecondPerIP` | `PARLEY_MESSAGES_PER_SECOND_PER_IP` | `30` |
/// | `conversationsPerMinutePerIP` | `PARLEY_CONVERSATIONS_PER_MINUTE_PER_IP` | `20` |
/// | `connectionsPerIP` | `PARLEY_CONNECTIONS_PER_IP` | `200` |
/// | `outboundQueue` | `PARLEY_OUTBOUND_QUEUE` | `512` |
/// | `slowConsumerCloseSeconds` | `PARLEY_SLOW_CONSUMER_CLOSE_SECONDS` | `5` |
/// | `logLevel` | `PARLEY_LOG_LEVEL` | `info` |
/// | `sites` | — (file only) | none: `[{"id", "name", "allowedOrigins", "defaultLanguage"}]` |
public struct ConfigurationKey: Sendable {
    /// The key in the JSON configuration file (and the `--name` of a command-line option).
    public let fileKey: String
    public let environmentVariable: String
    public let isSecret: Bool
    let apply: @Sendable (inout RelayConfiguration, String) throws -> Void

    /// Every key.
    public static let all: [ConfigurationKey] = [
        .init("host", "PARLEY_HOST") { $0.host = $1 },
        .init("port", "PARLEY_PORT") { $0.port = try int($1, "port", in: 0...65535) },
        .init("dataDir", "PARLEY_DATA_DIR") { $0.dataDirectory = $1 },
        .init("publicDir", "PARLEY_PUBLIC_DIR") { $0.publicDirectory = $1.isEmpty ? nil : $1 },
        .init("shopDir", "PARLEY_SHOP_DIR") { $0.shopDirectory = $1.isEmpty ? nil : $1 },
        .init("demo", "PARLEY_DEMO") { $0.demo = try bool($1, "demo") },
        .init("demoPassword", "PARLEY_DEMO_PASSWORD", secret: true) { $0.demoPassword = $1 },
        .init("demoOperatorsPerLanguage", "PARLEY_DEMO_OPERATORS_PER_LANGUAGE") {
            $0.demoOperatorsPerLanguage = try int($1, "demoOperatorsPerLanguage", in: 1...10_000)
        },
        .init("demoOrigins", "PARLEY_DEMO_ORIGINS") {
            $0.demoOrigins = $1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        },
        .init("tokenSecret", "PARLEY_TOKEN_SECRET", secret: true) { $0.tokenSecret = $1 },
        .init("visitorTokenHours", "PARLEY_VISITOR_TOKEN_HOURS") {
            $0.visitorTokenLifetime = .seconds(try int($1, "visitorTokenHours", in: 1...8760) * 3600)
        },
        .init("sessionHours", "PARLEY_SESSION_HOURS") {
            $0.sessionLifetime = .seconds(try int($1, "sessionHours", in: 1...8760) * 3600)
        },
        .init("operatorGraceSeconds", "PARLEY_OPERATOR_GRACE_SECONDS") {
            $0.operatorGracePeriod = .seconds(try int($1, "operatorGraceSeconds", in: 0...86_400))
        },
        .init("routing", "PARLEY_ROUTING") { $0.routing = try routing($1) },
        .init("translationDeadlineMs", "PARLEY_TRANSLATION_DEADLINE_MS") {
            $0.pipeline.translationDeadline = .milliseconds(try int($1, "translationDeadlineMs", in: 0...60_000))
        },
        .init("translationTimeoutMs", "PARLEY_TRANSLATION_TIMEOUT_MS") {
            $0.pipeline.translationTimeout = .milliseconds(try int($1, "translationTimeoutMs", in: 1...600_000))
        },
        .init("maxInFlight", "PARLEY_MAX_IN_FLIGHT") { $0.pipeline.maxInFlight = try int($1, "maxInFlight", in: 1...10_000_000) },
        .init("analysisThreads", "PARLEY_ANALYSIS_THREADS") {
            $0.pipeline.analysisThreads = try int($1, "analysisThreads", in: 0...256)
        },
        .init("commitWindowMs", "PARLEY_COMMIT_WINDOW_MS") {
            $0.commitWindow = .milliseconds(try int($1, "commitWindowMs", in: 0...1000))
        },
        .init("commitWindowMaxMs", "PARLEY_COMMIT_WINDOW_MAX_MS") {
            $0.maxCommitWindow = .milliseconds(try int($1, "commitWindowMaxMs", in: 0...1000))
        },
        .init("writerPriority", "PARLEY_WRITER_PRIORITY") { $0.writerPriority = try int($1, "writerPriority", in: 0...20) },
        .init("maxFrameBytes", "PARLEY_MAX_FRAME_BYTES") {
            $0.limits.maxFrameBytes = try int($1, "maxFrameBytes", in: 256...(1 << 20))
            $0.limits.hardFrameBytes = max($0.limits.hardFrameBytes, $0.limits.maxFrameBytes * 4)
        },
        .init("maxMessageCharacters", "PARLEY_MAX_MESSAGE_CHARACTERS") {
            $0.limits.maxMessageCharacters = try int($1, "maxMessageCharacters", in: 1...100_000)
        },
        .init("messagesPerSecond", "PARLEY_MESSAGES_PER_SECOND") {
            $0.limits.messagesPerSecond = try double($1, "messagesPerSecond")
        },
        .init("messageBurst", "PARLEY_MESSAGE_BURST") { $0.limits.messageBurst = try double($1, "messageBurst") },
        .init("framesPerSecond", "PARLEY_FRAMES_PER_SECOND") {
            $0.limits.framesPerSecond = try double($1, "framesPerSecond")
        },
        .init("messagesPerSecondPerIP", "PARLEY_MESSAGES_PER_SECOND_PER_IP") {
            $0.limits.messagesPerSecondPerIP = try double($1, "messagesPerSecondPerIP")
        },
        .init("conversationsPerMinutePerIP", "PARLEY_CONVERSATIONS_PER_MINUTE_PER_IP") {
            $0.limits.conversationsPerMinutePerIP = try double($1, "conversationsPerMinutePerIP")
        },
        .init("connectionsPerIP", "PARLEY_CONNECTIONS_PER_IP") {
            $0.limits.connectionsPerIP = try int($1, "connectionsPerIP", in: 1...1_000_000)
        },
        .init("outboundQueue", "PARLEY_OUTBOUND_QUEUE") {
            $0.limits.outboundQueue = try int($1, "outboundQueue", in: 1...1_000_000)
        },
        .init("slowConsumerCloseSeconds", "PARLEY_SLOW_CONSUMER_CLOSE_SECONDS") {
            $0.limits.slowConsumerCloseTimeout = .seconds(try int($1, "slowConsumerCloseSeconds", in: 0...3600))
        },
        .init("pingSeconds", "PARLEY_PING_SECONDS") {
            $0.limits.pingInterval = .seconds(try int($1, "pingSeconds", in: 1...3600))
        },
        .init("logLevel", "PARLEY_LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: $1.lowercased()) else {
                throw ConfigurationError("logLevel '\($1)' is not one of trace, debug, info, notice, warning, error, critical.")
            }
            $0.logLevel = level
        },
    ]

    init(
        _ fileKey: String, _ environmentVariable: String, secret: Bool = false,
        apply: @escaping @Sendable (inout RelayConfiguration, String) throws -> Void
    ) {
        self.fileKey = fileKey
        self.environmentVariable = environmentVariable
        self.isSecret = secret
        self.apply = apply
    }

    /// Applies `value` to `configuration`; every failure is a ``ConfigurationError`` naming the key.
    func apply(_ value: String, to configuration: inout RelayConfiguration) throws(ConfigurationError) {
        do {
            try apply(&configuration, value)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError("\(fileKey): \(error)")
        }
    }

    static func int(_ text: String, _ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ConfigurationError("\(key) is '\(text)'; expected a whole number in \(range.lowerBound)...\(range.upperBound).")
        }
        return value
    }

    /// `least-busy`; `language` (an operator who speaks the visitor's language while at most 2 open conversations
    /// busier than the least busy); `language:<slack>` (the same with another bound, 0...1000).
    static func routing(_ text: String) throws(ConfigurationError) -> Routing {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value == "least-busy" { return .leastBusy }
        if value == "language" { return .language(slack: 2) }
        if value.hasPrefix("language:") {
            let slack = String(value.dropFirst("language:".count))
            return .language(slack: try int(slack, "routing's slack", in: 0...1000))
        }
        throw ConfigurationError("routing is '\(text)'; expected least-busy, language or language:<slack>.")
    }

    static func double(_ text: String, _ key: String) throws(ConfigurationError) -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value > 0 else {
            throw ConfigurationError("\(key) is '\(text)'; expected a positive number.")
        }
        return value
    }

    static func bool(_ text: String, _ key: String) throws(ConfigurationError) -> Bool {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off", "": return false
        default: throw ConfigurationError("\(key) is '\(text)'; expected true or false.")
        }
    }
}

/// A configuration value or file that cannot be used; the message names the key and the expected form.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
