internal import CICU

/// A Unicode script as ICU knows it (ISO 15924), e.g. Latin (`Latn`), Cyrillic (`Cyrl`), Greek (`Grek`).
public struct Script: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// ICU's script code (`UScriptCode`).
    public let code: Int32

    /// The ISO 15924 code, e.g. `"Latn"`.
    public var identifier: String { String(validatingCString: parley_icu_script_code(code)) ?? "Zzzz" }
    /// The English name ICU uses, e.g. `"Latin"`, `"Cyrillic"`.
    public var name: String { String(validatingCString: parley_icu_script_name(code)) ?? "Unknown" }
    public var description: String { identifier }

    /// Characters shared by many scripts: digits, punctuation, emoji.
    public static let common = Script(code: 0)
    /// Combining marks that take the script of their base.
    public static let inherited = Script(code: 1)
    /// Latin (`Latn`): German, English, Estonian and Turkish alike.
    public static let latin = Script(code: 25)
    /// Cyrillic (`Cyrl`), the usual source of Latin look-alikes.
    public static let cyrillic = Script(code: 8)
    /// Greek (`Grek`).
    public static let greek = Script(code: 14)

    /// Orders by ISO 15924 code.
    public static func < (lhs: Script, rhs: Script) -> Bool { lhs.identifier < rhs.identifier }
}

/// The scripts a text uses, Common and Inherited left out (digits, punctuation and emoji belong to no one script).
public struct ScriptSet: Hashable, Sendable, CustomStringConvertible {
    /// The scripts, sorted by ISO 15924 code.
    public let scripts: [Script]

    init(_ scripts: Set<Script>) { self.scripts = scripts.sorted() }

    /// The ISO 15924 codes, e.g. `["Cyrl", "Latn"]`.
    public var identifiers: [String] { scripts.map(\.identifier) }
    /// More than one script.
    public var isMixed: Bool { scripts.count > 1 }
    /// No script at all: only digits, punctuation, symbols or emoji.
    public var isEmpty: Bool { scripts.isEmpty }
    /// Whether `script` is among them.
    public func contains(_ script: Script) -> Bool { scripts.contains(script) }
    public var description: String { "[" + identifiers.joined(separator: ", ") + "]" }
}

/// Which scripts a text is written in, by ICU's script property of each character.
///
/// Stateless and thread-safe.
/// ```swift
/// Scripts.of("pаypal").identifiers    // ["Cyrl", "Latn"]  (the second letter is Cyrillic)
/// Scripts.of("Straße 12!").identifiers // ["Latn"]
/// ```
public enum Scripts {
    /// The scripts of the letters (and other non-ASCII characters) in `text`.
    public static func of(_ text: String) -> ScriptSet {
        var found = Set<Script>()
        for scalar in text.unicodeScalars where !scalar.isASCII || scalar.properties.isAlphabetic {
            var status: Int32 = 0
            let code = parley_icu_script_of(Int32(scalar.value), &status)
            if status <= 0, code > 1 { found.insert(Script(code: code)) }
        }
        return ScriptSet(found)
    }
}
