import Foundation
@testable import ParleyCore
import ParleyText
import Testing

@Suite("Routing")
struct RoutingTests {
    static func account(_ login: String, _ language: LanguageCode) -> OperatorAccount {
        OperatorAccount(
            id: OperatorID(rawValue: "o_\(login)"), siteID: "demo", login: login, name: login, language: language,
            passwordHash: "", createdAt: .now)
    }

    static let (anna, berk, cem) = (account("anna", .german), account("berk", .turkish), account("cem", .turkish))
    static let team = [anna, berk, cem]

    static func pick(
        _ routing: Routing, _ counts: [OperatorAccount: Int], for language: LanguageCode?,
        among online: [OperatorAccount] = team
    ) -> String? {
        let open = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.id, $0.value) })
        return routing.choose(among: online, openConversations: open, visitorLanguage: language)?.login
    }

    @Test("least busy: the fewest open conversations, ties by login, whatever the visitor reads")
    func leastBusy() {
        #expect(Self.pick(.leastBusy, [:], for: .turkish) == "anna")
        #expect(Self.pick(.leastBusy, [Self.anna: 1], for: .turkish) == "berk")
        #expect(Self.pick(.leastBusy, [Self.anna: 1, Self.berk: 1], for: .german) == "cem")
        #expect(Self.pick(.leastBusy, [:], for: .turkish, among: []) == nil)
    }

    @Test("by language: the least busy speaker of the visitor's language, while within the slack")
    func byLanguage() {
        let routing = Routing.language(slack: 2)
        #expect(Self.pick(routing, [:], for: .turkish) == "berk", "a speaker, not the first by login")
        #expect(Self.pick(routing, [Self.berk: 1], for: .turkish) == "cem", "the least busy of the speakers")
        #expect(Self.pick(routing, [Self.berk: 2, Self.cem: 2], for: .turkish) == "berk", "2 above the least busy")
        #expect(Self.pick(routing, [Self.berk: 3, Self.cem: 3], for: .turkish) == "anna", "3 above: the least busy")
        #expect(Self.pick(routing, [Self.anna: 4, Self.berk: 3, Self.cem: 3], for: .german) == "anna")
        #expect(Self.pick(routing, [Self.anna: 5, Self.berk: 2, Self.cem: 2], for: .german) == "berk")
        #expect(Self.pick(routing, [:], for: .estonian) == "anna", "nobody speaks it: the least busy")
        #expect(Self.pick(routing, [:], for: nil) == "anna", "no language known: the least busy")
        #expect(Self.pick(.language(slack: 0), [Self.berk: 1, Self.cem: 1], for: .turkish) == "anna")
        #expect(Self.pick(.language(slack: 0), [:], for: .turkish) == "berk")
    }
}
