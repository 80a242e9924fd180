internal import Foundation
internal import ParleyText

/// Ways of writing the same words that chat messages use: contractions (`I'm`, `don't`), colloquial short forms
/// (`hab`, `nerde`), chat abbreviations (`thx`, `mrb`) and British/American spellings. Both phrasebook entries and
/// incoming sentences are spelled out the same way before matching, so these are normalization, not guessing; only
/// forms with a single reading are listed (`we're` is not, it folds to `were`).
enum SpellingVariants {
    /// The spelled-out keys for a folded word key, or `nil` when the word is already in its matching form.
    static func expansion(of key: String, language: LanguageCode) -> [String]? {
        table[language]?[key] ?? everyLanguage[key]
    }

    /// English contractions whose folded key is another word (`we're` → `were`), recognized by their apostrophe.
    static func expansion(ofSurface surface: Substring, language: LanguageCode) -> [String]? {
        guard language == .english, surface.contains(where: { $0 == "'" || $0 == "’" }) else { return nil }
        return apostropheForms[surface.lowercased().replacingOccurrences(of: "’", with: "'")]
    }

    private static let apostropheForms: [String: [String]] = [
        "we're": ["we", "are"], "we'll": ["we", "will"], "we'd": ["we", "would"], "she'll": ["she", "will"],
        "he'll": ["he", "will"], "it'll": ["it", "will"], "they'll": ["they", "will"], "let's": ["let", "us"],
    ]

    private static let everyLanguage: [String: [String]] = ["okay": ["ok"], "okey": ["ok"], "okei": ["ok"]]

    private static let table: [LanguageCode: [String: [String]]] = [
        .english: english,
        .german: [
            "hab": ["habe"], "habs": ["habe", "es"], "gibts": ["gibt", "es"], "gehts": ["geht", "es"],
            "ists": ["ist", "es"], "nen": ["einen"], "furs": ["fur", "das"],
            "zuhause": ["zu", "hause"], "emailadresse": ["email", "adresse"],
            // Synonyms that customer service uses interchangeably.
            "bekommen": ["erhalten"], "bekomme": ["erhalte"], "bekommt": ["erhalt"], "bekam": ["erhielt"],
            "verschickt": ["versandt"], "versendet": ["versandt"],
        ],
        .estonian: ["minu": ["mu"], "mina": ["ma"], "sinu": ["su"]],
        .turkish: [
            "nerde": ["nerede"], "orda": ["orada"], "burda": ["burada"], "bi": ["bir"], "mrb": ["merhaba"],
            "slm": ["selam"], "tsk": ["tesekkurler"], "tskler": ["tesekkurler"], "tesekkurlar": ["tesekkurler"],
            "napiyim": ["ne", "yapayim"],
        ],
    ]

    private static let english: [String: [String]] = [
        "im": ["i", "am"], "ive": ["i", "have"], "ill": ["i", "will"], "id": ["i", "would"],
        "youre": ["you", "are"], "youll": ["you", "will"], "youve": ["you", "have"], "weve": ["we", "have"],
        "theyre": ["they", "are"], "its": ["it", "is"], "thats": ["that", "is"], "whats": ["what", "is"],
        "wheres": ["where", "is"], "theres": ["there", "is"], "hows": ["how", "is"], "whos": ["who", "is"],
        "dont": ["do", "not"], "doesnt": ["does", "not"], "didnt": ["did", "not"], "cant": ["cannot"],
        "wont": ["will", "not"], "isnt": ["is", "not"], "arent": ["are", "not"], "wasnt": ["was", "not"],
        "werent": ["were", "not"], "havent": ["have", "not"], "hasnt": ["has", "not"], "couldnt": ["could", "not"],
        "wouldnt": ["would", "not"], "shouldnt": ["should", "not"], "u": ["you"], "ur": ["your"], "r": ["are"],
        "thx": ["thanks"], "thnx": ["thanks"], "ty": ["thank", "you"], "pls": ["please"], "plz": ["please"],
        "cancelled": ["canceled"], "colour": ["color"], "colours": ["colors"], "neighbours": ["neighbors"],
        "instalments": ["installments"],
    ]
}
