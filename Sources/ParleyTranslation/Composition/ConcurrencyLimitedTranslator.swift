import Synchronization

/// Lets at most `limit` calls into the wrapped engine at once; further callers wait in FIFO order.
/// A waiting caller whose task is cancelled stops waiting and throws ``TranslationError/Code/cancelled``.
public final class ConcurrencyLimitedTranslator<Wrapped: Translator>: Translator {
    public let wrapped: Wrapped
    public let limit: Int
    private let permits: Permits

    public init(wrapping wrapped: Wrapped, limit: Int) {
        self.wrapped = wrapped
        self.limit = max(1, limit)
        self.permits = Permits(limit: max(1, limit))
    }

    public var name: String { wrapped.name }
    public var runsInProcess: Bool { wrapped.runsInProcess }
    public func supports(_ pair: LanguagePair) -> Bool { wrapped.supports(pair) }
    public var placeholderStyle: PlaceholderStyle { wrapped.placeholderStyle }
    public func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool { wrapped.enforcesGlossaryNatively(for: pair) }

    /// Calls in the engine right now (for tests and metrics).
    public var inFlight: Int { permits.inUse }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        try await permits.acquire(engine: wrapped.name)
        defer { permits.release() }
        return try await wrapped.translate(request)
    }
}

/// A counting semaphore for async callers, cancellation-aware.
final class Permits: Sendable {
    private struct State {
        var available: Int
        var inUse = 0
        var nextID = 0
        var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    private let state: Mutex<State>

    init(limit: Int) { state = Mutex(State(available: limit)) }

    var inUse: Int { state.withLock { $0.inUse } }

    func acquire(engine: String) async throws {
        let id = state.withLock { s -> Int? in
            if s.available > 0 {
                s.available -= 1
                s.inUse += 1
                return nil
            }
            s.nextID += 1
            return s.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let cancelled = state.withLock { s -> Bool in
                    if Task.isCancelled { return true }
                    s.waiters.append((id, continuation))
                    return false
                }
                if cancelled {
                    continuation.resume(throwing: TranslationError(.cancelled, engine: engine, message: "Cancelled."))
                }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Void, any Error>? in
                guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: TranslationError(.cancelled, engine: engine, message: "Cancelled."))
        }
    }

    func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, any Error>? in
            if s.waiters.isEmpty {
                s.available += 1
                s.inUse -= 1
                return nil
            }
            return s.waiters.removeFirst().continuation
        }
        next?.resume()
    }
}
