import GRDB
import ParleyCore
import Synchronization

/// Group commit: writes that arrive while a transaction is being committed are committed together in the next one,
/// so many senders share one `fsync`. Each caller resumes only after the transaction holding its write committed
/// (or failed). Runs on GRDB's serial writer queue; creates no tasks.
final class WriteBatcher: Sendable {
    /// One queued write: `run` does the work inside the transaction and returns how to resume its caller after
    /// commit; `fail` resumes it with an error when the transaction fails.
    private struct Pending: Sendable {
        var run: @Sendable (Database) throws -> @Sendable () -> Void
        var fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var pending: [Pending] = []
        var draining = false
    }

    /// The most writes committed in one transaction.
    static let maxBatch = 512

    private let pool: DatabasePool
    private let state = Mutex(State())

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `work` in a shared transaction. A `.failure` refuses this write only; a thrown error fails the whole
    /// transaction (every write in it).
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> Result<T, StoreError>) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let pending = Pending(
                run: { db in
                    let result = try work(db)
                    return { continuation.resume(with: result) }
                },
                fail: { continuation.resume(throwing: $0) })
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
    }

    /// Commits batches until nothing is pending.
    private func drain(_ db: Database) {
        while true {
            let batch: [Pending] = state.withLock { state in
                let count = min(state.pending.count, Self.maxBatch)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            commit(batch, db)
        }
    }

    private func commit(_ batch: [Pending], _ db: Database) {
        var resumes: [@Sendable () -> Void] = []
        do {
            try db.inTransaction {
                resumes = try batch.map { try $0.run(db) }
                return .commit
            }
        } catch {
            let failure = StoreError(.storage, "A database write failed.", underlying: error)
            for pending in batch { pending.fail(failure) }
            return
        }
        for resume in resumes { resume() }
    }
}
