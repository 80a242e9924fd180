import Foundation
@testable import ParleyCore
import ParleyText
import Testing

@Suite("OperatorPresence")
struct OperatorPresenceTests {
    static let ayse = OperatorAccount(
        id: "o_1", siteID: "demo", login: "ayse", name: "Ayşe", language: .turkish, passwordHash: "", createdAt: .now)

    @Test("connections are counted: the operator is offline only when the last one closes")
    func counting() {
        let presence = OperatorPresence()
        #expect(presence.connected(Self.ayse))
        #expect(!presence.connected(Self.ayse))
        #expect(!presence.disconnected(Self.ayse))
        #expect(presence.isOnline("o_1"))
        #expect(presence.disconnected(Self.ayse))
        #expect(!presence.isOnline("o_1"))
        #expect(presence.online(in: "demo").isEmpty)
    }

    @Test("a site's online operators and their count leave out the other sites' and those who went offline")
    func perSite() {
        let presence = OperatorPresence()
        let deniz = OperatorAccount(
            id: "o_2", siteID: "demo", login: "deniz", name: "Deniz", language: .turkish, passwordHash: "",
            createdAt: .now)
        let mari = OperatorAccount(
            id: "o_3", siteID: "other", login: "mari", name: "Mari", language: .estonian, passwordHash: "",
            createdAt: .now)
        for account in [Self.ayse, deniz, mari] { presence.connected(account) }
        presence.connected(deniz)
        #expect(Set(presence.online(in: "demo").map(\.login)) == ["ayse", "deniz"])
        #expect(presence.onlineCount(in: "demo") == 2)
        #expect(presence.onlineCount(in: "other") == 1)
        presence.disconnected(Self.ayse)
        #expect(presence.online(in: "demo").map(\.login) == ["deniz"])
        #expect(presence.onlineCount(in: "demo") == 1)
        #expect(presence.onlineCount(in: "nowhere") == 0)
    }

    @Test("a departure is void once the operator came back, even if it left again since")
    func generations() {
        let presence = OperatorPresence()
        presence.connected(Self.ayse)
        presence.disconnected(Self.ayse)
        let left = presence.generation(of: "o_1")
        #expect(presence.isStillOffline("o_1", since: left))
        presence.connected(Self.ayse)
        #expect(!presence.isStillOffline("o_1", since: left))
        presence.disconnected(Self.ayse)
        #expect(!presence.isStillOffline("o_1", since: left))
        #expect(presence.isStillOffline("o_1", since: presence.generation(of: "o_1")))
    }
}
