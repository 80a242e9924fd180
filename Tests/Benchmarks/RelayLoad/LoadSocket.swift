import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import Synchronization

/// One client WebSocket of the load: hands every received text frame to `onText` and lets senders write.
///
/// The socket lives in the caller's task group (``open(url:headers:in:onText:)``); cancelling the group closes it.
final class LoadSocket: Sendable {
    private let writer = Mutex<WebSocketOutboundWriter?>(nil)

    /// Sends a text frame; `false` when the socket is closed or the write failed.
    @discardableResult
    func send(_ text: String) async -> Bool {
        guard let writer = writer.withLock({ $0 }) else { return false }
        do {
            try await writer.write(.text(text))
            return true
        } catch {
            return false
        }
    }

    /// Starts the closing handshake; the socket's task ends when it completes.
    func close() async {
        guard let writer = writer.withLock({ $0 }) else { return }
        try? await writer.close(.normalClosure, reason: nil)
    }

    /// Connects in a child task of `group` and returns once the upgrade succeeded.
    static func open(
        url: String, headers: HTTPFields = [:], in group: inout SocketGroup, set: SocketSet,
        onText: @escaping @Sendable (String) -> Void
    ) async throws -> LoadSocket {
        let socket = LoadSocket()
        let ready = AsyncStream<Bool>.makeStream()
        group.addTask {
            var logger = Logger(label: "load-socket")
            logger.logLevel = .critical
            do {
                try await WebSocketClient.connect(
                    url: url, configuration: .init(maxFrameSize: 1 << 16, additionalHeaders: headers), logger: logger
                ) { inbound, outbound, _ in
                    socket.writer.withLock { $0 = outbound }
                    ready.continuation.yield(true)
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        if case .text(let text) = message { onText(text) }
                    }
                }
            } catch {
                if socket.writer.withLock({ $0 }) == nil {
                    FileHandle.standardError.write(Data("WebSocket \(url): \(error)\n".utf8))
                }
            }
            socket.writer.withLock { $0 = nil }
            ready.continuation.yield(false)
            ready.continuation.finish()
        }
        for await ok in ready.stream {
            guard ok else { break }
            set.add(socket)
            return socket
        }
        throw LoadError("Could not open a WebSocket to \(url).")
    }
}

/// The task group the load's sockets run in; a child's failure never cancels the others (sockets catch their own).
typealias SocketGroup = ThrowingDiscardingTaskGroup<any Error>

/// Every socket a measurement opened, so they can be closed together when it ends.
final class SocketSet: Sendable {
    private let sockets = Mutex<[LoadSocket]>([])

    func add(_ socket: LoadSocket) { sockets.withLock { $0.append(socket) } }

    /// Sends a close frame on every socket; their tasks end once the server answers.
    func closeAll() async {
        let all = sockets.withLock { list in
            defer { list.removeAll() }; return list
        }
        for socket in all { await socket.close() }
    }
}

/// A failure of the load run, with a message to print.
struct LoadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
