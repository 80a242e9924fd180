/// Keys for matching text the way people mean it, not byte for byte.
///
/// - ``comparisonKey(_:)``: NFKC with full case folding (`"STRASSE"`, `"Straße"` and `"straße"` match;
///   compatibility forms such as `ﬁ` and full-width letters match their plain forms).
/// - ``foldedKey(_:)``: the comparison key with diacritics removed, for text typed without accents
///   (`"siparişim"`→`"siparisim"`, `"õun"`→`"oun"`, `"İstanbul"`/`"ISTANBUL"`/`"ıstanbul"`→`"istanbul"`).
///
/// Stateless and thread-safe: ICU's normalizers are immutable shared instances.
/// ```swift
/// TextKeys.comparisonKey("Straße") == TextKeys.comparisonKey("STRASSE")   // true
/// TextKeys.foldedKey("Şeker") == TextKeys.foldedKey("seker")              // true
/// ```
public enum TextKeys {
    /// NFKC + case folding (ICU's NFKC_Casefold, which also drops default-ignorable characters).
    public static func comparisonKey(_ text: String) -> String {
        (try? Normalizer.normalize(text, to: .nfkcCasefold)) ?? CaseMapping.folded(text)
    }

    /// The comparison key without diacritics: decomposed, nonspacing marks removed, dotless `ı` read as `i`, and a
    /// few letters with no decomposition spelled out (`ø`→`o`, `ł`→`l`, `đ`→`d`, `æ`→`ae`, `œ`→`oe`).
    public static func foldedKey(_ text: String) -> String {
        let key = comparisonKey(text)
        guard key.unicodeScalars.contains(where: { !$0.isASCII }) else { return key }
        let decomposed = (try? Normalizer.normalize(key, to: .nfd)) ?? key
        var result = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let replacement = letterFolds[scalar] {
                result.append(contentsOf: replacement.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return (try? Normalizer.normalize(String(result), to: .nfc)) ?? String(result)
    }

    /// Letters that carry their mark inside the letter itself, so decomposition cannot remove it.
    private static let letterFolds: [Unicode.Scalar: String] = [
        "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ŧ": "t",
    ]
}
