import ParleyTesting
import ParleyText
import Testing

@testable import ParleyTranslation

@Suite struct TranslatorChainTests {
    @Test func fallsBackInOrderOnErrorAndUnsupportedPair() async throws {
        let unsupported = ScriptedTranslator("tr-only", pairs: [LanguagePair("tr", "en")])
        let failing = FailingTranslator(name: "deepl", code: .quotaExceeded)
        let working = ScriptedTranslator("libretranslate")
        let chain = TranslatorChain([unsupported, failing, working])
        let result = try await chain.translate(TranslationRequest(segments: ["hallo"], pair: deEN))
        #expect(result.segments == [TranslatedSegment(text: "HALLO", quality: .machine, engine: "libretranslate")])
        #expect(result.engine == "libretranslate")
        #expect(result.diagnostics.failures.map(\.code) == [.quotaExceeded])
        #expect(unsupported.calls == 0)
    }

    @Test func returnsOriginalUntranslatedWhenEverythingFails() async throws {
        let chain = TranslatorChain([
            FailingTranslator(name: "a", code: .timedOut), FailingTranslator(name: "b", code: .engineUnavailable),
        ])
        let result = try await chain.translate(TranslationRequest(segments: ["Hallo #12345"], pair: deEN))
        #expect(result.segments == [TranslatedSegment(text: "Hallo #12345", quality: .untranslated, engine: "none")])
        #expect(result.engine == "none")
        #expect(result.diagnostics.failures.map(\.code) == [.timedOut, .engineUnavailable])
    }

    @Test func sendsOnlyUntranslatedSegmentsToTheNextEngine() async throws {
        let partial = ScriptedTranslator("phrasebook") { text, _ in
            text == "hallo"
                ? TranslatedSegment(text: "hello", quality: .exact)
                : TranslatedSegment(text: text, quality: .untranslated)
        }
        let seen = ScriptedTranslator("machine")
        let result = try await TranslatorChain([partial, seen]).translate(
            TranslationRequest(segments: ["hallo", "wie geht es"], pair: deEN))
        #expect(result.segments.map(\.text) == ["hello", "WIE GEHT ES"])
        #expect(result.segments.map(\.engine) == ["phrasebook", "machine"])
        #expect(result.engine == "phrasebook+machine")
    }

    @Test func stopsTryingEnginesPastTheDeadline() async throws {
        let engine = ScriptedTranslator("e")
        let request = TranslationRequest(segments: ["hallo"], pair: deEN, deadline: .now - .milliseconds(1))
        let result = try await TranslatorChain([engine]).translate(request)
        #expect(result.segments[0].quality == .untranslated && engine.calls == 0)
    }

    @Test func fallsBackWhenAnEngineBreaksPlaceholders() async throws {
        let mangler = MaskingTranslator(
            wrapping: ScriptedTranslator("mangler") { text, _ in
                TranslatedSegment(text: text.replacing("⟦1⟧", with: "[1]"), quality: .machine)
            })
        let result = try await TranslatorChain([mangler]).translate(
            TranslationRequest(segments: ["Bestellung #12345"], pair: deEN))
        #expect(
            result.segments[0] == TranslatedSegment(text: "Bestellung #12345", quality: .untranslated, engine: "none"))
        #expect(result.diagnostics.failures.map(\.code) == [.brokenPlaceholders])
    }
}

@Suite struct TimeoutAndBreakerTests {
    @Test func timeoutCancelsAHangingEngine() async throws {
        let clock = TestClock()
        let engineClock = TestClock()
        let timeout = TimeoutTranslator(
            wrapping: HangingTranslator(clock: engineClock), limit: .seconds(2), clock: clock)
        async let outcome: TranslationError.Code? = {
            do {
                _ = try await timeout.translate(TranslationRequest(segments: ["x"], pair: deEN))
                return nil
            } catch let error as TranslationError {
                return error.code
            } catch {
                return nil
            }
        }()
        await clock.waitForSleepers(1)
        await engineClock.waitForSleepers(1)
        clock.advance(by: .seconds(1))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        #expect(await outcome == .timedOut)
        #expect(engineClock.sleeperCount == 0, "the engine call was cancelled")
    }

    @Test func timeoutPassesAnswersThroughAndDisarms() async throws {
        let clock = TestClock()
        let timeout = TimeoutTranslator(wrapping: ScriptedTranslator("fast"), limit: .seconds(2), clock: clock)
        let result = try await timeout.translate(TranslationRequest(segments: ["a"], pair: deEN))
        #expect(result.segments[0].text == "A")
        #expect(clock.sleeperCount == 0)
    }

    @Test func expiredDeadlineTimesOutAtOnce() async throws {
        let timeout = TimeoutTranslator(wrapping: ScriptedTranslator("fast"), limit: .seconds(2), clock: TestClock())
        let request = TranslationRequest(segments: ["a"], pair: deEN, deadline: .now - .seconds(1))
        await #expect(throws: TranslationError(.timedOut, engine: "", message: "")) {
            try await timeout.translate(request)
        }
    }

    @Test func breakerOpensAfterThresholdAndRecoversAfterCooldown() async throws {
        let clock = TestClock()
        let failing = ScriptedTranslator("flaky") { _, _ in
            throw TranslationError(.engineUnavailable, engine: "flaky", message: "down")
        }
        let breaker = CircuitBreakerTranslator(
            wrapping: failing, failureThreshold: 3, cooldown: .seconds(30), clock: clock)
        let request = TranslationRequest(segments: ["a"], pair: deEN)
        for _ in 0..<3 {
            await #expect(throws: TranslationError(.engineUnavailable, engine: "", message: "")) {
                try await breaker.translate(request)
            }
        }
        #expect(breaker.isOpen)
        await #expect(throws: TranslationError(.circuitOpen, engine: "", message: "")) {
            try await breaker.translate(request)
        }
        #expect(failing.calls == 3)
        clock.advance(by: .seconds(30))
        await #expect(throws: TranslationError(.engineUnavailable, engine: "", message: "")) {
            try await breaker.translate(request)
        }
        #expect(failing.calls == 4, "one trial call after the cooldown")
        #expect(breaker.isOpen, "the failed trial opened it again")
    }

    @Test func breakerClosesAfterASuccessfulTrialAndIgnoresBadRequests() async throws {
        let clock = TestClock()
        let engine = ScriptedTranslator("e") { text, _ in
            if text == "bad" { throw TranslationError(.badRequest, engine: "e", message: "bad") }
            if text == "down" { throw TranslationError(.timedOut, engine: "e", message: "slow") }
            return TranslatedSegment(text: text, quality: .machine)
        }
        let breaker = CircuitBreakerTranslator(
            wrapping: engine, failureThreshold: 2, cooldown: .seconds(5), clock: clock)
        for _ in 0..<5 { _ = try? await breaker.translate(TranslationRequest(segments: ["bad"], pair: deEN)) }
        #expect(!breaker.isOpen)
        for _ in 0..<2 { _ = try? await breaker.translate(TranslationRequest(segments: ["down"], pair: deEN)) }
        #expect(breaker.isOpen)
        clock.advance(by: .seconds(5))
        _ = try await breaker.translate(TranslationRequest(segments: ["ok"], pair: deEN))
        #expect(!breaker.isOpen)
    }
}

@Suite struct CacheAndLimitTests {
    @Test func cachesByNormalizedTextPairEngineAndGlossaryVersion() async throws {
        let engine = ScriptedTranslator("e")
        let cache = CachingTranslator(wrapping: engine, capacity: 10)
        _ = try await cache.translate(TranslationRequest(segments: ["guten  tag "], pair: deEN))
        let hit = try await cache.translate(TranslationRequest(segments: [" guten tag"], pair: deEN))
        #expect(hit.diagnostics.cacheHit && hit.segments[0].text == "GUTEN  TAG ")
        #expect(engine.calls == 1)
        _ = try await cache.translate(TranslationRequest(segments: ["guten tag"], pair: LanguagePair("de", "tr")))
        let v1 = Glossary(name: "shop", version: "1", entries: [])
        let v2 = Glossary(name: "shop", version: "2", entries: [])
        _ = try await cache.translate(TranslationRequest(segments: ["guten tag"], pair: deEN, glossary: v1))
        _ = try await cache.translate(TranslationRequest(segments: ["guten tag"], pair: deEN, glossary: v1))
        _ = try await cache.translate(TranslationRequest(segments: ["guten tag"], pair: deEN, glossary: v2))
        #expect(engine.calls == 4)
    }

    @Test func evictsLeastRecentlyUsedAndSkipsUntranslated() async throws {
        let engine = ScriptedTranslator("e") { text, _ in
            TranslatedSegment(text: text, quality: text == "?" ? .untranslated : .machine)
        }
        let cache = CachingTranslator(wrapping: engine, capacity: 2)
        for text in ["a", "b", "a", "c", "a", "?", "?"] {
            _ = try await cache.translate(TranslationRequest(segments: [text], pair: deEN))
        }
        #expect(engine.calls == 5)
        _ = try await cache.translate(TranslationRequest(segments: ["b"], pair: deEN))
        #expect(engine.calls == 6, "b was evicted as least recently used")
        #expect(cache.count == 2)
    }

    @Test func lruCacheOrder() {
        var lru = LRUCache<String, Int>(capacity: 3)
        for (i, key) in ["a", "b", "c"].enumerated() { lru.insert(i, for: key) }
        _ = lru.value(for: "a")
        lru.insert(9, for: "d")
        #expect(
            lru.value(for: "b") == nil && lru.value(for: "a") == 0 && lru.value(for: "c") == 2
                && lru.value(for: "d") == 9)
    }

    @Test func lruCacheAdmitsOnSecondSight() {
        var lru = LRUCache<String, Int>(capacity: 4, admission: .secondSight)
        lru.insert(1, for: "once")
        #expect(lru.value(for: "once") == nil && lru.count == 0, "a key offered once is not cached")
        lru.insert(2, for: "twice")
        lru.insert(2, for: "twice")
        #expect(lru.value(for: "twice") == 2)
        lru.insert(3, for: "twice")
        #expect(lru.value(for: "twice") == 3, "a cached key is updated at once")
        for key in ["a", "b", "c", "d", "e"] { lru.insert(0, for: key) }
        #expect(lru.value(for: "twice") == 3, "keys seen once evict nothing")
        for key in ["a", "b", "c", "d", "e"] {
            lru.insert(1, for: key)
            lru.insert(1, for: key)
        }
        #expect(lru.count == 4 && lru.value(for: "twice") == nil, "keys seen twice are admitted and evict as usual")
        #expect(lru.value(for: "a") == nil && lru.value(for: "e") == 1)
    }

    /// In front of an engine that runs in process a segment is cached when it is translated a second time; in front
    /// of a remote one at once.
    @Test func cachesInProcessEnginesOnSecondSight() async throws {
        let remote = ScriptedTranslator("remote")
        let local = InProcess(wrapped: ScriptedTranslator("local"))
        let remoteCache = CachingTranslator(wrapping: remote, capacity: 10)
        let localCache = CachingTranslator(wrapping: local, capacity: 10)
        var localHits: [Bool] = []
        for _ in 0..<3 {
            _ = try await remoteCache.translate(TranslationRequest(segments: ["guten tag"], pair: deEN))
            let result = try await localCache.translate(TranslationRequest(segments: ["guten tag"], pair: deEN))
            #expect(result.segments[0].text == "GUTEN TAG")
            localHits.append(result.diagnostics.cacheHit)
        }
        #expect(remote.calls == 1)
        #expect(local.wrapped.calls == 2 && localHits == [false, false, true])
    }

    @Test func limitsConcurrentCalls() async throws {
        let gateClock = TestClock()
        let engine = HangingTranslator(clock: gateClock)
        let limited = ConcurrencyLimitedTranslator(wrapping: engine, limit: 2)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<5 {
                group.addTask { _ = try? await limited.translate(TranslationRequest(segments: ["x"], pair: deEN)) }
            }
            await gateClock.waitForSleepers(2)
            #expect(limited.inFlight == 2)
            #expect(gateClock.sleeperCount == 2)
            group.cancelAll()
        }
        #expect(limited.inFlight == 0)
    }
}

/// A test engine that says it runs in process.
private struct InProcess: Translator {
    let wrapped: ScriptedTranslator
    var name: String { wrapped.name }
    var runsInProcess: Bool { true }
    func supports(_ pair: LanguagePair) -> Bool { wrapped.supports(pair) }
    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        try await wrapped.translate(request)
    }
}
