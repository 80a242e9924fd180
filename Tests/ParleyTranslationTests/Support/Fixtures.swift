import ParleyTranslation

/// The package root, found from this file's path (tests may run from any directory).
let packageRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(4)
    return parts.joined(separator: "/")
}()

let shopGlossaryPath = packageRoot + "/Dictionaries/glossaries/shop.tsv"

func shopGlossary() throws -> Glossary { try GlossaryLoader().load(path: shopGlossaryPath) }
