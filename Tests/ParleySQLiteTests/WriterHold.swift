import Foundation
@testable import ParleySQLite
import Synchronization
import Testing

/// Waits (up to 10 s) until `condition` holds.
func until(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition() {
        try #require(ContinuousClock.now < deadline)
        try await Task.sleep(for: .milliseconds(2))
    }
}

/// The store's writer held inside a batch of its own, as a writer under load stays in one batch after another: the
/// writes queued meanwhile wait behind it, and the next batch takes them together.
final class WriterHold: Sendable {
    private let inside = Mutex(false)
    private let released = Mutex(false)
    private let batch = Mutex<Task<Void, any Error>?>(nil)

    /// Returns once the writer is inside the held batch.
    static func hold(_ store: SQLiteChatStore) async throws -> WriterHold {
        let hold = WriterHold()
        hold.batch.withLock {
            $0 = Task {
                try await store.batcher.write { _ in
                    hold.inside.withLock { $0 = true }
                    while !hold.released.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.002) }
                    return .success(())
                }
            }
        }
        try await until { hold.inside.withLock { $0 } }
        return hold
    }

    /// Lets the writer out and waits for the held batch to commit.
    func release() async throws {
        released.withLock { $0 = true }
        try await batch.withLock { $0 }?.value
    }
}
