/// Gives the wrapped engine at most `limit` — or less, when `request.deadline` comes first — then cancels its call
/// and throws ``TranslationError/Code/timedOut``.
///
/// Time comes from the injected clock (tests pass a ``TestClock``-like manual clock and advance it). The engine must
/// honour cancellation (the ``Translator`` contract): the call returns once the cancelled engine call has returned.
public struct TimeoutTranslator<Wrapped: Translator, C: Clock>: Translator where C.Duration == Duration {
    public let wrapped: Wrapped
    public let limit: Duration
    public let clock: C

    public init(wrapping wrapped: Wrapped, limit: Duration, clock: C) {
        self.wrapped = wrapped
        self.limit = limit
        self.clock = clock
    }

    public var name: String { wrapped.name }
    public var runsInProcess: Bool { wrapped.runsInProcess }
    public func supports(_ pair: LanguagePair) -> Bool { wrapped.supports(pair) }
    public var placeholderStyle: PlaceholderStyle { wrapped.placeholderStyle }
    public func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool { wrapped.enforcesGlossaryNatively(for: pair) }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        var budget = limit
        if let deadline = request.deadline { budget = min(budget, deadline - ContinuousClock.now) }
        guard budget > .zero else { throw timedOut(budget: limit) }
        let instant = clock.now.advanced(by: budget)
        return try await withThrowingTaskGroup(of: TranslationResult?.self) { group in
            group.addTask { try await wrapped.translate(request) }
            group.addTask {
                try await clock.sleep(until: instant, tolerance: nil)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw timedOut(budget: budget)
            }
            return result
        }
    }

    private func timedOut(budget: Duration) -> TranslationError {
        let (seconds, attoseconds) = budget.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return TranslationError(
            .timedOut, engine: wrapped.name, message: "No answer within \(milliseconds) ms; the call was cancelled.")
    }
}

extension TimeoutTranslator where C == ContinuousClock {
    /// A timeout on the continuous clock.
    public init(wrapping wrapped: Wrapped, limit: Duration) {
        self.init(wrapping: wrapped, limit: limit, clock: ContinuousClock())
    }
}
