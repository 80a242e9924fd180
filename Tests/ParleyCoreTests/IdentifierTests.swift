import ParleyCore
import Testing

@Suite("Identifier")
struct IdentifierTests {
    private static let digits = Set("0123456789abcdefghijklmnopqrstuv")

    @Test("a random identifier is the prefix, an underscore and 13 base-32 digits: 15 bytes with a one-letter prefix")
    func shape() {
        for _ in 0..<1_000 {
            let id = ConversationID.random(prefix: "c").rawValue
            #expect(id.utf8.count == 15)  // the longest string Swift stores inline
            #expect(id.hasPrefix("c_"))
            let body = id.dropFirst(2)
            #expect(body.count == 13)
            #expect(body.allSatisfy(Self.digits.contains))
            #expect("0123456789abcdef".contains(body.first!))  // the first digit holds the top 4 of the 64 bits
        }
    }

    @Test("random identifiers carry all 64 bits: every digit position varies, and 100,000 draws never repeat")
    func randomness() {
        let ids = (0..<100_000).map { _ in ParticipantID.random(prefix: "p").rawValue }
        #expect(Set(ids).count == ids.count)
        for position in 2..<15 {
            let seen = Set(ids.prefix(1_000).map { Array($0.utf8)[position] })
            #expect(seen.count == (position == 2 ? 16 : 32), "position \(position)")
        }
    }

    @Test("a longer prefix is kept as given")
    func longerPrefix() {
        let id = SiteID.random(prefix: "site").rawValue
        #expect(id.hasPrefix("site_"))
        #expect(id.utf8.count == 18)
    }
}
