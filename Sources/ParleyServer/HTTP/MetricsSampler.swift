import Metrics
import ParleyCore

/// Gauges read when `/metrics` is scraped rather than kept current on every change: open sockets and queue depths.
///
/// `parley.queue.depth` by `queue`: `outbound_total` and `outbound_max` (frames waiting in the sockets' outbound
/// queues, summed and the deepest), `pipeline` (messages admitted and not yet detected, translated and released),
/// `waiting_conversations` (conversations without an operator).
struct MetricsSampler: Sendable {
    let relay: Relay

    func record() async {
        relay.connectionOpen().record(relay.connections.count)
        let outbound = relay.connections.outboundDepths()
        Gauge(label: "parley.queue.depth", dimensions: [("queue", "outbound_total")]).record(outbound.total)
        Gauge(label: "parley.queue.depth", dimensions: [("queue", "outbound_max")]).record(outbound.max)
        Gauge(label: "parley.queue.depth", dimensions: [("queue", "pipeline")]).record(relay.pipeline.depth)
        if let waiting = try? await waitingConversations() {
            Gauge(label: "parley.queue.depth", dimensions: [("queue", "waiting_conversations")]).record(waiting)
        }
    }

    private func waitingConversations() async throws -> Int {
        var count = 0
        for site in try await relay.store.sites() {
            count += try await relay.store.conversations(of: site.id, statuses: [.waiting], limit: 100_000).count
        }
        return count
    }
}
