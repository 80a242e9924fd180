import AsyncHTTPClient
import Foundation
import HTTPTypes
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import ParleyCore
@testable import ParleyServer
import Prometheus
import ServiceLifecycle
import Synchronization

/// A relay running in process on a free port, built by the same `buildApplication` as `parley serve`.
struct TestRelay: Sendable {
    let port: Int
    let configuration: RelayConfiguration
    /// Starts a graceful shutdown of the relay (for shutdown tests).
    var shutdown: @Sendable () async -> Void = {}
    static let origin = "http://127.0.0.1:8080"

    struct HTTPResult: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) }
    }

    /// A client that shows redirects instead of following them.
    static let notFollowing = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    /// Sends an HTTP request to the relay (redirects are followed unless `client` says otherwise).
    func http(
        _ method: String, _ path: String, json: String? = nil, headers: [String: String] = [:],
        client: HTTPClient = .shared
    ) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        var flat: [String: String] = [:]
        for header in response.headers { flat[header.name.lowercased()] = header.value }
        return HTTPResult(status: Int(response.status.code), headers: flat, body: String(buffer: body))
    }

    /// Starts a visitor conversation on the demo site; returns `(conversationId, token)`.
    func startVisitor(languages: [String], name: String = "Visitor") async throws -> (id: String, token: String) {
        let list = languages.map { "\"\($0)\"" }.joined(separator: ",")
        let result = try await http(
            "POST", "/api/v1/visitor/conversations",
            json: #"{"siteId":"demo","languages":[\#(list)],"name":"\#(name)"}"#, headers: ["Origin": Self.origin])
        guard result.status == 201, let id = result.json?["conversationId"]?.string,
            let token = result.json?["token"]?.string
        else { throw TestFailure("starting a conversation answered \(result.status): \(result.body)") }
        return (id, token)
    }

    /// The operator id of a logged-in session.
    func operatorID(_ cookie: String) async throws -> String {
        let session = try await http("GET", "/api/v1/operator/session", headers: ["Cookie": cookie])
        guard let id = session.json?["operator"]?["id"]?.string else { throw TestFailure("no session: \(session.body)") }
        return id
    }

    /// A conversation's status and assigned operator, as an operator of its site lists it.
    func assignment(of conversation: String, cookie: String) async throws -> (status: String?, operatorID: String?) {
        let list = try await http("GET", "/api/v1/operator/conversations?status=all", headers: ["Cookie": cookie])
        let summary = list.json?["conversations"]?.array.first { $0["id"]?.string == conversation }
        return (summary?["status"]?.string, summary?["assignedOperatorId"]?.string)
    }

    /// `/metrics` as a map from series (`name{labels}`) to value.
    func metrics() async throws -> [String: Double] {
        let text = try await http("GET", "/metrics").body
        var series: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            series[String(line[..<space])] = value
        }
        return series
    }

    /// The sum of the series of metric `name` (exactly that name, any labels) whose labels contain every `label`.
    func metric(_ name: String, _ labels: String...) async throws -> Double? {
        let matching = try await metrics().filter { key, _ in
            (key == name || key.hasPrefix(name + "{")) && labels.allSatisfy { key.contains($0) }
        }
        return matching.isEmpty ? nil : matching.values.reduce(0, +)
    }

    /// The texts of a conversation's stored messages in `seq` order, read through the visitor's transcript.
    func storedTexts(_ conversation: String, token: String) async throws -> [String] {
        let transcript = try await http(
            "GET", "/api/v1/conversations/\(conversation)/transcript", headers: ["Authorization": "Bearer \(token)"])
        guard transcript.status == 200 else { throw TestFailure("transcript answered \(transcript.status)") }
        return (transcript.json?["messages"]?.array ?? []).compactMap { $0["text"]?.string }
    }

    /// Opens the visitor socket of `token` (with an allowed `Origin`) and joins from `lastSeq`.
    func withVisitor<T: Sendable>(
        _ token: String, lastSeq: Int = 0, _ body: @escaping @Sendable (TestSocket) async throws -> T
    ) async throws -> T {
        try await withSocket("/ws/visitor?token=\(token)", headers: ["Origin": Self.origin]) { socket throws in
            socket.send(#"{"type":"join","lastSeq":\#(lastSeq)}"#)
            _ = try await socket.next("joined")
            return try await body(socket)
        }
    }

    /// A new conversation of a visitor writing `languages`, joined by the operator `login` and then by the visitor,
    /// for the duration of `body` (the visitor's socket, the operator's, the conversation's id).
    func withJoinedConversation<T: Sendable>(
        visitorLanguages languages: [String] = ["de"], operator login: String,
        _ body: @escaping @Sendable (_ visitor: TestSocket, _ op: TestSocket, _ conversation: String) async throws -> T
    ) async throws -> T {
        let (conversation, token) = try await startVisitor(languages: languages)
        let (cookie, _) = try await self.login(login)
        return try await withSocket("/ws/operator", headers: ["Cookie": cookie]) { op throws in
            op.send(#"{"type":"join","conversationId":"\#(conversation)","lastSeq":0}"#)
            _ = try await op.next("joined")
            return try await withVisitor(token) { visitor in try await body(visitor, op, conversation) }
        }
    }

    /// Logs a demo operator in; returns the `Cookie` header value and the CSRF token.
    func login(_ login: String) async throws -> (cookie: String, csrf: String) {
        let result = try await http(
            "POST", "/api/v1/operator/login", json: #"{"login":"\#(login)","password":"parley-demo"}"#)
        guard result.status == 200, let setCookie = result.headers["set-cookie"],
            let csrf = result.json?["csrfToken"]?.string
        else { throw TestFailure("login answered \(result.status): \(result.body)") }
        return (String(setCookie.split(separator: ";")[0]), csrf)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var int: Int? {
        if case .number(let value) = self { return Int(value) }
        return nil
    }

    var array: [JSONValue] {
        if case .array(let value) = self { return value }
        return []
    }
}

/// A fresh temporary directory, removed afterwards.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("parley-relay-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// Runs a relay (demo mode, port 0, a temporary data directory unless given) around `body`, then shuts it down
/// gracefully.
func withRelay<T: Sendable>(
    dataDirectory: String? = nil,
    configure: (inout RelayConfiguration) -> Void = { _ in },
    dependencies: RelayDependencies = RelayDependencies(),
    _ body: @escaping @Sendable (TestRelay) async throws -> T
) async throws -> T {
    if let dataDirectory { return try await runRelay(dataDirectory, configure, dependencies, body) }
    return try await withTemporaryDirectory { try await runRelay($0, configure, dependencies, body) }
}

private func runRelay<T: Sendable>(
    _ directory: String, _ configure: (inout RelayConfiguration) -> Void, _ dependencies: RelayDependencies,
    _ body: @escaping @Sendable (TestRelay) async throws -> T
) async throws -> T {
    var configuration = RelayConfiguration()
    configuration.port = 0
    configuration.dataDirectory = directory
    configuration.demo = true
    // The WebSocket client library always adds `Origin: ws://127.0.0.1`; the page origin is added beside it.
    configuration.demoOrigins = [TestRelay.origin, "ws://127.0.0.1"]
    configuration.publicDirectory = nil
    configuration.shopDirectory = nil
    configuration.logLevel = ProcessInfo.processInfo.environment["PARLEY_TEST_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
    configure(&configuration)
    var dependencies = dependencies
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    dependencies.onServerRunning = { port in portSink.yield(port) }
    var logger = Logger(label: "test-relay")
    logger.logLevel = configuration.logLevel
    dependencies.logger = logger
    let app = try await buildApplication(configuration, dependencies: dependencies)
    let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
    let frozen = configuration
    // With a registry, the relay's metrics go to it (task-locally, so parallel tests keep apart) and to `/metrics`.
    let factory = dependencies.metricsRegistry.map { PrometheusMetricsFactory(registry: $0) }
    return try await withThrowingTaskGroup(of: T?.self) { tasks in
        tasks.addTask {
            if let factory {
                try await withMetricsFactory(factory) { try await group.run() }
            } else {
                try await group.run()
            }
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestFailure("the relay did not start") }
        let result: T
        do {
            result = try await body(TestRelay(port: port, configuration: frozen, shutdown: { await group.triggerGracefulShutdown() }))
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return result
    }
}
