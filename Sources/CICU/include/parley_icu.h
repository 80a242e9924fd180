/// Plain-C surface over ICU. Only plain C types cross this header: Swift cannot see ICU's own headers next to
/// Foundation on Linux. Every function reports failure through `parley_icu_status` (ICU's error code as an int32_t;
/// `parley_icu_error_name` turns it into ICU's name such as "U_ILLEGAL_ARGUMENT_ERROR").
///
/// Conventions:
/// - Text is UTF-16 (`const uint16_t *` + length in code units). Output goes into a caller buffer (`dest`,
///   `capacity`); the return value is the full length needed. When it exceeds `capacity` the status is
///   `PARLEY_ICU_BUFFER_OVERFLOW` and the caller retries with a larger buffer (ICU's preflighting convention).
/// - Locale ids are NUL-terminated ASCII `char *` (ICU ids such as "de", "et_EE"; use
///   `parley_icu_locale_from_tag` for BCP 47 tags such as "et-EE").
/// - Every `*_open` has a matching `*_close`; handles are opaque. A handle is not safe to use from two threads at
///   the same time unless its comment says so.
#ifndef PARLEY_ICU_H
#define PARLEY_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's error code; 0 or negative means success (ICU's convention: warnings are negative).
#ifndef PARLEY_ICU_STATUS_DEFINED
#define PARLEY_ICU_STATUS_DEFINED
typedef int32_t parley_icu_status;
#endif

/// ICU's U_BUFFER_OVERFLOW_ERROR: the output did not fit; the return value is the length needed.
#define PARLEY_ICU_BUFFER_OVERFLOW 15

/// ICU's symbolic name for a status, e.g. "U_BUFFER_OVERFLOW_ERROR". Static storage; never free it.
const char *parley_icu_error_name(parley_icu_status status);

/// The ICU version the library was built against, e.g. "72.1". Static storage.
const char *parley_icu_version(void);

// MARK: - Locales

/// Converts a BCP 47 tag ("et-EE") or an ICU id ("et_EE") to a canonical ICU locale id. Returns its length.
int32_t parley_icu_locale_from_tag(const char *tag, char *dest, int32_t capacity, parley_icu_status *status);

/// The number of locales ICU has data for, and the id of the one at `index` (static storage).
int32_t parley_icu_available_locale_count(void);
const char *parley_icu_available_locale(int32_t index);

// MARK: - Normalization and case mapping

/// Normalization forms.
enum {
    PARLEY_ICU_NFC = 0,
    PARLEY_ICU_NFD = 1,
    PARLEY_ICU_NFKC = 2,
    PARLEY_ICU_NFKC_CASEFOLD = 3,
};

/// Normalizes `src` to `form`. Returns the length of the result.
int32_t parley_icu_normalize(int32_t form, const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                             parley_icu_status *status);

/// 1 when `src` is already in `form`, else 0.
int32_t parley_icu_is_normalized(int32_t form, const uint16_t *src, int32_t length, parley_icu_status *status);

/// Normalizes UTF-8 `src` to `form` without converting to UTF-16 (fast path for chat text). Returns the length
/// of the result in bytes. `src` must be valid UTF-8.
int32_t parley_icu_normalize_utf8(int32_t form, const char *src, int32_t length, char *dest, int32_t capacity,
                                  parley_icu_status *status);

/// 1 when the UTF-8 `src` is already in `form`, else 0.
int32_t parley_icu_is_normalized_utf8(int32_t form, const char *src, int32_t length, parley_icu_status *status);

/// Case operations.
enum {
    PARLEY_ICU_LOWER = 0,
    PARLEY_ICU_UPPER = 1,
    PARLEY_ICU_TITLE = 2,
    PARLEY_ICU_FOLD = 3,
};

/// Maps case with the rules of `locale` (for PARLEY_ICU_FOLD the locale is ignored: default full folding).
int32_t parley_icu_case_map(int32_t operation, const char *locale, const uint16_t *src, int32_t length,
                            uint16_t *dest, int32_t capacity, parley_icu_status *status);

// MARK: - Break iteration

typedef struct parley_icu_breaker parley_icu_breaker;

/// Break iterator kinds.
enum {
    PARLEY_ICU_BREAK_CHARACTER = 0,
    PARLEY_ICU_BREAK_WORD = 1,
    PARLEY_ICU_BREAK_LINE = 2,
    PARLEY_ICU_BREAK_SENTENCE = 3,
};

/// Opens a break iterator of `kind` for `locale`.
parley_icu_breaker *parley_icu_breaker_open(int32_t kind, const char *locale, parley_icu_status *status);
void parley_icu_breaker_close(parley_icu_breaker *breaker);

/// Writes every boundary of `src` (starting with 0, ending with `length`) into `boundaries` and the rule status
/// of the segment that ends at each boundary into `rule_status` (word breaks: < 100 means "not a word").
/// `capacity` must be at least `length + 1`. Returns the number of boundaries. The breaker keeps no reference to
/// `src` that is used after the call.
int32_t parley_icu_breaker_boundaries(parley_icu_breaker *breaker, const uint16_t *src, int32_t length,
                                      int32_t *boundaries, int32_t *rule_status, int32_t capacity,
                                      parley_icu_status *status);

// MARK: - Scripts and spoofing

/// The script code of a code point (ICU's UScriptCode). 0 = Common, 1 = Inherited.
int32_t parley_icu_script_of(int32_t code_point, parley_icu_status *status);

/// The ISO 15924 code of a script ("Latn") and its long name ("Latin"). Static storage.
const char *parley_icu_script_code(int32_t script);
const char *parley_icu_script_name(int32_t script);

typedef struct parley_icu_spoof parley_icu_spoof;

/// Check result bits (ICU's USpoofChecks values).
enum {
    PARLEY_ICU_SPOOF_RESTRICTION_LEVEL = 16,
    PARLEY_ICU_SPOOF_INVISIBLE = 32,
    PARLEY_ICU_SPOOF_MIXED_NUMBERS = 128,
};

/// Opens a spoof checker: restriction level "moderately restrictive", invisible characters, mixed numbers.
/// Safe for concurrent use by several threads (ICU documents its check functions as thread-safe).
parley_icu_spoof *parley_icu_spoof_open(parley_icu_status *status);
void parley_icu_spoof_close(parley_icu_spoof *spoof);

/// The failed checks for an identifier (0 = passes).
int32_t parley_icu_spoof_check(const parley_icu_spoof *spoof, const uint16_t *src, int32_t length,
                               parley_icu_status *status);

/// The confusable skeleton (UTS #39) of `src`. Thread-safe like `parley_icu_spoof_check`.
int32_t parley_icu_spoof_skeleton(const parley_icu_spoof *spoof, const uint16_t *src, int32_t length,
                                  uint16_t *dest, int32_t capacity, parley_icu_status *status);

/// Converts a host name to Unicode (IDNA 2008/UTS #46, "xn--" labels decoded). Sets `*idna_errors` to ICU's
/// UIDNA_ERROR_* bits (0 = valid host).
int32_t parley_icu_host_to_unicode(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                                   uint32_t *idna_errors, parley_icu_status *status);

#ifdef __cplusplus
}
#endif

#include "parley_icu_format.h"

#endif
