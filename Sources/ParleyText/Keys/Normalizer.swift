internal import CICU

/// Unicode normalization through ICU, directly on UTF-8 (ICU's normalizer instances are immutable and
/// thread-safe).
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
        var text = text
        text.makeContiguousUTF8()
        let result = text.utf8.withContiguousStorageIfAvailable { bytes in
            Result { () throws(ICUError) -> String? in try normalize(UnsafeRawBufferPointer(bytes), form) }
        }
        guard let result else { return text }  // never happens for a contiguous string
        return try result.get() ?? text
    }

    /// The normalized text, or `nil` when `bytes` are normalized already.
    private static func normalize(_ bytes: UnsafeRawBufferPointer, _ form: Form) throws(ICUError) -> String? {
        let source = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        let length = Int32(bytes.count)
        var status: Int32 = 0
        if parley_icu_is_normalized_utf8(form.code, source, length, &status) != 0, status <= 0 { return nil }
        var capacity = bytes.count + bytes.count / 2 + 16
        for _ in 0..<2 {
            status = 0
            var needed: Int32 = 0
            let result = String(unsafeUninitializedCapacity: capacity) { buffer in
                let dest = UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                needed = parley_icu_normalize_utf8(form.code, source, length, dest, Int32(capacity), &status)
                return status > 0 ? 0 : Int(needed)
            }
            if status == PARLEY_ICU_BUFFER_OVERFLOW {
                capacity = Int(needed) + 1
                continue
            }
            try ICUError.check(status, "normalize text")
            return result
        }
        throw ICUError(status: PARLEY_ICU_BUFFER_OVERFLOW, operation: "normalize text")
    }
}
