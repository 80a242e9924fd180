public import AsyncHTTPClient

/// Builds the translator the configuration asks for:
/// `CachingTranslator(ConcurrencyLimitedTranslator(TranslatorChain([e₁, e₂, ...])))`, where each engine eᵢ is
/// `MaskingTranslator(GlossaryEnforcingTranslator(CircuitBreakerTranslator(TimeoutTranslator(engine))))`, minus the
/// decorators its registration leaves out. Throws ``TranslationError/Code/misconfigured`` for an unknown engine name
/// or a missing key/URL.
public func makeTranslator<C: Clock>(
    configuration: TranslationConfiguration, registry: TranslationEngineRegistry = .standard(),
    httpClient: HTTPClient, clock: C
) throws -> any Translator where C.Duration == Duration {
    let context = TranslationEngineRegistry.Context(configuration: configuration, httpClient: httpClient)
    var engines: [any Translator] = []
    for name in configuration.engines {
        guard let registration = registry.registrations[name] else {
            throw TranslationError(
                .misconfigured, engine: name,
                message: "Unknown engine '\(name)'. Registered: \(registry.names.joined(separator: ", ")).")
        }
        let engine = try registration.factory(context)
        engines.append(decorate(engine, registration.decorations, configuration, clock))
    }
    let limited = ConcurrencyLimitedTranslator(
        wrapping: TranslatorChain(engines), limit: configuration.concurrencyLimit)
    guard configuration.cacheCapacity > 0 else { return limited }
    return CachingTranslator(wrapping: limited, capacity: configuration.cacheCapacity)
}

/// `makeTranslator` on the continuous clock.
public func makeTranslator(
    configuration: TranslationConfiguration, registry: TranslationEngineRegistry = .standard(), httpClient: HTTPClient
) throws -> any Translator {
    try makeTranslator(
        configuration: configuration, registry: registry, httpClient: httpClient, clock: ContinuousClock())
}

private func decorate<C: Clock>(
    _ engine: some Translator, _ decorations: TranslationEngineRegistry.Decorations,
    _ configuration: TranslationConfiguration, _ clock: C
) -> any Translator where C.Duration == Duration {
    var result: any Translator = engine
    if decorations.contains(.timeout) { result = wrapTimeout(result, configuration.engineTimeout, clock) }
    if decorations.contains(.circuitBreaker) { result = wrapBreaker(result, configuration, clock) }
    if decorations.contains(.glossary) { result = wrapGlossary(result) }
    if decorations.contains(.masking) { result = wrapMasking(result) }
    return result
}

private func wrapBreaker<C: Clock>(
    _ engine: some Translator, _ c: TranslationConfiguration, _ clock: C
)
    -> any Translator where C.Duration == Duration
{
    CircuitBreakerTranslator(wrapping: engine, failureThreshold: c.failureThreshold, cooldown: c.cooldown, clock: clock)
}

private func wrapTimeout<C: Clock>(_ engine: some Translator, _ limit: Duration, _ clock: C) -> any Translator
where C.Duration == Duration {
    TimeoutTranslator(wrapping: engine, limit: limit, clock: clock)
}

private func wrapGlossary(_ engine: some Translator) -> any Translator { GlossaryEnforcingTranslator(wrapping: engine) }
private func wrapMasking(_ engine: some Translator) -> any Translator { MaskingTranslator(wrapping: engine) }
