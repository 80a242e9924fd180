public import Logging
import Metrics
public import ParleyText
public import ParleyTranslation
public import ServiceLifecycle
import Synchronization

/// Detects and translates stored messages and releases them for delivery, in order, within a deadline.
///
/// Messages enter with ``accept(_:)`` after they are stored and acknowledged. For each, the pipeline detects the
/// language (with the conversation's history and the visitor's browser languages as priors), translates it for every
/// other participant whose language differs, stores the results and announces `messagesReady` on the ``EventBus``.
/// If translations take longer than the deadline the message is released anyway and each late translation is
/// announced as `translationStored`; a failed engine stores an `untranslated` record.
///
/// Runs as a `Service`: every queued job is a child task of ``run()``. With a translator that runs in process nothing
/// can be late, so a message is analysed before it is stored (``analysis(of:)``) and stored with its detection and
/// translations in one write: it is complete when it is acknowledged.
public final class MessagePipeline: Service, Sendable {
    enum Job: Sendable {
        case process(ChatMessage)
        case translate(ConversationID, seq: Int, language: LanguageCode, force: Bool)
    }

    struct TranslationKey: Hashable, Sendable {
        var conversation: ConversationID
        var seq: Int
        var language: LanguageCode
    }

    let store: any ChatStore
    let bus: any EventBus
    let detector: any LanguageDetecting
    let translator: (any Translator)?
    /// `translator.runsInProcess` (or no translator), asked once: it walks the decorator chain.
    let translatesInProcess: Bool
    /// Where ``analysis(of:)`` runs; `nil`: in the caller's task, where it is (a remote translator, or no threads).
    let analysisExecutor: AnalysisExecutor?
    let glossary: Glossary?
    let configuration: PipelineConfiguration
    let clock: any Clock<Duration>
    let logger: Logger
    private let jobs: AsyncStream<Job>
    private let jobSink: AsyncStream<Job>.Continuation
    private let inFlight = Atomic<Int>(0)
    let releases = Mutex(ReleaseStateMachine())
    let translating = Mutex(Set<TranslationKey>())
    let browserLanguageCache = Mutex<[ConversationID: [LanguageCode]]>([:])
    let metrics = PipelineMetrics()

    public init(
        store: any ChatStore, bus: any EventBus, detector: any LanguageDetecting, translator: (any Translator)?,
        glossary: Glossary? = nil, configuration: PipelineConfiguration = .init(),
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger
    ) {
        self.store = store
        self.bus = bus
        self.detector = detector
        self.translator = translator
        self.translatesInProcess = translator?.runsInProcess ?? true
        self.analysisExecutor =
            translatesInProcess && configuration.analysisThreads > 0
            ? AnalysisExecutor(threads: configuration.analysisThreads) : nil
        self.glossary = glossary
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        (jobs, jobSink) = AsyncStream.makeStream(of: Job.self)
    }

    /// Reserves room for one message. Throws `busy` when the pipeline is full; call before storing the message,
    /// then either ``accept(_:)`` or ``cancelAdmission()``.
    public func admit() throws(RelayError) {
        let now = inFlight.wrappingAdd(1, ordering: .relaxed).newValue
        if now > configuration.maxInFlight {
            inFlight.wrappingSubtract(1, ordering: .relaxed)
            throw RelayError(.busy, "The relay is busy; the message was not stored. Retry shortly.",
                             retryAfter: .milliseconds(500))
        }
    }

    /// Gives back a reservation from ``admit()`` that was not used (the message was a duplicate or not stored).
    public func cancelAdmission() {
        inFlight.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Messages admitted and not finished (a queue depth for metrics).
    public var depth: Int { inFlight.load(ordering: .relaxed) }

    /// Processes a freshly stored message; uses the reservation from ``admit()``. A message stored with its analysis
    /// (``analysis(of:)``) is released at once; otherwise, with a translator that runs in process, the work is done
    /// here, in the caller's task, and with a remote one the message is queued and this returns at once.
    public func accept(_ message: ChatMessage) async {
        releases.withLock { $0.started(message.conversationID, seq: message.seq) }
        if message.language != nil {
            await release(message.conversationID, seq: message.seq)
        } else if translatesInProcess {
            await process(message)
        } else {
            jobSink.yield(.process(message))
            return
        }
        inFlight.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Asks for the translation of a stored message into `language` (a recipient whose translation is missing, or an
    /// operator's retry with `force`). Announces `translationStored` when done. Duplicate requests are merged.
    public func requestTranslation(
        _ conversation: ConversationID, seq: Int, into language: LanguageCode, force: Bool = false
    ) {
        let key = TranslationKey(conversation: conversation, seq: seq, language: language)
        guard translating.withLock({ $0.insert(key).inserted }) else { return }
        jobSink.yield(.translate(conversation, seq: seq, language: language, force: force))
    }

    /// The highest `seq` of the conversation that may be delivered now; `nil` when all stored messages may.
    public func releasedHead(of conversation: ConversationID) -> Int? {
        releases.withLock { $0.releasedHead(of: conversation) }
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for await job in jobs.cancelOnGracefulShutdown() {
                group.addTask { await self.perform(job) }
            }
        }
    }

    private func perform(_ job: Job) async {
        switch job {
        case .process(let message):
            await process(message)
            inFlight.wrappingSubtract(1, ordering: .relaxed)
        case .translate(let conversation, let seq, let language, let force):
            await translateOnRequest(conversation, seq: seq, language: language, force: force)
            translating.withLock { _ = $0.remove(TranslationKey(conversation: conversation, seq: seq, language: language)) }
        }
    }

    /// The pipeline's metric handles, made once.
    struct PipelineMetrics: Sendable {
        let detectionOutcome = MetricHandles { Counter(label: "parley.detection.outcome", dimensions: [("language", $0[0])]) }
        let translationDuration = MetricHandles {
            Metrics.Timer(label: "parley.translation.duration", dimensions: [("engine", $0[0]), ("outcome", $0[1])])
        }
    }

    func release(_ conversation: ConversationID, seq: Int) async {
        if let upTo = releases.withLock({ $0.finished(conversation, seq: seq) }) {
            await bus.publish(.messagesReady(conversation, upTo: upTo), to: .conversation(conversation))
        }
    }
}
