import Foundation
import NIOCore
import Synchronization

/// Drives open-loop load over a set of open conversations and measures each rate step.
struct LoadDriver: Sendable {
    let conversations: [LoadConversation]
    let recorder: LatencyRecorder
    let server: ProcessProbe
    /// This process: the load generator's own CPU time.
    private let generator = ProcessProbe(pid: getpid())
    private let nextID = MessageCounter()

    init(conversations: [LoadConversation], recorder: LatencyRecorder, server: ProcessProbe) {
        self.conversations = conversations
        self.recorder = recorder
        self.server = server
    }

    /// Offers `rate` messages/s spread over all conversations for `duration`, waits up to `drain` for stragglers.
    func step(rate: Int, duration: Duration, drain: Duration = .seconds(2)) async -> StepResult {
        _ = recorder.takeWindow()
        let loopsBefore = server.eventLoopCPUSeconds()
        let before = CoreSnapshot(server: server, generator: generator)
        await withDiscardingTaskGroup { group in
            let pacers = Self.pacers(for: conversations, rate: rate, start: before.instant, duration: duration)
            for pacer in pacers { group.addTask { await pacer.run(recorder: recorder, ids: nextID) } }
        }
        let sending = before.split(server: server, generator: generator)
        await waitForDrain(upTo: drain)
        let whole = before.split(server: server, generator: generator)
        let loops = server.eventLoopCPUSeconds() - loopsBefore
        let window = recorder.takeWindow()
        let seconds = Double(duration.components.seconds)
        return StepResult(
            offered: rate, window: window, deliveredPerSecond: Double(window.delivered) / seconds,
            eventLoopCPUSeconds: loops, whole: whole, sending: sending)
    }

    /// One pacer per event loop, for the conversations whose visitor socket lives on it, each offering its share
    /// of `rate`; each starts a fraction of an interval after the previous one, so together they offer one message
    /// every `1 / rate` seconds instead of theirs at the same instant (a burst).
    private static func pacers(
        for conversations: [LoadConversation], rate: Int, start: ContinuousClock.Instant, duration: Duration
    ) -> [Pacer] {
        var byLoop: [ObjectIdentifier: (loop: any EventLoop, owned: [LoadConversation])] = [:]
        for conversation in conversations {
            byLoop[ObjectIdentifier(conversation.socket.eventLoop), default: (conversation.socket.eventLoop, [])]
                .owned.append(conversation)
        }
        let groups = byLoop.values.sorted { $0.owned.count > $1.owned.count }
        return groups.enumerated().map { index, group in
            let share = Double(rate) * Double(group.owned.count) / Double(conversations.count)
            let interval = Duration.seconds(1.0 / share)
            return Pacer(
                loop: group.loop, owned: group.owned, interval: interval,
                first: start + interval * (Double(index) / Double(groups.count)), end: start + duration)
        }
    }

    private func waitForDrain(upTo limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, recorder.pendingCount() > 0 {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// One rate step's figures.
struct StepResult: Sendable {
    var offered: Int
    var window: LatencyWindow
    var deliveredPerSecond: Double
    /// The part of the server's CPU time the server's event loops took; the rest went to its other threads.
    var eventLoopCPUSeconds: Double
    /// Where the cores went over the step and its drain.
    var whole: CoreSplit
    /// Where the cores went while the step sent, without its drain.
    var sending: CoreSplit

    /// The server's CPU time over the step and its drain.
    var cpuSeconds: Double { whole.relay }

    /// Sustained: nearly everything delivered and p99 under the target.
    func isSustained(p99Limit: Double) -> Bool {
        window.p99 < p99Limit && Double(window.delivered) >= 0.97 * Double(window.sent)
    }

    /// Nearly everything delivered within the step and its drain, with p99 under a second.
    var keepsUp: Bool { Double(window.delivered) >= 0.97 * Double(window.sent) && window.p99 < 1000 }

    var cpuMicrosPerMessage: Double { perMessage(cpuSeconds) }
    var generatorMicrosPerMessage: Double { perMessage(whole.generator) }

    func perMessage(_ seconds: Double) -> Double {
        window.delivered > 0 ? seconds * 1e6 / Double(window.delivered) : 0
    }
}

/// CPU seconds of the relay and of the load generator, and the machine's idle seconds, over `elapsed` seconds.
struct CoreSplit: Sendable {
    var relay: Double
    var generator: Double
    var idle: Double
    var elapsed: Double

    /// Cores kept busy on average, relay / load generator / idle.
    var cores: [Double] { [relay, generator, idle].map { elapsed > 0 ? $0 / elapsed : 0 } }
}

/// The relay's and the generator's CPU time, the machine's idle time and the clock, when a step began.
private struct CoreSnapshot {
    var relay: Double
    var generator: Double
    var idle: Double
    var instant: ContinuousClock.Instant

    init(server: ProcessProbe, generator: ProcessProbe) {
        (relay, self.generator, idle) = (server.cpuSeconds(), generator.cpuSeconds(), MachineProbe.idleSeconds())
        instant = .now
    }

    /// Where the cores went since.
    func split(server: ProcessProbe, generator: ProcessProbe) -> CoreSplit {
        CoreSplit(
            relay: server.cpuSeconds() - relay, generator: generator.cpuSeconds() - self.generator,
            idle: MachineProbe.idleSeconds() - idle, elapsed: Double(instant.duration(to: .now).microseconds) / 1e6)
    }
}

/// Hands out unique message ids across sender tasks.
final class MessageCounter: Sendable {
    private let value = Atomic<UInt64>(1)
    func next() -> UInt64 { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}

/// Sends one event loop's share of the load from that loop itself: a timer on the loop fires when the next message
/// is due and writes every message due by then straight to its socket, with no thread woken and no task resumed per
/// message (the generator shares the cores with the relay it measures). Confined to its loop once started.
private final class Pacer: @unchecked Sendable {
    private let loop: any EventLoop
    private let owned: [LoadConversation]
    private let interval: Duration
    private let first: ContinuousClock.Instant
    private let end: ContinuousClock.Instant
    private var sent = 0

    init(
        loop: any EventLoop, owned: [LoadConversation], interval: Duration, first: ContinuousClock.Instant,
        end: ContinuousClock.Instant
    ) {
        self.loop = loop
        self.owned = owned
        self.interval = interval
        self.first = first
        self.end = end
    }

    /// Offers the messages until the step ends; returns when the last one was written.
    func run(recorder: LatencyRecorder, ids: MessageCounter) async {
        let done = loop.makePromise(of: Void.self)
        loop.execute { self.fire(recorder: recorder, ids: ids, done: done) }
        try? await done.futureResult.get()
    }

    /// Writes every message due by now, then sleeps on the loop until the next one is due.
    private func fire(recorder: LatencyRecorder, ids: MessageCounter, done: EventLoopPromise<Void>) {
        let now = ContinuousClock.now
        while true {
            let due = first + interval * sent
            if due >= end { return done.succeed() }
            if due > now {
                let wait = TimeAmount.nanoseconds(Int64((due - now).microseconds * 1000))
                loop.scheduleTask(in: wait) { self.fire(recorder: recorder, ids: ids, done: done) }
                return
            }
            let id = ids.next()
            recorder.didSend(id, scheduledAt: due)
            _ = owned[sent % owned.count].send(id)
            sent += 1
        }
    }
}
