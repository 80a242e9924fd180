import ParleyText

/// Tells a noun term used as a verb from the noun itself, so a glossary noun is not enforced where the text uses the
/// word as a verb (the translation then rightly has a verb, not the glossary's noun):
///
/// - **en**: the word right after `to`, a subject pronoun, a modal or `also`/`please`/`not` (`to order`,
///   `Can I order`, `you can also order`) is a verb; after a determiner (`my order`, `the order`) it is the noun.
/// - **tr**: the word before a form of the light verbs `etmek` and `vermek` is part of a verb (`iptal etmek`,
///   `iptal edebilir miyim`, `sipariş verdim`); `iptal` and `sipariş` alone are the nouns.
///
/// German and Estonian verbs are other words than their nouns (`bestellen`/`Bestellung`, `tellida`/`tellimus`),
/// so the inflection rules never take one for the other. Only entries whose part of speech is `noun` are affected.
enum VerbUse {
    static let englishCues: Set<String> = [
        "to", "i", "we", "you", "they", "can", "could", "will", "would", "should", "may", "might", "must", "also",
        "please", "not", "t", "d", "ll",
    ]

    /// Beginnings of the forms of `etmek` (`et-`/`ed-`) and `vermek` (`ettim`, `edebilir`, `edildi`, `verdiniz`).
    static let turkishLightVerbPrefixes = [
        "etm", "ett", "ets", "ede", "edi", "verdi", "verebil", "verme", "verin", "verir", "verece", "veriyor",
        "verildi", "verilecek", "verilen", "veriniz",
    ]

    /// Whether the words `folded[range]` (a matched noun term) are used as a verb in `language`.
    static func isVerb(_ folded: [String], _ range: Range<Int>, in language: LanguageCode) -> Bool {
        switch language {
        case .english:
            return range.lowerBound > 0 && englishCues.contains(folded[range.lowerBound - 1])
        case .turkish:
            guard range.upperBound < folded.count else { return false }
            let next = folded[range.upperBound]
            return next == "et" || next == "ver" || turkishLightVerbPrefixes.contains { next.hasPrefix($0) }
        default:
            return false
        }
    }
}
