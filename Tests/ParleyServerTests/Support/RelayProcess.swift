import Foundation
import NIOPosix
@testable import ParleyServer

/// The built `parley` executable running `serve` as a child process (for crash tests).
final class RelayProcess: @unchecked Sendable {
    let process = Process()
    let port: Int

    /// Starts `parley serve` off the cooperative thread pool (it blocks reading the child's output).
    static func start(dataDirectory directory: String, environment: [String: String] = [:]) async throws -> RelayProcess {
        try await NIOThreadPool.singleton.runIfActive { try RelayProcess(dataDirectory: directory, environment: environment) }
    }

    /// Starts `parley serve` on a free port with `directory` as its data directory; returns once it listens.
    init(dataDirectory directory: String, environment: [String: String] = [:]) throws {
        process.executableURL = try Self.binary()
        process.arguments = ["serve", "--port", "0", "--data-dir", directory, "--demo", "--log-level", "error"]
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        process.environment = merged
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        port = try Self.waitForPort(output.fileHandleForReading)
    }

    /// Reads the child's standard output until it announces its port.
    private static func waitForPort(_ handle: FileHandle) throws -> Int {
        var text = ""
        while true {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw TestFailure("parley serve exited before listening: \(text)") }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                let digits = text[range].split(separator: ":").last.map(String.init) ?? ""
                if let port = Int(digits) { return port }
            }
        }
    }

    /// `kill -9`: no shutdown, no flush, nothing.
    func kill9() async {
        kill(process.processIdentifier, SIGKILL)
        _ = try? await NIOThreadPool.singleton.runIfActive { self.process.waitUntilExit() }
    }

    /// SIGTERM and wait.
    func terminate() async {
        process.terminate()
        _ = try? await NIOThreadPool.singleton.runIfActive { self.process.waitUntilExit() }
    }

    /// Runs `parley` with `arguments` to its end (off the cooperative thread pool) and returns its standard output;
    /// throws on a non-zero exit status.
    static func output(of arguments: [String]) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { () throws -> String in
            let process = Process()
            process.executableURL = try binary()
            process.arguments = arguments
            process.currentDirectoryURL = packageRoot()
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw TestFailure("exit status \(process.terminationStatus)") }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The `parley` executable built next to the test bundle (or `$PARLEY_BINARY`).
    static func binary() throws -> URL {
        if let explicit = ProcessInfo.processInfo.environment["PARLEY_BINARY"] { return URL(fileURLWithPath: explicit) }
        var candidates: [URL] = []
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("parley"))
            directory.deleteLastPathComponent()
        }
        candidates.append(packageRoot().appendingPathComponent(".build/debug/parley"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestFailure("the parley executable was not found; build it first (swift build) or set PARLEY_BINARY")
        }
        return found
    }
}
