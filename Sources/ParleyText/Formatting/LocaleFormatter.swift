internal import CICU

/// Formats and parses numbers, percents, currency amounts, dates, times, intervals, relative times and lists the
/// way a locale writes them, with ICU's data.
///
/// Any ICU locale id or BCP 47 tag works (`"de"`, `"et-EE"`, `"tr"`, `"en_US"`). A locale whose language ICU has
/// no data for formats with ICU's root locale (``locale`` is then `"root"`; ``hasLocaleData`` is `false`), never
/// with the process's default locale, so output does not depend on the machine. Unknown time zones format as GMT
/// (check ``isKnownTimeZone(_:)``).
///
/// Thread safety: ICU formatters are not thread-safe, so each call borrows one from a pool of idle formatters keyed
/// by kind and options (``ICUPool``, guarded by a `Mutex`) and returns it afterwards. Copies share the pool.
/// Formatting never throws: should ICU fail (only when memory runs out) the result is a plain ASCII rendering.
/// ```swift
/// let de = LocaleFormatter(locale: "de")
/// de.currency(1234.5, code: "EUR")                 // "1.234,50 €"
/// de.relative(5, unit: .minute)                    // "in 5 Minuten"
/// de.list(["A", "B", "C"])                         // "A, B und C"
/// de.parseCurrency("19,99 €")                      // (19.99, "EUR")
/// ```
public struct LocaleFormatter: Sendable {
    /// The ICU locale id in use, e.g. `"et_EE"` for `"et-EE"`, or `"root"` for a language ICU has no data for.
    public let locale: String
    /// Whether ICU has data for the requested locale's language; `false` means it formats with the root locale.
    public let hasLocaleData: Bool
    let pool: ICUPool

    /// A formatter for `locale` (ICU id or BCP 47 tag).
    public init(locale: String) {
        self.locale = LocaleID.resolved(locale)
        self.hasLocaleData = self.locale != "root"
        self.pool = ICUPool()
    }

    /// Whether ICU knows `identifier` as a time zone (`"Europe/Berlin"`, `"UTC"`).
    public static func isKnownTimeZone(_ identifier: String) -> Bool {
        UTF16Buffer.withUTF16(identifier) { parley_icu_time_zone_is_known($0, $1) != 0 }
    }

    // MARK: Numbers

    /// `value` with the locale's digits, separators and grouping (`1.234,5` in de); `fractionDigits` bounds the
    /// number of fraction digits (default: 0...3).
    public func number(_ value: Double, fractionDigits: ClosedRange<Int>? = nil) -> String {
        formatNumber(value, style: PARLEY_ICU_NUMBER_DECIMAL, currency: nil, fractionDigits) ?? "\(value)"
    }

    /// `value` as a percentage, where 1 is 100 % (`12 %` in de, `%12` in tr).
    public func percent(_ value: Double, fractionDigits: ClosedRange<Int>? = nil) -> String {
        formatNumber(value, style: PARLEY_ICU_NUMBER_PERCENT, currency: nil, fractionDigits) ?? "\(value * 100)%"
    }

    /// `amount` in the currency with ISO 4217 `code` (`"EUR"`, `"TRY"`), as the locale writes it: `1.234,50 €`
    /// (de), `€1,234.50` (en), `1 234,50 €` (et, with a no-break space), `₺1.234,50` (tr).
    public func currency(_ amount: Double, code: String) -> String {
        let code = Self.currencyCode(code)
        return formatNumber(amount, style: PARLEY_ICU_NUMBER_CURRENCY, currency: code, nil) ?? "\(amount) \(code)"
    }

    // MARK: Relative times and lists

    /// A relative time: `relative(5, unit: .minute)` is `in 5 Minuten` (de), `5 dakika sonra` (tr); negative
    /// values lie in the past (`vor 5 Minuten`).
    public func relative(_ value: Double, unit: RelativeUnit, width: RelativeWidth = .long) -> String {
        let rendered = render("relative|\(width.rawValue)") { () throws(ICUError) in
            try ICUHandle.open("open a relative time formatter", close: { parley_icu_relative_close($0) }) {
                parley_icu_relative_open(locale, width.rawValue, $0)
            }
        } fill: {
            parley_icu_relative_format($0, value, unit.code, $1, $2, $3)
        }
        return rendered ?? "\(value) \(unit)"
    }

    /// The items joined as the locale joins a list: `A, B und C` (de), `A, B ja C` (et), `A, B ve C` (tr).
    public func list(_ items: [String], kind: ListKind = .and) -> String {
        guard items.count <= 256 else { return items.joined(separator: ", ") }
        let joined = Array(items.joined().utf16)
        let lengths = items.map { Int32($0.utf16.count) }
        let rendered = render("list|\(kind.rawValue)") { () throws(ICUError) in
            try ICUHandle.open("open a list formatter", close: { parley_icu_list_close($0) }) {
                parley_icu_list_open(locale, kind.rawValue, $0)
            }
        } fill: { handle, dest, capacity, status in
            joined.withUnsafeBufferPointer {
                parley_icu_list_format(handle, $0.baseAddress, lengths, Int32(items.count), dest, capacity, status)
            }
        }
        return rendered ?? items.joined(separator: ", ")
    }

    // MARK: Shared machinery

    /// Formats with a pooled ICU object; `nil` when ICU fails.
    func render(
        _ key: String,
        open: () throws(ICUError) -> ICUHandle,
        fill: (OpaquePointer, UnsafeMutablePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>) -> Int32
    ) -> String? {
        try? pool.withHandle(key, open: open) { (handle) throws(ICUError) in
            try UTF16Buffer.string(estimate: 64, operation: "format") { fill(handle, $0, $1, $2) }
        }
    }

    func openNumber(_ style: Int, currency: String?, _ digits: ClosedRange<Int>?) throws(ICUError) -> ICUHandle {
        try ICUHandle.open("open a number formatter", close: { parley_icu_number_close($0) }) { status in
            parley_icu_number_open(
                Int32(style), locale, currency, Int32(digits?.lowerBound ?? -1), Int32(digits?.upperBound ?? -1),
                status)
        }
    }

    private func formatNumber(_ value: Double, style: Int, currency: String?, _ digits: ClosedRange<Int>?) -> String? {
        let key = "number|\(style)|\(currency ?? "")|\(digits.map { "\($0)" } ?? "")"
        return render(key) { () throws(ICUError) in
            try openNumber(style, currency: currency, digits)
        } fill: {
            parley_icu_number_format($0, value, $1, $2, $3)
        }
    }

    /// Three ASCII letters in upper case, or `"XXX"` (ISO 4217 "no currency") for anything else.
    static func currencyCode(_ code: String) -> String {
        let upper = code.uppercased()
        return upper.utf8.count == 3 && upper.allSatisfy({ $0.isASCII && $0.isLetter }) ? upper : "XXX"
    }
}
