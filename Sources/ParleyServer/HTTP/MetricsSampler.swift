import Metrics
import ParleyCore
import ParleySQLite

/// Gauges read when `/metrics` is scraped rather than kept current on every change: open sockets and queue depths.
///
/// `parley.queue.depth` by `queue`: `outbound_total` and `outbound_max` (frames waiting in the sockets' outbound
/// queues, summed and the deepest), `pipeline` (messages admitted and not yet detected, translated and released),
/// `waiting_conversations` (conversations without an operator). `parley.store.commits` and
/// `parley.store.committed_writes`: SQLite transactions committed since start and the writes they held (their ratio is
/// the batch size, what `commitWindowMs` tunes); `parley.store.commit_window_ms`, the commit window in force (it widens
/// under load up to `commitWindowMaxMs`).
struct MetricsSampler: Sendable {
    let relay: Relay

    func record() async {
        relay.connectionOpen().record(relay.connections.count)
        let outbound = relay.connections.outboundDepths()
        Gauge(label: "parley.queue.depth", dimensions: [("queue", "outbound_total")]).record(outbound.total)
        Gauge(label: "parley.queue.depth", dimensions: [("queue", "outbound_max")]).record(outbound.max)
        Gauge(label: "parley.queue.depth", dimensions: [("queue", "pipeline")]).record(relay.pipeline.depth)
        if let sqlite = relay.store as? SQLiteChatStore {
            let statistics = sqlite.commitStatistics
            Gauge(label: "parley.store.commits").record(statistics.commits)
            Gauge(label: "parley.store.committed_writes").record(statistics.writes)
            Gauge(label: "parley.store.commit_window_ms").record(ChatConnection.milliseconds(sqlite.commitWindow))
        }
        if let waiting = try? await waitingConversations() {
            Gauge(label: "parley.queue.depth", dimensions: [("queue", "waiting_conversations")]).record(waiting)
        }
    }

    private func waitingConversations() async throws -> Int {
        var count = 0
        for site in try await relay.store.sites() {
            count += try await relay.store.conversationCount(of: site.id, statuses: [.waiting])
        }
        return count
    }
}
