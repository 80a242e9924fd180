public import ParleyText

/// The inflected surface forms under which a glossary term is recognised in running text.
///
/// Rules per language (a deliberately small, predictable set — not a morphological analyser):
/// - **de**: the term plus `-e -en -er -es -s -n -ern -ens`. Umlaut plurals (`Warenkorb → Warenkörbe`) and compounds
///   (`Warenkorbinhalt`) are not recognised.
/// - **en**: `-s -es`, `-y → -ies`; the possessive `'s` is handled as an apostrophe suffix by the matcher.
/// - **et**: the 14 case endings `-d -t -i -s -le -ga -st -sse -l -lt -ks -ni -na -ta`, plural `-de-/-te-` before
///   them, and an optional stem vowel (`a e i u`) or `-se-` before them (`tellimus → tellimusele, tellimuse`).
///   The weak grade of stems in `-lt`, `-kk`, `-pp`, `-tt` is recognised (`tagastussilt → tagastussildi`,
///   `pakk → paki`); other stem alternations (`pood → poe`, `kiri → kirja`) are not.
/// - **tr**: suffixes with vowel harmony (two-way a/e, four-way ı/i/u/ü, chosen from the stem's last vowel),
///   buffer consonants (`-ya`, `-yı`, `-nın`, `-sı`), possessives without their vowel after a vowel (`faturam`,
///   `şifreniz`), d/t assimilation after voiceless consonants and final-stop softening (`k → ğ`, `p → b`,
///   `t → d`, `ç → c`) before a vowel. Forms written with an apostrophe (`Parley'e`) are handled by the matcher.
///   Chains of more than two suffixes are not recognised, except the common `-lArInIz`, `-InIzDAn`, `-InIzIn`,
///   `-ImIn`, `-ImlA`, `-ImIzIn`, `-InIzlA`.
///   In a compound noun (`para iadesi`) the head's `-(s)I` may give way to another possessive (`para iadeniz`).
///
/// Only the last word of a multi-word term is inflected (`iade etiketleri`).
public enum Inflection {
    /// The lowercase surface forms of `word` (itself first), for the rules of `language`.
    public static func forms(of word: String, in language: LanguageCode) -> [String] {
        let base = lowercase(word, language)
        switch language {
        case .german: return [base] + ["e", "en", "er", "es", "s", "n", "ern", "ens"].map { base + $0 }
        case .english: return englishForms(base)
        case .estonian: return [base] + estonianSuffixes.map { base + $0 } + estonianWeakGradeForms(base)
        case .turkish: return turkishForms(base)
        default: return [base]
        }
    }

    /// The forms of the last word of a multi-word term. For a Turkish compound noun (`para iadesi`, `takip numarası`,
    /// `müşteri hizmetleri`) also the other possessives in place of the compound's `-(s)I`, with their case endings:
    /// `para iadeniz`, `takip numaram`, `müşteri hizmetlerimiz`.
    public static func forms(ofLastWord word: String, in language: LanguageCode) -> [String] {
        let forms = forms(of: word, in: language)
        guard language == .turkish else { return forms }
        return forms + turkishCompoundForms(lowercase(word, language))
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

    /// The weak grade of stems ending in `-lt`, `-kk`, `-pp`, `-tt` before a stem vowel: `silt → sildi`,
    /// `pakk → paki, pakis`.
    private static func estonianWeakGradeForms(_ base: String) -> [String] {
        let weak: String
        if base.hasSuffix("lt") {
            weak = String(base.dropLast()) + "d"
        } else if ["kk", "pp", "tt"].contains(where: { base.hasSuffix($0) }) {
            weak = String(base.dropLast())
        } else {
            return []
        }
        return estonianSuffixes.filter { "aeiu".contains($0.first!) && !$0.hasPrefix("se") }.map { weak + $0 }
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
    /// buffer consonants used only after a vowel, `[I]` a vowel used only after a consonant (the possessives:
    /// `sipariş-im`, `fatura-m`, `şifre-niz`).
    static let turkishTemplates = [
        "lAr", "(y)I", "(y)A", "DA", "DAn", "(n)In", "[I]m", "[I]mIz", "[I]nIz", "(s)I", "(y)lA", "lArI", "lArA",
        "lArDA", "lArDAn", "lArIn", "lArIm", "lArImIz", "lArInIz", "(s)InI", "(s)InA", "(s)InDA", "(s)InDAn",
        "(s)InIn", "[I]mI", "[I]mA", "[I]mDA", "[I]mDAn", "[I]mIzI", "[I]mIzA", "[I]mIzDA", "[I]nIzI", "[I]nIzA",
        "[I]nIzDA", "[I]nIzDAn", "[I]nIzIn", "[I]mIn", "[I]mlA", "[I]mIzIn", "[I]nIzlA", "(n)I", "(n)A", "(n)DA",
        "(n)DAn",
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

    /// The compound's head without its `-(s)I` (`iadesi → iade`, `adresi → adres`; both readings where ambiguous),
    /// each with the possessive templates (`[I]m...`, `[I]nIz...`).
    static func turkishCompoundForms(_ word: String) -> [String] {
        let vowels = "aeıioöuü"
        guard let last = word.last, "ıiuü".contains(last), word.count > 3 else { return [] }
        let head = word.dropLast()
        var stems: [String] = []
        if let before = head.last, !vowels.contains(before) { stems.append(String(head)) }
        if head.last == "s", let before = head.dropLast().last, vowels.contains(before) {
            stems.append(String(head.dropLast()))
        }
        var forms: [String] = []
        for stem in stems {
            guard let lastVowel = stem.last(where: { vowels.contains($0) }), let lastLetter = stem.last else { continue }
            for template in turkishTemplates where template.hasPrefix("[I]") {
                let suffix = expand(
                    template, lastVowel: lastVowel, afterVowel: vowels.contains(lastLetter), lastLetter: lastLetter)
                forms.append(stem + suffix)
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
            var c = c
            if c == "[" {
                c = chars.popFirst()!
                _ = chars.popFirst()
                if afterVowel && out.isEmpty { continue }
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
