import Foundation
import ParleyCore
@testable import ParleyServer
import Synchronization
import Testing

/// Shutdown and restart: clients are told to reconnect and lose nothing.
@Suite("Relay lifecycle", .timeLimit(.minutes(2)))
struct RelayLifecycleTests {
    @Test("graceful shutdown closes every socket with 4000; after a restart the client resumes where it was")
    func gracefulShutdownAndReconnect() async throws {
        try await withTemporaryDirectory { directory throws in
            let token = try await withRelay(dataDirectory: directory) { relay throws in
                let (_, token) = try await relay.startVisitor(languages: ["en"])
                let (cookie, _) = try await relay.login("demo-en")
                let codes = try await relay.withSocket("/ws/operator", headers: ["Cookie": cookie]) { op throws in
                    _ = try await op.next("queue")
                    let visitorCode = try await relay.withVisitor(token) { visitor throws in
                        for index in 1...2 {
                            visitor.send(#"{"type":"message","clientMessageId":"v\#(index)","text":"before \#(index)"}"#)
                            #expect(try await visitor.next("ack")["seq"]?.int == index)
                        }
                        await relay.shutdown()
                        return try await visitor.waitForClose()
                    }
                    return [visitorCode, try await op.waitForClose()]
                }
                // 4000 (shutting_down, reconnect) comes before the WebSocket library's own 1000 on every socket.
                #expect(codes == [4000, 4000])
                return token
            }
            try await withRelay(dataDirectory: directory) { relay throws in
                try await relay.withVisitor(token) { visitor throws in
                    let first = try await visitor.next("message")
                    let second = try await visitor.next("message")
                    #expect([first["text"]?.string, second["text"]?.string] == ["before 1", "before 2"])
                    visitor.send(#"{"type":"message","clientMessageId":"v3","text":"after"}"#)
                    #expect(try await visitor.next("ack")["seq"]?.int == 3)
                    visitor.send(#"{"type":"message","clientMessageId":"v1","text":"before 1"}"#)
                    #expect(try await visitor.next("ack")["seq"]?.int == 1)
                }
            }
        }
    }

    @Test("on graceful shutdown a socket gets one close frame, 4000, and nothing after it (RFC 6455)")
    func oneCloseFrameOnShutdown() async throws {
        try await withRelay { relay throws in
            let (_, token) = try await relay.startVisitor(languages: ["en"])
            let socket = try await RawWebSocket.connect(
                port: relay.port, path: "/ws/visitor?token=\(token)", origin: TestRelay.origin)
            let welcome = try await within(.seconds(10), "the welcome frame") { try await socket.nextText() }
            #expect(welcome?.contains(#""type":"welcome""#) == true)
            await relay.shutdown()
            let (code, after) = try await within(.seconds(20), "the close handshake") {
                try await socket.closeHandshake()
            }
            #expect(code == 4000)
            #expect(after.isEmpty, "opcodes of the frames after the close frame: \(after)")
        }
    }

    @Test("the sample configuration loads, and the command line beats the environment beats the file")
    func configurationPriority() throws {
        let sample = try RelayConfiguration.load(
            file: packageRoot().appendingPathComponent("Samples/parley.json").path, environment: [:], commandLine: [:])
        #expect(sample.sites.map(\.id) == ["demo"])
        #expect(sample.pipeline.translationDeadline == .milliseconds(300))
        let layered = try RelayConfiguration.load(
            file: packageRoot().appendingPathComponent("Samples/parley.json").path,
            environment: ["PARLEY_PORT": "9001", "PARLEY_HOST": "0.0.0.0"], commandLine: ["port": "9002"])
        #expect(layered.port == 9002)
        #expect(layered.host == "0.0.0.0")
        #expect(throws: ConfigurationError.self) {
            _ = try RelayConfiguration.load(file: nil, environment: ["PARLEY_PORT": "eighty"], commandLine: [:])
        }
        let timers = try RelayConfiguration.load(
            file: nil, environment: ["PARLEY_OPERATOR_GRACE_SECONDS": "5", "PARLEY_SLOW_CONSUMER_CLOSE_SECONDS": "2"],
            commandLine: [:])
        #expect(timers.operatorGracePeriod == .seconds(5))
        #expect(timers.limits.slowConsumerCloseTimeout == .seconds(2))
        #expect(RelayConfiguration().limits.framesPerSecond == 50)
        let frames = try RelayConfiguration.load(
            file: nil, environment: ["PARLEY_FRAMES_PER_SECOND": "200"], commandLine: [:])
        #expect(frames.limits.framesPerSecond == 200)
        #expect(RelayConfiguration().commitWindow == .milliseconds(2))
        let window = try RelayConfiguration.load(file: nil, environment: ["PARLEY_COMMIT_WINDOW_MS": "0"], commandLine: [:])
        #expect(window.commitWindow == .zero)
        #expect(RelayConfiguration().maxCommitWindow == .milliseconds(4))
        let widest = try RelayConfiguration.load(
            file: nil, environment: ["PARLEY_COMMIT_WINDOW_MAX_MS": "8"], commandLine: [:])
        #expect(widest.maxCommitWindow == .milliseconds(8))
        #expect(RelayConfiguration().writerPriority == 5)
        let unboosted = try RelayConfiguration.load(
            file: nil, environment: ["PARLEY_WRITER_PRIORITY": "0"], commandLine: [:])
        #expect(unboosted.writerPriority == 0)
        #expect(throws: ConfigurationError.self) {
            _ = try RelayConfiguration.load(file: nil, environment: ["PARLEY_WRITER_PRIORITY": "21"], commandLine: [:])
        }
        #expect(RelayConfiguration().pipeline.analysisThreads == PipelineConfiguration.defaultAnalysisThreads)
        #expect(PipelineConfiguration.defaultAnalysisThreads >= 1)
        let onLoops = try RelayConfiguration.load(
            file: nil, environment: ["PARLEY_ANALYSIS_THREADS": "0"], commandLine: [:])
        #expect(onLoops.pipeline.analysisThreads == 0)
        #expect(throws: ConfigurationError.self) {
            _ = try RelayConfiguration.load(file: nil, environment: ["PARLEY_ANALYSIS_THREADS": "-1"], commandLine: [:])
        }
        #expect(throws: ConfigurationError.self) {
            _ = try RelayConfiguration.load(file: nil, environment: ["PARLEY_COMMIT_WINDOW_MS": "-1"], commandLine: [:])
        }
        var bad = RelayConfiguration()
        #expect(throws: ConfigurationError.self) { try bad.apply(json: Data(#"{"prot": 1}"#.utf8), source: "x.json") }
    }
}

/// The package's root directory (where Package.swift is).
func packageRoot() -> URL {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}
