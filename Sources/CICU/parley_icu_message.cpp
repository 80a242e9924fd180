// ICU MessageFormat with named arguments, through ICU's C++ API (the C API has no named arguments).
#include "parley_icu_format.h"

#include <new>

#include <unicode/datefmt.h>
#include <unicode/fmtable.h>
#include <unicode/timezone.h>
#include <unicode/locid.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/parseerr.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

namespace {

inline UErrorCode *err(parley_icu_status *status) { return reinterpret_cast<UErrorCode *>(status); }
inline const UChar *uchars(const uint16_t *text) { return reinterpret_cast<const UChar *>(text); }

/// A compiled template: the formatter plus the pattern's argument names (for "missing argument" checks).
struct Message {
    icu::MessageFormat format;
    icu::UnicodeString names; // each name followed by U+0000

    Message(const icu::UnicodeString &pattern, const icu::Locale &locale, UParseError &error, UErrorCode &status)
        : format(pattern, locale, error, status) {}
};

/// Collects every ARG_NAME / ARG_NUMBER part of the pattern, nested ones included.
void collectNames(const icu::UnicodeString &pattern, icu::UnicodeString &names, UErrorCode &status) {
    UParseError error;
    icu::MessagePattern parsed(pattern, &error, status);
    if (U_FAILURE(status)) return;
    for (int32_t index = 0; index < parsed.countParts(); index++) {
        const icu::MessagePattern::Part &part = parsed.getPart(index);
        UMessagePatternPartType type = part.getType();
        if (type == UMSGPAT_PART_TYPE_ARG_NAME || type == UMSGPAT_PART_TYPE_ARG_NUMBER) {
            names.append(parsed.getSubstring(part)).append(static_cast<UChar>(0));
        }
    }
}

/// Sets the time zone of every top-level date/time sub-format (MessageFormat otherwise uses the process default).
void setTimeZone(icu::MessageFormat &format, const icu::UnicodeString &zone) {
    icu::TimeZone *timeZone = icu::TimeZone::createTimeZone(zone);
    if (timeZone == nullptr) return;
    int32_t count = 0;
    const icu::Format **formats = format.getFormats(count);
    for (int32_t index = 0; formats != nullptr && index < count; index++) {
        const icu::DateFormat *date = dynamic_cast<const icu::DateFormat *>(formats[index]);
        if (date != nullptr) const_cast<icu::DateFormat *>(date)->setTimeZone(*timeZone);
    }
    delete timeZone;
}

} // namespace

extern "C" parley_icu_message *parley_icu_message_open(const uint16_t *pattern, int32_t length, const char *locale,
                                                       const uint16_t *zone, int32_t zone_length,
                                                       int32_t *error_offset, parley_icu_status *status) {
    *error_offset = -1;
    icu::UnicodeString text(uchars(pattern), length);
    UParseError error{};
    Message *message = new (std::nothrow) Message(text, icu::Locale(locale), error, *err(status));
    if (message == nullptr) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return nullptr;
    }
    if (U_SUCCESS(*err(status))) collectNames(text, message->names, *err(status));
    if (U_SUCCESS(*err(status)) && zone != nullptr) {
        setTimeZone(message->format, icu::UnicodeString(uchars(zone), zone_length));
    }
    if (U_FAILURE(*err(status))) {
        *error_offset = error.offset;
        delete message;
        return nullptr;
    }
    return reinterpret_cast<parley_icu_message *>(message);
}

extern "C" void parley_icu_message_close(parley_icu_message *message) {
    delete reinterpret_cast<Message *>(message);
}

extern "C" int32_t parley_icu_message_argument_names(const parley_icu_message *message, uint16_t *dest,
                                                     int32_t capacity, parley_icu_status *status) {
    const Message *compiled = reinterpret_cast<const Message *>(message);
    return compiled->names.extract(reinterpret_cast<UChar *>(dest), capacity, *err(status));
}

extern "C" int32_t parley_icu_message_format(const parley_icu_message *message, int32_t count,
                                             const uint16_t *names, const int32_t *name_lengths,
                                             const int32_t *kinds, const double *numbers, const uint16_t *strings,
                                             const int32_t *string_lengths, uint16_t *dest, int32_t capacity,
                                             parley_icu_status *status) {
    // UObject's operator new returns nullptr on failure (it never throws).
    icu::UnicodeString *argumentNames = new icu::UnicodeString[count > 0 ? count : 1];
    icu::Formattable *arguments = new icu::Formattable[count > 0 ? count : 1];
    int32_t result = 0;
    if (argumentNames == nullptr || arguments == nullptr) {
        *status = U_MEMORY_ALLOCATION_ERROR;
    } else {
        int32_t nameOffset = 0, stringOffset = 0;
        for (int32_t index = 0; index < count; index++) {
            argumentNames[index].setTo(uchars(names) + nameOffset, name_lengths[index]);
            nameOffset += name_lengths[index];
            switch (kinds[index]) {
            case PARLEY_ICU_ARG_STRING:
                arguments[index].setString(
                    icu::UnicodeString(uchars(strings) + stringOffset, string_lengths[index]));
                break;
            case PARLEY_ICU_ARG_DATE: arguments[index].setDate(numbers[index]); break;
            default: arguments[index].setDouble(numbers[index]); break;
            }
            stringOffset += string_lengths[index];
        }
        icu::UnicodeString output;
        reinterpret_cast<const Message *>(message)->format.format(argumentNames, arguments, count, output,
                                                                  *err(status));
        if (U_SUCCESS(*err(status))) result = output.extract(reinterpret_cast<UChar *>(dest), capacity, *err(status));
    }
    delete[] argumentNames;
    delete[] arguments;
    return result;
}
