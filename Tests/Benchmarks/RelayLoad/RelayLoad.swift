import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix

/// `make bench-relay`: the bare relay and Parley side by side under the same load, on loopback only.
@main
struct RelayLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay-load",
        abstract: "Load generator for Parley's relay, with a bare WebSocket relay as the baseline.",
        subcommands: [RunCommand.self, BareRelayCommand.self, HostProbeCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// Prints how fast the machine runs a fixed workload (``HostProbe``), in memory and in the caches, every few seconds:
/// on a shared virtual machine both swing from one second to the next, the first the more.
struct HostProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "host-probe")

    @Option(help: "Probes to take.") var count = 10
    @Option(help: "Seconds between probes.") var every = 1.0

    func run() {
        print("thread CPU ms (lower is faster): memory-bound / cache-resident")
        for index in 0..<count {
            if index > 0 { Thread.sleep(forTimeInterval: every) }
            print(String(format: "%.1f / %.1f", HostProbe.memoryBound(), HostProbe.cacheResident()))
        }
    }
}

/// Serves the bare relay (started by `run` as a child process so its CPU and memory are measured alone).
struct BareRelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bare-relay")
    @Option var host = "127.0.0.1"
    @Option var port = 18_081
    @Flag(help: "Also send the sender an ack and its own copy, as Parley does: three frames out per message.")
    var echo = false
    @Option(help: "The socket layer: hummingbird (the issue's baseline), direct-writes, intercept, nio.")
    var shape = BareShape.hummingbird

    func run() async throws {
        // The same executor as `parley serve` (see `RunCommand.run`), so that the two relays differ in their work only.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        var logger = Logger(label: "bare-relay")
        logger.logLevel = .warning
        switch shape {
        case .nio: try await NIOBareRelay(echo: echo).run(host: host, port: port)
        case .hummingbird, .directWrites, .intercept:
            let relay = BareRelay(echo: echo, intercept: shape == .intercept, directWrites: shape == .directWrites)
            try await relay.run(host: host, port: port, logger: logger)
        }
    }
}

/// Measures every relay at every conversation count and prints one table.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run")

    @Option(help: "The parley executable to measure beside the bare relay; omit to measure the bare relay only.")
    var parley: String?
    @Option(help: "Conversation counts, comma-separated.") var conversations = "100,1000,5000"
    /// Steps of 1,000 msg/s where Parley's peak lies and of 2,500–5,000 where the bare relay's does, so that each
    /// peak is read to within about a tenth and 40% of every bare peak from 22,500 to 35,000 is itself a step: the
    /// issue's relative bar is then read directly, not through the next coarser step above it.
    @Option(help: "Offered rates in messages/s, ascending.")
    var rates = [
        1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000, 13000, 14000, 15000, 17500, 20000, 22500,
        25000, 27500, 30000, 35000, 40000,
    ].map(String.init).joined(separator: ",")
    @Option(help: "Seconds per rate step.") var stepSeconds = 4
    @Option(help: "Idle sockets for the memory-per-connection figure.") var idleSockets = 10_000
    @Option(help: "Light-load rate, messages/s.") var lightRate = 200
    @Option(help: "Seconds of the light-load step: its p99 is then the 20th-slowest of 2,000 messages, not the 8th of 800.")
    var lightSeconds = 10
    @Option(help: "Write the Markdown report here too.") var output: String?
    @Flag(help: "Skip the bare relays (to profile Parley alone).") var skipBare = false
    @Flag(help: "Skip the bare relay that answers the sender too (three frames per message, as Parley sends).")
    var skipEcho = false
    @Option(help: "The bare relays' socket layer (see `bare-relay --help`).") var bareShape = BareShape.hummingbird
    @Flag(help: "Print each step's slowest latency per quarter second (a climb: short of capacity; a spike: a stall).")
    var timeline = false
    @Option(name: .customLong("relay-cpus"), help: "Keep each relay on these CPUs (e.g. 0-1), a loop per CPU.")
    var relayCPUs: String?
    @Option(name: .customLong("generator-cpus"), help: "Keep the generator on these CPUs (e.g. 2-3), a loop per CPU.")
    var generatorCPUs: String?

    private var shapeArguments: [String] { ["--shape", bareShape.rawValue] }

    func run() async throws {
        let relayCPUs = try relayCPUs.map { text throws(LoadError) in
            try CPUList(parsing: text, option: "--relay-cpus")
        }
        let generatorCPUs = try generatorCPUs.map { text throws(LoadError) in
            try CPUList(parsing: text, option: "--generator-cpus")
        }
        if let relayCPUs, let generatorCPUs, relayCPUs.overlaps(generatorCPUs) {
            let note = "Note: the relay's CPUs (\(relayCPUs)) and the generator's (\(generatorCPUs)) overlap.\n"
            FileHandle.standardError.write(Data(note.utf8))
        }
        // Before the first event loop starts, so that the generator's loops start on its CPUs, one per CPU.
        if let generatorCPUs {
            try CPUPinning.pinSelf(to: generatorCPUs)
            NIOSingletons.groupLoopCountSuggestion = generatorCPUs.count
        }
        // Like `parley serve`: tasks run on the event loops that do the sockets' I/O, not on a separate pool that
        // every await on a socket hops to and from. The generator shares the two cores with the relay it measures; its
        // context switches were a third of its CPU.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let scenario = Scenario(
            rates: rates.split(separator: ",").compactMap { Int($0) }, stepDuration: .seconds(stepSeconds),
            lightRate: lightRate, lightDuration: .seconds(lightSeconds), p99Limit: 50, timeline: timeline)
        let counts = conversations.split(separator: ",").compactMap { Int($0) }
        var report = Report(counts: counts)
        report.generatorCPUs = ProcessProbe(pid: getpid()).allowedCPUs
        ServerProcess.stopChildrenOnSignals()
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        if !skipBare {
            let idleTarget = BareRelayTarget(base: "ws://127.0.0.1:18083", shape: bareShape)
            let idle = try await idleMemory(idleTarget, scenario) {
                try ServerProcess(
                    executable: me, arguments: ["bare-relay", "--port", "18083"] + shapeArguments, port: 18_083,
                    cpus: relayCPUs)
            }
            let bare = try ServerProcess(
                executable: me, arguments: ["bare-relay", "--port", "18081"] + shapeArguments, port: 18_081,
                cpus: relayCPUs)
            let target = BareRelayTarget(base: "ws://127.0.0.1:18081", shape: bareShape)
            var column = try await measure(target, bare, scenario, counts, &report)
            column.idleBytesPerSocket = idle
            report.columns.append(column)
        }
        if !skipBare, !skipEcho {
            // The same server code as above, so its memory per idle socket is the same and not measured again.
            let echoing = try ServerProcess(
                executable: me, arguments: ["bare-relay", "--port", "18081", "--echo"] + shapeArguments, port: 18_081,
                cpus: relayCPUs)
            let target = BareRelayTarget(base: "ws://127.0.0.1:18081", echo: true, shape: bareShape)
            report.columns.append(try await measure(target, echoing, scenario, counts, &report))
        }
        if let parley {
            let idle = try await idleMemory(ParleyTarget(port: 18_083, operatorCookies: []), scenario) {
                try ParleyTarget.start(
                    executable: parley, port: 18_083, operatorsPerLanguage: 1, name: "idle", cpus: relayCPUs)
            }
            let operators = (counts.max() ?? 0) / ParleyTarget.conversationsPerOperator
            let perLanguage = max(1, (operators + 3) / 4)
            let server = try ParleyTarget.start(
                executable: parley, port: 18_082, operatorsPerLanguage: perLanguage, cpus: relayCPUs)
            try await server.waitUntilReady(path: "/readyz")
            let cookies = try await Self.login(ParleyTarget.operatorLogins(perLanguage: perLanguage), port: 18_082)
            let target = ParleyTarget(port: 18_082, operatorCookies: cookies)
            var column = try await measure(target, server, scenario, counts, &report)
            column.idleBytesPerSocket = idle
            report.columns.append(column)
        }
        let text = report.markdown()
        print(text)
        if let output { try text.write(toFile: output, atomically: true, encoding: .utf8) }
    }

    /// Logs the operators in, eight at a time (each login is a bcrypt check), in the order given.
    private static func login(_ logins: [String], port: Int) async throws -> [String] {
        var cookies = [String](repeating: "", count: logins.count)
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, login) in logins.enumerated() {
                if index >= 8, let (done, cookie) = try await group.next() { cookies[done] = cookie }
                group.addTask {
                    (index, try await ParleyTarget.login(port: port, login: login, password: ParleyTarget.password))
                }
            }
            for try await (done, cookie) in group { cookies[done] = cookie }
        }
        return cookies
    }

    /// Measures one relay at every count, printing the table so far after each (a long run shows progress).
    private func measure(
        _ target: some RelayTarget, _ server: ServerProcess, _ scenario: Scenario, _ counts: [Int],
        _ report: inout Report
    ) async throws -> Report.Column {
        defer { server.stop() }
        try await server.waitUntilReady(path: "/healthz")
        var column = Report.Column(name: target.name)
        column.cpus = server.probe.allowedCPUs
        for count in counts {
            FileHandle.standardError.write(Data("\(target.name): \(count) conversations…\n".utf8))
            let started = ContinuousClock.now
            column.scenarios.append(try await scenario.run(target: target, server: server.probe, conversations: count))
            var partial = report
            partial.counts = Array(counts.prefix(column.scenarios.count))
            partial.columns.append(column)
            FileHandle.standardError.write(Data(
                "\(target.name): \(count) conversations took \(ContinuousClock.now - started)\n\(partial.markdown(idle: false))\n"
                    .utf8))
        }
        return column
    }

    /// Memory per idle socket, on a process of its own that has carried no load: in a process that has, freed memory
    /// is reused and the growth per socket reads too low.
    private func idleMemory(
        _ target: some RelayTarget, _ scenario: Scenario, start: () throws -> ServerProcess
    ) async throws -> Double {
        let server = try start()
        defer { server.stop() }
        try await server.waitUntilReady(path: "/healthz")
        FileHandle.standardError.write(Data("\(target.name): \(idleSockets) idle sockets…\n".utf8))
        return try await scenario.idleMemory(target: target, server: server.probe, sockets: idleSockets)
    }
}

/// How a bare relay reads and writes its sockets: Hummingbird's async WebSocket API (the baseline), the same
/// with frames written to the channels directly (``BareRelay/directWrites``) or with text frames also taken off the
/// channel by a handler of its own (``BareRelay/intercept``), or SwiftNIO's handlers alone (``NIOBareRelay``).
enum BareShape: String, ExpressibleByArgument, Sendable {
    case hummingbird
    case directWrites = "direct-writes"
    case intercept, nio
}
