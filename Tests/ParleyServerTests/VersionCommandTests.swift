import Foundation
import Testing

/// `parley --version` names what the relay runs on, the memory allocator too: on Linux it links jemalloc (unless built
/// with `PARLEY_SYSTEM_MALLOC`), and the version says whether jemalloc's `malloc` is the one the process really calls.
@Suite("parley --version")
struct VersionCommandTests {
    @Test("names ICU and the allocator in use: on Linux jemalloc, unless built without it")
    func namesTheAllocator() async throws {
        let output = try await RelayProcess.output(of: ["--version"])
        #expect(output.hasPrefix("parley "), "\(output)")
        #expect(output.contains("ICU "), "\(output)")
        #if os(Linux)
        // `swift test` builds the executable with the environment it runs in.
        if ProcessInfo.processInfo.environment["PARLEY_SYSTEM_MALLOC"] == nil {
            #expect(output.contains("jemalloc 5."), "\(output)")
        } else {
            #expect(output.contains("the C library's malloc"), "\(output)")
        }
        #endif
    }
}
