internal import CICU

/// Unicode normalization through ICU (its normalizer instances are immutable and thread-safe).
enum Normalizer {
    enum Form {
        case nfc, nfd, nfkc, nfkcCasefold

        var code: Int32 {
            switch self {
            case .nfc: Int32(PARLEY_ICU_NFC)
            case .nfd: Int32(PARLEY_ICU_NFD)
            case .nfkc: Int32(PARLEY_ICU_NFKC)
            case .nfkcCasefold: Int32(PARLEY_ICU_NFKC_CASEFOLD)
            }
        }
    }

    /// `text` in `form`; returns `text` itself when it already is.
    static func normalize(_ text: String, to form: Form) throws(ICUError) -> String {
        try UTF16Buffer.withUTF16(text) { (source, length) throws(ICUError) -> String in
            var status: Int32 = 0
            if parley_icu_is_normalized(form.code, source, length, &status) != 0, status <= 0 { return text }
            return try UTF16Buffer.string(estimate: Int(length) + Int(length) / 4 + 8, operation: "normalize text") {
                parley_icu_normalize(form.code, source, length, $0, $1, $2)
            }
        }
    }
}
