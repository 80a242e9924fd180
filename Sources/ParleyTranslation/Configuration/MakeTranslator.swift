public import AsyncHTTPClient
import Foundation

/// Builds the translator the configuration asks for:
/// `CachingTranslator(ConcurrencyLimitedTranslator(TranslatorChain([e₁, e₂, ...])))` (without the limit when it
/// cannot bind: see ``limitCanBind(_:_:)``), where each engine eᵢ is
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
    let chain = TranslatorChain(engines)
    guard limitCanBind(chain, configuration.concurrencyLimit) else { return cached(chain, configuration) }
    return cached(ConcurrencyLimitedTranslator(wrapping: chain, limit: configuration.concurrencyLimit), configuration)
}

/// `translator` behind the translation cache, or as it is when the configuration turns the cache off.
private func cached(_ translator: some Translator, _ configuration: TranslationConfiguration) -> any Translator {
    guard configuration.cacheCapacity > 0 else { return translator }
    return CachingTranslator(wrapping: translator, capacity: configuration.cacheCapacity)
}

/// Whether a limit of `limit` calls in flight can ever hold a caller back. Engines that run in process never wait,
/// so no more calls are in them at once than there are threads running tasks (one per core): a limit at least that
/// high never binds and would only cost each call its bookkeeping.
func limitCanBind(_ chain: TranslatorChain, _ limit: Int) -> Bool {
    !chain.runsInProcess || limit < ProcessInfo.processInfo.activeProcessorCount
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
