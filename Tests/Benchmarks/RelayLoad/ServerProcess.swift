import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A relay started as a child process on a loopback port, stopped with SIGTERM (then SIGKILL) when done; its data
/// directory, if it has one of its own, is removed then (a run leaves nothing in the temporary directory). With `cpus`
/// it runs on those CPUs only, with an event loop per CPU (``CPUPinning``).
final class ServerProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the task that owns this object (start, wait, stop).
    private let process = Process()
    let port: Int
    private let dataDirectory: String?

    init(
        executable: String, arguments: [String], port: Int, environment: [String: String] = [:],
        dataDirectory: String? = nil, cpus: CPUList? = nil
    ) throws {
        self.port = port
        self.dataDirectory = dataDirectory
        var (executable, arguments, environment) = (executable, arguments, environment)
        if let cpus {
            let pinned = try CPUPinning.command(executable, arguments, on: cpus)
            (executable, arguments) = (pinned.executable, pinned.arguments)
            environment.merge(pinned.environment) { $1 }
        }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Self.running.withLock { _ = $0.insert(process.processIdentifier) }
        if let dataDirectory { Self.directories.withLock { _ = $0.insert(dataDirectory) } }
    }

    /// Children still running, stopped when the generator itself is told to stop.
    private static let running = Mutex<Set<Int32>>([])
    /// Their data directories, removed then too.
    private static let directories = Mutex<Set<String>>([])

    /// On SIGINT or SIGTERM, stops every relay this process started, then exits: a run cut short (a timeout, ^C)
    /// leaves no server behind.
    static func stopChildrenOnSignals() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                for pid in running.withLock({ $0 }) { kill(pid, SIGKILL) }
                for directory in directories.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: directory) }
                exit(128 + signalNumber)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    /// Kept alive for the process's lifetime; written once, at start, before any task runs.
    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []

    var probe: ProcessProbe { ProcessProbe(pid: process.processIdentifier) }

    /// Waits until `GET path` answers 200, or throws after `timeout`.
    func waitUntilReady(path: String = "/", timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw LoadError("The server exited early (status \(process.terminationStatus)).")
            }
            if let (_, response) = try? await URLSession.shared.data(from: url),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw LoadError("The server on port \(port) was not ready within \(timeout).")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            for _ in 0..<50 where process.isRunning { usleep(100_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        _ = Self.running.withLock { $0.remove(process.processIdentifier) }
        if let dataDirectory {
            try? FileManager.default.removeItem(atPath: dataDirectory)
            _ = Self.directories.withLock { $0.remove(dataDirectory) }
        }
    }
}
