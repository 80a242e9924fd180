import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A relay started as a child process on a loopback port, stopped with SIGTERM (then SIGKILL) when done.
final class ServerProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the task that owns this object (start, wait, stop).
    private let process = Process()
    let port: Int

    init(executable: String, arguments: [String], port: Int, environment: [String: String] = [:]) throws {
        self.port = port
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

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
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
