import Foundation

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
    /// Threads that detect and translate messages before they are stored, beside the event loops, when the translator
    /// runs in process (``AnalysisExecutor``). Default: half the cores, at least one; 0: on the event loops.
    public var analysisThreads: Int

    public init(
        translationDeadline: Duration = .milliseconds(300), translationTimeout: Duration = .seconds(5),
        maxInFlight: Int = 2_000, historyDepth: Int = 4, analysisThreads: Int = Self.defaultAnalysisThreads
    ) {
        self.translationDeadline = translationDeadline
        self.translationTimeout = translationTimeout
        self.maxInFlight = maxInFlight
        self.historyDepth = historyDepth
        self.analysisThreads = analysisThreads
    }

    /// Half the cores the process may use, at least one: the other half stays with the event loops.
    public static var defaultAnalysisThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount / 2) }
}
