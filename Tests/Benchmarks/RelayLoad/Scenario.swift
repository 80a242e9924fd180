import Foundation

/// The measurements `make bench-relay` takes of one relay at one conversation count.
struct ScenarioResult: Sendable {
    var conversations: Int
    var light: StepResult?
    /// The disk's sync times during the light step, ms, ascending (``DiskSyncProbe``).
    var lightDiskSyncs: [Double] = []
    var steps: [StepResult] = []
    var overload: StepResult?
    var overloadUndeliveredAcks = 0
    /// How long conversations started during the overload step took to start, ms, ascending (Parley only).
    var startsUnderOverload: [Double] = []
    var residentBytes = 0

    /// The highest rate delivered in full, whatever the latency.
    var capacity: StepResult? {
        steps.filter(\.keepsUp).max { $0.deliveredPerSecond < $1.deliveredPerSecond }
    }

    /// The highest offered rate that was sustained with p99 under the limit.
    func peak(p99Limit: Double) -> StepResult? {
        steps.filter { $0.isSustained(p99Limit: p99Limit) }.max { $0.deliveredPerSecond < $1.deliveredPerSecond }
    }
}

/// Runs the load plan against one relay.
struct Scenario: Sendable {
    var rates: [Int]
    var stepDuration: Duration
    var lightRate: Int
    var lightDuration: Duration
    var p99Limit: Double
    /// Print each step's slowest latency per quarter second to standard error (`RelayLoad run --timeline`).
    var timeline = false

    func run(target: some RelayTarget, server: ProcessProbe, conversations count: Int) async throws -> ScenarioResult {
        let recorder = LatencyRecorder(timeline: timeline)
        var result = ScenarioResult(conversations: count)
        // Sockets live in this group; closing them all ends it.
        try await withThrowingDiscardingTaskGroup { sockets in
            try await target.prepare(conversations: count, recorder: recorder, in: &sockets)
            var conversations: [LoadConversation] = []
            for index in 0..<count {
                conversations.append(try await target.openConversation(index, recorder: recorder, in: &sockets))
            }
            let driver = LoadDriver(conversations: conversations, recorder: recorder, server: server)
            await Self.settle(server)
            let disk = DiskSyncProbe()
            result.light = await driver.step(rate: lightRate, duration: lightDuration)
            result.lightDiskSyncs = await disk.stop()
            // Rates rise past the latency limit while the relay still keeps up, to find its capacity too.
            for rate in rates {
                let step = await driver.step(rate: rate, duration: stepDuration)
                printTimeline(of: step, target: target.name, conversations: count)
                result.steps.append(step)
                if !step.keepsUp { break }
            }
            let peak = result.peak(p99Limit: p99Limit)?.offered ?? result.capacity?.offered ?? rates[0]
            // Visitors keep arriving while the relay is overloaded: a few start conversations during the step.
            let starts = Task { await Self.timeStarts(target, first: count, every: stepDuration / 6, count: 5) }
            result.overload = await driver.step(rate: peak * 2, duration: stepDuration, drain: .seconds(10))
            result.startsUnderOverload = await starts.value
            result.overloadUndeliveredAcks = recorder.acknowledgedButUndelivered()
            result.residentBytes = server.residentBytes()
            await target.sockets.closeAll()
        }
        return result
    }

    private func printTimeline(of step: StepResult, target: String, conversations: Int) {
        guard timeline else { return }
        let slowest = step.window.slowestPerQuarterSecond.map { String(Int($0.rounded())) }.joined(separator: " ")
        FileHandle.standardError.write(Data(
            "\(target), \(conversations) conversations, \(step.offered) msg/s: slowest ms per 250 ms: \(slowest)\n"
                .utf8))
    }

    /// Starts `count` conversations one after another, `every` apart, and returns how long each took (ms, ascending);
    /// empty for a target without conversations, or when one fails.
    static func timeStarts(_ target: some RelayTarget, first: Int, every: Duration, count: Int) async -> [Double] {
        var times: [Double] = []
        for index in 0..<count {
            try? await Task.sleep(for: every)
            guard let time = try? await target.timeConversationStart(first + index) else { return [] }
            times.append(Double(time.microseconds) / 1000)
        }
        return times.sorted()
    }

    /// Waits until the server is quiet (under 5% of a core over half a second; at most 20 s), so that the light-load
    /// step measures the steady state and not the tail of setting up thousands of conversations (assignments, joins,
    /// list updates), which used to inflate its p99 and its CPU per message with the conversation count.
    static func settle(_ server: ProcessProbe) async {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let before = server.cpuSeconds()
            try? await Task.sleep(for: .milliseconds(500))
            if server.cpuSeconds() - before < 0.025 { return }
        }
    }

    /// Opens `count` idle sockets and returns the server's resident memory growth per socket, in bytes.
    func idleMemory(target: some RelayTarget, server: ProcessProbe, sockets count: Int) async throws -> Double {
        let prepared = try await target.prepareIdle(count: count)
        try await Task.sleep(for: .seconds(1))
        let before = server.residentBytes()
        var after = before
        try await withThrowingDiscardingTaskGroup { sockets in
            for index in 0..<count { try await target.openIdleSocket(index, prepared: prepared, in: &sockets) }
            try await Task.sleep(for: .seconds(1))
            after = server.residentBytes()
            await target.sockets.closeAll()
        }
        return Double(after - before) / Double(count)
    }
}
