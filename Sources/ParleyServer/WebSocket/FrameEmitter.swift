import NIOCore
import NIOWebSocket
import Synchronization

/// Writes a socket's text frames on its channel's event loop, in the order they were queued, with one flush for all
/// the frames queued before the loop gets to them. Frames are never written in place when queued from the loop
/// itself: every frame of the socket then goes out in queue order. While the emitter is held (``hold()``), frames
/// wait for ``release()``: a message's ack and its delivery to its sender, queued one after the other once the
/// message is stored, leave in one write.
final class FrameEmitter: Sendable {
    private struct Entry: Sendable {
        var frame: WebSocketFrame
        var promise: EventLoopPromise<Void>?
    }

    private struct State: Sendable {
        var entries: [Entry] = []
        /// A drain is queued on the event loop and has not taken the entries yet.
        var scheduled = false
        /// Holds not yet released: frames wait.
        var holds = 0

        /// Whether a drain has to be queued now (and is then taken as queued).
        mutating func needsDrain() -> Bool {
            guard !scheduled, holds == 0, !entries.isEmpty else { return false }
            scheduled = true
            return true
        }
    }

    private let channel: any Channel
    private let state = Mutex(State())

    init(channel: any Channel) {
        self.channel = channel
    }

    /// Queues `texts` as text frames; `promise` completes once the last of them is written.
    func emit(_ texts: [String], promise: EventLoopPromise<Void>? = nil) {
        guard let last = texts.indices.last else {
            promise?.succeed(())
            return
        }
        let allocator = channel.allocator
        let schedule = state.withLock { state in
            for index in texts.indices {
                let frame = WebSocketFrame(fin: true, opcode: .text, data: allocator.buffer(string: texts[index]))
                state.entries.append(Entry(frame: frame, promise: index == last ? promise : nil))
            }
            return state.needsDrain()
        }
        if schedule { channel.eventLoop.execute { self.drain() } }
    }

    /// Holds frames back until the matching ``release()``, so that those queued meanwhile leave in one write. Hold
    /// only around work that does not wait.
    func hold() {
        state.withLock { $0.holds += 1 }
    }

    /// Ends a ``hold()``; the frames queued meanwhile go to the event loop.
    func release() {
        let schedule = state.withLock { state in
            assert(state.holds > 0, "a release without its hold")
            state.holds -= 1
            return state.needsDrain()
        }
        if schedule { channel.eventLoop.execute { self.drain() } }
    }

    private func drain() {
        let entries = state.withLock { state in
            state.scheduled = false
            return state.entries.take()
        }
        for entry in entries {
            channel.write(entry.frame, promise: entry.promise)
        }
        channel.flush()
    }
}

extension Array {
    /// The array's elements, leaving it empty.
    fileprivate mutating func take() -> [Element] {
        var taken: [Element] = []
        swap(&self, &taken)
        return taken
    }
}
