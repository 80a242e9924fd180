internal import CICU

/// An ICU call failed. Carries ICU's own error name (`"U_ILLEGAL_ARGUMENT_ERROR"`) and what Parley was doing.
///
/// Equal when the ICU status codes are equal. The description never contains the text being processed.
/// ```swift
/// do { _ = try MessageTemplate(pattern: "{n, plural, one {#}", locale: "de") }
/// catch let error as TemplateError { print(error.underlying?.name ?? "") }   // "U_UNMATCHED_BRACES"
/// ```
public struct ICUError: Error, Hashable, Sendable, CustomStringConvertible {
    /// ICU's numeric status (`UErrorCode`).
    public let status: Int32
    /// ICU's symbolic name for ``status``, e.g. `"U_ILLEGAL_ARGUMENT_ERROR"`.
    public let name: String
    /// What was attempted, e.g. `"open a date formatter"`.
    public let operation: String

    init(status: Int32, operation: String) {
        self.status = status
        self.name = String(validatingCString: parley_icu_error_name(status)) ?? "U_ERROR_\(status)"
        self.operation = operation
    }

    public var description: String { "ICU failed to \(operation): \(name)" }

    public static func == (lhs: ICUError, rhs: ICUError) -> Bool { lhs.status == rhs.status }
    public func hash(into hasher: inout Hasher) { hasher.combine(status) }

    /// Throws when `status` is an ICU failure (> 0); warnings (< 0) pass.
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(ICUError) {
        if status > 0 { throw ICUError(status: status, operation: operation()) }
    }
}
