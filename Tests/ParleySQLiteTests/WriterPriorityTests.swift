import Foundation
import GRDB
@testable import ParleySQLite
import Testing

@Suite("SQLite writer priority")
struct WriterPriorityTests {
    /// The calling thread's nice value (Linux: per thread).
    static func niceValue() -> Int32 {
        getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }

    @Test("the writer commits above the opening thread's priority, or says why not")
    func writerRunsAbove() async throws {
        try await withTemporaryDirectory { directory in
            let base = Self.niceValue()
            let store = try SQLiteChatStore(directory: directory, writerPriority: 3)
            let seen = try await store.batcher.write { _ in .success(Self.niceValue()) }
            switch store.writerPriorityOutcome {
            case .raised(let boost):
                #expect(boost == 3)
                #expect(seen == base - 3)
            case .refused(let boost):
                // Only a process without CAP_SYS_NICE (not root) and without an RLIMIT_NICE allowing it lands here.
                #expect(boost == 3)
                #expect(getuid() != 0)
                #expect(seen == base)
            case .unchanged:
                Issue.record("A boost of 3 was asked for.")
            }
            #expect(Self.niceValue() == base, "opening the store leaves the caller's priority as it was")
        }
    }

    @Test("0 leaves the writer at the relay's priority")
    func noBoost() async throws {
        try await withTemporaryDirectory { directory in
            let base = Self.niceValue()
            let store = try SQLiteChatStore(directory: directory, writerPriority: 0)
            #expect(store.writerPriorityOutcome == .unchanged)
            let seen = try await store.batcher.write { _ in .success(Self.niceValue()) }
            // The writer queue's own threads run as libdispatch has them (a little above the caller, on Linux).
            let queue = try await store.pool.writeWithoutTransaction { _ in Self.niceValue() }
            #expect(seen == queue)
            #expect(Self.niceValue() == base)
        }
    }

    @Test("raising and lowering act on the calling thread only, and lowering puts back what it had")
    func raiseAndLower() async throws {
        let priority = WriterPriority(boost: 4)
        guard case .raised(let boost) = priority.outcome else {
            #expect(getuid() != 0, "root may always lower a nice value")
            return
        }
        // A thread of its own, so that no other test's work runs at the raised priority.
        let (during, after) = await withCheckedContinuation { continuation in
            Thread {
                let base = Self.niceValue()
                let previous = priority.raise()
                let during = Self.niceValue() - base
                if let previous { priority.lower(to: previous) }
                continuation.resume(returning: (during, Self.niceValue() - base))
            }.start()
        }
        #expect(boost == 4)
        #expect(during == -4)
        #expect(after == 0)
    }
}
