/// Plain-C surface over ICU. Only plain C types cross this header: Swift cannot see ICU's own headers next to
/// Foundation on Linux. Every function reports failure through `parley_icu_status` (ICU's error code as an int32_t;
/// `parley_icu_error_name` turns it into ICU's name such as "U_ILLEGAL_ARGUMENT_ERROR").
#ifndef PARLEY_ICU_H
#define PARLEY_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's error code; 0 or negative means success (ICU's convention: warnings are negative).
typedef int32_t parley_icu_status;

/// ICU's symbolic name for a status, e.g. "U_BUFFER_OVERFLOW_ERROR". Static storage; never free it.
const char *parley_icu_error_name(parley_icu_status status);

/// The ICU version the library was built against, e.g. "72.1". Static storage.
const char *parley_icu_version(void);

#ifdef __cplusplus
}
#endif

#endif
