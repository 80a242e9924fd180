/// Picks the best supported language for a browser's preferences: an HTTP `Accept-Language` header or the
/// `navigator.languages` list.
///
/// Matching is by primary language (`de-AT` and `de-CH` pick `de`); higher q-values win, ties keep the header's
/// order; `q=0` means "not this one". A wildcard, garbage, or nothing supported gives ``defaultLanguage``.
/// A value type with no shared state: thread-safe.
/// ```swift
/// let negotiator = LanguageNegotiator(supported: [.german, .english, .estonian, .turkish], defaultLanguage: .english)
/// negotiator.negotiate(acceptLanguage: "et-EE,et;q=0.9,en;q=0.8")   // "et"
/// negotiator.negotiate(preferences: ["fr-FR", "de-AT", "en"])        // "de"
/// ```
public struct LanguageNegotiator: Sendable {
    /// The languages to choose from, in the site's order of preference.
    public let supported: [LanguageCode]
    /// The answer when nothing the browser prefers is supported.
    public let defaultLanguage: LanguageCode

    /// Headers longer than this are cut here before parsing (browsers send well under 200 bytes).
    static let maxHeaderLength = 4096
    /// At most this many entries of a header or list are considered.
    static let maxEntries = 64

    /// A negotiator choosing among `supported`, answering `defaultLanguage` when nothing fits.
    public init(supported: [LanguageCode], defaultLanguage: LanguageCode) {
        self.supported = supported
        self.defaultLanguage = defaultLanguage
    }

    /// The best supported language for an `Accept-Language` header value (RFC 9110 §12.5.4).
    public func negotiate(acceptLanguage: String) -> LanguageCode {
        let ranked = Self.parse(acceptLanguage: acceptLanguage)
        let refused = Set(ranked.filter { $0.quality == 0 }.compactMap { LanguageCode(parsing: $0.tag) })
        let wanted = ranked.filter { $0.quality > 0 }.map(\.tag)
        return best(of: wanted, excluding: refused)
    }

    /// The best supported language for a list in order of preference, as in `navigator.languages`.
    public func negotiate(preferences: [String]) -> LanguageCode {
        best(of: preferences.prefix(Self.maxEntries).map { $0.trimmingSpaces }, excluding: [])
    }

    private func best(of tags: [String], excluding refused: Set<LanguageCode>) -> LanguageCode {
        for tag in tags {
            guard let language = LanguageCode(parsing: tag), !refused.contains(language) else { continue }
            if supported.contains(language) { return language }
        }
        return defaultLanguage
    }

    /// The header's language ranges with their q-values, best first (stable for equal q). Entries with a
    /// malformed q-value are dropped, as the RFC's grammar does not match them.
    static func parse(acceptLanguage header: String) -> [(tag: String, quality: Double)] {
        let entries = header.prefix(maxHeaderLength).split(separator: ",").prefix(maxEntries)
        let parsed: [(tag: String, quality: Double)] = entries.compactMap { entry in
            let parts = entry.split(separator: ";").map { String($0).trimmingSpaces }
            guard let tag = parts.first, !tag.isEmpty else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
                guard pair.count == 2, pair[0].lowercased() == "q" else { continue }
                guard let value = Double(pair[1]), (0...1).contains(value) else { return nil }
                quality = value
            }
            return (tag, quality)
        }
        return parsed.enumerated().sorted { lhs, rhs in
            lhs.element.quality != rhs.element.quality
                ? lhs.element.quality > rhs.element.quality : lhs.offset < rhs.offset
        }.map(\.element)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        let trimmed = self.drop(while: { $0 == " " || $0 == "\t" })
        return String(trimmed.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
