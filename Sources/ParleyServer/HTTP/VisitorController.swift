import Foundation
import HTTPTypes
import Hummingbird
import ParleyCore
import ParleyText
import Logging
import Synchronization

/// `POST /api/v1/visitor/conversations`: start or resume a visitor conversation (`docs/protocol.md` §1.1).
struct VisitorController: Sendable {
    let relay: Relay

    struct StartRequest: Decodable {
        var siteId: String
        var languages: [String]?
        var page: PageInfo?
        var name: String?
        var token: String?
    }

    struct StartResponse: Encodable, Sendable {
        var `protocol` = 1
        var conversationId: String
        var token: String
        var expiresAt: String
        var language: String
        var supportedLanguages: [String]
        var operatorsOnline: Int
        var lastSeq: Int
        var websocket = "/ws/visitor"
    }

    func addRoutes(to router: Router<RelayRequestContext>) {
        router.post("/api/v1/visitor/conversations") { request, context in
            try await start(request, context: context)
        }
    }

    func start(_ request: Request, context: RelayRequestContext) async throws -> JSONBody<StartResponse> {
        if let wait = relay.conversationsPerAddress.take(context.remoteAddress) {
            throw HTTPFailure(RelayError(.rateLimited, "Too many new conversations from this address.", retryAfter: wait))
        }
        let body = try await request.decodeJSON(StartRequest.self)
        guard let site = try await relay.store.site(SiteID(body.siteId)) else {
            throw HTTPFailure(.unknownSite, "There is no site '\(body.siteId.prefix(64))'.")
        }
        try checkOrigin(request, site: site)
        if let token = body.token, let resumed = try await resume(token, site: site) {
            return JSONBody(status: .ok, value: resumed)
        }
        let name = String((body.name ?? "Visitor").prefix(64))
        let start = VisitorStart(
            siteID: site.id, browserLanguages: Array((body.languages ?? []).prefix(16)), page: body.page ?? PageInfo(),
            name: name.isEmpty ? "Visitor" : name)
        let (conversation, visitor) = try await relay.chat.startConversation(start, site: site)
        context.logger.info("Conversation started", metadata: ["conversation.id": "\(conversation.id)",
                                                                "site.id": "\(site.id)"])
        return JSONBody(status: .created, value: response(conversation, visitor: visitor))
    }

    /// The conversation of a still valid token of this site, with a fresh token; `nil` to start a new one.
    private func resume(_ token: String, site: Site) async throws -> StartResponse? {
        guard let grant = try? relay.tokens.verify(token), grant.siteID == site.id,
            let conversation = try await relay.store.conversation(grant.conversationID), conversation.status != .closed,
            let visitor = try await relay.store.participants(of: conversation.id).first(where: { $0.id == grant.participantID })
        else { return nil }
        return response(conversation, visitor: visitor)
    }

    private func response(_ conversation: Conversation, visitor: Participant) -> StartResponse {
        let expires = Date.now.addingTimeInterval(Double(relay.tokens.lifetime.components.seconds))
        let grant = VisitorGrant(
            conversationID: conversation.id, siteID: conversation.siteID, participantID: visitor.id, expiresAt: expires)
        return StartResponse(
            conversationId: conversation.id.rawValue, token: relay.tokens.issue(grant), expiresAt: Wire.timestamp(expires),
            language: visitor.language.rawValue, supportedLanguages: LanguageCode.supported.map(\.rawValue),
            operatorsOnline: relay.chat.presence.onlineCount(in: conversation.siteID), lastSeq: conversation.lastSeq)
    }

    /// The request's `Origin` must be one of the site's allowed origins (every value, if a client sent several).
    func checkOrigin(_ request: Request, site: Site) throws {
        let origins = request.headers[values: .origin]
        guard let refused = origins.first(where: { !site.allows(origin: $0) }) ?? (origins.isEmpty ? "" : nil) else {
            return
        }
        let shown = refused.isEmpty ? "(none)" : String(refused.prefix(100))
        throw HTTPFailure(.originNotAllowed, "Origin '\(shown)' is not allowed for site '\(site.id)'.")
    }
}
