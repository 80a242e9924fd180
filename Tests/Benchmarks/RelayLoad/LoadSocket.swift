import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// One client WebSocket of the load: hands every received text frame to `onText` and lets senders write.
///
/// The generator shares the machine's cores with the relay it measures, so a socket costs as little as NIO allows:
/// frames are read by a channel handler on the socket's event loop (no task woken per frame) and written straight
/// to the channel (no task waiting for each write). `onText` runs on the event loop and must not block.
///
/// The socket lives in the caller's task group (``open(url:headers:in:set:onText:)``): a child task waits for the
/// channel to close, and cancelling the group closes it.
final class LoadSocket: Sendable {
    private let channel: any Channel

    private init(channel: any Channel) { self.channel = channel }

    /// The event loop the socket's frames are read and written on.
    var eventLoop: any EventLoop { channel.eventLoop }

    /// Sends a text frame; `false` when the socket is closed. The write is queued on the channel, not awaited (the
    /// load is open-loop, and latency is measured from each message's scheduled time); on the socket's own event
    /// loop it is written at once.
    @discardableResult
    func send(_ text: String) -> Bool {
        guard channel.isActive else { return false }
        let frame = WebSocketFrame(
            fin: true, opcode: .text, maskKey: MaskKeys.next(), data: channel.allocator.buffer(string: text))
        channel.writeAndFlush(frame, promise: nil)
        return true
    }

    /// Starts the closing handshake; the socket's task ends when the server answers (or after 5 seconds).
    func close() async {
        guard channel.isActive else { return }
        channel.triggerUserOutboundEvent(TextFrameHandler.CloseRequest(), promise: nil)
    }

    /// Connects, upgrades to a WebSocket and returns once the upgrade succeeded; the socket's task joins `group`.
    static func open(
        url: String, headers: HTTPFields = [:], in group: inout SocketGroup, set: SocketSet,
        onText: @escaping @Sendable (String) -> Void
    ) async throws -> LoadSocket {
        guard let parts = URLComponents(string: url), let host = parts.host, let port = parts.port else {
            throw LoadError("Not a WebSocket URL: \(url)")
        }
        let target = parts.percentEncodedPath + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        var requestHeaders = HTTPHeaders([("Host", "\(host):\(port)"), ("Content-Length", "0")])
        for field in headers { requestHeaders.add(name: field.name.rawName, value: field.value) }
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: requestHeaders)

        let upgraded: EventLoopFuture<(any Channel)?>
        do {
            upgraded = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let upgrader = NIOTypedWebSocketClientUpgrader<(any Channel)?>(maxFrameSize: 1 << 20) {
                            channel, _ in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandlers(
                                    NIOWebSocketFrameAggregator(
                                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 64,
                                        maxAccumulatedFrameSize: 1 << 20),
                                    TextFrameHandler(onText: onText))
                                return channel
                            }
                        }
                        let configuration = NIOTypedHTTPClientUpgradeConfiguration<(any Channel)?>(
                            upgradeRequestHead: head, upgraders: [upgrader],
                            notUpgradingCompletionHandler: { channel in
                                channel.close(promise: nil)
                                return channel.eventLoop.makeSucceededFuture(nil)
                            })
                        // The server's first frames can arrive in the same read as its 101 response: the decoder
                        // must hand them on to the WebSocket handlers (by default it drops them, and an operator
                        // socket that lost its welcome never knew its own id, so it never joined its chats).
                        var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: configuration)
                        pipeline.leftOverBytesStrategy = .forwardBytes
                        return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                            configuration: pipeline)
                    }
                }
        } catch {
            throw LoadError("Could not open a WebSocket to \(url): \(error)")
        }
        let answer: (any Channel)?
        do {
            answer = try await upgraded.get()
        } catch {
            throw LoadError("Could not open a WebSocket to \(url): \(error)")
        }
        guard let channel = answer else {
            throw LoadError("Could not open a WebSocket to \(url): the server refused the upgrade.")
        }
        group.addTask {
            await withTaskCancellationHandler {
                try? await channel.closeFuture.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        }
        let socket = LoadSocket(channel: channel)
        set.add(socket)
        return socket
    }
}

/// Reads the server's frames on the event loop: text to `onText`, pings answered; and does the closing handshake
/// (RFC 6455 §5.5.1), one close frame each way, whichever side starts it.
private final class TextFrameHandler: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// Sent down the pipeline by ``LoadSocket/close()``.
    struct CloseRequest {}

    private let onText: @Sendable (String) -> Void
    private var closeSent = false

    init(onText: @escaping @Sendable (String) -> Void) { self.onText = onText }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            onText(String(buffer: frame.unmaskedData))
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: MaskKeys.next(), data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            guard !closeSent else { return context.close(promise: nil) }
            var code = frame.unmaskedData
            let channel = context.channel
            sendClose(context: context, code: code.readSlice(length: min(2, code.readableBytes)))
                .whenComplete { _ in channel.close(promise: nil) }
        default:
            break
        }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is CloseRequest else {
            return context.triggerUserOutboundEvent(event, promise: promise)
        }
        promise?.succeed(())
        guard !closeSent else { return }
        var normal = context.channel.allocator.buffer(capacity: 2)
        normal.write(webSocketErrorCode: .normalClosure)
        _ = sendClose(context: context, code: normal)
        let channel = context.channel
        context.eventLoop.scheduleTask(in: .seconds(5)) { channel.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func sendClose(context: ChannelHandlerContext, code: ByteBuffer?) -> EventLoopFuture<Void> {
        closeSent = true
        let frame = WebSocketFrame(
            fin: true, opcode: .connectionClose, maskKey: MaskKeys.next(),
            data: code ?? context.channel.allocator.buffer(capacity: 0))
        return context.writeAndFlush(wrapOutboundOut(frame))
    }
}

/// Masking keys for client frames (RFC 6455 §5.3): a SplitMix64 sequence from a random seed, one step per frame,
/// lock-free — the system's random source costs a system call per key.
private enum MaskKeys {
    private static let state = Atomic<UInt64>(UInt64.random(in: .min ... .max))

    static func next() -> WebSocketMaskingKey {
        var z = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let bits = UInt32(truncatingIfNeeded: z)
        return WebSocketMaskingKey([
            UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8),
            UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24),
        ])!
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
