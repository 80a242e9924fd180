import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix
import ParleyCore
import ParleySQLite
import ParleyText
import ParleyTranslation
import Synchronization

/// `parley bench-pipeline`: what a message costs the relay apart from the network — sanitize, detect, translate
/// (the configured chain and glossaries, as `parley serve` builds them), store durably in a fresh SQLite file with
/// group commit, release — measured in process, without sockets, frames or the load generator that shares the
/// machine in `make bench-relay`. The relay's figures minus these are what the WebSocket side and the wake-ups cost.
struct PipelineBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-pipeline",
        abstract: "Measure the message pipeline in process: CPU time per message and messages/s, no network.")

    @Option(help: "Conversations (a visitor and an operator each, in different languages).")
    var conversations = 1000
    @Option(help: "Concurrent senders in the saturating runs (comma-separated list).")
    var senders = "1,8,64"
    @Option(help: "Seconds per run.")
    var seconds = 5.0
    @Option(help: "The SQLite commit window in milliseconds, as `parley serve`'s commitWindowMs (0: commit at once).")
    var commitWindowMs = 2
    @Option(help: "How far the commit window widens under load, in milliseconds, as `parley serve`'s commitWindowMaxMs.")
    var commitWindowMaxMs = 4
    @Option(help: "Nice steps SQLite's writer runs above the other threads, as `parley serve`'s writerPriority (0: none).")
    var writerPriority = SQLiteChatStore.defaultWriterPriority
    @Option(help: "Threads that analyse messages before storing them, as `parley serve`'s analysisThreads (0: none).")
    var analysisThreads = PipelineConfiguration.defaultAnalysisThreads

    func run() async throws {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        var logger = Logger(label: "parley.bench-pipeline")
        logger.logLevel = .warning
        let (translator, detector, glossary) = try ServeCommand.engines(logger: logger)
        if translator.runsInProcess { await ServeCommand.warmUp(translator, glossary: glossary) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteChatStore(
            directory: directory, commitWindow: .milliseconds(commitWindowMs),
            maxCommitWindow: .milliseconds(commitWindowMaxMs), writerPriority: writerPriority)
        let bus = LocalEventBus()
        let pipeline = MessagePipeline(
            store: store, bus: bus, detector: detector ?? DeclaredLanguageDetector(), translator: translator,
            glossary: glossary, configuration: PipelineConfiguration(analysisThreads: analysisThreads), logger: logger)
        let chat = ChatService(store: store, bus: bus, pipeline: pipeline, sanitizer: ChatTextSanitizer(), logger: logger)
        let visitors = try await Self.open(conversations, chat: chat, store: store)
        print("| senders | messages | messages/s | CPU µs per message | latency p50 / p99 µs | messages per commit |")
        print("|---|---|---|---|---|---|")
        let counter = Counter()
        for count in senders.split(separator: ",").compactMap({ Int($0) }) where count > 0 {
            let before = store.commitStatistics
            let run = try await Self.measure(chat, visitors, senders: count, seconds: seconds, counter: counter)
            let after = store.commitStatistics
            let perCommit = Double(after.writes - before.writes) / Double(max(1, after.commits - before.commits))
            print("| \(count) | \(run.messages) | \(Int(run.rate)) | \(String(format: "%.1f", run.cpuPerMessage)) | "
                  + "\(Int(run.p50)) / \(Int(run.p99)) | \(String(format: "%.1f", perCommit)) |")
        }
        _ = try? await store.checkpoint()
    }

    /// Starts `count` conversations; each visitor writes in one of the four languages, its operator in the next.
    static func open(_ count: Int, chat: ChatService, store: SQLiteChatStore) async throws -> [Participant] {
        let site = Site(id: "bench", name: "Bench", allowedOrigins: ["http://127.0.0.1"])
        try await store.saveSite(site)
        let languages: [LanguageCode] = [.turkish, .german, .estonian, .english]
        var visitors: [Participant] = []
        for index in 0..<count {
            let language = languages[index % languages.count]
            let (conversation, visitor) = try await chat.startConversation(
                VisitorStart(siteID: site.id, browserLanguages: [language.rawValue]), site: site)
            _ = try await store.addParticipant(Participant(
                id: .random(prefix: "p"), conversationID: conversation.id, role: .operator, name: "Operator",
                language: languages[(index + 1) % languages.count]))
            visitors.append(visitor)
        }
        return visitors
    }

    /// The texts `make bench-relay` sends, with a fresh order number each.
    static let texts: [LanguageCode: String] = [
        .turkish: "Merhaba, siparişim nerede? Sipariş numaram", .german: "Hallo, wo ist meine Bestellung? Bestellnummer",
        .estonian: "Tere, kus on minu tellimus? Tellimuse number", .english: "Hello, where is my order? Order number",
    ]

    final class Counter: Sendable {
        private let next = Atomic<Int>(0)
        func take() -> Int { next.wrappingAdd(1, ordering: .relaxed).newValue }
    }

    struct Run {
        var messages: Int
        var rate: Double
        var cpuPerMessage: Double
        var p50: Double
        var p99: Double
    }

    /// `senders` tasks send back to back (each waits for its message to be stored) for `seconds`.
    static func measure(
        _ chat: ChatService, _ visitors: [Participant], senders: Int, seconds: Double, counter: Counter
    ) async throws -> Run {
        let clock = ContinuousClock()
        let cpuBefore = processCPUSeconds()
        let start = clock.now
        let end = start.advanced(by: .milliseconds(Int(seconds * 1000)))
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for sender in 0..<senders {
                group.addTask {
                    var own: [Double] = []
                    var index = sender
                    while clock.now < end {
                        let visitor = visitors[index % visitors.count]
                        index += senders
                        let id = counter.take()
                        let text = "\(texts[visitor.language] ?? "Hello") #\(100_000 + id)"
                        let sent = clock.now
                        try await chat.send(text, clientMessageID: "b\(id)", from: visitor)
                        own.append((clock.now - sent).inSeconds * 1e6)
                    }
                    return own
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let wall = clock.now - start
        let cpu = processCPUSeconds() - cpuBefore
        let sorted = latencies.sorted()
        let wallSeconds = wall.inSeconds
        func quantile(_ q: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        return Run(
            messages: sorted.count, rate: Double(sorted.count) / wallSeconds,
            cpuPerMessage: sorted.isEmpty ? 0 : cpu * 1e6 / Double(sorted.count), p50: quantile(0.5), p99: quantile(0.99))
    }

    /// User + system CPU time of the whole process (every thread: the SQLite writer's too).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }
}
