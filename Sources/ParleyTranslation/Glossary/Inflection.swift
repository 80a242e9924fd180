public import ParleyText

/// The inflected surface forms under which a glossary term is recognised in running text.
///
/// Rules per language (a deliberately small, predictable set — not a morphological analyser):
/// - **de**: the term plus `-e -en -er -es -s -n -ern -ens`. Umlaut plurals (`Warenkorb → Warenkörbe`) and compounds
///   (`Warenkorbinhalt`) are not recognised.
/// - **en**: `-s -es`, `-y → -ies`; the possessive `'s` is handled as an apostrophe suffix by the matcher.
/// - **et**: the 14 case endings `-d -t -i -s -le -ga -st -sse -l -lt -ks -ni -na -ta`, plural `-de-/-te-` before
///   them, and an optional stem vowel (`a e i u`) or `-se-` before them (`tellimus → tellimusele, tellimuse`).
///   Stem alternations (`pood → poe`) are not recognised.
/// - **tr**: suffixes with vowel harmony (two-way a/e, four-way ı/i/u/ü, chosen from the stem's last vowel),
///   buffer consonants (`-ya`, `-yı`, `-nın`, `-sı`), d/t assimilation after voiceless consonants and final-stop
///   softening (`k → ğ`, `p → b`, `t → d`, `ç → c`) before a vowel. Forms written with an apostrophe
///   (`Parley'e`) are handled by the matcher. Chains of more than two suffixes are not recognised.
///
/// Only the last word of a multi-word term is inflected (`iade etiketleri`).
public enum Inflection {
    /// The lowercase surface forms of `word` (itself first), for the rules of `language`.
    public static func forms(of word: String, in language: LanguageCode) -> [String] {
        let base = lowercase(word, language)
        switch language {
        case .german: return [base] + ["e", "en", "er", "es", "s", "n", "ern", "ens"].map { base + $0 }
        case .english: return englishForms(base)
        case .estonian: return [base] + estonianSuffixes.map { base + $0 }
        case .turkish: return turkishForms(base)
        default: return [base]
        }
    }

    /// Lowercases with the language's rules (Turkish `I → ı`, `İ → i`).
    public static func lowercase(_ text: String, _ language: LanguageCode) -> String {
        guard language == .turkish else { return text.lowercased() }
        return String(text.map { c -> Character in c == "I" ? "ı" : (c == "İ" ? "i" : c) }).lowercased()
    }

    private static func englishForms(_ base: String) -> [String] {
        var forms = [base, base + "s", base + "es"]
        if base.hasSuffix("y") { forms.append(String(base.dropLast()) + "ies") }
        return forms
    }

    private static let estonianSuffixes: [String] = {
        let cases = ["d", "t", "i", "s", "le", "ga", "st", "sse", "l", "lt", "ks", "ni", "na", "ta"]
        let caseOnly = ["le", "ga", "st", "sse", "l", "lt", "ks", "ni", "na", "ta", "s"]
        var result = cases
        for link in ["a", "e", "i", "u", "se"] {
            result.append(link)
            result += cases.map { link + $0 }
            result += ["de", "te"].flatMap { plural in [link + plural] + caseOnly.map { link + plural + $0 } }
        }
        result += ["de", "te"] + ["de", "te"].flatMap { plural in caseOnly.map { plural + $0 } }
        return result
    }()
}

extension Inflection {
    /// Turkish suffix templates: `A` two-way harmony (a/e), `I` four-way (ı/i/u/ü), `D` d/t, `(y)`/`(n)`/`(s)`
    /// buffer consonants used only after a vowel.
    static let turkishTemplates = [
        "lAr", "(y)I", "(y)A", "DA", "DAn", "(n)In", "Im", "ImIz", "InIz", "(s)I", "(y)lA", "lArI", "lArA",
        "lArDA", "lArDAn", "lArIn", "lArIm", "lArImIz", "(s)InI", "(s)InA", "(s)InDA", "(s)InDAn", "(s)InIn",
        "ImI", "ImA", "ImDA", "ImDAn", "ImIzI", "ImIzA", "ImIzDA", "InIzI", "InIzA", "InIzDA",
        "(n)I", "(n)A", "(n)DA", "(n)DAn",
    ]

    static func turkishForms(_ base: String) -> [String] {
        guard let last = base.last(where: { "aeıioöuü".contains($0) }) else { return [base] }
        let endsInVowel = base.last.map { "aeıioöuü".contains($0) } ?? false
        var forms = [base]
        for template in turkishTemplates {
            let suffix = expand(template, lastVowel: last, afterVowel: endsInVowel, lastLetter: base.last!)
            forms.append(base + suffix)
            if !endsInVowel, suffix.first.map({ "aeıioöuü".contains($0) }) == true, let soft = softened(base) {
                forms.append(soft + suffix)
            }
        }
        return forms
    }

    private static func softened(_ base: String) -> String? {
        let map: [Character: Character] = ["k": "ğ", "p": "b", "t": "d", "ç": "c"]
        guard base.count > 3, let last = base.last, let soft = map[last] else { return nil }
        return String(base.dropLast()) + String(soft)
    }

    private static func expand(
        _ template: String, lastVowel: Character, afterVowel: Bool, lastLetter: Character
    )
        -> String
    {
        var out = ""
        var vowel = lastVowel
        var previous = lastLetter
        var chars = Array(template)[...]
        while let c = chars.popFirst() {
            if c == "(" {
                let buffer = chars.popFirst()!
                _ = chars.popFirst()
                if afterVowel && out.isEmpty { out.append(buffer); previous = buffer }
                continue
            }
            let letter: Character
            switch c {
            case "A": letter = "aıou".contains(vowel) ? "a" : "e"
            case "I":
                letter = "aı".contains(vowel) ? "ı" : "ei".contains(vowel) ? "i" : "ou".contains(vowel) ? "u" : "ü"
            case "D": letter = "fstkçşhp".contains(previous) ? "t" : "d"
            default: letter = c
            }
            if "aeıioöuü".contains(letter) { vowel = letter }
            out.append(letter)
            previous = letter
        }
        return out
    }
}
