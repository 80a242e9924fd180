import Foundation
import GRDB
import ParleyCore
import Synchronization

/// Group commit: writes that arrive while a transaction is being committed are committed together in the next one,
/// so many senders share one `fsync`. Each caller resumes only after the transaction holding its write committed
/// (or failed). Runs on GRDB's serial writer queue; creates no tasks.
///
/// Durable commits start at most once per *commit window*: a durable batch due less than the window after the last
/// one started waits out the rest of it and takes every write that arrived meanwhile. Under load, messages then share
/// a sync instead of paying one each (on a virtual disk a commit of one message costs several hundred µs of CPU time
/// in SQLite and the kernel); at light load, when writes are further apart than the window, nothing waits. The cost is
/// at most one window of latency per write.
///
/// The window widens with the load: a durable batch of ``widenAt`` writes or more doubles it (up to the maximum window),
/// one of ``narrowAt`` or fewer puts it back to the base. Light load keeps the base window; a steady stream of
/// messages shares fewer, larger commits, each write waiting at most the maximum window.
///
/// Writes are ``Durability/durable`` (the transaction syncs the WAL before its callers resume: messages) or
/// ``Durability/derived`` (committed and visible to readers at once, synced by the next durable commit or checkpoint:
/// detections and translations, which the relay recomputes when a crash lost them). A batch holding any durable
/// write is synced; a batch of derived writes only skips the `fsync`.
///
/// A transaction of its own (``transaction(committed:_:)``: conversations, participants, operators) takes its turn
/// in the same queue, in arrival order: writes queued before it are committed first, those queued after it wait for
/// it. It never waits behind a stream of messages that does not pause.
///
/// While it drains, the writer's thread runs above the relay's other threads (``WriterPriority``).
final class WriteBatcher: Sendable {
    /// One queued write: `run` does the work inside the transaction and returns how to resume its caller after
    /// commit; `fail` resumes it with an error when the transaction fails. A write `alone` runs its own transaction.
    private struct Pending: Sendable {
        var durable: Bool
        var alone = false
        var run: @Sendable (Database) throws -> @Sendable () -> Void
        var fail: @Sendable (any Error) -> Void
    }

    /// What the writer does next.
    private enum Turn {
        /// A transaction of its own.
        case alone(Pending)
        /// A batch of the writes at the head of the queue; whether any of them is durable.
        case batch(durable: Bool)
    }

    private struct State {
        var pending: [Pending] = []
        var draining = false
        /// When the last durable commit started (only the draining writer reads or sets it).
        var lastDurableStart: ContinuousClock.Instant?
        /// The commit window in force: the base, or wider under load.
        var window: Duration
        /// Transactions committed, and the writes they held (diagnostics and tests).
        var commits = 0
        var committedWrites = 0
    }

    /// Whether a write must be on disk before its caller resumes.
    enum Durability: Sendable {
        case durable
        case derived
    }

    /// The most writes committed in one transaction.
    static let maxBatch = 512
    /// A durable batch of this many writes or more doubles the window (up to the maximum).
    static let widenAt = 4
    /// A durable batch of this many writes or fewer puts the window back to the base.
    static let narrowAt = 2

    private let pool: DatabasePool
    private let commitWindow: Duration
    private let maxCommitWindow: Duration
    private let state: Mutex<State>
    private let rolledBack: @Sendable () -> Void
    let priority: WriterPriority
    /// The writer connection's current `PRAGMA synchronous` (only touched on the serial writer queue).
    private let syncing = Mutex(true)

    /// `maxCommitWindow` below `commitWindow` counts as `commitWindow` (a window that never widens).
    /// `priorityBoost`: nice steps the writer's thread runs above the caller's while it drains (0: none).
    /// `rolledBack`: called on the writer queue when a transaction fails, before its callers resume: what the writes
    /// recorded in memory inside it was not written.
    init(
        pool: DatabasePool, commitWindow: Duration, maxCommitWindow: Duration, priorityBoost: Int,
        rolledBack: @escaping @Sendable () -> Void = {}
    ) {
        self.pool = pool
        self.rolledBack = rolledBack
        self.priority = WriterPriority(boost: priorityBoost)
        self.commitWindow = commitWindow
        self.maxCommitWindow = max(commitWindow, maxCommitWindow)
        self.state = Mutex(State(window: commitWindow))
    }

    /// Transactions committed so far, and the writes they held.
    var statistics: (commits: Int, writes: Int) {
        state.withLock { ($0.commits, $0.committedWrites) }
    }

    /// The commit window in force now.
    var window: Duration { state.withLock { $0.window } }

    /// Writes queued and not yet taken by the writer (diagnostics and tests).
    var queued: Int { state.withLock { $0.pending.count } }

    /// Runs `work` in a shared transaction. A `.failure` refuses this write only; a thrown error fails the whole
    /// transaction (every write in it).
    ///
    /// `committed` runs after the commit, on the writer queue, in commit order, before the caller resumes: the place
    /// to update in-memory state that must follow the file exactly.
    func write<T: Sendable>(
        _ durability: Durability = .durable, committed: (@Sendable (T) -> Void)? = nil,
        _ work: @escaping @Sendable (Database) throws -> Result<T, StoreError>
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            enqueue(Pending(
                durable: durability == .durable,
                run: { db in
                    let result = try work(db)
                    return {
                        if let committed, case .success(let value) = result { committed(value) }
                        continuation.resume(with: result)
                    }
                },
                fail: { continuation.resume(throwing: $0) }))
        }
    }

    /// Queues a write; starts the writer when it is idle.
    private func enqueue(_ pending: Pending) {
        let startDrain = state.withLock { state in
            state.pending.append(pending)
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if startDrain {
            pool.asyncWriteWithoutTransaction { db in self.drain(db) }
        }
    }

    /// Commits batches, and transactions of their own, in queue order until nothing is pending.
    private func drain(_ db: Database) {
        let previous = priority.raise()
        defer { if let previous { priority.lower(to: previous) } }
        while let turn = nextTurn() {
            switch turn {
            case .alone(let pending):
                do {
                    try pending.run(db)()
                } catch {
                    rolledBack()
                    pending.fail(error)
                }
            case .batch(let durable):
                if durable { waitOutCommitWindow() }
                let batch: [Pending] = state.withLock { state in
                    let count = min(state.pending.prefix { !$0.alone }.count, Self.maxBatch)
                    let batch = Array(state.pending.prefix(count))
                    state.pending.removeFirst(count)
                    return batch
                }
                commit(batch, db)
            }
        }
    }

    /// The transaction of its own at the head of the queue, taken, or whether the writes before the next one need a
    /// sync; `nil` (and the drain ends) when nothing is pending.
    private func nextTurn() -> Turn? {
        state.withLock { state in
            guard let first = state.pending.first else {
                state.draining = false
                return nil
            }
            if first.alone { return .alone(state.pending.removeFirst()) }
            return .batch(durable: state.pending.prefix { !$0.alone }.contains { $0.durable })
        }
    }

    /// Blocks the writer until a commit window has passed since the last durable commit started. Writes arriving
    /// meanwhile queue and join the batch.
    private func waitOutCommitWindow() {
        guard let (last, window) = state.withLock({ state in state.lastDurableStart.map { ($0, state.window) } })
        else { return }
        let remaining = window - (ContinuousClock.now - last)
        guard remaining > .zero else { return }
        let (seconds, attoseconds) = remaining.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }

    private func commit(_ batch: [Pending], _ db: Database) {
        var resumes: [@Sendable () -> Void] = []
        let durable = batch.contains { $0.durable }
        if durable {
            // Recorded here, for every durable batch (one whose durable write arrived after the check before the
            // window too), so that the window always counts from the last durable commit's start.
            let now = ContinuousClock.now
            state.withLock { $0.lastDurableStart = now }
        }
        do {
            try setSynchronous(durable, db)
            try db.inTransaction {
                resumes = try batch.map { try $0.run(db) }
                return .commit
            }
        } catch {
            rolledBack()
            let failure = StoreError(.storage, "A database write failed.", underlying: error)
            for pending in batch { pending.fail(failure) }
            return
        }
        state.withLock { state in
            state.commits += 1
            state.committedWrites += batch.count
            guard durable else { return }
            if batch.count >= Self.widenAt {
                state.window = min(maxCommitWindow, state.window * 2)
            } else if batch.count <= Self.narrowAt {
                state.window = commitWindow
            }
        }
        for resume in resumes { resume() }
    }

    /// A transaction of its own, in its turn among the batches: the store's conversations, participants and
    /// operators. It syncs at commit, whatever the last batch of derived writes left; `committed` runs right after the
    /// commit, in commit order with the batches' writes. Its errors are the database's, as thrown.
    func transaction<T: Sendable>(
        committed: (@Sendable (T) -> Void)?, _ body: @Sendable @escaping (Database) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            enqueue(Pending(
                durable: true, alone: true,
                run: { db in
                    try self.setSynchronous(true, db)
                    var result: T?
                    try db.inTransaction(.immediate) {
                        result = try body(db)
                        return .commit
                    }
                    guard let result else { throw StoreError(.storage, "A database write returned nothing.") }
                    return {
                        committed?(result)
                        continuation.resume(returning: result)
                    }
                },
                fail: { continuation.resume(throwing: $0) }))
        }
    }

    /// `FULL` syncs the WAL at commit; `NORMAL` (in WAL mode) leaves the sync to the next `FULL` commit or checkpoint.
    /// Switched only when it changes, outside a transaction.
    private func setSynchronous(_ full: Bool, _ db: Database) throws {
        guard syncing.withLock({ $0 }) != full else { return }
        try db.execute(sql: full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        syncing.withLock { $0 = full }
    }
}
