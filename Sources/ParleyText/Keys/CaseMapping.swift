internal import CICU

/// Locale-aware case mapping with ICU's full rules: Turkish `i`↔`İ` and `ı`↔`I`, German `ß`→`SS`, Estonian
/// `š`/`ž`/`õ` kept as they are.
///
/// Stateless: every call is independent and thread-safe (ICU's `u_strTo*` functions keep no shared state).
/// ```swift
/// CaseMapping.uppercased("istanbul", language: "tr")   // "İSTANBUL"
/// CaseMapping.lowercased("ISPARTA", language: "tr")    // "ısparta"
/// CaseMapping.uppercased("Straße", language: "de")     // "STRASSE"
/// ```
public enum CaseMapping {
    /// `text` in upper case by the rules of `language` (any BCP 47 tag or ICU locale id).
    public static func uppercased(_ text: String, language: LanguageCode) -> String {
        map(text, PARLEY_ICU_UPPER, language.rawValue)
    }

    /// `text` in lower case by the rules of `language`.
    public static func lowercased(_ text: String, language: LanguageCode) -> String {
        map(text, PARLEY_ICU_LOWER, language.rawValue)
    }

    /// Each word's first letter in title case, the rest in lower case, by the rules of `language`
    /// (`"istanbul'a hoş geldiniz"` → `"İstanbul'a Hoş Geldiniz"` in Turkish).
    public static func titlecased(_ text: String, language: LanguageCode) -> String {
        map(text, PARLEY_ICU_TITLE, language.rawValue)
    }

    /// Default (locale-independent) full case folding, as used for caseless matching.
    static func folded(_ text: String) -> String { map(text, PARLEY_ICU_FOLD, "") }

    private static func map(_ text: String, _ operation: Int, _ locale: String) -> String {
        let id = LocaleID.canonical(locale)
        let mapped = try? UTF16Buffer.withUTF16(text) { (source, length) throws(ICUError) -> String in
            try UTF16Buffer.string(estimate: Int(length) + 8, operation: "map case") {
                parley_icu_case_map(Int32(operation), id, source, length, $0, $1, $2)
            }
        }
        // Case mapping fails only when memory runs out; the unmapped text is the honest fallback.
        return mapped ?? text
    }
}
