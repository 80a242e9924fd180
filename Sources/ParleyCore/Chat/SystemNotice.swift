public import ParleyText

/// A notice from the relay to a conversation's participants, rendered in the reader's language.
public enum SystemNotice: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nobody can answer right now; messages are kept and wait for the next operator.
    case noOperatorOnline = "no_operator_online"
    /// An operator took the conversation.
    case operatorAssigned = "operator_assigned"
    /// The conversation was closed.
    case conversationClosed = "conversation_closed"

    /// The notice in `language`, English when the language has no text.
    public func text(in language: LanguageCode) -> String {
        let table = Self.texts[self] ?? [:]
        return table[language] ?? table[.english] ?? rawValue
    }

    private static let texts: [SystemNotice: [LanguageCode: String]] = [
        .noOperatorOnline: [
            .german: "Gerade ist niemand online. Schreiben Sie uns trotzdem – wir antworten, sobald jemand da ist.",
            .english: "Nobody is online right now. Leave us a message – we will answer as soon as someone is here.",
            .estonian: "Praegu pole kedagi võrgus. Jätke meile sõnum – vastame niipea, kui keegi on kohal.",
            .turkish: "Şu anda kimse çevrimiçi değil. Bize yine de yazın – biri gelir gelmez yanıt vereceğiz.",
        ],
        .operatorAssigned: [
            .german: "Eine Mitarbeiterin oder ein Mitarbeiter ist jetzt für Sie da.",
            .english: "Someone from our team is here for you now.",
            .estonian: "Meie meeskonnast on nüüd keegi teie jaoks olemas.",
            .turkish: "Ekibimizden biri şimdi sizinle.",
        ],
        .conversationClosed: [
            .german: "Das Gespräch wurde beendet.",
            .english: "The conversation has been closed.",
            .estonian: "Vestlus on lõpetatud.",
            .turkish: "Görüşme sonlandırıldı.",
        ],
    ]
}
