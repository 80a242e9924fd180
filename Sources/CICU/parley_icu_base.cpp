#include "parley_icu.h"
#include <unicode/uversion.h>
#include <unicode/utypes.h>

extern "C" const char *parley_icu_error_name(parley_icu_status status) {
    return u_errorName(static_cast<UErrorCode>(status));
}

extern "C" const char *parley_icu_version(void) {
    return U_ICU_VERSION;
}
