import ParleyCore
import Synchronization

/// What an append reads before it writes, kept by the writer: each open conversation's key and last `seq`, and the
/// key, role and name of each participant that has written in it. With it a message to a conversation the writer knows
/// is inserted without the head query; a resend of a stored message is caught by the client-id index's uniqueness and
/// then takes the query's path.
///
/// Only the writer changes the file, so the writer's own record of what it wrote is the file's, except for a
/// transaction that did not commit: every change is recorded inside the transaction that makes it, and a failed
/// transaction forgets everything (``forgetAll()``, from the ``WriteBatcher``). A change of status forgets its
/// conversation before it is written. Bounded: past ``HotCache/maxConversations`` conversations it starts afresh.
final class AppendHeads: Sendable {
    struct Sender {
        var key: Int64
        var role: String
        var name: String
    }

    struct Head {
        var conversation: Int64
        var lastSeq: Int
        var senders: [ParticipantID: Sender]
    }

    private let heads = Mutex([ConversationID: Head]())

    /// The conversation's head when it is open and known, with this sender among its known senders.
    func head(of conversation: ConversationID, sender: ParticipantID) -> (Head, Sender)? {
        heads.withLock { heads in heads[conversation].flatMap { head in head.senders[sender].map { (head, $0) } } }
    }

    /// A message with `seq` was inserted into a conversation the memory holds, by a sender it knows.
    func appended(_ seq: Int, to conversation: ConversationID) {
        heads.withLock { heads in
            // Read and written back whole: `heads[conversation]?.lastSeq = seq` allocates the subscript's coroutine
            // frames, three a message.
            guard var head = heads[conversation] else { return }
            head.lastSeq = seq
            heads[conversation] = head
        }
    }

    /// A message with `seq` was inserted into an open conversation by `sender`, whose key, role and name the head query
    /// read: the conversation and the sender are known from now on.
    func learned(_ seq: Int, in conversation: ConversationID, key: Int64, sender: ParticipantID, _ known: Sender) {
        heads.withLock { heads in
            if heads[conversation] == nil, heads.count >= HotCache.maxConversations { heads.removeAll() }
            heads[conversation, default: Head(conversation: key, lastSeq: seq, senders: [:])].lastSeq = seq
            heads[conversation]?.senders[sender] = known
        }
    }

    /// The conversation's status is about to change: its next append reads the file again.
    func forget(_ conversation: ConversationID) {
        _ = heads.withLock { $0.removeValue(forKey: conversation) }
    }

    /// A transaction failed: what it recorded was not written.
    func forgetAll() {
        heads.withLock { $0.removeAll() }
    }
}
