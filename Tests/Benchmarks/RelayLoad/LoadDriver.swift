import Synchronization

/// Drives open-loop load over a set of open conversations and measures each rate step.
struct LoadDriver: Sendable {
    let conversations: [LoadConversation]
    let recorder: LatencyRecorder
    let server: ProcessProbe
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
        let window = recorder.takeWindow()
        let seconds = Double(duration.components.seconds)
        return StepResult(
            offered: rate, window: window, deliveredPerSecond: Double(window.delivered) / seconds,
            cpuSeconds: cpu)
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

    /// Sustained: nearly everything delivered and p99 under the target.
    func isSustained(p99Limit: Double) -> Bool {
        window.p99 < p99Limit && Double(window.delivered) >= 0.97 * Double(window.sent)
    }

    /// Nearly everything delivered within the step and its drain, with p99 under a second.
    var keepsUp: Bool { Double(window.delivered) >= 0.97 * Double(window.sent) && window.p99 < 1000 }

    var cpuMicrosPerMessage: Double { window.delivered > 0 ? cpuSeconds * 1e6 / Double(window.delivered) : 0 }
}

/// Hands out unique message ids across sender tasks.
final class MessageCounter: Sendable {
    private let value = Atomic<UInt64>(1)
    func next() -> UInt64 { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}
