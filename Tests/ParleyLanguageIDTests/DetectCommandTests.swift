import Foundation
import Testing

/// Runs the built `parley` binary: `parley detect` must stream (answer a line while stdin stays open) and print
/// one `<lang>\t<confidence>` line per input line.
@Suite("parley detect (built binary)")
struct DetectCommandTests {
    /// The `parley` executable beside the test bundle in the build directory.
    static func binary() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL,
        ]
        let found = candidates.map { $0.appendingPathComponent("parley") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "build the parley product first (swift build)")
    }

    private func launch(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments + ["--profiles", Fixtures.profileDirectory]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        return (process, input, output)
    }

    @Test("Answers each line while stdin is still open, then the rest at end of input")
    func streams() throws {
        let (process, input, output) = try launch(["detect", "--languages", "de,en,et,tr"])
        var reader = LineReader(handle: output.fileHandleForReading)
        input.fileHandleForWriting.write(Data("siparisim nerede\n".utf8))
        let answer = reader.next()  // blocks until parley flushes: it must not wait for end of input
        let first = try #require(answer)
        #expect(first.hasPrefix("tr\t"))
        input.fileHandleForWriting.write(Data("aitäh\n👍\nDanke schön\nno newline at end".utf8))
        try input.fileHandleForWriting.close()
        let rest = [reader.next(), reader.next(), reader.next(), reader.next()]
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(rest.map { $0?.split(separator: "\t").first.map(String.init) } == ["et", "und", "de", "en"])
        let confidence = try #require(Double(first.split(separator: "\t")[1]))
        #expect(confidence > 0.5 && confidence <= 1)
        let end = reader.next()
        #expect(end == nil)
    }

    @Test("Many lines in, as many lines out, in order")
    func batch() throws {
        let lines = (0..<3000).map { ["danke", "aitäh", "teşekkürler", "thanks", "👍"][$0 % 5] }
        let (process, input, output) = try launch(["detect"])
        let writer = Thread { [handle = input.fileHandleForWriting] in
            handle.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            try? handle.close()
        }
        writer.start()
        let result = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let languages = result.split(separator: "\n").map { $0.split(separator: "\t")[0] }
        #expect(languages.count == lines.count)
        #expect(Array(languages.prefix(5)) == ["de", "et", "tr", "en", "und"])
    }

    @Test("An unknown language is a usage error naming the supported ones")
    func unknownLanguage() throws {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = ["detect", "--languages", "de,xx", "--profiles", Fixtures.profileDirectory]
        let errors = Pipe()
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains("Unknown language 'xx'. Supported: de, en, et, tr."))
    }
}

/// Reads lines from a pipe one blocking `availableData` at a time.
struct LineReader {
    let handle: FileHandle
    private var buffer = Data()

    init(handle: FileHandle) { self.handle = handle }

    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[(newline + 1)...])
                return line
            }
            let chunk = handle.availableData
            if chunk.isEmpty {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = Data() }
                return String(decoding: buffer, as: UTF8.self)
            }
            buffer.append(chunk)
        }
    }
}
