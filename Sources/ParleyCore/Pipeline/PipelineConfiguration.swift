/// Settings of the ``MessagePipeline``.
public struct PipelineConfiguration: Sendable, Hashable {
    /// How long delivery waits for a translation before it sends the original with `pending`. Default 300 ms.
    public var translationDeadline: Duration
    /// When an engine call is abandoned and the message marked `untranslated`. Default 5 s.
    public var translationTimeout: Duration
    /// Messages admitted but not yet processed before senders get `busy`. Default 2,000 (about a second of backlog at the measured capacity).
    public var maxInFlight: Int
    /// How many earlier messages' languages serve as the detector's history prior. Default 4.
    public var historyDepth: Int

    public init(
        translationDeadline: Duration = .milliseconds(300), translationTimeout: Duration = .seconds(5),
        maxInFlight: Int = 2_000, historyDepth: Int = 4
    ) {
        self.translationDeadline = translationDeadline
        self.translationTimeout = translationTimeout
        self.maxInFlight = maxInFlight
        self.historyDepth = historyDepth
    }
}
