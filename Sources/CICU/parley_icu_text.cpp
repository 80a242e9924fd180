// Normalization, case mapping, break iteration, scripts, spoof checks and IDNA over ICU's C API.
#include "parley_icu.h"

#include <cstring>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uidna.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

namespace {

inline UErrorCode *err(parley_icu_status *status) { return reinterpret_cast<UErrorCode *>(status); }
inline const UChar *uchars(const uint16_t *text) { return reinterpret_cast<const UChar *>(text); }
inline UChar *uchars(uint16_t *text) { return reinterpret_cast<UChar *>(text); }

const UNormalizer2 *normalizer(int32_t form, UErrorCode *status) {
    switch (form) {
    case PARLEY_ICU_NFC: return unorm2_getNFCInstance(status);
    case PARLEY_ICU_NFD: return unorm2_getNFDInstance(status);
    case PARLEY_ICU_NFKC: return unorm2_getNFKCInstance(status);
    case PARLEY_ICU_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return nullptr;
    }
}

const icu::Normalizer2 *normalizer2(int32_t form, UErrorCode &status) {
    switch (form) {
    case PARLEY_ICU_NFC: return icu::Normalizer2::getNFCInstance(status);
    case PARLEY_ICU_NFD: return icu::Normalizer2::getNFDInstance(status);
    case PARLEY_ICU_NFKC: return icu::Normalizer2::getNFKCInstance(status);
    case PARLEY_ICU_NFKC_CASEFOLD: return icu::Normalizer2::getNFKCCasefoldInstance(status);
    default: status = U_ILLEGAL_ARGUMENT_ERROR; return nullptr;
    }
}

} // namespace

extern "C" int32_t parley_icu_locale_from_tag(const char *tag, char *dest, int32_t capacity,
                                              parley_icu_status *status) {
    int32_t parsed = 0;
    char id[ULOC_FULLNAME_CAPACITY] = {0};
    int32_t length = uloc_forLanguageTag(tag, id, ULOC_FULLNAME_CAPACITY, &parsed, err(status));
    if (U_FAILURE(*err(status)) || parsed <= 0 || parsed != static_cast<int32_t>(std::strlen(tag))) {
        // Not (entirely) a BCP 47 tag: treat it as an ICU id ("et_EE", "de@currency=EUR").
        *status = U_ZERO_ERROR;
        length = uloc_canonicalize(tag, id, ULOC_FULLNAME_CAPACITY, err(status));
    }
    if (U_FAILURE(*err(status))) return 0;
    if (length >= capacity) {
        *status = U_BUFFER_OVERFLOW_ERROR;
        return length;
    }
    std::memcpy(dest, id, static_cast<size_t>(length));
    dest[length] = 0;
    return length;
}

extern "C" int32_t parley_icu_available_locale_count(void) { return uloc_countAvailable(); }

extern "C" const char *parley_icu_available_locale(int32_t index) { return uloc_getAvailable(index); }

extern "C" int32_t parley_icu_normalize(int32_t form, const uint16_t *src, int32_t length, uint16_t *dest,
                                        int32_t capacity, parley_icu_status *status) {
    const UNormalizer2 *norm = normalizer(form, err(status));
    if (U_FAILURE(*err(status))) return 0;
    return unorm2_normalize(norm, uchars(src), length, uchars(dest), capacity, err(status));
}

extern "C" int32_t parley_icu_is_normalized(int32_t form, const uint16_t *src, int32_t length,
                                            parley_icu_status *status) {
    const UNormalizer2 *norm = normalizer(form, err(status));
    if (U_FAILURE(*err(status))) return 0;
    return unorm2_isNormalized(norm, uchars(src), length, err(status)) ? 1 : 0;
}

extern "C" int32_t parley_icu_normalize_utf8(int32_t form, const char *src, int32_t length, char *dest,
                                             int32_t capacity, parley_icu_status *status) {
    const icu::Normalizer2 *norm = normalizer2(form, *err(status));
    if (U_FAILURE(*err(status))) return 0;
    icu::CheckedArrayByteSink sink(dest, capacity);
    norm->normalizeUTF8(0, icu::StringPiece(src, length), sink, nullptr, *err(status));
    if (U_FAILURE(*err(status))) return 0;
    if (sink.Overflowed()) *status = U_BUFFER_OVERFLOW_ERROR;
    return sink.NumberOfBytesAppended();
}

extern "C" int32_t parley_icu_is_normalized_utf8(int32_t form, const char *src, int32_t length,
                                                 parley_icu_status *status) {
    const icu::Normalizer2 *norm = normalizer2(form, *err(status));
    if (U_FAILURE(*err(status))) return 0;
    return norm->isNormalizedUTF8(icu::StringPiece(src, length), *err(status)) ? 1 : 0;
}

extern "C" int32_t parley_icu_case_map(int32_t operation, const char *locale, const uint16_t *src, int32_t length,
                                       uint16_t *dest, int32_t capacity, parley_icu_status *status) {
    switch (operation) {
    case PARLEY_ICU_LOWER: return u_strToLower(uchars(dest), capacity, uchars(src), length, locale, err(status));
    case PARLEY_ICU_UPPER: return u_strToUpper(uchars(dest), capacity, uchars(src), length, locale, err(status));
    case PARLEY_ICU_TITLE:
        return u_strToTitle(uchars(dest), capacity, uchars(src), length, nullptr, locale, err(status));
    case PARLEY_ICU_FOLD:
        return u_strFoldCase(uchars(dest), capacity, uchars(src), length, U_FOLD_CASE_DEFAULT, err(status));
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return 0;
    }
}

// MARK: - Break iteration

extern "C" parley_icu_breaker *parley_icu_breaker_open(int32_t kind, const char *locale, parley_icu_status *status) {
    UBreakIteratorType type;
    switch (kind) {
    case PARLEY_ICU_BREAK_CHARACTER: type = UBRK_CHARACTER; break;
    case PARLEY_ICU_BREAK_WORD: type = UBRK_WORD; break;
    case PARLEY_ICU_BREAK_LINE: type = UBRK_LINE; break;
    case PARLEY_ICU_BREAK_SENTENCE: type = UBRK_SENTENCE; break;
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return nullptr;
    }
    return reinterpret_cast<parley_icu_breaker *>(ubrk_open(type, locale, nullptr, 0, err(status)));
}

extern "C" void parley_icu_breaker_close(parley_icu_breaker *breaker) {
    ubrk_close(reinterpret_cast<UBreakIterator *>(breaker));
}

extern "C" int32_t parley_icu_breaker_boundaries(parley_icu_breaker *breaker, const uint16_t *src, int32_t length,
                                                 int32_t *boundaries, int32_t *rule_status, int32_t capacity,
                                                 parley_icu_status *status) {
    UBreakIterator *iterator = reinterpret_cast<UBreakIterator *>(breaker);
    if (capacity < length + 1) {
        *status = U_BUFFER_OVERFLOW_ERROR;
        return length + 1;
    }
    ubrk_setText(iterator, uchars(src), length, err(status));
    if (U_FAILURE(*err(status))) return 0;
    int32_t count = 0;
    for (int32_t boundary = ubrk_first(iterator); boundary != UBRK_DONE; boundary = ubrk_next(iterator)) {
        boundaries[count] = boundary;
        rule_status[count] = ubrk_getRuleStatus(iterator);
        count++;
    }
    static const UChar empty[1] = {0};
    UErrorCode ignored = U_ZERO_ERROR;
    ubrk_setText(iterator, empty, 0, &ignored); // drop the reference to the caller's buffer
    return count;
}

// MARK: - Scripts

extern "C" int32_t parley_icu_script_of(int32_t code_point, parley_icu_status *status) {
    return uscript_getScript(code_point, err(status));
}

extern "C" const char *parley_icu_script_code(int32_t script) {
    return uscript_getShortName(static_cast<UScriptCode>(script));
}

extern "C" const char *parley_icu_script_name(int32_t script) {
    return uscript_getName(static_cast<UScriptCode>(script));
}

// MARK: - Spoof checks

extern "C" parley_icu_spoof *parley_icu_spoof_open(parley_icu_status *status) {
    USpoofChecker *checker = uspoof_open(err(status));
    if (U_FAILURE(*err(status))) return nullptr;
    uspoof_setChecks(checker, USPOOF_RESTRICTION_LEVEL | USPOOF_INVISIBLE | USPOOF_MIXED_NUMBERS, err(status));
    uspoof_setRestrictionLevel(checker, USPOOF_MODERATELY_RESTRICTIVE);
    if (U_FAILURE(*err(status))) {
        uspoof_close(checker);
        return nullptr;
    }
    return reinterpret_cast<parley_icu_spoof *>(checker);
}

extern "C" void parley_icu_spoof_close(parley_icu_spoof *spoof) {
    uspoof_close(reinterpret_cast<USpoofChecker *>(spoof));
}

extern "C" int32_t parley_icu_spoof_check(const parley_icu_spoof *spoof, const uint16_t *src, int32_t length,
                                          parley_icu_status *status) {
    return uspoof_check2(reinterpret_cast<const USpoofChecker *>(spoof), uchars(src), length, nullptr, err(status));
}

extern "C" int32_t parley_icu_spoof_skeleton(const parley_icu_spoof *spoof, const uint16_t *src, int32_t length,
                                             uint16_t *dest, int32_t capacity, parley_icu_status *status) {
    return uspoof_getSkeleton(reinterpret_cast<const USpoofChecker *>(spoof), 0, uchars(src), length, uchars(dest),
                              capacity, err(status));
}

// MARK: - IDNA

extern "C" int32_t parley_icu_host_to_unicode(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                                              uint32_t *idna_errors, parley_icu_status *status) {
    UIDNA *idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_UNICODE, err(status));
    if (U_FAILURE(*err(status))) return 0;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t result = uidna_nameToUnicode(idna, uchars(src), length, uchars(dest), capacity, &info, err(status));
    uidna_close(idna);
    *idna_errors = info.errors;
    return result;
}
