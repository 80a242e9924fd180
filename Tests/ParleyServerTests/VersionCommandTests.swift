import Testing

/// `parley --version` names what the relay runs on, the memory allocator too: on Linux it links jemalloc, and the
/// version says whether jemalloc's `malloc` is the one the process really calls.
@Suite("parley --version")
struct VersionCommandTests {
    @Test("names ICU and, on Linux, jemalloc as the allocator in use")
    func namesTheAllocator() async throws {
        let output = try await RelayProcess.output(of: ["--version"])
        #expect(output.hasPrefix("parley "), "\(output)")
        #expect(output.contains("ICU "), "\(output)")
        #if os(Linux)
        #expect(output.contains("jemalloc 5."), "\(output)")
        #endif
    }
}
