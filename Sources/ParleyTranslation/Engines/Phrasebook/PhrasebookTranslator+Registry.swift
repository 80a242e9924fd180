extension PhrasebookTranslator {
    /// The phrasebook's output is reviewed text, so the glossary is checked on it rather than forced into its input:
    /// a segment whose translation lacks a glossary target term is translated again with the term masked (and then
    /// comes back `untranslated` rather than with the wrong term).
    public func enforcesGlossaryNatively(for pair: LanguagePair) -> Bool { true }
}

extension TranslationEngineRegistry {
    /// Registers the offline `phrasebook` engine, loaded from `configuration.phrasebookDirectory`.
    ///
    /// It is not wrapped in `MaskingTranslator`: its slots need the real values (it re-renders amounts and dates for
    /// the target locale and copies order numbers, e-mails and URLs verbatim), and it never writes text that is not
    /// in a reviewed phrase or the input. Nor does it need a timeout or a circuit breaker: it runs in process.
    public mutating func registerPhrasebook() {
        register("phrasebook", decorations: [.glossary]) { context in
            do {
                return try PhrasebookTranslator(directory: context.configuration.phrasebookDirectory)
            } catch {
                throw TranslationError(.misconfigured, engine: "phrasebook", message: "\(error)")
            }
        }
    }
}
