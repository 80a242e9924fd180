internal import CICU
public import FoundationEssentials

extension LocaleFormatter {
    /// The date as the locale writes it in `style`, in the IANA time zone `timeZone` (`"Europe/Berlin"`):
    /// `12.03.26` (de, short), `12. März 2026` (de, long), `3/12/26` (en, short).
    public func date(_ date: Date, style: DateStyle, timeZone: String) -> String {
        formatDate(date, dateStyle: style.code, timeStyle: Int32(PARLEY_ICU_STYLE_NONE), timeZone)
    }

    /// The time of day as the locale writes it in `style`: `14:05` (de, short), `2:05 PM` (en, short).
    public func time(_ date: Date, style: DateStyle, timeZone: String) -> String {
        formatDate(date, dateStyle: Int32(PARLEY_ICU_STYLE_NONE), timeStyle: style.code, timeZone)
    }

    /// Date and time together, each in its own style: `12.03.26, 14:05` (de, short/short).
    public func dateTime(_ date: Date, dateStyle: DateStyle, timeStyle: DateStyle, timeZone: String) -> String {
        formatDate(date, dateStyle: dateStyle.code, timeStyle: timeStyle.code, timeZone)
    }

    /// Date and time together in one style: `12.03.26, 14:05` (de, short).
    public func dateTime(_ date: Date, style: DateStyle, timeZone: String) -> String {
        dateTime(date, dateStyle: style, timeStyle: style, timeZone: timeZone)
    }

    /// The interval from `from` to `to` with the fields of `skeleton`, sharing what the two have in common:
    /// business hours `09:00–17:00` (skeleton `"Hm"`), `12.–14. März 2026` (de, `"yMMMd"`).
    public func interval(from: Date, to: Date, skeleton: DateSkeleton = .hoursMinutes, timeZone: String) -> String {
        let pattern = Array(skeleton.rawValue.utf16)
        let zone = Array(timeZone.utf16)
        let rendered = render("interval|\(skeleton.rawValue)|\(timeZone)") { () throws(ICUError) in
            try ICUHandle.open("open a date interval formatter", close: { parley_icu_interval_close($0) }) {
                parley_icu_interval_open(locale, pattern, Int32(pattern.count), zone, Int32(zone.count), $0)
            }
        } fill: {
            parley_icu_interval_format($0, Self.millis(from), Self.millis(to), $1, $2, $3)
        }
        return rendered ?? "\(from) – \(to)"
    }

    func openDate(
        dateStyle: Int32, timeStyle: Int32, _ timeZone: String, pattern: String?
    ) throws(ICUError)
        -> ICUHandle
    {
        let zone = Array(timeZone.utf16)
        let patternUnits = pattern.map { Array($0.utf16) }
        return try ICUHandle.open("open a date formatter", close: { parley_icu_date_close($0) }) { status in
            if let patternUnits {
                return parley_icu_date_open(
                    locale, dateStyle, timeStyle, zone, Int32(zone.count), patternUnits, Int32(patternUnits.count),
                    status)
            }
            return parley_icu_date_open(locale, dateStyle, timeStyle, zone, Int32(zone.count), nil, 0, status)
        }
    }

    static func millis(_ date: Date) -> Double { (date.timeIntervalSince1970 * 1000).rounded() }

    private func formatDate(_ date: Date, dateStyle: Int32, timeStyle: Int32, _ timeZone: String) -> String {
        let rendered = render("date|\(dateStyle)|\(timeStyle)|\(timeZone)") { () throws(ICUError) in
            try openDate(dateStyle: dateStyle, timeStyle: timeStyle, timeZone, pattern: nil)
        } fill: {
            parley_icu_date_format($0, Self.millis(date), $1, $2, $3)
        }
        return rendered ?? "\(date)"
    }
}
