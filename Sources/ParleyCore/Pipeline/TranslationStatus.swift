public import ParleyText
import ParleyTranslation

/// Where the translation of a message stands for one recipient.
public enum TranslationStatus: String, Sendable, Hashable, Codable {
    /// No translation needed: the recipient sent it, reads its language, or the text has no language.
    case none
    /// Not ready yet; an update follows.
    case pending
    /// Translated.
    case done
    /// The engines failed or cannot translate it; show the original.
    case untranslated
}

extension ChatMessage {
    /// The translation a recipient reading `language` should see, and its status.
    /// - Parameter recipient: the reading participant; the sender never gets a translation of their own text.
    public func delivery(
        for language: LanguageCode, recipient: ParticipantID?
    ) -> (translation: MessageTranslation?, status: TranslationStatus) {
        if recipient == senderID { return (nil, .none) }
        guard let detected = self.language else { return (nil, .pending) }
        if detected == .undetermined || detected == language { return (nil, .none) }
        guard let translation = translation(into: language) else { return (nil, .pending) }
        if translation.quality == .untranslated { return (nil, .untranslated) }
        return (translation, .done)
    }
}
