/// Receives events for the topics it follows. Implemented by connections.
///
/// `receive` is called from the publisher's context: it must not block or suspend. It returns `false` when the sink
/// cannot take the event (its bounded queue is full); the bus then stops delivering to it and the sink's owner closes
/// the connection ("slow consumer").
public protocol EventSink: AnyObject, Sendable {
    func receive(_ event: RelayEvent) -> Bool
}

/// Fans events out to the sinks that follow a topic.
///
/// Contract:
/// - Events published to one topic by one task reach each sink in publication order.
/// - Delivery is at most once and may be lost (a sink that overflows, a node that restarts): events are
///   wake-up calls, and everything that matters is re-read from the ``ChatStore``.
/// - `publish` never waits for a slow sink.
public protocol EventBus: Sendable {
    /// Delivers `event` to every sink following `topic`.
    func publish(_ event: RelayEvent, to topic: EventTopic) async
    /// Starts delivering `topic`'s events to `sink`. Following twice is the same as once.
    func follow(_ topic: EventTopic, sink: any EventSink) async
    /// Stops delivering `topic`'s events to `sink`.
    func unfollow(_ topic: EventTopic, sink: any EventSink) async
    /// Stops delivering anything to `sink`.
    func remove(_ sink: any EventSink) async
}
