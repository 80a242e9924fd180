import Dispatch
import Synchronization

/// Where a message is detected and translated before it is stored, when the translator runs in process: serial queues
/// of the pipeline's own (``PipelineConfiguration/analysisThreads``), beside the event loops that read and write the
/// sockets.
///
/// The analysis is the largest part of the relay's own work on a message. On the event loops it ran between the
/// sockets' reads and writes, and every socket of a loop waited while it did: under load the loops' queues grew, and
/// the tail with them. On queues of its own the loops keep serving sockets, and the analyses run back to back. The
/// CPU per message is the same; the peak with p99 under 50 ms moved from 6,000 to 8,000 msg/s in four of six
/// interleaved pairs at 1,000 conversations (docs/performance.md, *the analysis round*).
///
/// An analysis that waits (a store read, an engine's `await`) frees its queue meanwhile: the queues run jobs, not
/// tasks. A task's jobs go to the queues in turn, so one long analysis holds back at most the jobs queued behind it.
final class AnalysisExecutor: TaskExecutor {
    private let queues: [DispatchQueue]
    private let turn = Atomic<Int>(0)
    private let jobs = Atomic<Int>(0)

    /// Marks the analysis queues (``isCurrent``).
    private static let marker = DispatchSpecificKey<Bool>()

    /// `threads` serial queues (at least one).
    init(threads: Int) {
        queues = (0..<max(1, threads)).map { index in
            let queue = DispatchQueue(label: "parley.analysis.\(index)")
            queue.setSpecific(key: Self.marker, value: true)
            return queue
        }
    }

    /// Whether the caller runs on one of the analysis queues (for tests).
    static var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) == true }

    /// How many queues run analyses.
    var threads: Int { queues.count }

    /// Jobs run so far (for tests).
    var jobsRun: Int { jobs.load(ordering: .relaxed) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        let queue =
            queues.count == 1 ? queues[0] : queues[turn.wrappingAdd(1, ordering: .relaxed).oldValue % queues.count]
        queue.async {
            self.jobs.wrappingAdd(1, ordering: .relaxed)
            job.runSynchronously(on: executor)
        }
    }
}
