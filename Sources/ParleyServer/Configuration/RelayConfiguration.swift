import Foundation
public import Logging
public import ParleyCore
import Synchronization
import ParleyText
import ParleySQLite

/// Everything `parley serve` can be told. Defaults are in the initializer; ``ConfigurationKey`` lists every key with
/// its environment variable and file key. Priority: command line > environment (`PARLEY_*`) > file > defaults.
public struct RelayConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port = 8080
    /// Holds `parley.sqlite` and `token.key`; created on first run.
    public var dataDirectory = ".parley-data"
    /// The widget and console files, served at `/`; skipped when the directory does not exist.
    public var publicDirectory: String? = "Sources/ParleyServer/Public"
    /// The demo shop, served at `/shop/`; skipped when the directory does not exist.
    public var shopDirectory: String? = "Samples/shop"
    /// Seeds the demo site and one operator per language.
    public var demo = false
    /// The password of the demo operators.
    public var demoPassword = "parley-demo"
    /// Demo operators per language: `demo-de`, then `demo-de-2`, `demo-de-3`, … (to try assignment with a team).
    public var demoOperatorsPerLanguage = 1
    /// Origins the demo site allows; `nil`: the relay's own address (see ``allowedDemoOrigins``).
    public var demoOrigins: [String]? = nil
    /// The HMAC key for visitor tokens; when `nil` a random key is created in the data directory.
    public var tokenSecret: String? = nil
    public var visitorTokenLifetime: Duration = .seconds(24 * 3600)
    public var sessionLifetime: Duration = .seconds(12 * 3600)
    /// How long an operator may be offline (last console socket closed) before its open conversations are handed to
    /// another online operator or wait in the queue; a reconnect within it changes nothing. Logout hands them on at
    /// once.
    public var operatorGracePeriod: Duration = .seconds(30)
    /// Which online operator a conversation goes to: the least busy, or one who speaks the visitor's language.
    public var routing: Routing = .leastBusy
    public var limits = RelayLimits()
    public var pipeline = PipelineConfiguration()
    /// Durable SQLite commits start at most once per window, so messages arriving close together share one sync;
    /// zero: each batch commits as soon as the writer is free.
    public var commitWindow: Duration = SQLiteChatStore.defaultCommitWindow
    /// How far the commit window widens while commits come full (at or below `commitWindow`: it never widens).
    public var maxCommitWindow: Duration = SQLiteChatStore.defaultMaxCommitWindow
    /// Nice steps SQLite's writer thread runs above the relay's other threads while it commits (0: none); needs
    /// `CAP_SYS_NICE` or an `RLIMIT_NICE` that allows it, and is logged at start when refused.
    public var writerPriority = SQLiteChatStore.defaultWriterPriority
    /// Sites to create or update at start.
    public var sites: [Site] = []
    public var logLevel: Logger.Level = .info

    public init() {}
}

/// The relay's limits; see `docs/protocol.md` §8.
public struct RelayLimits: Sendable, Hashable {
    /// Frames above this get `frame_too_large`.
    public var maxFrameBytes = 16 * 1024
    /// Frames above this close the socket (1009).
    public var hardFrameBytes = 64 * 1024
    public var maxMessageCharacters = 4000
    public var messagesPerSecond = 10.0
    public var messageBurst = 20.0
    public var framesPerSecond = 50.0
    public var messagesPerSecondPerIP = 30.0
    public var conversationsPerMinutePerIP = 20.0
    public var connectionsPerIP = 200
    /// Frames queued for one socket before it is closed as a slow consumer (4001).
    public var outboundQueue = 512
    /// How long a slow consumer's socket may take to read up to its 4001 close frame before it is cut off.
    public var slowConsumerCloseTimeout: Duration = .seconds(5)
    /// How often each socket is pinged; a client that has not answered a ping by the next is closed (1001).
    public var pingInterval: Duration = .seconds(30)
    /// Unparsable frames in a row before the socket is closed (4504).
    public var maxBadFramesInARow = 16

    public init() {}
}

extension RelayConfiguration {
    /// The demo site's origins: ``demoOrigins`` when set, else the relay's own address — `http://<host>:<port>`, and
    /// the `localhost` spelling too when the host is a loopback address — so `make run PORT=9000` just works.
    public var allowedDemoOrigins: [String] {
        if let demoOrigins { return demoOrigins }
        let hosts = ["127.0.0.1", "localhost", "::1"].contains(host) ? ["127.0.0.1", "localhost"] : [host]
        return hosts.map { "http://\($0):\(port)" }
    }
}
