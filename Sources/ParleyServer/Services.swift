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

/// Checkpoints the SQLite store's WAL in the background, so that commits (and the messages waiting for them) pay for
/// as little of it as can be: every 5 seconds (a quiet relay writes about as many pages in that time as SQLite's own
/// automatic checkpoint would wait for; checkpointing every second cost about 10% more CPU per message at light load
/// in an A/B, each checkpoint's `fsync` of the database file competing with the commits' `fsync` of the WAL), and
/// again after 100 ms when it found more than 2,000 new pages.
///
/// Under sustained load the WAL still reaches the store's backstop (10,000 pages), where a commit checkpoints by
/// itself: a passive checkpoint lets the WAL start again from its beginning only when it ends between two commits,
/// which under load it seldom does (and the count read here, which drops whenever the WAL starts again, then often
/// looks small). Checkpointing more often by the store's count of writes, a full checkpoint after the passive one,
/// and a passive one on the writer's connection between commits were each measured against this and dropped (the
/// store's round in docs/performance.md): the first cost CPU and changed no latency, the other two synced the
/// database file inside the commit path every cycle.
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
