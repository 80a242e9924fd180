public import Hummingbird
public import HummingbirdCore
public import Logging
public import NIOCore
public import ServiceLifecycle

/// The relay as a Hummingbird application: the application ``buildApplication(_:dependencies:)`` assembles, with one
/// step added to graceful shutdown — operators' departures stop being handled (they are leaving because the relay
/// is), and every WebSocket is sent close code 4000 (`shutting_down`, "reconnect") before the HTTP server begins its
/// own shutdown, in which the WebSocket library would close them with 1000.
public struct RelayApplication<Wrapped: ApplicationProtocol>: ApplicationProtocol {
    public typealias Responder = Wrapped.Responder

    let wrapped: Wrapped
    /// Runs first when graceful shutdown begins; must not block.
    let beforeShutdown: @Sendable () -> Void

    public var responder: Responder { get async throws { try await wrapped.responder } }
    public var server: HTTPServerBuilder { wrapped.server }
    public var eventLoopGroup: any EventLoopGroup { wrapped.eventLoopGroup }
    public var configuration: ApplicationConfiguration { wrapped.configuration }
    public var logger: Logger { wrapped.logger }
    public var services: [any Service] { wrapped.services }
    public var processesRunBeforeServerStart: [@Sendable () async throws -> Void] {
        wrapped.processesRunBeforeServerStart
    }

    public func onServerRunning(_ channel: any Channel) async {
        await wrapped.onServerRunning(channel)
    }

    /// Runs the application. The shutdown handler is registered before the application's own service group listens
    /// for shutdown, so the close frames are on their way before the server is told to stop.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await wrapped.run()
        } onGracefulShutdown: {
            beforeShutdown()
        }
    }
}
