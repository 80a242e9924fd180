/// The rules of ``CircuitBreakerTranslator``, without I/O: closed → (threshold consecutive failures) → open →
/// (cooldown passed) → half-open, one trial call → closed on success, open again on failure.
struct CircuitBreakerStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    enum State: Sendable, Equatable {
        case closed(failures: Int)
        case open(until: Instant)
        case halfOpen(trialInFlight: Bool)
    }

    enum Admission: Equatable {
        case proceed
        case reject(retryAt: Instant?)
    }

    private(set) var state: State = .closed(failures: 0)
    let failureThreshold: Int
    let cooldown: Duration

    init(failureThreshold: Int, cooldown: Duration) {
        self.failureThreshold = max(1, failureThreshold)
        self.cooldown = cooldown
    }

    /// Whether a call may go to the engine now.
    mutating func admit(now: Instant) -> Admission {
        switch state {
        case .closed: return .proceed
        case .open(let until):
            guard now >= until else { return .reject(retryAt: until) }
            state = .halfOpen(trialInFlight: true)
            return .proceed
        case .halfOpen(let inFlight):
            guard !inFlight else { return .reject(retryAt: nil) }
            state = .halfOpen(trialInFlight: true)
            return .proceed
        }
    }

    mutating func succeeded() {
        state = .closed(failures: 0)
    }

    /// A failure that says something about the engine's health (not a bad request or a cancellation).
    mutating func failed(now: Instant) {
        switch state {
        case .closed(let failures) where failures + 1 < failureThreshold: state = .closed(failures: failures + 1)
        case .closed, .halfOpen: state = .open(until: now.advanced(by: cooldown))
        case .open: break
        }
    }

    /// A call that ended without telling anything about the engine's health (cancelled, bad input).
    mutating func neutral() {
        if case .halfOpen = state { state = .halfOpen(trialInFlight: false) }
    }
}
