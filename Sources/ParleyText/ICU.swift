internal import CICU

/// Facts about the ICU library that Parley's text layer runs on.
public enum ICU {
    /// The ICU version the text layer was built against, e.g. `"72.1"`.
    public static var version: String { String(validatingCString: parley_icu_version()) ?? "unknown" }
}
