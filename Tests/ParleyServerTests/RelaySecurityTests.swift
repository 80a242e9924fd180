import Foundation
import NIOCore
import ParleyCore
@testable import ParleyServer
import Testing

/// Frames, origins, tokens and sessions: what the relay refuses, and that it stays up for everyone else.
@Suite("Relay security", .timeLimit(.minutes(2)))
struct RelaySecurityTests {
    static let badFrames: [(String, TestSocket.Outgoing, String)] = [
        ("malformed JSON", .text("{not json"), "bad_json"),
        ("not an object", .text("[1,2]"), "bad_json"),
        ("unknown type", .text(#"{"type":"dance","extra":1}"#), "unknown_type"),
        ("missing field", .text(#"{"type":"message","text":"hi"}"#), "invalid_field"),
        ("wrong field type", .text(#"{"type":"message","clientMessageId":5,"text":"hi"}"#), "invalid_field"),
        ("binary frame", .binary([1, 2, 3]), "binary_not_supported"),
        ("oversize frame", .text(#"{"type":"message","clientMessageId":"x","text":""# + String(repeating: "a", count: 20_000) + "\"}"), "frame_too_large"),
        ("too many characters", .text(#"{"type":"message","clientMessageId":"x","text":""# + String(repeating: "ü", count: 4_001) + "\"}"), "message_too_long"),
        ("empty after sanitizing", .text(#"{"type":"message","clientMessageId":"x","text":" \u0007 "}"#), "empty_message"),
    ]

    @Test("a bad frame gets an error frame and the connection lives on", arguments: badFrames)
    func badFrame(name: String, frame: TestSocket.Outgoing, code: String) async throws {
        try await withRelay { relay throws in
            let (_, token) = try await relay.startVisitor(languages: ["en"])
            try await relay.withSocket("/ws/visitor?token=\(token)", headers: ["Origin": TestRelay.origin]) { socket throws in
                socket.send(#"{"type":"join","lastSeq":0}"#)
                _ = try await socket.next("joined")
                socket.outgoingSink.yield(frame)
                let error = try await socket.next("error")
                #expect(error["code"]?.string == code, "\(name)")
                socket.send(#"{"type":"ping","id":7}"#)
                #expect(try await socket.next("pong")["id"]?.int == 7)
            }
        }
    }

    @Test("a text frame that is not UTF-8 gets invalid_utf8 and the connection lives on")
    func invalidUTF8() async throws {
        try await withRelay { relay throws in
            let (_, token) = try await relay.startVisitor(languages: ["en"])
            try await relay.withSocket("/ws/visitor?token=\(token)", headers: ["Origin": TestRelay.origin]) { socket throws in
                socket.outgoingSink.yield(.invalidUTF8Text([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D]))
                #expect(try await socket.next("error")["code"]?.string == "invalid_utf8")
                socket.send(#"{"type":"ping"}"#)
                _ = try await socket.next("pong")
            }
        }
    }

    @Test("a wrong Origin is refused for new conversations and for the visitor socket")
    func wrongOrigin() async throws {
        try await withRelay { relay throws in
            let refused = try await relay.http(
                "POST", "/api/v1/visitor/conversations", json: #"{"siteId":"demo"}"#,
                headers: ["Origin": "https://evil.example"])
            #expect(refused.status == 403)
            #expect(refused.json?["error"]?["code"]?.string == "origin_not_allowed")
            let (_, token) = try await relay.startVisitor(languages: ["en"])
            let upgrade = try await relay.http("GET", "/ws/visitor?token=\(token)", headers: ["Origin": "https://evil.example"])
            #expect(upgrade.status == 403)
            await #expect(throws: (any Error).self) {
                try await relay.withSocket("/ws/visitor?token=\(token)", headers: ["Origin": "https://evil.example"]) {
                    _ = try await $0.next("welcome")
                }
            }
        }
    }

    @Test("expired and forged tokens are refused")
    func expiredAndForgedTokens() async throws {
        try await withRelay(configure: { $0.tokenSecret = "test-secret-0123456789-0123456789" }) { relay throws in
            let (conversation, token) = try await relay.startVisitor(languages: ["en"])
            let tokens = VisitorTokens(secret: Data("test-secret-0123456789-0123456789".utf8), lifetime: .seconds(60))
            let grant = try tokens.verify(token)
            var expired = grant
            expired.expiresAt = Date(timeIntervalSinceNow: -1)
            let forger = VisitorTokens(secret: Data("another-secret-0123456789-01234567".utf8), lifetime: .seconds(60))
            var tampered = Array(token)
            tampered[10] = tampered[10] == "A" ? "B" : "A"
            for bad in [tokens.issue(expired), forger.issue(grant), String(tampered), "v1.garbage", ""] {
                let upgrade = try await relay.http("GET", "/ws/visitor?token=\(bad)", headers: ["Origin": TestRelay.origin])
                #expect(upgrade.status == 401)
                #expect(upgrade.json?["error"]?["code"]?.string == "invalid_token")
                let transcript = try await relay.http(
                    "GET", "/api/v1/conversations/\(conversation)/transcript", headers: ["Authorization": "Bearer \(bad)"])
                #expect(transcript.status == 401)
            }
        }
    }

    @Test("a visitor token cannot read or join another conversation")
    func visitorTokenScope() async throws {
        try await withRelay { relay throws in
            let (_, tokenA) = try await relay.startVisitor(languages: ["en"])
            let (conversationB, _) = try await relay.startVisitor(languages: ["de"])
            let transcript = try await relay.http(
                "GET", "/api/v1/conversations/\(conversationB)/transcript", headers: ["Authorization": "Bearer \(tokenA)"])
            #expect(transcript.status == 404)
            try await relay.withSocket("/ws/visitor?token=\(tokenA)", headers: ["Origin": TestRelay.origin]) { socket throws in
                socket.send(#"{"type":"join","conversationId":"\#(conversationB)","lastSeq":0}"#)
                #expect(try await socket.next("error")["code"]?.string == "forbidden")
                socket.send(#"{"type":"message","conversationId":"\#(conversationB)","clientMessageId":"x","text":"hi"}"#)
                #expect(try await socket.next("error")["code"]?.string == "forbidden")
            }
        }
    }

    @Test("an operator of another site cannot read or join the conversation")
    func operatorOfAnotherSite() async throws {
        try await withTemporaryDirectory { directory throws in
            try await seedOtherSite(directory)
            try await withRelay(dataDirectory: directory) { relay throws in
                let (conversation, _) = try await relay.startVisitor(languages: ["en"])
                let (cookie, _) = try await relay.login("other-op")
                let transcript = try await relay.http(
                    "GET", "/api/v1/conversations/\(conversation)/transcript", headers: ["Cookie": cookie])
                #expect(transcript.status == 404)
                let list = try await relay.http("GET", "/api/v1/operator/conversations", headers: ["Cookie": cookie])
                #expect(list.json?["conversations"]?.array.isEmpty == true)
                try await relay.withSocket("/ws/operator", headers: ["Cookie": cookie]) { op throws in
                    op.send(#"{"type":"join","conversationId":"\#(conversation)","lastSeq":0}"#)
                    #expect(try await op.next("error")["code"]?.string == "unknown_conversation")
                }
                let (demoCookie, _) = try await relay.login("demo-en")
                let allowed = try await relay.http(
                    "GET", "/api/v1/conversations/\(conversation)/transcript", headers: ["Cookie": demoCookie])
                #expect(allowed.status == 200)
            }
        }
    }

    @Test("logout ends the session; the cookie no longer works")
    func logout() async throws {
        try await withRelay { relay throws in
            let (cookie, csrf) = try await relay.login("demo-de")
            #expect(try await relay.http("GET", "/api/v1/operator/session", headers: ["Cookie": cookie]).status == 200)
            let noCSRF = try await relay.http("POST", "/api/v1/operator/logout", headers: ["Cookie": cookie])
            #expect(noCSRF.status == 403)
            let out = try await relay.http("POST", "/api/v1/operator/logout", headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
            #expect(out.status == 204)
            let after = try await relay.http("GET", "/api/v1/operator/session", headers: ["Cookie": cookie])
            #expect(after.status == 401)
            let wrong = try await relay.http(
                "POST", "/api/v1/operator/login", json: #"{"login":"demo-de","password":"wrong-password"}"#)
            #expect(wrong.json?["error"]?["code"]?.string == "invalid_credentials")
        }
    }

    @Test("health, readiness and metrics answer")
    func healthAndMetrics() async throws {
        try await withRelay { relay throws in
            #expect(try await relay.http("GET", "/healthz").status == 200)
            #expect(try await relay.http("GET", "/readyz").json?["status"]?.string == "ready")
            let metrics = try await relay.http("GET", "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        }
    }
}
