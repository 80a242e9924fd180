import Foundation
import Logging
import ParleyCore
import ParleySQLite
import ServiceLifecycle
import Synchronization
import ParleyText

/// Deletes expired operator sessions every ten minutes.
struct SessionSweeper: Service {
    let store: any ChatStore
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            let removed = (try? await store.deleteSessions(expiredAt: .now)) ?? 0
            if removed > 0 { logger.debug("Expired sessions removed", metadata: ["sessions.removed": "\(removed)"]) }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(600)) }
        }
    }
}

/// Checkpoints the SQLite store's WAL in the background, so that no commit (and no message waiting for one) pays
/// for it: every 5 seconds (a quiet relay writes about as many pages in that time as SQLite's own automatic checkpoint
/// would wait for; checkpointing every second cost about 10% more CPU per message at light load in an A/B, each
/// checkpoint's `fsync` of the database file competing with the commits' `fsync` of the WAL), and every 100 ms while
/// a checkpoint finds more than 2,000 new pages (a busy relay), which keeps the WAL far below the store's backstop.
struct CheckpointService: Service {
    let store: SQLiteChatStore
    let logger: Logger

    func run() async throws {
        var previous = 0
        while !Task.isShuttingDownGracefully {
            var pause = Duration.seconds(5)
            do {
                let (frames, _) = try await store.checkpoint()
                // The WAL restarts from its beginning once it was checkpointed in full: then `frames` counts anew.
                let added = frames >= previous ? frames - previous : frames
                if added > 2_000 { pause = .milliseconds(100) }
                previous = frames
            } catch {
                logger.warning("Checkpointing the database failed", metadata: ["error": "\(error)"])
            }
            let wait = pause
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
        }
    }
}

/// Marks the relay ready while it runs and stopping once shutdown begins (for `/readyz`).
struct ReadinessService: Service {
    let readiness: Readiness

    func run() async throws {
        readiness.set(.ready)
        try? await gracefulShutdown()
        readiness.set(.stopping)
    }
}
