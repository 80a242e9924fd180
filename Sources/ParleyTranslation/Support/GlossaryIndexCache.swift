import ParleyText
import Synchronization

/// Matchers built once per glossary version, language and purpose, shared by the decorators that need them.
final class GlossaryIndexCache: Sendable {
    private struct Key: Hashable {
        var name: String
        var version: String
        var language: LanguageCode
        var purpose: Int
    }

    enum Purpose: Int {
        /// Do-not-translate entries only (masking).
        case doNotTranslate
        /// Reviewed entries that translate (enforcement).
        case enforced
    }

    private let matchers = Mutex<[Key: GlossaryMatcher]>([:])

    func matcher(_ glossary: Glossary, _ language: LanguageCode, _ purpose: Purpose) -> GlossaryMatcher {
        let key = Key(name: glossary.name, version: glossary.version, language: language, purpose: purpose.rawValue)
        if let cached = matchers.withLock({ $0[key] }) { return cached }
        let matcher: GlossaryMatcher
        switch purpose {
        case .doNotTranslate: matcher = GlossaryMatcher(glossary: glossary, language: language) { $0.doNotTranslate }
        case .enforced:
            matcher = GlossaryMatcher(glossary: glossary, language: language) {
                !$0.doNotTranslate && $0.status == .reviewed
            }
        }
        matchers.withLock { cache in
            if cache.count > 64 { cache.removeAll() }
            cache[key] = matcher
        }
        return matcher
    }
}
