import Synchronization

/// The in-process ``EventBus``: enough for one relay node.
public final class LocalEventBus: EventBus {
    private struct State {
        var sinksByTopic: [EventTopic: [ObjectIdentifier: any EventSink]] = [:]
        var topicsBySink: [ObjectIdentifier: Set<EventTopic>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func publish(_ event: RelayEvent, to topic: EventTopic) async {
        publishNow(event, to: topic)
    }

    /// Publishes without suspending.
    public func publishNow(_ event: RelayEvent, to topic: EventTopic) {
        let sinks = state.withLock { $0.sinksByTopic[topic].map { Array($0.values) } ?? [] }
        for sink in sinks where !sink.receive(event) {
            removeNow(sink)
        }
    }

    public func follow(_ topic: EventTopic, sink: any EventSink) async {
        let key = ObjectIdentifier(sink)
        state.withLock {
            $0.sinksByTopic[topic, default: [:]][key] = sink
            $0.topicsBySink[key, default: []].insert(topic)
        }
    }

    public func unfollow(_ topic: EventTopic, sink: any EventSink) async {
        let key = ObjectIdentifier(sink)
        state.withLock {
            $0.sinksByTopic[topic]?[key] = nil
            if $0.sinksByTopic[topic]?.isEmpty == true { $0.sinksByTopic[topic] = nil }
            $0.topicsBySink[key]?.remove(topic)
        }
    }

    public func remove(_ sink: any EventSink) async {
        removeNow(sink)
    }

    private func removeNow(_ sink: any EventSink) {
        let key = ObjectIdentifier(sink)
        state.withLock { state in
            for topic in state.topicsBySink.removeValue(forKey: key) ?? [] {
                state.sinksByTopic[topic]?[key] = nil
                if state.sinksByTopic[topic]?.isEmpty == true { state.sinksByTopic[topic] = nil }
            }
        }
    }

    /// How many sinks follow `topic` (for tests and metrics).
    public func sinkCount(for topic: EventTopic) -> Int {
        state.withLock { $0.sinksByTopic[topic]?.count ?? 0 }
    }
}
