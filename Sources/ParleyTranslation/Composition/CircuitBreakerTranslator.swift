import Synchronization

/// Stops calling an engine that keeps failing: after `failureThreshold` consecutive failures the circuit opens and
/// calls throw ``TranslationError/Code/circuitOpen`` at once (the chain falls back without waiting) until
/// `cooldown` has passed on the injected clock; then one trial call decides whether it closes again.
///
/// Failures that count: time-outs, unavailability, rate limits, quota, authentication, malformed responses.
/// Bad requests, unsupported pairs, broken placeholders and cancellations do not.
public final class CircuitBreakerTranslator<Wrapped: Translator, C: Clock>: Translator where C.Duration == Duration {
    public let wrapped: Wrapped
    public let clock: C
    private let machine: Mutex<CircuitBreakerStateMachine<C.Instant>>

    static var healthCodes: Set<TranslationError.Code> {
        [.timedOut, .engineUnavailable, .rateLimited, .quotaExceeded, .authenticationFailed, .malformedResponse]
    }

    public init(wrapping wrapped: Wrapped, failureThreshold: Int = 5, cooldown: Duration = .seconds(30), clock: C) {
        self.wrapped = wrapped
        self.clock = clock
        self.machine = Mutex(CircuitBreakerStateMachine(failureThreshold: failureThreshold, cooldown: cooldown))
    }

    public var name: String { wrapped.name }
    public var runsInProcess: Bool { wrapped.runsInProcess }
    public func supports(_ pair: LanguagePair) -> Bool { wrapped.supports(pair) }
    public var placeholderStyle: PlaceholderStyle { wrapped.placeholderStyle }
    public func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool { wrapped.enforcesGlossaryNatively(for: pair) }

    /// Whether calls are currently refused.
    public var isOpen: Bool {
        let now = clock.now
        return machine.withLock {
            if case .open(let until) = $0.state { return now < until }
            return false
        }
    }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        let admission = machine.withLock { $0.admit(now: clock.now) }
        if case .reject(let retryAt) = admission {
            throw TranslationError(
                .circuitOpen, engine: wrapped.name,
                message: "The engine failed repeatedly; calls are paused until its cooldown ends.",
                retryAfter: retryAt.map { clock.now.duration(to: $0) })
        }
        do {
            let result = try await wrapped.translate(request)
            machine.withLock { $0.succeeded() }
            return result
        } catch let error as TranslationError where Self.healthCodes.contains(error.code) {
            machine.withLock { $0.failed(now: clock.now) }
            throw error
        } catch {
            machine.withLock { $0.neutral() }
            throw error
        }
    }
}

extension CircuitBreakerTranslator where C == ContinuousClock {
    /// A circuit breaker on the continuous clock.
    public convenience init(wrapping wrapped: Wrapped, failureThreshold: Int = 5, cooldown: Duration = .seconds(30)) {
        self.init(wrapping: wrapped, failureThreshold: failureThreshold, cooldown: cooldown, clock: ContinuousClock())
    }
}
