internal import CICU

/// What ``ConfusableChecker`` found in a word or host.
public struct ConfusableVerdict: Hashable, Sendable {
    /// Why a text looks suspicious.
    public struct Reasons: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Letters of scripts that are not normally mixed, e.g. Latin with Cyrillic (`pаypal`).
        public static let mixedScripts = Reasons(rawValue: 1 << 0)
        /// Invisible characters or repeated combining marks.
        public static let invisibleCharacters = Reasons(rawValue: 1 << 1)
        /// Digits of different numbering systems (`3` and Arabic-Indic `٣`).
        public static let mixedNumbers = Reasons(rawValue: 1 << 2)
        /// A host label written wholly in another script that looks like a Latin one (Cyrillic `аррӏе.com`).
        public static let wholeScriptLookalike = Reasons(rawValue: 1 << 3)
        /// Not a valid internationalized host name.
        public static let invalidHost = Reasons(rawValue: 1 << 4)
    }

    /// Why it is suspicious; empty when it is not.
    public let reasons: Reasons
    /// The scripts it uses.
    public let scripts: ScriptSet
    /// Its UTS #39 skeleton: two texts with the same skeleton look alike (`pаypal` and `paypal`).
    public let skeleton: String

    /// Whether the text may impersonate another.
    public var isSuspicious: Bool { !reasons.isEmpty }
}

/// Flags words and link hosts that impersonate others with look-alike characters, with ICU's spoof checker
/// (UTS #39, restriction level "moderately restrictive": Latin may mix with one other script, but never with
/// Cyrillic or Greek).
///
/// Thread safety: one ICU spoof checker is shared by all copies; ICU documents its check and skeleton functions as
/// safe to call from several threads at once on a configured checker, and nothing reconfigures it after `init`.
/// ```swift
/// let checker = try ConfusableChecker()
/// checker.checkHost("pаypal.com").isSuspicious   // true: Cyrillic "а"
/// checker.checkHost("straße.de").isSuspicious    // false
/// ```
public struct ConfusableChecker: Sendable {
    private let spoof: ICUHandle

    /// Opens ICU's spoof checker (fails only when ICU's data is missing or memory runs out).
    public init() throws(ICUError) {
        spoof = try ICUHandle.open("open a spoof checker", close: { parley_icu_spoof_close($0) }) {
            parley_icu_spoof_open($0)
        }
    }

    /// Checks one word (or any short text) for mixed-script look-alikes, invisible characters and mixed digits.
    public func check(_ word: String) -> ConfusableVerdict {
        ConfusableVerdict(reasons: reasons(word), scripts: Scripts.of(word), skeleton: skeleton(word))
    }

    /// Checks a link's host name label by label; `xn--` labels are decoded first. Also flags a label written wholly
    /// in a non-Latin script that looks like Latin letters under a Latin top-level domain.
    public func checkHost(_ host: String) -> ConfusableVerdict {
        let (unicodeHost, valid) = Self.toUnicode(host.lowercased())
        let labels = unicodeHost.split(separator: ".").map(String.init)
        var found: ConfusableVerdict.Reasons = valid && !labels.isEmpty ? [] : [.invalidHost]
        let topLevelIsLatin = labels.last.map { Scripts.of($0).scripts.allSatisfy { $0 == .latin } } ?? true
        for label in labels {
            found.formUnion(reasons(label))
            if topLevelIsLatin, looksLatinWithoutBeingLatin(label) { found.insert(.wholeScriptLookalike) }
        }
        return ConfusableVerdict(reasons: found, scripts: Scripts.of(unicodeHost), skeleton: skeleton(unicodeHost))
    }

    private func reasons(_ text: String) -> ConfusableVerdict.Reasons {
        var status: Int32 = 0
        let checks = UTF16Buffer.withUTF16(text) { parley_icu_spoof_check(spoof.pointer, $0, $1, &status) }
        guard status <= 0 else { return [] }
        var reasons: ConfusableVerdict.Reasons = []
        if checks & Int32(PARLEY_ICU_SPOOF_RESTRICTION_LEVEL) != 0 { reasons.insert(.mixedScripts) }
        if checks & Int32(PARLEY_ICU_SPOOF_INVISIBLE) != 0 { reasons.insert(.invisibleCharacters) }
        if checks & Int32(PARLEY_ICU_SPOOF_MIXED_NUMBERS) != 0 { reasons.insert(.mixedNumbers) }
        return reasons
    }

    private func skeleton(_ text: String) -> String {
        let skeleton = try? UTF16Buffer.withUTF16(text) { (source, length) throws(ICUError) in
            try UTF16Buffer.string(estimate: Int(length) * 2 + 8, operation: "compute a skeleton") {
                parley_icu_spoof_skeleton(spoof.pointer, source, length, $0, $1, $2)
            }
        }
        return skeleton ?? text
    }

    private func looksLatinWithoutBeingLatin(_ label: String) -> Bool {
        let scripts = Scripts.of(label)
        guard !scripts.isEmpty, !scripts.contains(.latin) else { return false }
        return skeleton(label).unicodeScalars.allSatisfy { $0.isASCII }
    }

    /// The host in Unicode (UTS #46 ToUnicode) and whether IDNA found it valid.
    private static func toUnicode(_ host: String) -> (String, Bool) {
        var errors: UInt32 = 0
        let trimmed = host.hasSuffix(".") ? String(host.dropLast()) : host
        let converted = try? UTF16Buffer.withUTF16(trimmed) { (source, length) throws(ICUError) in
            try UTF16Buffer.string(estimate: Int(length) + 16, operation: "decode a host name") {
                parley_icu_host_to_unicode(source, length, $0, $1, &errors, $2)
            }
        }
        guard let converted else { return (trimmed, false) }
        return (converted, errors == 0)
    }
}
