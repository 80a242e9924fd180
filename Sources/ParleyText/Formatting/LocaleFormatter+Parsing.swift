internal import CICU
public import FoundationEssentials

extension LocaleFormatter {
    /// The number written in `text` the way the locale writes numbers (`"1.234,5"` in de is 1234.5), or `nil` when
    /// `text` is not entirely a number. Surrounding whitespace is ignored.
    public func parseNumber(_ text: String) -> Double? {
        let text = Self.trimmed(text)
        guard !text.isEmpty else { return nil }
        return Self.spacingVariants(of: text).lazy.compactMap { parseNumberExactly($0) }.first
    }

    private func parseNumberExactly(_ text: String) -> Double? {
        try? pool.withHandle("number|0||") { () throws(ICUError) in
            try openNumber(PARLEY_ICU_NUMBER_DECIMAL, currency: nil, nil)
        } _: { (handle) throws(ICUError) in
            try Self.wholeParse(text) { parley_icu_number_parse(handle, $0, $1, $2, $3) }
        }
    }

    /// An amount with its currency (`"19,99 €"` in de is 19.99 EUR; `"₺1.234,50"` in tr is 1234.5 TRY), or `nil`.
    ///
    /// Accepts the locale's currency symbols and ISO codes (`"19,99 EUR"`, `"EUR 19,99"`), and also a plain
    /// amount with a decimal point and an ISO code (`"19.99 EUR"`) as people paste them. A number with no
    /// currency is not an amount and gives `nil`.
    public func parseCurrency(_ text: String) -> (amount: Double, currency: String)? {
        let text = Self.trimmed(text)
        guard !text.isEmpty else { return nil }
        // People type a plain space where the locale writes a no-break space ("19,99 €" for "19,99\u{A0}€").
        for variant in Self.spacingVariants(of: text) {
            if let parsed = parseLocaleCurrency(variant) { return parsed }
        }
        return parsePlainCurrency(text)
    }

    /// The day written in `text` as a numeric date of the locale (its short or medium style: `12.03.2026` in de, et
    /// and tr; `3/12/2026` in en) or as ISO 8601 (`2026-03-12`), at midnight in `timeZone`; `nil` otherwise.
    public func parseDate(_ text: String, timeZone: String) -> Date? {
        let text = Self.trimmed(text)
        guard !text.isEmpty else { return nil }
        let styles: [(Int32, String?)] = [
            (DateStyle.short.code, nil), (DateStyle.medium.code, nil), (Int32(PARLEY_ICU_STYLE_NONE), "yyyy-MM-dd"),
        ]
        for (style, pattern) in styles {
            let key = "parse-date|\(style)|\(pattern ?? "")|\(timeZone)"
            let millis = try? pool.withHandle(key) { () throws(ICUError) in
                try openDate(dateStyle: style, timeStyle: Int32(PARLEY_ICU_STYLE_NONE), timeZone, pattern: pattern)
            } _: { (handle) throws(ICUError) in
                try Self.wholeParse(text) { parley_icu_date_parse(handle, $0, $1, $2, $3) }
            }
            if let millis { return Date(timeIntervalSince1970: millis / 1000) }
        }
        return nil
    }

    private func parseLocaleCurrency(_ text: String) -> (amount: Double, currency: String)? {
        var code = [UInt16](repeating: 0, count: 4)
        let amount = try? pool.withHandle("parse-currency") { () throws(ICUError) in
            try openNumber(PARLEY_ICU_NUMBER_CURRENCY, currency: nil, nil)
        } _: { (handle) throws(ICUError) in
            try Self.wholeParse(text) { parley_icu_number_parse_currency(handle, $0, $1, $2, &code, $3) }
        }
        guard let amount else { return nil }
        let currency = String(decoding: code.prefix(3), as: UTF16.self)
        return currency.utf8.count == 3 ? (amount, currency) : nil
    }

    /// `"19.99 EUR"`, `"EUR 19,99"`: an ISO code before or after a number in the locale's or in plain notation.
    private func parsePlainCurrency(_ text: String) -> (amount: Double, currency: String)? {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count == 2 else { return nil }
        let isCode = { (word: Substring) in word.count == 3 && word.allSatisfy { $0.isASCII && $0.isUppercase } }
        guard let codeIndex = words.firstIndex(where: isCode) else { return nil }
        let number = String(words[1 - codeIndex])
        let plain = Self.plainDecimal(number)
        guard let amount = plain ?? parseNumber(number) else { return nil }
        return (amount, String(words[codeIndex]))
    }

    /// `12.50`, `12` or `1234.5`: digits with at most one `.` followed by one or two digits (never grouping).
    private static func plainDecimal(_ text: String) -> Double? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return nil
        }
        guard parts.count == 1 || (parts.count == 2 && parts[1].count <= 2) else { return nil }
        return Double(text)
    }

    /// Runs an ICU parse and accepts the value only when the whole text was consumed without error.
    static func wholeParse(
        _ text: String,
        _ parse: (UnsafePointer<UInt16>, Int32, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Double
    ) throws(ICUError) -> Double {
        try UTF16Buffer.withUTF16(text) { (source, length) throws(ICUError) in
            var position: Int32 = 0
            var status: Int32 = 0
            let value = parse(source, length, &position, &status)
            try ICUError.check(status, "parse text")
            guard position == length else { throw ICUError(status: 9 /* U_PARSE_ERROR */, operation: "parse text") }
            return value
        }
    }

    /// The text as given, then with every space as U+00A0, then with every space as U+0020.
    static func spacingVariants(of text: String) -> [String] {
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace }
        guard text.unicodeScalars.contains(where: isSpace) else { return [text] }
        let variants = ["\u{A0}", " "].map { space in
            String(String.UnicodeScalarView(text.unicodeScalars.map { isSpace($0) ? Unicode.Scalar(space)! : $0 }))
        }
        return [text] + variants.filter { $0 != text }
    }

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
