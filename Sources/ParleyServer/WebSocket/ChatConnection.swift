import Foundation
import HummingbirdWebSocket
import Logging
import Metrics
import NIOCore
import ParleyCore
import ParleyText
import ServiceLifecycle
import Synchronization
import NIOWebSocket

/// Who is on the other end of a socket.
enum SocketIdentity: Sendable {
    case visitor(VisitorGrant, Participant)
    case `operator`(OperatorAccount, OperatorSession)
}

/// One WebSocket: a reader (a child task) that parses and handles client frames, and a writer (the socket's own task)
/// that drains the socket's ``Outbox`` (events become frames by re-reading the store). Every error is caught here; one
/// bad client never affects another. An idle socket costs one task beside the WebSocket library's.
final class ChatConnection: Sendable {
    /// A conversation this socket follows.
    struct Joined: Sendable {
        var participant: Participant
        /// The highest seq written to this socket.
        var cursor: Int
    }

    struct State: Sendable {
        var joined: [ConversationID: Joined] = [:]
        var badFramesInARow = 0
        var messageBucket: TokenBucket
        var frameBucket: TokenBucket
    }

    let relay: Relay
    let identity: SocketIdentity
    let address: String
    let outbox: Outbox
    let state: Mutex<State>
    let logger: Logger
    /// The socket's channel, for close frames that must go out ahead of the WebSocket library's (shutdown) or past a
    /// writer stuck on a full TCP buffer (slow consumer); `nil` in tests without a network.
    let channel: (any Channel)?
    /// Writes the socket's frames on the channel; `nil` without one.
    let emitter: FrameEmitter?
    /// The frames a ``FrameReader`` takes off the channel; `nil` without one.
    let inboundFrames: InboundFrames?

    init(relay: Relay, identity: SocketIdentity, address: String, channel: (any Channel)?, logger: Logger) {
        self.relay = relay
        self.identity = identity
        self.address = address
        self.channel = channel
        self.emitter = channel.map(FrameEmitter.init)
        self.inboundFrames = channel.map { _ in InboundFrames() }
        let slowConsumer = SlowConsumerCloser(
            channel: channel, timeout: relay.configuration.limits.slowConsumerCloseTimeout,
            role: Self.roleName(identity), logger: logger)
        self.outbox = Outbox(capacity: relay.configuration.limits.outboundQueue, onOverflow: slowConsumer.close)
        let limits = relay.configuration.limits
        self.state = Mutex(State(
            messageBucket: TokenBucket(rate: limits.messagesPerSecond, burst: limits.messageBurst),
            frameBucket: TokenBucket(rate: limits.framesPerSecond, burst: limits.framesPerSecond * 2)))
        self.logger = logger
        if channel != nil {
            outbox.attach { [weak self] item in self?.writeNow(item) ?? false }
        }
    }

    /// Runs the socket until either side closes or the relay shuts down.
    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        if let channel {
            await SingleCloseHandler.install(
                on: channel, reader: inboundFrames, pingInterval: relay.configuration.limits.pingInterval)
        }
        relay.connectionOpen().record(relay.connections.add(self))
        await start()
        await withGracefulShutdownHandler {
            // The writer ends on a close it sent, or when the reader ends (the client closed): then the outbox
            // finishes. A slow consumer's channel is closed from the outbox's overflow, which ends both.
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await self.readLoop(inbound)
                    self.outbox.finish()
                }
                await self.writeLoop(outbound)
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.closeNow(.shuttingDown)
        }
        await stop()
        relay.connectionOpen().record(relay.connections.remove(self))
    }

    static func roleName(_ identity: SocketIdentity) -> String {
        if case .visitor = identity { return "visitor" }
        return "operator"
    }

    // Not inlined, here and below: an async function's context holds the locals of every async function inlined
    // into it, and a task keeps the memory of its deepest stack. An idle socket then waits in small frames only.
    @inline(never)
    private func start() async {
        switch identity {
        case .visitor(let grant, let participant):
            outbox.send(WelcomeFrame(
                role: "visitor", participant: ParticipantView(id: participant.id.rawValue, name: participant.name),
                conversationId: grant.conversationID.rawValue, language: participant.language.rawValue))
        case .operator(let account, _):
            outbox.send(WelcomeFrame(
                role: "operator", participant: ParticipantView(id: account.id.rawValue, name: account.name),
                language: account.language.rawValue))
            await relay.bus.follow(.site(account.siteID), sink: outbox)
            await relay.bus.follow(.operator(account.id), sink: outbox)
            await relay.chat.operatorConnected(account)
            if let figures = try? await relay.chat.queueFigures(of: account.siteID) {
                _ = outbox.receive(.queue(account.siteID, figures))
            }
        }
    }

    @inline(never)
    private func stop() async {
        await relay.bus.remove(outbox)
        if case .operator(let account, _) = identity {
            await relay.chat.operatorDisconnected(account)
        }
    }

    // MARK: Reading

    /// Reads the client's frames in the order they came: those that came before the ``FrameReader`` was added from
    /// the WebSocket library, up to the reader's marker; then the reader's queue, turning to the library again (up to
    /// the next marker) for each control frame the reader passed it, which the library answers (pings) or ends the
    /// socket with (a close).
    private func readLoop(_ inbound: WebSocketInboundStream) async {
        let reading = SocketReading(library: inbound.makeAsyncIterator())
        guard await libraryTurn(reading), let frames = inboundFrames else { return }
        while let item = await frames.next() {
            switch item {
            case .frame(let frame):
                await read(reading.assembly.add(frame.opcode, fin: frame.fin, data: frame.data, limit: hardFrameBytes))
            case .library:
                guard await libraryTurn(reading) else { return }
            }
        }
    }

    /// Reads the library's frames up to a marker (`true`) or to their end (`false`), in a child task: the library's
    /// reader takes a frame of about 2 KB, which would otherwise stay with the socket's reader for as long as the
    /// socket lives (a task keeps the memory of its deepest stack).
    @inline(never)
    private func libraryTurn(_ reading: SocketReading) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.readLibrary(reading) }
            return await group.next() ?? false
        }
    }

    private func readLibrary(_ reading: SocketReading) async -> Bool {
        var library = reading.library
        defer { reading.library = library }
        do {
            while let frame = try await library.next() {
                if let frames = inboundFrames, frame.opcode == .text, frames.isMarker(frame.data) { return true }
                let opcode: WebSocketOpcode =
                    switch frame.opcode {
                    case .text: .text
                    case .binary: .binary
                    case .continuation: .continuation
                    }
                await read(reading.assembly.add(opcode, fin: frame.fin, data: frame.data, limit: hardFrameBytes))
            }
        } catch {
            logger.debug("Socket read ended", metadata: ["error": "\(error)"])
        }
        return false
    }

    private var hardFrameBytes: Int { relay.configuration.limits.hardFrameBytes }

    /// What a data frame completed: a whole message goes to ``receive(_:isText:size:)``.
    private func read(_ complete: FrameAssembly.Outcome?) async {
        switch complete {
        case .none:
            return
        case .tooBig:
            Counter(label: "parley.frames.rejected", dimensions: [("code", "message_too_big")]).increment()
            outbox.close(.messageTooBig)
        case .message(let buffer, let isText):
            await receive(buffer, isText: isText, size: buffer.readableBytes)
        }
    }

    @inline(never)
    private func receive(_ buffer: ByteBuffer, isText: Bool, size: Int) async {
        let limits = relay.configuration.limits
        if let wait = state.withLock({ $0.frameBucket.take() }) {
            let limit = Self.rate(limits.framesPerSecond)
            return refuse(RelayError(.rateLimited, "Too many frames: \(limit) per second allowed.", retryAfter: wait))
        }
        guard isText else {
            return reject(RelayError(.binaryNotSupported, "Binary frames are not supported; send JSON text frames."))
        }
        guard size <= limits.maxFrameBytes else {
            return reject(RelayError(.frameTooLarge, "The frame is \(size) bytes; the limit is \(limits.maxFrameBytes)."))
        }
        let frame: ClientFrame
        do {
            if let flat = buffer.withUnsafeReadableBytes(ClientFrame.parseFlat) {
                frame = try flat.get()
            } else {
                let bytes = Data(buffer.readableBytesView)
                guard String(validating: bytes, as: UTF8.self) != nil else {
                    return reject(RelayError(.invalidUTF8, "The frame is not valid UTF-8."))
                }
                frame = try ClientFrame.parse(bytes)
            }
        } catch {
            return reject(error)
        }
        state.withLock { $0.badFramesInARow = 0 }
        await handle(frame)
    }

    /// Answers an unusable frame; too many in a row close the socket.
    private func reject(_ error: RelayError) {
        let tooMany = state.withLock { state in
            state.badFramesInARow += 1
            return state.badFramesInARow >= relay.configuration.limits.maxBadFramesInARow
        }
        Counter(label: "parley.frames.rejected", dimensions: [("code", error.code.rawValue)]).increment()
        outbox.send(ErrorFrame(error))
        if tooMany { outbox.close(.protocolError) }
    }

    /// Answers a refused frame with an error frame.
    func refuse(_ error: RelayError, clientMessageID: String? = nil) {
        outbox.send(ErrorFrame(error, clientMessageID: clientMessageID))
    }

    // MARK: Writing

    private func writeLoop(_ outbound: WebSocketOutboundWriter) async {
        do {
            while let item = await outbox.next() {
                guard try await write(item, to: outbound) else { return }
            }
        } catch {
            logger.debug("Socket write ended", metadata: ["error": "\(error)"])
        }
    }

    /// Writes one queued item; `false` once the socket is closing.
    @inline(never)
    private func write(_ item: Outbox.Item, to outbound: WebSocketOutboundWriter) async throws -> Bool {
        switch item {
        case .frame(let frame):
            try await send([frame], to: outbound)
        case .event(let event):
            try await send(await frames(for: event), to: outbound)
        case .close(.slowConsumer):
            return false  // The overflow closes past the queued data: see `SlowConsumerCloser`.
        case .close(let code):
            Counter(label: "parley.sockets.closed", dimensions: [("reason", code.reason)]).increment()
            // The library writes its close frame on its own path: what this socket queued on the channel goes first.
            if let channel { try? await channel.eventLoop.submit {}.get() }
            try await outbound.close(.unknown(code.code), reason: code.reason)
            return false
        }
        return true
    }

    /// The writer's frames: on the channel in the same order as ``writeNow(_:)``'s, waiting while the client reads
    /// too slowly (the socket's queue then fills up, and overflows past its bound).
    private func send(_ frames: [OutboundFrame], to outbound: WebSocketOutboundWriter) async throws {
        guard let channel, let emitter else {
            for frame in frames { try await outbound.write(.text(frame.text)) }
            return
        }
        if channel.isWritable {
            emitter.emit(frames)
        } else {
            let written = channel.eventLoop.makePromise(of: Void.self)
            emitter.emit(frames, promise: written)
            try await written.futureResult.get()
        }
    }

    /// Writes an item straight to the socket without suspending, from the caller's thread while the writer waits
    /// (see ``Outbox``): `false` when it needs the writer (a store read, a close, or a client reading too slowly).
    func writeNow(_ item: Outbox.Item) -> Bool {
        guard let channel, let emitter, channel.isWritable else { return false }
        switch item {
        case .frame(let frame):
            emitter.emit(frame)
        case .event(let event):
            guard let frames = framesNow(for: event) else { return false }
            emitter.emit(frames)
        case .close:
            return false
        }
        return true
    }
}

/// A socket's reading state: the WebSocket library's frame iterator and the message being assembled. Used by one
/// task at a time: the socket's reader, or the child task it waits for while the library has its turn.
final class SocketReading: @unchecked Sendable {
    var library: WebSocketInboundStream.AsyncIterator
    var assembly = FrameAssembly()

    init(library: WebSocketInboundStream.AsyncIterator) {
        self.library = library
    }
}

/// A client message assembled from its frames, held to the hard limit as a whole (as one frame is by the decoder).
struct FrameAssembly: Sendable {
    enum Outcome: Sendable {
        case message(ByteBuffer, isText: Bool)
        /// Above the hard limit: the socket closes with 1009, and what still arrives is dropped.
        case tooBig
    }

    private var buffer = ByteBuffer()
    private var isText = true
    private var tooBig = false

    mutating func add(_ opcode: WebSocketOpcode, fin: Bool, data: ByteBuffer, limit: Int) -> Outcome? {
        guard !tooBig else { return nil }
        if opcode != .continuation {
            // A whole message in one frame, the usual case, is passed on without a copy.
            if fin, buffer.readableBytes == 0 {
                guard data.readableBytes <= limit else { return tooBigNow() }
                return .message(data, isText: opcode == .text)
            }
            buffer.clear()
            isText = opcode == .text
        }
        guard buffer.readableBytes + data.readableBytes <= limit else { return tooBigNow() }
        var data = data
        buffer.writeBuffer(&data)
        guard fin else { return nil }
        defer { buffer = ByteBuffer() }
        return .message(buffer, isText: isText)
    }

    private mutating func tooBigNow() -> Outcome {
        tooBig = true
        return .tooBig
    }
}
