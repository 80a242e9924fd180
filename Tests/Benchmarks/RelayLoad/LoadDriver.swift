import Foundation
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
        let cpuBefore = server.cpuSeconds()
        let generatorBefore = generator.cpuSeconds()
        let idleBefore = MachineProbe.idleSeconds()
        let senders = min(conversations.count, 32)
        let perSender = Double(rate) / Double(senders)
        let start = ContinuousClock.now
        await withDiscardingTaskGroup { group in
            for sender in 0..<senders {
                group.addTask { await send(sender: sender, of: senders, rate: perSender, from: start, for: duration) }
            }
        }
        await waitForDrain(upTo: drain)
        let cpu = server.cpuSeconds() - cpuBefore
        let generatorCPU = generator.cpuSeconds() - generatorBefore
        let idle = MachineProbe.idleSeconds() - idleBefore
        let elapsed = start.duration(to: .now)
        let window = recorder.takeWindow()
        let seconds = Double(duration.components.seconds)
        return StepResult(
            offered: rate, window: window, deliveredPerSecond: Double(window.delivered) / seconds,
            cpuSeconds: cpu, generatorCPUSeconds: generatorCPU, idleSeconds: idle,
            elapsedSeconds: Double(elapsed.microseconds) / 1e6)
    }

    private func send(
        sender: Int, of senders: Int, rate: Double, from start: ContinuousClock.Instant,
        for duration: Duration
    ) async {
        let interval = Duration.seconds(1.0 / rate)
        // Each sender starts a fraction of an interval after the previous one, so the senders together offer one
        // message every `1 / (rate × senders)` seconds instead of all of theirs at the same instant (a burst).
        let phase = interval * (Double(sender) / Double(senders))
        let owned = Array(stride(from: sender, to: conversations.count, by: senders))
        var k = 0
        while true {
            let due = start + phase + interval * k
            if due - start >= duration || Task.isCancelled { return }
            if due > .now { try? await Task.sleep(until: due, clock: .continuous) }
            let id = nextID.next()
            recorder.didSend(id, scheduledAt: due)
            _ = await conversations[owned[k % owned.count]].send(id)
            k += 1
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
    var cpuSeconds: Double
    /// The load generator's CPU time over the same span (the step and its drain).
    var generatorCPUSeconds: Double
    /// The machine's idle time, all cores together, over the same span.
    var idleSeconds: Double
    /// The span's wall time.
    var elapsedSeconds: Double

    /// Sustained: nearly everything delivered and p99 under the target.
    func isSustained(p99Limit: Double) -> Bool {
        window.p99 < p99Limit && Double(window.delivered) >= 0.97 * Double(window.sent)
    }

    /// Nearly everything delivered within the step and its drain, with p99 under a second.
    var keepsUp: Bool { Double(window.delivered) >= 0.97 * Double(window.sent) && window.p99 < 1000 }

    var cpuMicrosPerMessage: Double { perMessage(cpuSeconds) }
    var generatorMicrosPerMessage: Double { perMessage(generatorCPUSeconds) }

    /// Cores kept busy on average over the step: `seconds` of CPU time over its wall time.
    func cores(_ seconds: Double) -> Double { elapsedSeconds > 0 ? seconds / elapsedSeconds : 0 }

    private func perMessage(_ seconds: Double) -> Double {
        window.delivered > 0 ? seconds * 1e6 / Double(window.delivered) : 0
    }
}

/// Hands out unique message ids across sender tasks.
final class MessageCounter: Sendable {
    private let value = Atomic<UInt64>(1)
    func next() -> UInt64 { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}
