import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
@testable import ParleyServer
import Synchronization

/// A WebSocket client for tests: send frames, await frames by type, learn the close code. Tests bound their
/// duration with `.timeLimit`, so waiting here never sleeps on wall time.
final class TestSocket: @unchecked Sendable {
    enum Outgoing: Sendable {
        case text(String)
        case binary([UInt8])
        /// A text frame with bytes that are not UTF-8.
        case invalidUTF8Text([UInt8])
        /// One text message sent as several frames (the first `text`, then continuations).
        case fragmentedText([String])
        case close
    }

    private let inboxSink: AsyncStream<String>.Continuation
    let outgoing: AsyncStream<Outgoing>
    let outgoingSink: AsyncStream<Outgoing>.Continuation
    /// Used by one test task at a time (the test body); AsyncStream iterators share their storage when copied.
    private var iterator: AsyncStream<String>.AsyncIterator
    let closeCode = Mutex<UInt16?>(nil)

    init() {
        let (inbox, inboxSink) = AsyncStream.makeStream(of: String.self)
        self.inboxSink = inboxSink
        self.iterator = inbox.makeAsyncIterator()
        (outgoing, outgoingSink) = AsyncStream.makeStream(of: Outgoing.self)
    }

    func send(_ json: String) { outgoingSink.yield(.text(json)) }
    func sendBinary(_ bytes: [UInt8]) { outgoingSink.yield(.binary(bytes)) }
    func close() { outgoingSink.yield(.close) }

    func received(_ text: String) { inboxSink.yield(text) }
    func finished(_ code: UInt16?) {
        closeCode.withLock { $0 = code }
        inboxSink.finish()
    }

    /// The next frame; `nil` once the socket closed.
    func next() async throws -> JSONValue? {
        guard let text = await iterator.next() else { return nil }
        return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The next frame of `type`, skipping others (`typing`, `presence`, ...); fails if the socket closes first.
    func next(_ type: String, skipping: Set<String> = []) async throws -> JSONValue {
        while let frame = try await next() {
            if frame["type"]?.string == type { return frame }
        }
        throw TestFailure("the socket closed (code \(String(describing: closeCode.withLock { $0 }))) before a '\(type)' frame")
    }

    /// Waits until the server closes the socket; returns the close code.
    func waitForClose() async throws -> UInt16? {
        while try await next() != nil {}
        return closeCode.withLock { $0 }
    }
}

extension TestRelay {
    /// An operator's console socket for the duration of `body`, from the moment the relay has sent it the queue (the
    /// operator is online then).
    func withOperator<T: Sendable>(
        _ cookie: String, _ body: @escaping @Sendable (TestSocket) async throws -> T
    ) async throws -> T {
        try await withSocket("/ws/operator", headers: ["Cookie": cookie]) { socket throws in
            _ = try await socket.next("queue")
            return try await body(socket)
        }
    }

    /// Opens a WebSocket for the duration of `body`.
    func withSocket<T: Sendable>(
        _ path: String, headers: [String: String] = [:], _ body: @escaping @Sendable (TestSocket) async throws -> T
    ) async throws -> T {
        let socket = TestSocket()
        let url = "ws://127.0.0.1:\(port)\(path)"
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                var configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 20)
                for (name, value) in headers { configuration.additionalHeaders[HTTPField.Name(name)!] = value }
                let close = try await WebSocketClient.connect(
                    url: url, configuration: configuration, logger: Logger(label: "test-socket")
                ) { inbound, outbound, _ in
                    try await Self.pump(socket, inbound: inbound, outbound: outbound)
                }
                socket.finished(close.map { UInt16(webSocketErrorCode: $0.closeCode) })
                return nil
            }
            group.addTask { try await body(socket) }
            var result: T?
            for try await value in group where value != nil {
                result = value
                socket.close()
            }
            return result!
        }
    }

    private static func pump(
        _ socket: TestSocket, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { socket.received(text) }
                }
            }
            group.addTask {
                for await item in socket.outgoing {
                    switch item {
                    case .text(let text): try await outbound.write(.text(text))
                    case .binary(let bytes): try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                    case .invalidUTF8Text(let bytes):
                        try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: bytes))))
                    case .fragmentedText(let parts):
                        for (index, part) in parts.enumerated() {
                            try await outbound.write(.custom(WebSocketFrame(
                                fin: index == parts.count - 1, opcode: index == 0 ? .text : .continuation,
                                data: ByteBuffer(string: part))))
                        }
                    case .close:
                        try await outbound.close(.normalClosure, reason: nil)
                        return
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

extension TestSocket {
    /// The message frame itself when its translation is settled, else the `translation` frame that follows it.
    func settledTranslation(of message: JSONValue) async throws -> JSONValue {
        guard message["translationStatus"]?.string == "pending" else { return message }
        while true {
            let update = try await next("translation")
            if update["seq"]?.int == message["seq"]?.int, update["translationStatus"]?.string != "pending" { return update }
        }
    }
}

/// Runs `body`, or fails with "`what` did not happen within `limit`" (for steps a test must not wait on forever).
func within<T: Sendable>(
    _ limit: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw TestFailure("\(what) did not happen within \(limit)")
        }
        return value
    }
}
