import Synchronization

/// Remembers translations, segment by segment, in an LRU cache of `capacity` entries keyed by the normalized text
/// (whitespace trimmed and collapsed; Swift compares strings by canonical equivalence, so NFC and NFD agree), the
/// pair and the glossary's name and version. A cache serves the one engine it wraps, so the engine is not part of
/// the key. Only translated segments are stored: an `untranslated` answer is asked again next time.
///
/// In front of an engine that runs in process, a segment is stored the second time it is translated (while the
/// first is recent, see ``LRUCache``), not the first: most chat messages are never written twice (they carry an
/// order number, a name, a date), and translating one again costs less than storing every one and evicting what
/// recurs. In front of a remote engine every translated segment is stored at once: a repeat saves a billed call.
public final class CachingTranslator<Wrapped: Translator>: Translator {
    public let wrapped: Wrapped
    private let cache: Mutex<LRUCache<CacheKey, TranslatedSegment>>
    private let clock = ContinuousClock()

    public init(wrapping wrapped: Wrapped, capacity: Int = 10_000) {
        self.wrapped = wrapped
        self.cache = Mutex(LRUCache(capacity: capacity, admission: wrapped.runsInProcess ? .secondSight : .firstSight))
    }

    public var name: String { wrapped.name }
    public var runsInProcess: Bool { wrapped.runsInProcess }
    public func supports(_ pair: LanguagePair) -> Bool { wrapped.supports(pair) }
    public var placeholderStyle: PlaceholderStyle { wrapped.placeholderStyle }
    public func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool { wrapped.enforcesGlossaryNatively(for: pair) }

    /// Entries currently cached.
    public var count: Int { cache.withLock { $0.count } }

    public func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        let start = clock.now
        let keys = request.segments.map {
            CacheKey(text: Self.normalize($0), pair: request.pair, glossary: request.glossary)
        }
        var segments: [TranslatedSegment?] = cache.withLock { cache in keys.map { cache.value(for: $0) } }
        let missing = segments.indices.filter { segments[$0] == nil }
        guard !missing.isEmpty else {
            return TranslationResult(
                segments: segments.map { $0! }, engine: wrapped.name, duration: clock.now - start,
                diagnostics: TranslationDiagnostics(cacheHit: true))
        }
        var inner = request
        inner.segments = missing.map { request.segments[$0] }
        var result = try await wrapped.translate(inner)
        cache.withLock { cache in
            for (offset, index) in missing.enumerated() where offset < result.segments.count {
                segments[index] = result.segments[offset]
                if result.segments[offset].quality != .untranslated {
                    var stored = result.segments[offset]
                    stored.engine = stored.engine ?? result.engine
                    cache.insert(stored, for: keys[index])
                }
            }
        }
        result.segments = segments.map { $0 ?? TranslatedSegment(text: "", quality: .untranslated) }
        result.duration = clock.now - start
        return result
    }

    /// Trims and collapses runs of whitespace to one space.
    static func normalize(_ text: String) -> String {
        isNormalized(text) ? text : normalizeSlowly(text)
    }

    /// Whether ``normalize(_:)`` would return `text` unchanged: its only whitespace is single ASCII spaces between
    /// other characters, none followed by a scalar that could join the space into one character (a combining mark,
    /// a zero-width joiner, an emoji modifier).
    static func isNormalized(_ text: String) -> Bool {
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == " " {
                if previous == nil || previous == " " { return false }
            } else if scalar.isASCII {
                if scalar.value < 0x20 || scalar.value == 0x7F { return false }
            } else if scalar.properties.isWhitespace || (previous == " " && mayExtend(scalar)) {
                return false
            }
            previous = scalar
        }
        return previous != " "
    }

    /// A scalar that may continue the character before it (grapheme cluster rules GB9, GB9a), conservatively.
    private static func mayExtend(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default:
            return scalar.properties.isGraphemeExtend || scalar.value == 0x200D || scalar.value == 0x0E33
                || scalar.value == 0x0EB3 || (0x1F3FB...0x1F3FF).contains(scalar.value)
        }
    }

    static func normalizeSlowly(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for c in text {
            if c.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(c)
            }
        }
        return out
    }
}

/// A segment's entry in a ``CachingTranslator``; outside the generic class, so that no generic metadata is looked up
/// at run time on each call. Its hash is computed once, when the key is made: a miss looks the key up, offers it for
/// admission and may insert it, and each would otherwise hash the whole text again.
struct CacheKey: Hashable {
    let text: String
    let pair: LanguagePair
    let glossaryName: String
    let glossaryVersion: String
    private let hash: Int

    init(text: String, pair: LanguagePair, glossary: Glossary?) {
        self.text = text
        self.pair = pair
        self.glossaryName = glossary?.name ?? ""
        self.glossaryVersion = glossary?.version ?? ""
        var hasher = Hasher()
        hasher.combine(text)
        hasher.combine(pair)
        hasher.combine(glossaryName)
        hasher.combine(glossaryVersion)
        hash = hasher.finalize()
    }

    static func == (a: CacheKey, b: CacheKey) -> Bool {
        a.hash == b.hash && a.text == b.text && a.pair == b.pair && a.glossaryName == b.glossaryName
            && a.glossaryVersion == b.glossaryVersion
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
