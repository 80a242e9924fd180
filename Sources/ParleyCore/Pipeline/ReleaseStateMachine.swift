/// Decides when a conversation's processed messages may be delivered: in `seq` order, each once its detection and
/// translation finished or its deadline passed. A pure state machine, tested without I/O.
///
/// The "released" watermark only holds delivery back; order itself always comes from reading the store by `seq`.
struct ReleaseStateMachine: Sendable {
    private struct Entry: Sendable {
        var released: Int
        var done: Set<Int> = []
        var inFlight = 0
    }

    private var entries: [ConversationID: Entry] = [:]

    /// How many conversations have messages in flight.
    var trackedConversations: Int { entries.count }

    /// Message `seq` entered the pipeline.
    mutating func started(_ conversation: ConversationID, seq: Int) {
        entries[conversation, default: Entry(released: seq - 1)].inFlight += 1
    }

    /// Message `seq` is ready. Returns the watermark to announce (`messagesReady(upTo:)`), or `nil` when nothing new
    /// may be delivered yet.
    mutating func finished(_ conversation: ConversationID, seq: Int) -> Int? {
        guard var entry = entries[conversation] else { return seq }
        entry.inFlight -= 1
        var announce: Int? = nil
        if seq <= entry.released {
            announce = entry.released
        } else {
            entry.done.insert(seq)
            let before = entry.released
            while entry.done.remove(entry.released + 1) != nil { entry.released += 1 }
            if entry.released > before { announce = entry.released }
        }
        if entry.inFlight <= 0 {
            // Nothing else is coming: a gap can only be a message processed elsewhere; release everything.
            if let highest = entry.done.max(), highest > entry.released { announce = highest }
            entries[conversation] = nil
        } else {
            entries[conversation] = entry
        }
        return announce
    }

    /// The highest `seq` that may be delivered, when the conversation has messages in flight; `nil` otherwise
    /// (then everything stored may be delivered).
    func releasedHead(of conversation: ConversationID) -> Int? {
        entries[conversation]?.released
    }
}
