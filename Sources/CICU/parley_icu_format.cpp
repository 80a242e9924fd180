// Numbers, dates, intervals, relative times and lists over ICU's C API.
#include "parley_icu_format.h"

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udateintervalformat.h>
#include <unicode/ulistformatter.h>
#include <unicode/unum.h>
#include <unicode/ureldatefmt.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

namespace {

inline UErrorCode *err(parley_icu_status *status) { return reinterpret_cast<UErrorCode *>(status); }
inline const UChar *uchars(const uint16_t *text) { return reinterpret_cast<const UChar *>(text); }
inline UChar *uchars(uint16_t *text) { return reinterpret_cast<UChar *>(text); }

UNumberFormatStyle numberStyle(int32_t style) {
    switch (style) {
    case PARLEY_ICU_NUMBER_PERCENT: return UNUM_PERCENT;
    case PARLEY_ICU_NUMBER_CURRENCY: return UNUM_CURRENCY;
    default: return UNUM_DECIMAL;
    }
}

URelativeDateTimeUnit relativeUnit(int32_t unit) {
    switch (unit) {
    case PARLEY_ICU_UNIT_SECOND: return UDAT_REL_UNIT_SECOND;
    case PARLEY_ICU_UNIT_MINUTE: return UDAT_REL_UNIT_MINUTE;
    case PARLEY_ICU_UNIT_HOUR: return UDAT_REL_UNIT_HOUR;
    case PARLEY_ICU_UNIT_DAY: return UDAT_REL_UNIT_DAY;
    case PARLEY_ICU_UNIT_WEEK: return UDAT_REL_UNIT_WEEK;
    case PARLEY_ICU_UNIT_MONTH: return UDAT_REL_UNIT_MONTH;
    default: return UDAT_REL_UNIT_YEAR;
    }
}

} // namespace

// MARK: - Numbers

extern "C" parley_icu_number *parley_icu_number_open(int32_t style, const char *locale, const char *currency,
                                                     int32_t min_fraction, int32_t max_fraction,
                                                     parley_icu_status *status) {
    UNumberFormat *format = unum_open(numberStyle(style), nullptr, 0, locale, nullptr, err(status));
    if (U_FAILURE(*err(status))) return nullptr;
    if (currency != nullptr) {
        UChar code[4] = {0};
        u_charsToUChars(currency, code, 3);
        unum_setTextAttribute(format, UNUM_CURRENCY_CODE, code, 3, err(status));
    }
    if (min_fraction >= 0) unum_setAttribute(format, UNUM_MIN_FRACTION_DIGITS, min_fraction);
    if (max_fraction >= 0) unum_setAttribute(format, UNUM_MAX_FRACTION_DIGITS, max_fraction);
    if (U_FAILURE(*err(status))) {
        unum_close(format);
        return nullptr;
    }
    return reinterpret_cast<parley_icu_number *>(format);
}

extern "C" void parley_icu_number_close(parley_icu_number *number) {
    unum_close(reinterpret_cast<UNumberFormat *>(number));
}

extern "C" int32_t parley_icu_number_format(parley_icu_number *number, double value, uint16_t *dest,
                                            int32_t capacity, parley_icu_status *status) {
    return unum_formatDouble(reinterpret_cast<UNumberFormat *>(number), value, uchars(dest), capacity, nullptr,
                             err(status));
}

extern "C" double parley_icu_number_parse(parley_icu_number *number, const uint16_t *src, int32_t length,
                                          int32_t *position, parley_icu_status *status) {
    *position = 0;
    return unum_parseDouble(reinterpret_cast<UNumberFormat *>(number), uchars(src), length, position, err(status));
}

extern "C" double parley_icu_number_parse_currency(parley_icu_number *number, const uint16_t *src, int32_t length,
                                                   int32_t *position, uint16_t *currency, parley_icu_status *status) {
    *position = 0;
    return unum_parseDoubleCurrency(reinterpret_cast<UNumberFormat *>(number), uchars(src), length, position,
                                    uchars(currency), err(status));
}

// MARK: - Dates

extern "C" parley_icu_date *parley_icu_date_open(const char *locale, int32_t date_style, int32_t time_style,
                                                 const uint16_t *zone, int32_t zone_length, const uint16_t *pattern,
                                                 int32_t pattern_length, parley_icu_status *status) {
    UDateFormatStyle timeStyle = pattern ? UDAT_PATTERN : static_cast<UDateFormatStyle>(time_style);
    UDateFormatStyle dateStyle = pattern ? UDAT_PATTERN : static_cast<UDateFormatStyle>(date_style);
    UDateFormat *format = udat_open(timeStyle, dateStyle, locale, uchars(zone), zone_length, uchars(pattern),
                                    pattern ? pattern_length : 0, err(status));
    if (U_FAILURE(*err(status))) return nullptr;
    udat_setLenient(format, false);
    return reinterpret_cast<parley_icu_date *>(format);
}

extern "C" void parley_icu_date_close(parley_icu_date *date) { udat_close(reinterpret_cast<UDateFormat *>(date)); }

extern "C" int32_t parley_icu_date_format(parley_icu_date *date, double millis, uint16_t *dest, int32_t capacity,
                                          parley_icu_status *status) {
    return udat_format(reinterpret_cast<UDateFormat *>(date), millis, uchars(dest), capacity, nullptr, err(status));
}

extern "C" double parley_icu_date_parse(parley_icu_date *date, const uint16_t *src, int32_t length,
                                        int32_t *position, parley_icu_status *status) {
    *position = 0;
    return udat_parse(reinterpret_cast<UDateFormat *>(date), uchars(src), length, position, err(status));
}

extern "C" int32_t parley_icu_time_zone_is_known(const uint16_t *zone, int32_t zone_length) {
    UChar canonical[128];
    UBool isSystem = false;
    UErrorCode status = U_ZERO_ERROR;
    ucal_getCanonicalTimeZoneID(uchars(zone), zone_length, canonical, 128, &isSystem, &status);
    return U_SUCCESS(status) && isSystem ? 1 : 0;
}

extern "C" parley_icu_interval *parley_icu_interval_open(const char *locale, const uint16_t *skeleton,
                                                         int32_t skeleton_length, const uint16_t *zone,
                                                         int32_t zone_length, parley_icu_status *status) {
    return reinterpret_cast<parley_icu_interval *>(
        udtitvfmt_open(locale, uchars(skeleton), skeleton_length, uchars(zone), zone_length, err(status)));
}

extern "C" void parley_icu_interval_close(parley_icu_interval *interval) {
    udtitvfmt_close(reinterpret_cast<UDateIntervalFormat *>(interval));
}

extern "C" int32_t parley_icu_interval_format(parley_icu_interval *interval, double from_millis, double to_millis,
                                              uint16_t *dest, int32_t capacity, parley_icu_status *status) {
    return udtitvfmt_format(reinterpret_cast<UDateIntervalFormat *>(interval), from_millis, to_millis, uchars(dest),
                            capacity, nullptr, err(status));
}

// MARK: - Relative times

extern "C" parley_icu_relative *parley_icu_relative_open(const char *locale, int32_t width,
                                                         parley_icu_status *status) {
    UDateRelativeDateTimeFormatterStyle style = width == 1   ? UDAT_STYLE_SHORT
                                                : width == 2 ? UDAT_STYLE_NARROW
                                                             : UDAT_STYLE_LONG;
    return reinterpret_cast<parley_icu_relative *>(
        ureldatefmt_open(locale, nullptr, style, UDISPCTX_CAPITALIZATION_NONE, err(status)));
}

extern "C" void parley_icu_relative_close(parley_icu_relative *relative) {
    ureldatefmt_close(reinterpret_cast<URelativeDateTimeFormatter *>(relative));
}

extern "C" int32_t parley_icu_relative_format(parley_icu_relative *relative, double value, int32_t unit,
                                              uint16_t *dest, int32_t capacity, parley_icu_status *status) {
    return ureldatefmt_formatNumeric(reinterpret_cast<URelativeDateTimeFormatter *>(relative), value,
                                     relativeUnit(unit), uchars(dest), capacity, err(status));
}

// MARK: - Lists

extern "C" parley_icu_list *parley_icu_list_open(const char *locale, int32_t kind, parley_icu_status *status) {
    UListFormatterType type = kind == 1 ? ULISTFMT_TYPE_OR : ULISTFMT_TYPE_AND;
    return reinterpret_cast<parley_icu_list *>(
        ulistfmt_openForType(locale, type, ULISTFMT_WIDTH_WIDE, err(status)));
}

extern "C" void parley_icu_list_close(parley_icu_list *list) {
    ulistfmt_close(reinterpret_cast<UListFormatter *>(list));
}

extern "C" int32_t parley_icu_list_format(parley_icu_list *list, const uint16_t *joined, const int32_t *lengths,
                                          int32_t count, uint16_t *dest, int32_t capacity,
                                          parley_icu_status *status) {
    constexpr int32_t maxItems = 256;
    if (count < 0 || count > maxItems) {
        *status = U_ILLEGAL_ARGUMENT_ERROR;
        return 0;
    }
    const UChar *items[maxItems];
    int32_t offset = 0;
    for (int32_t index = 0; index < count; index++) {
        items[index] = uchars(joined) + offset;
        offset += lengths[index];
    }
    return ulistfmt_format(reinterpret_cast<UListFormatter *>(list), items, lengths, count, uchars(dest), capacity,
                           err(status));
}
