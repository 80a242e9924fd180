import Foundation

/// Runs SQLite's writer above the relay's other threads: while it commits, its thread's nice value is `boost` steps
/// below the relay's (Linux: the nice value is a thread's own), and goes back to what it was when the writer goes idle.
///
/// A commit is short but every message in it waits for it; on a machine whose cores are busy with the event loops
/// (and whatever else runs there), a writer woken from its `fsync` otherwise waits for a time slice, and so does every
/// message of its batch. (libdispatch already runs its worker threads, the writer's among them, a little above the
/// rest: at nice −2 on this system.) Lowering a nice value needs `CAP_SYS_NICE` or an `RLIMIT_NICE` that allows it
/// (systemd: `LimitNICE=`); without either the writer runs as before and ``outcome`` says so.
final class WriterPriority: Sendable {
    let outcome: WriterPriorityOutcome
    /// The writer's nice value while it commits: the opening thread's (the relay's) minus the boost.
    private let raised: Int32

    /// Probes, on the calling thread, whether its nice value may be lowered by `boost` (0–20), and puts it back.
    init(boost: Int) {
        let base = Self.current() ?? 0
        raised = max(-20, base - Int32(clamping: boost))
        guard raised < base else {
            outcome = .unchanged
            return
        }
        if setpriority(Self.thisThread, 0, raised) == 0 {
            _ = setpriority(Self.thisThread, 0, base)
            outcome = .raised(boost: Int(base - raised))
        } else {
            outcome = .refused(boost: boost)
        }
    }

    /// Raises the calling thread (the writer's); returns the nice value ``lower(to:)`` must put back, or `nil` when
    /// nothing changed.
    func raise() -> Int32? {
        guard case .raised = outcome, let previous = Self.current(), previous > raised,
            setpriority(Self.thisThread, 0, raised) == 0
        else { return nil }
        return previous
    }

    /// Puts the calling thread back to `previous` (always allowed: it only lowers the priority).
    func lower(to previous: Int32) {
        _ = setpriority(Self.thisThread, 0, previous)
    }

    /// The calling thread's nice value (`getpriority` may return −1 as a value: `errno` tells).
    private static func current() -> Int32? {
        errno = 0
        let value = getpriority(thisThread, 0)
        return value == -1 && errno != 0 ? nil : value
    }

    /// `PRIO_PROCESS` with id 0: on Linux, the calling thread.
    private static let thisThread = __priority_which_t(PRIO_PROCESS.rawValue)
}

/// What opening a ``SQLiteChatStore`` found about its writer's priority.
public enum WriterPriorityOutcome: Sendable, Hashable {
    /// No boost was asked for.
    case unchanged
    /// The writer runs `boost` nice steps above the relay's other threads while it commits.
    case raised(boost: Int)
    /// The process may not lower a nice value (no `CAP_SYS_NICE`, no `RLIMIT_NICE` allowing it): the writer runs at
    /// the relay's priority.
    case refused(boost: Int)
}
