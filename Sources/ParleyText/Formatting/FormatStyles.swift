internal import CICU

/// How much of a date or time to show, as the locale writes it (ICU's date/time styles).
///
/// `.short` is numeric (`12.03.26`, `3/12/26`), `.medium` abbreviates (`12.03.2026`, `Mar 12, 2026`), `.long` and
/// `.full` spell out month (and weekday).
public enum DateStyle: Sendable, Hashable, CaseIterable {
    case short, medium, long, full

    var code: Int32 {
        switch self {
        case .short: Int32(PARLEY_ICU_STYLE_SHORT)
        case .medium: Int32(PARLEY_ICU_STYLE_MEDIUM)
        case .long: Int32(PARLEY_ICU_STYLE_LONG)
        case .full: Int32(PARLEY_ICU_STYLE_FULL)
        }
    }
}

/// The unit of a relative time such as "in 5 minutes".
public enum RelativeUnit: Sendable, Hashable, CaseIterable {
    case second, minute, hour, day, week, month, year

    var code: Int32 {
        switch self {
        case .second: Int32(PARLEY_ICU_UNIT_SECOND)
        case .minute: Int32(PARLEY_ICU_UNIT_MINUTE)
        case .hour: Int32(PARLEY_ICU_UNIT_HOUR)
        case .day: Int32(PARLEY_ICU_UNIT_DAY)
        case .week: Int32(PARLEY_ICU_UNIT_WEEK)
        case .month: Int32(PARLEY_ICU_UNIT_MONTH)
        case .year: Int32(PARLEY_ICU_UNIT_YEAR)
        }
    }
}

/// How wordy a relative time is: `.long` "in 5 Minuten", `.short` "in 5 Min.", `.narrow` the shortest form.
public enum RelativeWidth: Int32, Sendable, Hashable {
    case long = 0, short = 1, narrow = 2
}

/// Whether a list joins with "and" (`A, B und C`) or "or" (`A, B oder C`).
public enum ListKind: Int32, Sendable, Hashable {
    case and = 0, or = 1
}

/// An ICU date skeleton: which fields to show, in any order; the locale decides order, separators and padding.
///
/// `"Hm"` is 24-hour hours and minutes (`09:00–17:00`), `"jm"` the locale's preferred clock, `"yMMMd"` a date
/// with abbreviated month. See UTS #35 "Date Field Symbol Table".
public struct DateSkeleton: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// 24-hour hours and minutes: business hours like `09:00–17:00`.
    public static let hoursMinutes: DateSkeleton = "Hm"
    /// Hours and minutes on the locale's preferred clock (12- or 24-hour).
    public static let time: DateSkeleton = "jm"
    /// Day, abbreviated month and year: `12.–14. März 2026`.
    public static let date: DateSkeleton = "yMMMd"
    /// Date and time on the locale's preferred clock.
    public static let dateTime: DateSkeleton = "yMMMdjm"
}
