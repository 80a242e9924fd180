internal import CICU
public import FoundationEssentials
import Synchronization

/// A value for a ``MessageTemplate`` argument.
public enum TemplateArgument: Sendable, Hashable {
    /// A number: `{count, plural, ...}`, `{price, number, currency}`, `{n}`.
    case number(Double)
    /// A string: `{name}`, `{gender, select, female {...} other {...}}`.
    case string(String)
    /// A moment: `{when, date, short}`, `{when, time, short}`.
    case date(Date)
}

/// An ICU MessageFormat template with named arguments, plural and select, and number/date formatting in a locale.
///
/// ```swift
/// let items = try MessageTemplate(pattern: "{count, plural, one {# Artikel} other {# Artikel}} im Korb", locale: "de")
/// try items.format(["count": .number(3)])   // "3 Artikel im Korb"
/// ```
/// Malformed patterns throw ``TemplateError`` with ``TemplateError/Code/malformedPattern`` and the offset ICU
/// reports; formatting with an argument missing throws ``TemplateError/Code/missingArgument`` (ICU itself would
/// print `{name}`). Date and time arguments format in the template's `timeZone` (default UTC), never the machine's.
///
/// Thread safety: the compiled ICU `MessageFormat` is guarded by a `Mutex`; concurrent `format` calls on one
/// template take turns. Copies share the compiled template; it is closed when the last copy goes.
public struct MessageTemplate: Sendable {
    /// The pattern as given.
    public let pattern: String
    /// The ICU locale id the template formats for; `"root"` when ICU has no data for the requested language.
    public let locale: String
    /// The names of the arguments the pattern uses, sorted (numbered arguments appear as `"0"`, `"1"`...).
    public let argumentNames: [String]
    private let compiled: CompiledMessage

    /// Compiles `pattern` for `locale` (ICU id or BCP 47 tag).
    public init(pattern: String, locale: String, timeZone: String = "UTC") throws(TemplateError) {
        self.pattern = pattern
        self.locale = LocaleID.resolved(locale)
        self.compiled = try CompiledMessage(pattern: pattern, locale: self.locale, timeZone: timeZone)
        self.argumentNames = try compiled.argumentNames()
    }

    /// The text with `arguments` filled in. Extra arguments are ignored.
    public func format(_ arguments: [String: TemplateArgument]) throws(TemplateError) -> String {
        if let missing = argumentNames.first(where: { arguments[$0] == nil }) {
            throw TemplateError(.missingArgument, "Template argument '\(missing)' is missing.")
        }
        return try compiled.format(arguments.sorted { $0.key < $1.key })
    }
}

/// The ICU object behind a ``MessageTemplate``. `Sendable` because the handle is only touched under the mutex.
private final class CompiledMessage: Sendable {
    private let handle: Mutex<ICUHandle>

    init(pattern: String, locale: String, timeZone: String) throws(TemplateError) {
        let zone = Array(timeZone.utf16)
        var offset: Int32 = -1
        let opened = Result { () throws(ICUError) in
            try UTF16Buffer.withUTF16(pattern) { (source, length) throws(ICUError) in
                try ICUHandle.open("compile a message template", close: { parley_icu_message_close($0) }) {
                    parley_icu_message_open(source, length, locale, zone, Int32(zone.count), &offset, $0)
                }
            }
        }
        switch opened {
        case .success(let opened): handle = Mutex(opened)
        case .failure(let error):
            let place = offset >= 0 ? " at offset \(offset)" : ""
            throw TemplateError(
                .malformedPattern, "Template pattern is malformed\(place) (\(error.name)).",
                offset: offset >= 0 ? Int(offset) : nil, underlying: error)
        }
    }

    func argumentNames() throws(TemplateError) -> [String] {
        let units = try wrap { () throws(ICUError) -> [UInt16] in
            try handle.withLock { (handle) throws(ICUError) -> [UInt16] in
                try UTF16Buffer.codeUnits(estimate: 64, operation: "list template arguments") {
                    parley_icu_message_argument_names(handle.pointer, $0, $1, $2)
                }
            }
        }
        let names = units.split(separator: 0).map { String(decoding: $0, as: UTF16.self) }
        return Array(Set(names)).sorted()
    }

    func format(_ arguments: [(key: String, value: TemplateArgument)]) throws(TemplateError) -> String {
        let packed = PackedArguments(arguments)
        return try wrap { () throws(ICUError) -> String in
            try handle.withLock { (handle) throws(ICUError) -> String in
                try packed.withPointers {
                    (names, nameLengths, kinds, numbers, strings, stringLengths) throws(ICUError) -> String in
                    try UTF16Buffer.string(estimate: 128, operation: "format a message template") {
                        parley_icu_message_format(
                            handle.pointer, Int32(arguments.count), names, nameLengths, kinds, numbers, strings,
                            stringLengths, $0, $1, $2)
                    }
                }
            }
        }
    }

    private func wrap<R>(_ body: () throws(ICUError) -> R) throws(TemplateError) -> R {
        do {
            return try body()
        } catch {
            throw TemplateError(
                .formattingFailed, "Template could not be formatted (\(error.name)).", underlying: error)
        }
    }
}
