import Foundation
import Logging
@testable import ParleyCore
import ParleySQLite
import ParleyText
import ParleyTranslation
import Synchronization
import Testing

/// Where a message is detected and translated before it is stored: on the pipeline's analysis threads when its
/// translator runs in process, in the sender's task when they are switched off or the translator is remote.
@Suite("Analysis threads")
struct AnalysisThreadsTests {
    @Test("a message is analysed on the pipeline's analysis threads, and stored with its analysis")
    func analysedOnItsThreads() async throws {
        try await withTemporaryDirectory { directory in
            let detector = WhereDetector()
            let chat = try await Self.chat(in: directory, detector: detector, configuration: .init(analysisThreads: 1))
            let executor = try #require(chat.service.pipeline.analysisExecutor)
            #expect(executor.threads == 1)
            let result = try await chat.service.send("Tere!", clientMessageID: "m1", from: chat.visitor)
            #expect(result.message.language == .estonian)
            #expect(detector.ranOnAnalysisThreads == [true])
            #expect(executor.jobsRun > 0)
            #expect(!AnalysisExecutor.isCurrent)
        }
    }

    @Test("with analysisThreads 0 a message is analysed in the sender's task, and stored with its analysis all the same")
    func analysedInTheSendersTask() async throws {
        try await withTemporaryDirectory { directory in
            let detector = WhereDetector()
            let chat = try await Self.chat(in: directory, detector: detector, configuration: .init(analysisThreads: 0))
            #expect(chat.service.pipeline.analysisExecutor == nil)
            let result = try await chat.service.send("Tere!", clientMessageID: "m1", from: chat.visitor)
            #expect(result.message.language == .estonian)
            #expect(detector.ranOnAnalysisThreads == [false])
        }
    }

    @Test("several analysis threads take a burst of messages in turn: each analysed there once, stored with its analysis")
    func severalThreads() async throws {
        try await withTemporaryDirectory { directory in
            let detector = WhereDetector()
            let chat = try await Self.chat(in: directory, detector: detector, configuration: .init(analysisThreads: 3))
            #expect(chat.service.pipeline.analysisExecutor?.threads == 3)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await chat.service.send("Tere \(index)", clientMessageID: "m\(index)", from: chat.visitor)
                    }
                }
                try await group.waitForAll()
            }
            #expect(detector.ranOnAnalysisThreads == Array(repeating: true, count: 20))
            let stored = try await chat.store.messages(in: chat.visitor.conversationID, after: 0, limit: 100)
            #expect(stored.map(\.seq) == Array(1...20))
            #expect(stored.allSatisfy { $0.language == .estonian })
        }
    }

    @Test("a pipeline whose translator is remote has no analysis threads: it analyses messages after they are stored")
    func remoteTranslatorHasNone() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let pipeline = MessagePipeline(
                store: store, bus: LocalEventBus(), detector: WhereDetector(), translator: RemoteEcho(),
                configuration: .init(analysisThreads: 2), logger: Logger(label: "test"))
            #expect(pipeline.analysisExecutor == nil)
        }
    }

    struct Chat {
        var store: SQLiteChatStore
        var service: ChatService
        var visitor: Participant
    }

    static func chat(
        in directory: URL, detector: some LanguageDetecting, configuration: PipelineConfiguration
    ) async throws -> Chat {
        let store = try SQLiteChatStore(directory: directory)
        let site = Site(id: "shop", name: "Shop", allowedOrigins: ["https://shop.example"], defaultLanguage: .german)
        try await store.saveSite(site)
        let logger = Logger(label: "test")
        let bus = LocalEventBus()
        let pipeline = MessagePipeline(
            store: store, bus: bus, detector: detector, translator: nil, configuration: configuration, logger: logger)
        let service = ChatService(
            store: store, bus: bus, pipeline: pipeline, sanitizer: ChatTextSanitizer(), logger: logger)
        let (_, visitor) = try await service.startConversation(
            VisitorStart(siteID: site.id, browserLanguages: ["et"]), site: site)
        return Chat(store: store, service: service, visitor: visitor)
    }
}

/// Detects Estonian, and records for each call whether it ran on one of the analysis threads.
private final class WhereDetector: LanguageDetecting {
    private let calls = Mutex<[Bool]>([])

    var ranOnAnalysisThreads: [Bool] { calls.withLock { $0 } }

    func detect(_ text: String, context: DetectionContext) -> DetectedLanguage {
        calls.withLock { $0.append(AnalysisExecutor.isCurrent) }
        return DetectedLanguage(language: .estonian, confidence: 0.9)
    }
}

/// An engine that does not run in process (the protocol's default), echoing its input.
private struct RemoteEcho: Translator {
    let name = "remote-echo"
    func supports(_ pair: LanguagePair) -> Bool { true }
    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        TranslationResult(
            segments: request.segments.map { TranslatedSegment(text: $0, quality: .exact) }, engine: name,
            duration: .zero)
    }
}
