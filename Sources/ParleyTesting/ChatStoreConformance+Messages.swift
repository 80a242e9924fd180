import Foundation
import ParleyCore
import ParleyText
import ParleyTranslation

extension ChatStoreConformance {
    static func appendSequence(_ store: any ChatStore) async throws {
        let (conversation, visitor) = try await Fixtures.seed(store)
        for index in 1...3 {
            let result = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m\(index)"))
            try check(result.inserted && result.message.seq == index, "append #\(index) gets seq \(index)")
            try check(result.message.senderRole == .visitor, "the stored message knows its sender's role")
        }
        try check(try await store.conversation(conversation.id)?.lastSeq == 3, "lastSeq follows appends")
    }

    static func appendIdempotent(_ store: any ChatStore) async throws {
        let (conversation, visitor) = try await Fixtures.seed(store)
        let first = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1", text: "eins"))
        let again = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1", text: "zwei"))
        try check(!again.inserted, "a resend is not inserted")
        try check(again.message.seq == first.message.seq && again.message.text == "eins", "a resend returns the original")
        let ayse = Fixtures.operatorAccount("ayse")
        try await store.addOperator(ayse)
        let op = try await store.addParticipant(Participant(
            id: "p_op", conversationID: conversation.id, role: .operator, operatorID: ayse.id, name: "Ayşe",
            language: .turkish))
        let other = try await store.append(Fixtures.draft(conversation.id, from: op.id, id: "m1"))
        try check(other.inserted && other.message.seq == 2, "the same clientMessageId from another sender is new")
        let all = try await store.messages(in: conversation.id, after: 0, limit: 10)
        try check(all.count == 2, "nothing was stored twice; found \(all.count)")
    }

    static func appendRefusals(_ store: any ChatStore) async throws {
        let (conversation, visitor) = try await Fixtures.seed(store)
        try await checkThrows(.notFound, "append to an unknown conversation") {
            _ = try await store.append(Fixtures.draft("nope", from: visitor.id, id: "m1"))
        }
        let (other, stranger) = try await Fixtures.seed(store, conversation: "c2")
        try await checkThrows(.notFound, "append by someone who is not a participant") {
            _ = try await store.append(Fixtures.draft(conversation.id, from: stranger.id, id: "m1"))
        }
        _ = try await store.updateAssignment(other.id, status: .closed, operatorID: nil, at: Fixtures.epoch)
        try await checkThrows(.conflict, "append to a closed conversation") {
            _ = try await store.append(Fixtures.draft(other.id, from: stranger.id, id: "m2"))
        }
    }

    static func appendConcurrent(_ store: any ChatStore) async throws {
        let (conversation, visitor) = try await Fixtures.seed(store)
        let (second, visitor2) = try await Fixtures.seed(store, conversation: "c2")
        let seqs = try await withThrowingTaskGroup(of: (ConversationID, Int).self) { group in
            for index in 0..<200 {
                let (id, sender) = index % 4 == 0 ? (second.id, visitor2.id) : (conversation.id, visitor.id)
                group.addTask {
                    let result = try await store.append(Fixtures.draft(id, from: sender, id: "m\(index)"))
                    return (id, result.message.seq)
                }
            }
            var seen: [ConversationID: [Int]] = [:]
            for try await (id, seq) in group { seen[id, default: []].append(seq) }
            return seen
        }
        try check(seqs[conversation.id]?.sorted() == Array(1...150), "150 concurrent appends get seqs 1...150")
        try check(seqs[second.id]?.sorted() == Array(1...50), "another conversation counts on its own")
        let stored = try await store.messages(in: conversation.id, after: 0, limit: 1000).map(\.seq)
        try check(stored == Array(1...150), "messages come back in seq order without gaps")
    }

    static func paging(_ store: any ChatStore) async throws {
        let (conversation, visitor) = try await Fixtures.seed(store)
        for index in 1...7 { _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m\(index)")) }
        let page = try await store.messages(in: conversation.id, after: 2, limit: 3)
        try check(page.map(\.seq) == [3, 4, 5], "after: 2, limit: 3 gives 3, 4, 5; got \(page.map(\.seq))")
        try check(try await store.messages(in: conversation.id, after: 7, limit: 3).isEmpty, "nothing after the end")
        try check(try await store.message(in: conversation.id, seq: 6)?.clientMessageID == "m6", "message(seq:)")
    }

    static func detectionAndTranslations(_ store: any ChatStore) async throws {
        let (conversation, visitor) = try await Fixtures.seed(store)
        _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1", text: "Hallo"))
        try await store.setDetection(.german, confidence: 0.9, conversation: conversation.id, seq: 1)
        try await store.saveTranslation(
            Fixtures.translation(conversation.id, into: .turkish, text: "Hallo", engine: "none", quality: .untranslated))
        let retried = Fixtures.translation(conversation.id, into: .turkish, text: "Merhaba")
        try await store.saveTranslation(retried)
        try await store.saveTranslation(Fixtures.translation(conversation.id, into: .english, text: "Hello"))
        let message = try await store.message(in: conversation.id, seq: 1)
        try check(message?.language == .german && message?.confidence == 0.9, "setDetection is stored")
        try check(message?.translations.count == 2, "one translation per language")
        try check(message?.translation(into: .turkish) == retried, "saveTranslation replaces the same language")
        if let inMemory = store.messagesInMemory(in: conversation.id, after: 0, limit: 5) {
            try check(inMemory == [message].compactMap { $0 }, "messagesInMemory answers as messages(in:after:limit:)")
        }
        try await checkThrows(.notFound, "a translation of an unknown message") {
            var orphan = retried
            orphan.seq = 99
            try await store.saveTranslation(orphan)
        }
        try await checkThrows(.notFound, "detection of an unknown message") {
            try await store.setDetection(.german, confidence: 1, conversation: conversation.id, seq: 99)
        }
    }

    static func appendWithAnalysis(_ store: any ChatStore) async throws {
        let (conversation, visitor) = try await Fixtures.seed(store)
        _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1", text: "Hallo"))
        let turkish = Fixtures.translation(conversation.id, seq: 0, into: .turkish, text: "Güle güle")
        let english = Fixtures.translation(conversation.id, seq: 0, into: .english, text: "Bye")
        var draft = Fixtures.draft(conversation.id, from: visitor.id, id: "m2", text: "Tschüss")
        draft.analysis = MessageAnalysis(
            conversationID: conversation.id, seq: 0, language: .german, confidence: 0.8, translations: [turkish, english])
        let appended = try await store.append(draft)
        let expected = [english, turkish].map { translation in
            var numbered = translation
            numbered.seq = 2
            return numbered
        }
        try check(appended.message.seq == 2 && appended.message.language == .german
                  && appended.message.confidence == 0.8 && appended.message.translations == expected,
                  "append returns the message with its analysis, numbered")
        let stored = try await store.message(in: conversation.id, seq: 2)
        try check(stored?.language == .german && stored?.confidence == 0.8, "append stores the detection")
        try check(stored?.translations == expected, "append stores the translations, ordered by language")
        let first = try await store.message(in: conversation.id, seq: 1)
        try check(first?.language == nil && first?.translations == [], "an append without analysis stores none")
        var resend = draft
        resend.analysis?.language = .english
        resend.analysis?.translations = []
        let again = try await store.append(resend)
        try check(!again.inserted && again.message.language == .german && again.message.translations == expected,
                  "a resend keeps the stored analysis")
    }

    static func latest(_ store: any ChatStore) async throws {
        let (conversation, visitor) = try await Fixtures.seed(store)
        try check(try await store.latestMessages(in: conversation.id, limit: 4).isEmpty, "no messages yet")
        for index in 1...2 { _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m\(index)")) }
        let few = try await store.latestMessages(in: conversation.id, limit: 4)
        try check(few.map(\.seq) == [1, 2], "fewer than the limit: all, ascending; got \(few.map(\.seq))")
        for index in 3...40 { _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m\(index)")) }
        let newest = try await store.latestMessages(in: conversation.id, limit: 4)
        try check(newest.map(\.seq) == [37, 38, 39, 40], "the newest four, ascending; got \(newest.map(\.seq))")
        try check(try await store.latestMessages(in: "c_unknown", limit: 4).isEmpty, "an unknown conversation has none")
    }
}
