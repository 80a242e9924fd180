import ParleyText

/// How a conversation picks its operator among those online, when it starts, when an operator comes online to a queue,
/// and when its operator leaves.
public enum Routing: Sendable, Equatable {
    /// The operator with the fewest open conversations (ties by login).
    case leastBusy
    /// The least busy operator who speaks the visitor's language, unless that operator has more than `slack` open
    /// conversations above the least busy operator online: then, and when nobody online speaks it, as ``leastBusy``.
    /// A visitor read in their own language needs no machine translation; `slack` bounds what they wait for it.
    case language(slack: Int)

    /// The operator this routing picks among `online`, given each one's open conversations; `nil` when nobody is.
    func choose(
        among online: [OperatorAccount], openConversations counts: [OperatorID: Int], visitorLanguage: LanguageCode?
    ) -> OperatorAccount? {
        func lessBusy(_ a: OperatorAccount, _ b: OperatorAccount) -> Bool {
            (counts[a.id] ?? 0, a.login) < (counts[b.id] ?? 0, b.login)
        }
        guard let anyone = online.min(by: lessBusy) else { return nil }
        guard case .language(let slack) = self, let visitorLanguage,
            let speaker = online.filter({ $0.language == visitorLanguage }).min(by: lessBusy)
        else { return anyone }
        return (counts[speaker.id] ?? 0) <= (counts[anyone.id] ?? 0) + slack ? speaker : anyone
    }
}
