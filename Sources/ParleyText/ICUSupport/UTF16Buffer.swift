internal import CICU

/// Helpers that move text across the C boundary as UTF-16, with ICU's preflight-and-retry convention.
enum UTF16Buffer {
    /// A C function that writes UTF-16 into `(dest, capacity)` and returns the length it needs.
    typealias Fill = (UnsafeMutablePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>) -> Int32

    /// Runs `fill` with a buffer of `estimate` code units, once more with the exact size if that was too small.
    static func string(estimate: Int, operation: @autoclosure () -> String, _ fill: Fill) throws(ICUError) -> String {
        let units = try codeUnits(estimate: estimate, operation: operation(), fill)
        return String(decoding: units, as: UTF16.self)
    }

    /// Like ``string(estimate:operation:_:)`` but returns the raw code units.
    static func codeUnits(
        estimate: Int, operation: @autoclosure () -> String, _ fill: Fill
    ) throws(ICUError)
        -> [UInt16]
    {
        var capacity = max(estimate, 16)
        for _ in 0..<2 {
            var status: Int32 = 0
            var length: Int32 = 0
            let buffer = [UInt16](unsafeUninitializedCapacity: capacity) { pointer, count in
                length = fill(pointer.baseAddress, Int32(capacity), &status)
                count = status > 0 ? 0 : min(Int(length), capacity)
            }
            if status == PARLEY_ICU_BUFFER_OVERFLOW {
                capacity = Int(length) + 1
                continue
            }
            try ICUError.check(status, operation())
            return buffer
        }
        throw ICUError(status: PARLEY_ICU_BUFFER_OVERFLOW, operation: operation())
    }

    /// Calls `body` with the UTF-16 code units of `text` (a pointer that is never nil, even for "").
    static func withUTF16<R, E: Error>(
        _ text: some StringProtocol,
        _ body: (UnsafePointer<UInt16>, Int32) throws(E) -> R
    ) throws(E) -> R {
        var units = Array(text.utf16)
        units.append(0)
        return try units.withUnsafeBufferPointer { (buffer) throws(E) -> R in
            try body(buffer.baseAddress!, Int32(buffer.count - 1))
        }
    }
}

/// Converts a string into ICU's locale id form with `parley_icu_locale_from_tag` ("et-EE" → "et_EE").
enum LocaleID {
    static func canonical(_ tag: String) -> String {
        var buffer = [CChar](repeating: 0, count: 160)
        var status: Int32 = 0
        let length = parley_icu_locale_from_tag(tag, &buffer, Int32(buffer.count), &status)
        guard status <= 0, length > 0 else { return tag.isEmpty ? "root" : tag }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether ICU has data for the locale's language rather than only its root fallback.
    static func hasData(_ id: String) -> Bool {
        let language = id.split(whereSeparator: { $0 == "_" || $0 == "@" }).first.map(String.init) ?? ""
        return languagesWithData.contains(language.lowercased())
    }

    /// `id` itself when ICU has data for its language, else `"root"`: ICU would otherwise fall back to the
    /// process's default locale, and output would depend on the machine.
    static func resolved(_ tag: String) -> String {
        let id = canonical(tag)
        return hasData(id) ? id : "root"
    }

    /// The languages of ICU's available locales: immutable data read once, shared safely by all threads.
    private static let languagesWithData: Set<String> = {
        let count = parley_icu_available_locale_count()
        return Set(
            (0..<count).compactMap { index in
                parley_icu_available_locale(index).flatMap { String(validatingCString: $0) }?
                    .split(separator: "_").first.map { $0.lowercased() }
            })
    }()
}
