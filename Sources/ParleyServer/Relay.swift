import Foundation
import Logging
import Metrics
import ParleyCore
import Synchronization
import ParleyText

/// The relay's assembled parts, shared by the HTTP controllers and the socket connections. Built once by
/// ``buildApplication(_:dependencies:)``.
struct Relay: Sendable {
    let configuration: RelayConfiguration
    let store: any ChatStore
    let bus: any EventBus
    let chat: ChatService
    let pipeline: MessagePipeline
    let tokens: VisitorTokens
    let sessions: OperatorSessions
    let messagesPerAddress: AddressRateLimiter
    let conversationsPerAddress: AddressRateLimiter
    let connectionsPerAddress: ConnectionCounter
    let connections: ConnectionRegistry
    let readiness: Readiness
    let logger: Logger
    /// Connection metric handles, made once per relay (after the metrics system is set up).
    let connectionOpen = MetricHandles { _ in Gauge(label: "parley.connections.open") }
    let messagesDelivered = MetricHandles { _ in Counter(label: "parley.messages.delivered") }
}

/// Whether the relay takes traffic: `starting` until the store is open, `ready`, then `stopping` on shutdown.
final class Readiness: Sendable {
    enum State: Int, Sendable { case starting, ready, stopping }
    private let value = Atomic<Int>(State.starting.rawValue)

    var state: State { State(rawValue: value.load(ordering: .relaxed)) ?? .starting }
    func set(_ state: State) { value.store(state.rawValue, ordering: .relaxed) }
}
