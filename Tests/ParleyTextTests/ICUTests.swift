import ParleyText
import Testing

@Suite struct ICUTests {
    @Test func reportsTheLinkedVersion() {
        let major = ICU.version.split(separator: ".").first.flatMap { Int($0) }
        #expect((major ?? 0) >= 60, "ICU \(ICU.version) is older than Parley supports")
    }
}
