import Logging
import Metrics
import NIOCore
import NIOWebSocket
import Synchronization

extension ChatConnection {
    /// Closes the socket with `code` now: the close frame goes straight to the channel, ahead of anything the
    /// WebSocket library writes later (on shutdown it would close with 1000 of its own), and the writer stops.
    func closeNow(_ code: CloseCode) {
        let first = state.withLock { state in
            defer { state.closeFrameSent = true }
            return !state.closeFrameSent
        }
        if first, let channel { _ = writeCloseFrame(code, on: channel) }
        outbox.close(code)
    }

    /// A slow consumer's socket: its writer is stopped (it may be stuck on a full TCP buffer), a 4001 close frame is
    /// queued behind what the kernel and NIO already hold, and the connection is closed once that frame is out or
    /// after ``RelayLimits/slowConsumerCloseTimeout``, whichever comes first. A client that reads again sees 4001 and
    /// reconnects; one that never does is cut off.
    func closeSlowConsumer() async {
        Counter(label: "parley.sockets.closed", dimensions: [("reason", CloseCode.slowConsumer.reason)]).increment()
        logger.info("Slow consumer closed", metadata: ["socket.role": "\(roleName)"])
        guard let channel else { return }
        let flushed = writeCloseFrame(.slowConsumer, on: channel)
        let timeout = relay.configuration.limits.slowConsumerCloseTimeout
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await flushed.get() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            try? await channel.close()
            group.cancelAll()
        }
    }

    private func writeCloseFrame(_ code: CloseCode, on channel: any Channel) -> EventLoopFuture<Void> {
        var data = channel.allocator.buffer(capacity: 2 + code.reason.utf8.count)
        data.write(webSocketErrorCode: .unknown(code.code))
        data.writeString(code.reason)
        return channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))
    }
}
