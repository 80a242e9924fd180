import Foundation
import HTTPTypes
import Hummingbird
import ParleyCore
import Logging
import Synchronization
import ParleyText

/// The console's API: login, logout, session, conversation list, close (`docs/protocol.md` §1.2–1.3).
struct OperatorController: Sendable {
    let relay: Relay

    struct LoginRequest: Decodable {
        var login: String
        var password: String
    }

    struct OperatorView: Encodable, Sendable {
        var id: String
        var login: String
        var name: String
        var language: String
        var siteId: String
    }

    struct SessionResponse: Encodable, Sendable {
        var `operator`: OperatorView
        var csrfToken: String
        var expiresAt: String

        init(_ session: OperatorSession, _ account: OperatorAccount) {
            self.operator = OperatorView(
                id: account.id.rawValue, login: account.login, name: account.name, language: account.language.rawValue,
                siteId: account.siteID.rawValue)
            csrfToken = session.csrfToken
            expiresAt = Wire.timestamp(session.expiresAt)
        }
    }

    struct ConversationList: Encodable, Sendable {
        var conversations: [ConversationSummary]
    }

    func addRoutes(to router: Router<RelayRequestContext>) {
        router.post("/api/v1/operator/login") { request, context in try await login(request, context: context) }
        router.post("/api/v1/operator/logout") { request, _ in try await logout(request) }
        router.get("/api/v1/operator/session") { request, _ in
            let (session, account) = try await authenticate(request)
            return JSONBody(value: SessionResponse(session, account))
        }
        router.get("/api/v1/operator/conversations") { request, _ in try await list(request) }
        router.post("/api/v1/conversations/{id}/close") { request, context in
            try await close(request, id: ConversationID(try context.parameters.require("id")))
        }
    }

    private func login(_ request: Request, context: RelayRequestContext) async throws -> JSONBody<SessionResponse> {
        if let wait = relay.conversationsPerAddress.take(context.remoteAddress) {
            throw HTTPFailure(RelayError(.rateLimited, "Too many login attempts from this address.", retryAfter: wait))
        }
        let body = try await request.decodeJSON(LoginRequest.self)
        do {
            let (token, session, account) = try await relay.sessions.login(body.login, password: body.password)
            context.logger.info("Operator logged in", metadata: ["operator.id": "\(account.id)"])
            let maxAge = relay.sessions.lifetime.components.seconds
            let cookie = "\(OperatorSessions.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)"
            return JSONBody(headers: [.setCookie: cookie], value: SessionResponse(session, account))
        } catch let error as RelayError {
            throw HTTPFailure(error)
        }
    }

    private func logout(_ request: Request) async throws -> Response {
        let (session, account) = try await authenticate(request, csrf: true)
        try await relay.sessions.logout(session)
        await relay.bus.publish(.operatorLoggedOut(account.id), to: .operator(account.id))
        await relay.chat.operatorLoggedOut(account)
        let cookie = "\(OperatorSessions.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        return Response(status: .noContent, headers: [.setCookie: cookie])
    }

    private func list(_ request: Request) async throws -> JSONBody<ConversationList> {
        let (_, account) = try await authenticate(request)
        let filter = request.uri.queryParameters["status"].map(String.init)
        let statuses: Set<ConversationStatus> = switch filter {
        case "waiting": [.waiting]
        case "assigned": [.assigned]
        case "closed": [.closed]
        case "all": Set(ConversationStatus.allCases)
        default: ConversationStatus.open
        }
        var conversations = try await relay.store.conversations(of: account.siteID, statuses: statuses, limit: 500)
        if filter == nil || filter == "open" {
            conversations.removeAll { !$0.isListed(for: account.id) }
        }
        var summaries: [ConversationSummary] = []
        for conversation in conversations {
            summaries.append(ConversationSummary(conversation, visitor: try await relay.chat.visitor(of: conversation.id)))
        }
        return JSONBody(value: ConversationList(conversations: summaries))
    }

    private func close(_ request: Request, id: ConversationID) async throws -> Response {
        let (_, account) = try await authenticate(request, csrf: true)
        guard let conversation = try await relay.store.conversation(id), conversation.siteID == account.siteID else {
            throw HTTPFailure(.unknownConversation, "There is no conversation '\(id.rawValue.prefix(64))'.")
        }
        try await relay.chat.close(conversation)
        return Response(status: .noContent)
    }

    /// The logged-in operator; with `csrf`, the request must echo the session's CSRF token.
    func authenticate(_ request: Request, csrf: Bool = false) async throws -> (OperatorSession, OperatorAccount) {
        let result: (OperatorSession, OperatorAccount)
        do {
            result = try await relay.sessions.authenticate(token: request.cookie(OperatorSessions.cookieName))
        } catch let error as RelayError {
            throw HTTPFailure(error)
        }
        if csrf, request.headers[HTTPField.Name("X-CSRF-Token")!] != result.0.csrfToken {
            throw HTTPFailure(.csrfMismatch, "The X-CSRF-Token header is missing or wrong.")
        }
        return result
    }
}
