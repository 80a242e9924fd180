import Foundation
import Logging
import ParleyCore
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

/// Marks the relay ready while it runs and stopping once shutdown begins (for `/readyz`).
struct ReadinessService: Service {
    let readiness: Readiness

    func run() async throws {
        readiness.set(.ready)
        try? await gracefulShutdown()
        readiness.set(.stopping)
    }
}
