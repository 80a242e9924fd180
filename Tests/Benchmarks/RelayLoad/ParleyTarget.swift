import Foundation
import HTTPTypes

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Parley under load, through its public protocol (docs/protocol.md): a visitor conversation from
/// `POST /api/v1/visitor/conversations` and `/ws/visitor`, an operator socket on `/ws/operator` that joins it.
struct ParleyTarget: RelayTarget {
    let port: Int
    let sockets = SocketSet()
    /// Operator session cookies, one per demo operator; conversation `i` is followed through cookie `i % count`.
    let operatorCookies: [String]
    var name: String { "parley" }

    private var http: String { "http://127.0.0.1:\(port)" }
    private var ws: String { "ws://127.0.0.1:\(port)" }
    private var origin: String { "http://127.0.0.1:\(port)" }

    func openConversation(
        _ index: Int, recorder: LatencyRecorder, in group: inout SocketGroup
    ) async throws -> LoadConversation {
        let start = try await startConversation(index)
        let cookie = operatorCookies[index % operatorCookies.count]
        let conversationID = start.conversationId
        let joined = AsyncStream<Void>.makeStream()
        let operatorSocket = try await LoadSocket.open(
            url: "\(ws)/ws/operator", headers: [.cookie: cookie, .origin: origin], in: &group, set: sockets
        ) { text in
            guard let frame = try? JSONDecoder().decode(Frame.self, from: Data(text.utf8)) else { return }
            if frame.type == "joined" { joined.continuation.yield() }
            if frame.type == "message", frame.sender?.role == "visitor",
                let id = frame.text.flatMap({ LoadTexts.id(in: $0[...]) })
            {
                recorder.didDeliver(id)
            }
        }
        await operatorSocket.send(#"{"type":"join","conversationId":"\#(conversationID)","lastSeq":0}"#)
        for await _ in joined.stream { break }
        let visitor = try await LoadSocket.open(
            url: "\(ws)/ws/visitor?token=\(start.token)", headers: [.origin: origin], in: &group, set: sockets
        ) { text in
            guard let frame = try? JSONDecoder().decode(Frame.self, from: Data(text.utf8)) else { return }
            if frame.type == "ack", let id = frame.clientMessageId.flatMap(UInt64.init) { recorder.didAck(id) }
            if frame.type == "error", frame.code == "busy" || frame.code == "rate_limited" { recorder.didGetBusy() }
        }
        await visitor.send(#"{"type":"join","lastSeq":0}"#)
        return LoadConversation { id in
            let text = LoadTexts.text(conversation: index, id: id)
            return await visitor.send(#"{"type":"message","clientMessageId":"\#(id)","text":"\#(text)"}"#)
        }
    }

    func openIdleSocket(_ index: Int, in group: inout SocketGroup) async throws {
        let start = try await startConversation(index)
        _ = try await LoadSocket.open(
            url: "\(ws)/ws/visitor?token=\(start.token)", headers: [.origin: origin], in: &group, set: sockets
        ) { _ in }
    }

    private func startConversation(_ index: Int) async throws -> StartResponse {
        let languages = [["tr"], ["de"], ["et"], ["en"]][index % 4]
        var request = URLRequest(url: URL(string: "\(http)/api/v1/visitor/conversations")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(origin, forHTTPHeaderField: "Origin")
        request.httpBody = try JSONEncoder().encode(StartRequest(siteId: "demo", languages: languages))
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<300).contains(status) else {
            throw LoadError("Starting a conversation failed: \(String(decoding: data, as: UTF8.self))")
        }
        return try JSONDecoder().decode(StartResponse.self, from: data)
    }

    /// Logs in as the given operator and returns the `Cookie` header value.
    static func login(port: Int, login: String, password: String) async throws -> String {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/operator/login")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("http://127.0.0.1:\(port)", forHTTPHeaderField: "Origin")
        request.httpBody = try JSONEncoder().encode(["login": login, "password": password])
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse, http.statusCode == 200,
            let setCookie = http.value(forHTTPHeaderField: "Set-Cookie")
        else { throw LoadError("Operator login '\(login)' failed: \(String(decoding: data, as: UTF8.self))") }
        return String(setCookie.split(separator: ";")[0])
    }

    private struct StartRequest: Encodable {
        var siteId: String
        var languages: [String]
    }

    private struct StartResponse: Decodable {
        var conversationId: String
        var token: String
    }

    private struct Frame: Decodable {
        struct Sender: Decodable { var role: String }
        var type: String
        var text: String?
        var code: String?
        var clientMessageId: String?
        var sender: Sender?
    }
}

extension ParleyTarget {
    /// The demo operators `--demo` seeds, one per language, so translation runs both ways.
    static let operators = [("demo-de", "de"), ("demo-en", "en"), ("demo-et", "et"), ("demo-tr", "tr")]
    static let password = "load-test-only-9f2c"

    /// Prepares a fresh data directory and a configuration (the demo site and operators, per-IP limits relaxed: all
    /// load comes from 127.0.0.1) and starts `parley serve` on it.
    static func start(executable: String, port: Int) throws -> ServerProcess {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: dataDir)
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let config = "\(dataDir)/bench.json"
        try benchConfiguration(port: port).write(toFile: config, atomically: true, encoding: .utf8)
        return try ServerProcess(
            executable: executable,
            arguments: [
                "serve", "--host", "127.0.0.1", "--port", "\(port)", "--data-dir", dataDir, "--config", config,
                "--demo", "--log-level", "warning",
            ],
            port: port)
    }

    /// Limits raised for a load that comes from one address; everything else stays at its default. The WebSocket
    /// client library always adds `Origin: ws://127.0.0.1` beside the page origin, so that origin is allowed too.
    private static func benchConfiguration(port: Int) -> String {
        """
        {"messagesPerSecond": 1000, "messageBurst": 2000, "messagesPerSecondPerIP": 1000000,
         "conversationsPerMinutePerIP": 1000000, "connectionsPerIP": 100000,
         "demoOrigins": "http://127.0.0.1:\(port),ws://127.0.0.1", "demoPassword": "\(password)"}
        """
    }
}
