import Foundation
import ParleyCore
@testable import ParleyServer
import Testing

/// The HTTP headers browsers enforce: the console's and the demo shop's Content-Security-Policy, the widget readable
/// by third-party pages, nosniff everywhere; and the console's cookies and CSRF check.
@Suite("Relay headers, cookies and CSRF", .timeLimit(.minutes(2)))
struct RelayHeadersTests {
    /// The repository's console, widget and demo shop, served as `parley serve --demo` serves them.
    static func servePages(_ configuration: inout RelayConfiguration) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        configuration.publicDirectory = root.appendingPathComponent("Sources/ParleyServer/Public").path
        configuration.shopDirectory = root.appendingPathComponent("Samples/shop").path
    }

    /// The directives of a Content-Security-Policy header, by name.
    static func directives(_ policy: String?) -> [String: String] {
        var result: [String: String] = [:]
        for part in (policy ?? "").split(separator: ";") {
            let words = part.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if let name = words.first { result[name] = words.count > 1 ? words[1] : "" }
        }
        return result
    }

    @Test("the console and the start page: a strict policy, no framing, no referrer, nosniff")
    func console() async throws {
        try await withRelay(configure: Self.servePages) { relay throws in
            for path in ["/", "/console/", "/console/console.js", "/console/index.html"] {
                let page = try await relay.http("GET", path)
                #expect(page.status == 200, "\(path)")
                let csp = Self.directives(page.headers["content-security-policy"])
                #expect(csp["frame-ancestors"] == "'none'", "\(path)")
                #expect(csp["script-src"] == "'self'" && csp["style-src"] == "'self'" && csp["object-src"] == "'none'")
                #expect(csp["default-src"] == "'self'" && csp["base-uri"] == "'none'")
                #expect(!(page.headers["content-security-policy"] ?? "").contains("unsafe"), "\(path)")
                #expect(page.headers["x-frame-options"] == "DENY")
                #expect(page.headers["x-content-type-options"] == "nosniff")
                #expect(page.headers["referrer-policy"] == "no-referrer")
            }
        }
    }

    @Test("the demo shop: its own scripts and styles only; the widget stays loadable from any site")
    func shopAndWidget() async throws {
        try await withRelay(configure: Self.servePages) { relay throws in
            let cart = try await relay.http("GET", "/shop/cart.html")
            #expect(cart.status == 200)
            let csp = Self.directives(cart.headers["content-security-policy"])
            #expect(csp["script-src"] == "'self'" && csp["connect-src"] == "'self'" && csp["frame-ancestors"] == "'self'")
            #expect(cart.headers["x-content-type-options"] == "nosniff")
            for path in ["/widget/widget.js", "/widget/element.js", "/widget/texts/tr.js"] {
                let script = try await relay.http("GET", path, headers: ["Origin": "https://shop.example"])
                #expect(script.status == 200, "\(path)")
                #expect(script.headers["content-type"]?.contains("javascript") == true, "\(path)")
                #expect(script.headers["access-control-allow-origin"] == "*", "\(path): modules load in CORS mode")
                #expect(script.headers["cross-origin-resource-policy"] == "cross-origin")
                #expect(script.headers["x-content-type-options"] == "nosniff")
                #expect(script.headers["content-security-policy"] == nil, "a policy on a script means nothing")
            }
        }
    }

    @Test("a served directory without its trailing slash redirects to it, so that the page's relative links work")
    func directoryRedirects() async throws {
        try await withRelay(configure: Self.servePages) { relay throws in
            for (path, target) in [("/shop", "/shop/"), ("/console", "/console/"), ("/shop?lang=de", "/shop/?lang=de")] {
                let response = try await relay.http("GET", path, client: TestRelay.notFollowing)
                #expect(response.status == 301, "\(path)")
                #expect(response.headers["location"] == target, "\(path)")
            }
            #expect(try await relay.http("GET", "/shop/").status == 200)
            #expect(try await relay.http("GET", "/shopping").status == 404)
        }
    }

    @Test("the visitor API answers preflights; it still refuses origins the site does not allow")
    func visitorCORS() async throws {
        try await withRelay(configure: Self.servePages) { relay throws in
            let preflight = try await relay.http(
                "OPTIONS", "/api/v1/visitor/conversations",
                headers: ["Origin": "https://shop.example", "Access-Control-Request-Method": "POST",
                          "Access-Control-Request-Headers": "content-type"])
            #expect(preflight.status == 204)
            #expect(preflight.headers["access-control-allow-origin"] == "*")
            #expect(preflight.headers["access-control-allow-methods"]?.contains("POST") == true)
            #expect(preflight.headers["access-control-allow-headers"]?.lowercased() == "content-type")
            let refused = try await relay.http(
                "POST", "/api/v1/visitor/conversations", json: #"{"siteId":"demo","languages":["tr"]}"#,
                headers: ["Origin": "https://evil.example"])
            #expect(refused.status == 403)
            #expect(refused.json?["error"]?["code"]?.string == "origin_not_allowed")
            #expect(refused.headers["x-content-type-options"] == "nosniff", "errors carry the headers too")
            #expect(Self.directives(refused.headers["content-security-policy"])["default-src"] == "'none'")
            let (id, _) = try await relay.startVisitor(languages: ["tr"])
            #expect(!id.isEmpty)
        }
    }

    @Test("API answers, health and unknown paths: nothing may load or frame them")
    func apiAndErrors() async throws {
        try await withRelay(configure: Self.servePages) { relay throws in
            for (path, status) in [("/healthz", 200), ("/api/v1/operator/session", 401), ("/no-such-page", 404)] {
                let answer = try await relay.http("GET", path)
                #expect(answer.status == status, "\(path)")
                #expect(answer.headers["x-content-type-options"] == "nosniff", "\(path)")
                #expect(answer.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'", "\(path)")
                #expect(answer.headers["referrer-policy"] == "no-referrer", "\(path)")
                #expect(answer.headers["access-control-allow-origin"] == nil, "\(path): only the visitor API is open to other sites")
            }
        }
    }

    @Test("the session cookie is HttpOnly and SameSite=Strict; logout clears it")
    func sessionCookie() async throws {
        try await withRelay { relay throws in
            let login = try await relay.http(
                "POST", "/api/v1/operator/login", json: #"{"login":"demo-de","password":"parley-demo"}"#)
            #expect(login.status == 200)
            let parts = (login.headers["set-cookie"] ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let attributes = Set(parts.dropFirst().map { $0.lowercased() })
            #expect(attributes.contains("httponly"))
            #expect(attributes.contains("samesite=strict"))
            #expect(attributes.contains("path=/"))
            let token = String(parts.first?.split(separator: "=", maxSplits: 1).last ?? "")
            #expect(token.count >= 20)
            #expect(!login.body.contains(token), "the session token is in the cookie only, never in a body scripts can read")
            let (cookie, csrf) = try await relay.login("demo-de")
            let out = try await relay.http("POST", "/api/v1/operator/logout", headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
            #expect(out.status == 204)
            let cleared = (out.headers["set-cookie"] ?? "").lowercased()
            #expect(cleared.contains("max-age=0") && cleared.contains("httponly") && cleared.contains("samesite=strict"))
        }
    }

    @Test("closing a conversation needs the session's CSRF token; without it nothing changes")
    func closeNeedsCSRF() async throws {
        try await withRelay { relay throws in
            let (conversation, _) = try await relay.startVisitor(languages: ["tr"])
            let (cookie, csrf) = try await relay.login("demo-de")
            let path = "/api/v1/conversations/\(conversation)/close"
            let missing = try await relay.http("POST", path, headers: ["Cookie": cookie])
            #expect(missing.status == 403)
            #expect(missing.json?["error"]?["code"]?.string == "csrf_mismatch")
            let (_, otherCSRF) = try await relay.login("demo-en")
            let foreign = try await relay.http("POST", path, headers: ["Cookie": cookie, "X-CSRF-Token": otherCSRF])
            #expect(foreign.status == 403, "another session's token does not count")
            let open = try await relay.http("GET", "/api/v1/operator/conversations", headers: ["Cookie": cookie])
            #expect(open.json?["conversations"]?.array.contains { $0["id"]?.string == conversation } == true)
            let closed = try await relay.http("POST", path, headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
            #expect(closed.status == 204)
            let after = try await relay.http("GET", "/api/v1/operator/conversations", headers: ["Cookie": cookie])
            #expect(after.json?["conversations"]?.array.contains { $0["id"]?.string == conversation } == false)
        }
    }
}
