import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import ParleyCore
import Logging
import Synchronization
import ParleyText
import NIOCore
import NIOWebSocket

/// `/ws/visitor?token=…` and `/ws/operator`: authenticates the upgrade, then runs a ``ChatConnection``.
///
/// A refused upgrade falls through to the plain HTTP routes of the same paths, which answer with the error (401/403).
struct SocketController: Sendable {
    let relay: Relay
    let operators: OperatorController

    func addRoutes(webSocket router: Router<RelayRequestContext>, http: Router<RelayRequestContext>) {
        router.ws("/ws/visitor") { request, context in
            context.socketIdentity.set(try await visitorIdentity(request))
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let identity = context.requestContext.socketIdentity.take() else { return }
            await run(identity, context: context, inbound: inbound, outbound: outbound)
        }
        router.ws("/ws/operator") { request, context in
            context.socketIdentity.set(try await operatorIdentity(request))
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let identity = context.requestContext.socketIdentity.take() else { return }
            await run(identity, context: context, inbound: inbound, outbound: outbound)
        }
        http.get("/ws/visitor") { request, _ -> Response in
            _ = try await visitorIdentity(request)
            throw HTTPFailure(.badRequest, "Expected a WebSocket upgrade request.")
        }
        http.get("/ws/operator") { request, _ -> Response in
            _ = try await operatorIdentity(request)
            throw HTTPFailure(.badRequest, "Expected a WebSocket upgrade request.")
        }
    }

    private func run(
        _ identity: SocketIdentity, context: WebSocketRouterContext<RelayRequestContext>,
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter
    ) async {
        let address = context.requestContext.remoteAddress
        guard relay.connectionsPerAddress.open(address) else {
            try? await outbound.write(.text(Wire.encode(ErrorFrame(RelayError(
                .rateLimited, "Too many connections from this address.", retryAfter: .seconds(10))))))
            try? await outbound.close(.unknown(CloseCode.rateLimited.code), reason: CloseCode.rateLimited.reason)
            // A refused socket holds no slot: if the client does not finish the close handshake soon, it is cut off.
            let channel = context.requestContext.channel
            channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
            return
        }
        defer { relay.connectionsPerAddress.close(address) }
        let connection = ChatConnection(
            relay: relay, identity: identity, address: address, channel: context.requestContext.channel,
            logger: context.logger)
        await connection.run(inbound: inbound, outbound: outbound)
    }

    /// A valid token of an existing conversation, opened from an allowed origin. (Not inlined: the socket's task keeps
    /// the memory of its deepest stack for as long as it lives.)
    @inline(never)
    func visitorIdentity(_ request: Request) async throws -> SocketIdentity {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        let grant: VisitorGrant
        do {
            grant = try relay.tokens.verify(token)
        } catch {
            throw HTTPFailure(error)
        }
        guard let site = try await relay.store.site(grant.siteID) else {
            throw HTTPFailure(.invalidToken, "The conversation token is not valid; start a new conversation.")
        }
        try VisitorController(relay: relay).checkOrigin(request, site: site)
        guard let visitor = try await relay.store.participants(of: grant.conversationID)
            .first(where: { $0.id == grant.participantID })
        else { throw HTTPFailure(.invalidToken, "The conversation token is not valid; start a new conversation.") }
        return .visitor(grant, visitor)
    }

    /// A logged-in operator; a browser `Origin`, if sent, must be this relay's or one of the site's origins.
    @inline(never)
    func operatorIdentity(_ request: Request) async throws -> SocketIdentity {
        let (session, account) = try await operators.authenticate(request)
        let own = request.head.authority.map { ["http://\($0)", "https://\($0)"] } ?? []
        let site = try await relay.store.site(account.siteID)
        for origin in request.headers[values: .origin] where !origin.isEmpty {
            guard own.contains(origin.lowercased()) || site?.allows(origin: origin) == true else {
                throw HTTPFailure(.originNotAllowed, "Origin '\(origin.prefix(100))' is not allowed for the console.")
            }
        }
        return .operator(account, session)
    }
}
