import Foundation
import ParleyCore
import ParleyText
import ParleyTranslation

extension ChatStoreConformance {
    static func sites(_ store: any ChatStore) async throws {
        try check(try await store.site("shop") == nil, "an empty store has no site")
        try await store.saveSite(Fixtures.site("shop"))
        try await store.saveSite(Fixtures.site("blog"))
        var changed = Fixtures.site("shop", origins: ["https://a.example", "https://b.example"])
        changed.name = "Renamed"
        try await store.saveSite(changed)
        try check(try await store.site("shop") == changed, "saveSite replaces the site with the same id")
        try check(try await store.sites().map(\.id) == ["blog", "shop"], "sites() lists every site ordered by id")
    }

    static func operators(_ store: any ChatStore) async throws {
        try await store.saveSite(Fixtures.site("shop"))
        try await store.saveSite(Fixtures.site("blog"))
        let ayse = Fixtures.operatorAccount("ayse")
        try await store.addOperator(ayse)
        try await store.addOperator(Fixtures.operatorAccount("bert", site: "blog", language: .german))
        try await store.addOperator(Fixtures.operatorAccount("anu", language: .estonian))
        try await checkThrows(.duplicate, "a second operator with a taken login") {
            var twin = Fixtures.operatorAccount("ayse")
            twin.id = "o_other"
            try await store.addOperator(twin)
        }
        try await checkThrows(.notFound, "an operator of an unknown site") {
            try await store.addOperator(Fixtures.operatorAccount("zed", site: "nowhere"))
        }
        try check(try await store.operatorAccount(ayse.id) == ayse, "operatorAccount(id) finds the operator")
        try check(try await store.operatorAccount(login: "ayse") == ayse, "operatorAccount(login:) finds it")
        try check(try await store.operatorAccount(login: "AYSE") == nil, "logins match exactly")
        try check(try await store.operators(of: "shop").map(\.login) == ["anu", "ayse"], "operators(of:) by login")
        try check(try await store.operators(of: nil).count == 3, "operators(of: nil) lists every operator")
    }

    static func sessions(_ store: any ChatStore) async throws {
        try await store.saveSite(Fixtures.site())
        let account = Fixtures.operatorAccount("ayse")
        try await store.addOperator(account)
        let early = OperatorSession(
            tokenDigest: "d1", operatorID: account.id, csrfToken: "x", createdAt: Fixtures.epoch,
            expiresAt: Fixtures.epoch.addingTimeInterval(60))
        var late = early
        late.tokenDigest = "d2"
        late.expiresAt = Fixtures.epoch.addingTimeInterval(3600)
        try await store.createSession(early)
        try await store.createSession(late)
        try await checkThrows(.duplicate, "a second session with the same digest") {
            try await store.createSession(early)
        }
        try check(try await store.session(digest: "d1") == early, "session(digest:) finds the session")
        let removed = try await store.deleteSessions(expiredAt: Fixtures.epoch.addingTimeInterval(60))
        try check(removed == 1, "deleteSessions(expiredAt:) removes sessions expiring at or before; got \(removed)")
        try check(try await store.session(digest: "d1") == nil, "an expired session is gone")
        try await store.deleteSession(digest: "d2")
        try await store.deleteSession(digest: "d2")
        try check(try await store.session(digest: "d2") == nil, "deleteSession removes it, twice is fine")
    }

    static func conversations(_ store: any ChatStore) async throws {
        let (conversation, visitor) = try await Fixtures.seed(store)
        try check(try await store.conversation(conversation.id) == conversation, "conversation(id) round-trips")
        try check(try await store.participants(of: conversation.id) == [visitor], "the visitor is a participant")
        try await checkThrows(.duplicate, "a conversation with an existing id") {
            try await store.createConversation(conversation, visitor: visitor)
        }
        try await checkThrows(.notFound, "a conversation of an unknown site") {
            let (other, person) = Fixtures.conversation("c9", site: "nowhere")
            try await store.createConversation(other, visitor: person)
        }
        try check(try await store.conversation("missing") == nil, "an unknown conversation is nil")
    }

    static func assignment(_ store: any ChatStore) async throws {
        let (first, _) = try await Fixtures.seed(store, conversation: "c1")
        let (second, _) = try await Fixtures.seed(store, conversation: "c2")
        _ = try await Fixtures.seed(store, conversation: "c3")
        let ayse = Fixtures.operatorAccount("ayse")
        try await store.addOperator(ayse)
        let later = Fixtures.epoch.addingTimeInterval(10)
        let updated = try await store.updateAssignment(first.id, status: .assigned, operatorID: ayse.id, at: later)
        try check(updated.status == .assigned && updated.assignedOperatorID == ayse.id, "updateAssignment sets both")
        try check(updated.updatedAt == later, "updateAssignment bumps updatedAt")
        _ = try await store.updateAssignment(second.id, status: .closed, operatorID: ayse.id, at: later)
        let counts = try await store.assignmentCounts(of: "shop", statuses: ConversationStatus.open)
        try check(counts == [ayse.id: 1], "assignmentCounts counts open conversations only; got \(counts)")
        let waiting = try await store.conversations(of: "shop", statuses: [.waiting], limit: 10)
        try check(waiting.map(\.id) == ["c3"], "conversations(of:statuses:) filters by status")
        let waitingCount = try await store.conversationCount(of: "shop", statuses: [.waiting])
        let openCount = try await store.conversationCount(of: "shop", statuses: ConversationStatus.open)
        try check(waitingCount == 1 && openCount == 2, "conversationCount counts by status; got \(waitingCount), \(openCount)")
        let open = try await store.conversations(of: "shop", statuses: ConversationStatus.open, limit: 10)
        try check(open.map(\.id) == ["c1", "c3"], "most recently updated first; got \(open.map(\.id))")
        var draft = Fixtures.draft("c3", from: "pv_c3", id: "m1")
        draft.createdAt = later.addingTimeInterval(10)
        _ = try await store.append(draft)
        let active = try await store.conversations(of: "shop", statuses: ConversationStatus.open, limit: 10)
        try check(active.map(\.id) == ["c3", "c1"], "a message updates its conversation; got \(active.map(\.id))")
        try check(try await store.conversation("c3")?.updatedAt == draft.createdAt, "updatedAt is the last message's time")
        try await checkThrows(.notFound, "updateAssignment of an unknown conversation") {
            _ = try await store.updateAssignment("nope", status: .assigned, operatorID: nil, at: later)
        }
        let emre = Fixtures.operatorAccount("emre")
        try await store.addOperator(emre)
        let once = try await store.updateAssignment(
            "c3", status: .assigned, operatorID: emre.id, at: later, ifStatus: .waiting)
        try check(once?.status == .assigned && once?.assignedOperatorID == emre.id, "a conditional hand-over of a waiting one")
        let twice = try await store.updateAssignment(
            "c3", status: .assigned, operatorID: ayse.id, at: later, ifStatus: .waiting)
        try check(twice == nil, "a conditional hand-over of a conversation no longer waiting is refused")
        try check(try await store.conversation("c3")?.assignedOperatorID == emre.id, "and changes nothing")
        try await checkThrows(.notFound, "a conditional updateAssignment of an unknown conversation") {
            _ = try await store.updateAssignment("nope", status: .assigned, operatorID: nil, at: later, ifStatus: .waiting)
        }
    }

    static func participants(_ store: any ChatStore) async throws {
        let (conversation, visitor) = try await Fixtures.seed(store)
        let ayse = Fixtures.operatorAccount("ayse")
        try await store.addOperator(ayse)
        let joined = Participant(
            id: "p_op", conversationID: conversation.id, role: .operator, operatorID: ayse.id, name: "Ayşe",
            language: .turkish)
        try check(try await store.addParticipant(joined) == joined, "addParticipant returns the new participant")
        var again = joined
        again.id = "p_op2"
        try check(try await store.addParticipant(again) == joined, "an operator joins a conversation once")
        try await store.setLanguage(.estonian, of: visitor.id)
        let list = try await store.participants(of: conversation.id)
        try check(list.map(\.id) == [visitor.id, joined.id], "participants in joining order")
        try check(list.first?.language == .estonian, "setLanguage changes the participant's language")
        try await checkThrows(.notFound, "setLanguage of an unknown participant") {
            try await store.setLanguage(.german, of: "p_missing")
        }
    }
}
