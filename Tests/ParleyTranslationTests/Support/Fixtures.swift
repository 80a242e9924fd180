import ParleyText

@testable import ParleyTranslation

/// The package root, found from this file's path (tests may run from any directory).
let packageRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(4)
    return parts.joined(separator: "/")
}()

let shopGlossaryPath = packageRoot + "/Dictionaries/glossaries/shop.tsv"

func shopGlossary() throws -> Glossary { try GlossaryLoader().load(path: shopGlossaryPath) }

/// The concept ids of the shop glossary's entries matched in `text`, in order.
func glossaryMatches(_ text: String, _ language: LanguageCode) throws -> [String] {
    let glossary = try shopGlossary()
    let matcher = GlossaryMatcher(glossary: glossary, language: language)
    return matcher.matches(in: Array(text)).map { glossary.entries[$0.entryIndex].conceptID }
}
