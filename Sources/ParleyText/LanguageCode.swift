/// A language as a lowercase BCP 47 primary language subtag: `"de"`, `"en"`, `"et"`, `"tr"`.
///
/// `und` (``undetermined``) stands for text that carries no language: emoji, numbers, links.
/// ```swift
/// let tr: LanguageCode = "tr"
/// LanguageCode(parsing: "de-AT")   // "de"
/// ```
public struct LanguageCode: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The lowercase subtag, e.g. `"et"`.
    public let rawValue: String

    /// Wraps a subtag as given; use ``init(parsing:)`` for tags from outside (headers, user input).
    public init(rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// The primary language of a BCP 47 / POSIX tag (`"de-AT"`, `"tr_TR"`, `"EN"`), or `nil` when the tag has none.
    public init?(parsing tag: some StringProtocol) {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        guard (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.rawValue = primary
    }

    /// Text with no language of its own.
    public static let undetermined: LanguageCode = "und"
    public static let german: LanguageCode = "de"
    public static let english: LanguageCode = "en"
    public static let estonian: LanguageCode = "et"
    public static let turkish: LanguageCode = "tr"

    /// The languages Parley ships data for.
    public static let supported: [LanguageCode] = [.german, .english, .estonian, .turkish]

    public var description: String { rawValue }

    public static func < (lhs: LanguageCode, rhs: LanguageCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
