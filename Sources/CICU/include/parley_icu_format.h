/// Plain-C surface over ICU's formatters: numbers, dates, intervals, relative times, lists and message templates.
/// Same conventions as `parley_icu.h`. Formatter handles are NOT safe for concurrent use: one thread at a time.
#ifndef PARLEY_ICU_FORMAT_H
#define PARLEY_ICU_FORMAT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef PARLEY_ICU_STATUS_DEFINED
#define PARLEY_ICU_STATUS_DEFINED
typedef int32_t parley_icu_status;
#endif

// MARK: - Numbers

typedef struct parley_icu_number parley_icu_number;

/// Number styles.
enum {
    PARLEY_ICU_NUMBER_DECIMAL = 0,
    PARLEY_ICU_NUMBER_PERCENT = 1,
    PARLEY_ICU_NUMBER_CURRENCY = 2,
};

/// Opens a number formatter/parser. `currency` is an ISO 4217 code ("EUR") for the currency style, else NULL.
/// `min_fraction`/`max_fraction` < 0 keep the locale's defaults.
parley_icu_number *parley_icu_number_open(int32_t style, const char *locale, const char *currency,
                                          int32_t min_fraction, int32_t max_fraction, parley_icu_status *status);
void parley_icu_number_close(parley_icu_number *number);

int32_t parley_icu_number_format(parley_icu_number *number, double value, uint16_t *dest, int32_t capacity,
                                 parley_icu_status *status);

/// Parses a number; `*position` is where parsing stopped (so the caller can require the whole text).
double parley_icu_number_parse(parley_icu_number *number, const uint16_t *src, int32_t length, int32_t *position,
                               parley_icu_status *status);

/// Parses a currency amount; writes the ISO code (4 code units incl. NUL) into `currency`.
double parley_icu_number_parse_currency(parley_icu_number *number, const uint16_t *src, int32_t length,
                                        int32_t *position, uint16_t *currency, parley_icu_status *status);

// MARK: - Dates and times

typedef struct parley_icu_date parley_icu_date;

/// Date/time styles (ICU's UDateFormatStyle values).
enum {
    PARLEY_ICU_STYLE_NONE = -1,
    PARLEY_ICU_STYLE_FULL = 0,
    PARLEY_ICU_STYLE_LONG = 1,
    PARLEY_ICU_STYLE_MEDIUM = 2,
    PARLEY_ICU_STYLE_SHORT = 3,
};

/// Opens a date formatter for styles, or for `pattern` (UTF-16, may be NULL) when given; `zone` is an IANA time
/// zone id (UTF-16). Parsing is strict (not lenient).
parley_icu_date *parley_icu_date_open(const char *locale, int32_t date_style, int32_t time_style,
                                      const uint16_t *zone, int32_t zone_length, const uint16_t *pattern,
                                      int32_t pattern_length, parley_icu_status *status);
void parley_icu_date_close(parley_icu_date *date);

/// Formats milliseconds since 1970-01-01T00:00:00Z.
int32_t parley_icu_date_format(parley_icu_date *date, double millis, uint16_t *dest, int32_t capacity,
                               parley_icu_status *status);

/// Parses a date; returns milliseconds since 1970; `*position` is where parsing stopped.
double parley_icu_date_parse(parley_icu_date *date, const uint16_t *src, int32_t length, int32_t *position,
                             parley_icu_status *status);

/// 1 when ICU knows the time zone id (e.g. "Europe/Tallinn"), else 0.
int32_t parley_icu_time_zone_is_known(const uint16_t *zone, int32_t zone_length);

typedef struct parley_icu_interval parley_icu_interval;

/// Opens a date interval formatter for a skeleton such as "Hm" (hours and minutes) or "yMMMd".
parley_icu_interval *parley_icu_interval_open(const char *locale, const uint16_t *skeleton, int32_t skeleton_length,
                                              const uint16_t *zone, int32_t zone_length, parley_icu_status *status);
void parley_icu_interval_close(parley_icu_interval *interval);

int32_t parley_icu_interval_format(parley_icu_interval *interval, double from_millis, double to_millis,
                                   uint16_t *dest, int32_t capacity, parley_icu_status *status);

// MARK: - Relative times

typedef struct parley_icu_relative parley_icu_relative;

/// Relative units.
enum {
    PARLEY_ICU_UNIT_SECOND = 0,
    PARLEY_ICU_UNIT_MINUTE = 1,
    PARLEY_ICU_UNIT_HOUR = 2,
    PARLEY_ICU_UNIT_DAY = 3,
    PARLEY_ICU_UNIT_WEEK = 4,
    PARLEY_ICU_UNIT_MONTH = 5,
    PARLEY_ICU_UNIT_YEAR = 6,
};

/// Widths: 0 long ("in 5 minutes"), 1 short ("in 5 min."), 2 narrow.
parley_icu_relative *parley_icu_relative_open(const char *locale, int32_t width, parley_icu_status *status);
void parley_icu_relative_close(parley_icu_relative *relative);

/// "in 5 minutes" for +5, "5 minutes ago" for -5.
int32_t parley_icu_relative_format(parley_icu_relative *relative, double value, int32_t unit, uint16_t *dest,
                                   int32_t capacity, parley_icu_status *status);

// MARK: - Lists

typedef struct parley_icu_list parley_icu_list;

/// Opens a list formatter ("A, B und C"). `kind`: 0 and-list, 1 or-list.
parley_icu_list *parley_icu_list_open(const char *locale, int32_t kind, parley_icu_status *status);
void parley_icu_list_close(parley_icu_list *list);

/// Formats `count` items given as one UTF-16 buffer `joined` and each item's length in `lengths`.
int32_t parley_icu_list_format(parley_icu_list *list, const uint16_t *joined, const int32_t *lengths, int32_t count,
                               uint16_t *dest, int32_t capacity, parley_icu_status *status);

// MARK: - Message templates (ICU MessageFormat)

typedef struct parley_icu_message parley_icu_message;

/// Argument kinds for `parley_icu_message_format`.
enum {
    PARLEY_ICU_ARG_NUMBER = 0,
    PARLEY_ICU_ARG_STRING = 1,
    PARLEY_ICU_ARG_DATE = 2,
};

/// Compiles a MessageFormat pattern. On a syntax error `*error_offset` is the offset in the pattern (else -1).
/// Top-level date/time arguments format in the IANA time zone `zone` (UTF-16).
parley_icu_message *parley_icu_message_open(const uint16_t *pattern, int32_t length, const char *locale,
                                            const uint16_t *zone, int32_t zone_length, int32_t *error_offset,
                                            parley_icu_status *status);
void parley_icu_message_close(parley_icu_message *message);

/// The names (or numbers) of the pattern's top-level and nested arguments, each followed by a NUL code unit.
int32_t parley_icu_message_argument_names(const parley_icu_message *message, uint16_t *dest, int32_t capacity,
                                          parley_icu_status *status);

/// Formats with named arguments. Names and string values come as joined UTF-16 buffers with per-item lengths;
/// `numbers[i]` is the value of a number argument or the milliseconds since 1970 of a date argument.
int32_t parley_icu_message_format(const parley_icu_message *message, int32_t count, const uint16_t *names,
                                  const int32_t *name_lengths, const int32_t *kinds, const double *numbers,
                                  const uint16_t *strings, const int32_t *string_lengths, uint16_t *dest,
                                  int32_t capacity, parley_icu_status *status);

#ifdef __cplusplus
}
#endif

#endif
