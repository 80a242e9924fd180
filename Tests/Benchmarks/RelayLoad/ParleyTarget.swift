import Foundation
import HTTPTypes
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Parley under load, through its public protocol (docs/protocol.md), the way a shop uses it: a team of operators,
/// each with one console socket juggling ``conversationsPerOperator`` chats, and one widget socket per visitor.
///
/// Operators are online before the visitors arrive; each new conversation is assigned by the relay (fewest open
/// conversations), its summary reaches the assigned operator's socket, which joins it — as the console does.
struct ParleyTarget: RelayTarget {
    static let conversationsPerOperator = 5

    let port: Int
    let sockets = SocketSet()
    /// Session cookies of the demo operators, logged in once.
    let operatorCookies: [String]
    let joins = JoinRegistry()
    var name: String { "parley" }

    private var http: String { "http://127.0.0.1:\(port)" }
    private var ws: String { "ws://127.0.0.1:\(port)" }
    private var origin: String { "http://127.0.0.1:\(port)" }

    /// Brings `ceil(count / conversationsPerOperator)` operators online.
    func prepare(conversations count: Int, recorder: LatencyRecorder, in group: inout SocketGroup) async throws {
        let needed = min(operatorCookies.count, (count + Self.conversationsPerOperator - 1) / Self.conversationsPerOperator)
        for cookie in operatorCookies.prefix(needed) {
            try await openOperator(cookie: cookie, recorder: recorder, in: &group)
        }
    }

    private func openOperator(cookie: String, recorder: LatencyRecorder, in group: inout SocketGroup) async throws {
        let me = Mutex<String?>(nil)
        let box = Mutex<LoadSocket?>(nil)
        let joins = joins
        let socket = try await LoadSocket.open(
            url: "\(ws)/ws/operator", headers: [.cookie: cookie, .origin: origin], in: &group, set: sockets
        ) { text in
            switch LoadTexts.frameType(of: text) {
            case "message":
                if let id = LoadTexts.firstID(in: text) { recorder.didDeliver(id) }
            case "conversation":
                guard let frame = try? JSONDecoder().decode(ConversationFrame.self, from: Data(text.utf8)) else {
                    joins.note("an unreadable conversation frame: \(text.prefix(300))")
                    return
                }
                let summary = frame.conversation
                let myID = me.withLock { $0 }
                joins.saw(
                    summary.id,
                    "\(summary.status), assigned to \(summary.assignedOperatorId ?? "nobody"), seen by "
                        + (myID ?? "a socket before its welcome"))
                guard summary.status == "assigned", let mine = myID,
                    summary.assignedOperatorId == mine, joins.claim(summary.id),
                    let socket = box.withLock({ $0 })
                else { return }
                if !socket.send(#"{"type":"join","conversationId":"\#(summary.id)","lastSeq":0}"#) {
                    joins.note("operator \(mine)'s socket was closed when it went to join \(summary.id)")
                }
            case "joined":
                if let frame = try? JSONDecoder().decode(JoinedFrame.self, from: Data(text.utf8)) {
                    joins.joined(frame.conversationId)
                }
            case "error":
                joins.note("an error frame on an operator socket: \(text.prefix(300))")
            case "welcome":
                let frame = try? JSONDecoder().decode(WelcomeFrame.self, from: Data(text.utf8))
                me.withLock { $0 = frame?.participant.id }
            default:
                break
            }
        }
        box.withLock { $0 = socket }
    }

    func openConversation(
        _ index: Int, recorder: LatencyRecorder, in group: inout SocketGroup
    ) async throws -> LoadConversation {
        let start = try await startConversation(index)
        try await joins.waitUntilJoined(start.conversationId, timeout: .seconds(30))
        let visitor = try await LoadSocket.open(
            url: "\(ws)/ws/visitor?token=\(start.token)", headers: [.origin: origin], in: &group, set: sockets
        ) { text in
            switch LoadTexts.frameType(of: text) {
            case "ack":
                if let id = LoadTexts.clientMessageID(in: text) { recorder.didAck(id) }
            case "error":
                let code = LoadTexts.errorCode(of: text)
                if code == "busy" || code == "rate_limited" { recorder.didGetBusy(LoadTexts.clientMessageID(in: text)) }
            default:
                break
            }
        }
        visitor.send(#"{"type":"join","lastSeq":0}"#)
        return LoadConversation(socket: visitor) { id in
            #"{"type":"message","clientMessageId":"\#(id)","text":"\#(LoadTexts.text(conversation: index, id: id))"}"#
        }
    }

    /// Conversations are created before the memory baseline, so only the sockets count.
    func prepareIdle(count: Int) async throws -> [String] {
        var tokens: [String] = []
        for index in 0..<count { tokens.append(try await startConversation(index).token) }
        return tokens
    }

    func openIdleSocket(_ index: Int, prepared: [String], in group: inout SocketGroup) async throws {
        _ = try await LoadSocket.open(
            url: "\(ws)/ws/visitor?token=\(prepared[index])", headers: [.origin: origin], in: &group, set: sockets
        ) { _ in }
    }

    func timeConversationStart(_ index: Int) async throws -> Duration? {
        let clock = ContinuousClock()
        let started = clock.now
        _ = try await startConversation(index)
        return clock.now - started
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

    private struct ConversationFrame: Decodable {
        struct Summary: Decodable {
            var id: String
            var status: String
            var assignedOperatorId: String?
        }
        var conversation: Summary
    }

    private struct JoinedFrame: Decodable { var conversationId: String }

    private struct WelcomeFrame: Decodable {
        struct Participant: Decodable { var id: String }
        var participant: Participant
    }
}

/// Which conversations an operator socket has claimed and joined, and who waits for a join.
final class JoinRegistry: Sendable {
    private struct State {
        var claimed: Set<String> = []
        var joined: Set<String> = []
        var waiting: [String: CheckedContinuation<Void, Never>] = [:]
        /// The last summary the operator sockets saw of each conversation, and the last few oddities they met:
        /// what a set-up that times out reports.
        var lastSeen: [String: String] = [:]
        var notes: [String] = []
    }
    private let state = Mutex(State())

    /// An operator socket saw a summary of the conversation.
    func saw(_ id: String, _ summary: String) { state.withLock { $0.lastSeen[id] = summary } }

    /// Something a set-up that times out should report (the last five are kept).
    func note(_ text: String) {
        state.withLock { state in
            state.notes.append(text)
            if state.notes.count > 5 { state.notes.removeFirst() }
        }
    }

    /// `true` for the first socket that claims the conversation.
    func claim(_ id: String) -> Bool { state.withLock { $0.claimed.insert(id).inserted } }

    func joined(_ id: String) {
        let waiter = state.withLock { state in
            state.joined.insert(id)
            return state.waiting.removeValue(forKey: id)
        }
        waiter?.resume()
    }

    func waitUntilJoined(_ id: String, timeout: Duration) async throws {
        let joined = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let done = self.state.withLock { state in
                        if state.joined.contains(id) { return true }
                        state.waiting[id] = continuation
                        return false
                    }
                    if done { continuation.resume() }
                }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            if !first { self.joined(id) }  // releases the waiter so the group can end
            group.cancelAll()
            return first
        }
        if !joined {
            let (seen, claimed, notes) = state.withLock { ($0.lastSeen[id], $0.claimed.contains(id), $0.notes) }
            throw LoadError(
                "No operator joined conversation \(id) within \(timeout). Last summary the operators saw: "
                    + (seen ?? "none") + (claimed ? "; an operator sent its join" : "; no operator sent a join")
                    + (notes.isEmpty ? "." : ". Operator sockets met: " + notes.joined(separator: " | ")))
        }
    }
}

extension ParleyTarget {
    /// The demo operators `--demo` seeds; `perLanguage` of each language so every operator juggles a few chats.
    static func operatorLogins(perLanguage: Int) -> [String] {
        (1...perLanguage).flatMap { number in
            ["de", "en", "et", "tr"].map { number == 1 ? "demo-\($0)" : "demo-\($0)-\(number)" }
        }
    }

    static let password = "load-test-only-9f2c"

    /// Prepares a fresh data directory and a configuration (the demo site and enough demo operators, per-IP limits
    /// relaxed: all load comes from 127.0.0.1) and starts `parley serve` on it.
    static func start(
        executable: String, port: Int, operatorsPerLanguage: Int, name: String = "load", cpus: CPUList? = nil
    ) throws -> ServerProcess {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-\(getpid())-\(name)")
            .path
        try? FileManager.default.removeItem(atPath: dataDir)
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let config = "\(dataDir)/bench.json"
        try benchConfiguration(port: port, operatorsPerLanguage: operatorsPerLanguage)
            .write(toFile: config, atomically: true, encoding: .utf8)
        return try ServerProcess(
            executable: executable,
            arguments: [
                "serve", "--host", "127.0.0.1", "--port", "\(port)", "--data-dir", dataDir, "--config", config,
                "--demo", "--log-level", "warning",
            ],
            port: port, dataDirectory: dataDir, cpus: cpus)
    }

    /// Limits raised for a load that comes from one address, and for visitor sockets that each send far more than a
    /// person types (at 100 conversations and 10,000 msg/s, 100 messages a second each); everything else stays at its
    /// default.
    private static func benchConfiguration(port: Int, operatorsPerLanguage: Int) -> String {
        """
        {"messagesPerSecond": 1000, "messageBurst": 2000, "framesPerSecond": 1000, "messagesPerSecondPerIP": 1000000,
         "conversationsPerMinutePerIP": 1000000, "connectionsPerIP": 100000,
         "demoOrigins": "http://127.0.0.1:\(port)", "demoPassword": "\(password)",
         "demoOperatorsPerLanguage": \(operatorsPerLanguage)}
        """
    }
}
