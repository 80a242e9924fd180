import DequeModule
import ParleyCore
import Synchronization
import Logging
import ParleyText
import NIOWebSocket

/// A socket's bounded outbound queue: events from the bus and frames from the connection, in arrival order, for its
/// writer. When it is full the socket is a slow consumer: everything queued is dropped, nothing more is taken, and
/// `onOverflow` runs (once, outside the lock) so that the connection closes the socket with 4001 — even while its
/// writer is stuck on a full TCP buffer — and one slow client never slows the others.
final class Outbox: EventSink, Sendable {
    enum Item: Sendable {
        case event(RelayEvent)
        case frame(String)
        case close(CloseCode)
    }

    private struct State {
        var items: Deque<Item> = []
        var waiter: CheckedContinuation<Item?, Never>?
        var closing = false
        var finished = false
        var overflowed = false
    }

    private let capacity: Int
    private let state = Mutex(State())
    private let onOverflow: @Sendable () -> Void

    init(capacity: Int, onOverflow: @escaping @Sendable () -> Void = {}) {
        self.capacity = capacity
        self.onOverflow = onOverflow
    }

    /// From the bus: queues the event, or returns `false` and closes the socket as a slow consumer.
    func receive(_ event: RelayEvent) -> Bool {
        push(.event(event))
    }

    /// Queues a frame; on overflow the socket closes with 4001.
    @discardableResult
    func send(_ frame: some Encodable) -> Bool {
        push(.frame(Wire.encode(frame)))
    }

    /// Asks the writer to close the socket after what is already queued.
    func close(_ code: CloseCode) {
        let waiter: CheckedContinuation<Item?, Never>? = state.withLock { state in
            guard !state.closing else { return nil }
            state.closing = true
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.items.append(.close(code))
            return nil
        }
        waiter?.resume(returning: .close(code))
    }

    /// How many items wait (a queue depth for metrics and tests).
    var depth: Int { state.withLock { $0.items.count } }

    private func push(_ item: Item) -> Bool {
        var overflowed = false
        let (waiter, accepted): (CheckedContinuation<Item?, Never>?, Bool) = state.withLock { state in
            guard !state.closing else { return (nil, false) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (waiter, true)
            }
            guard state.items.count < capacity else {
                state.items.removeAll()
                state.items.append(.close(.slowConsumer))
                state.closing = true
                state.overflowed = true
                overflowed = true
                return (nil, false)
            }
            state.items.append(item)
            return (nil, true)
        }
        waiter?.resume(returning: item)
        if overflowed { onOverflow() }
        return accepted
    }

    /// Whether the queue overflowed (the socket is a slow consumer).
    var overflowed: Bool { state.withLock { $0.overflowed } }

    /// Ends the writer: ``next()`` returns `nil` from now on (the reader saw the socket close).
    func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            return state.waiter.take()
        }
        waiter?.resume(returning: nil)
    }

    /// The next item for the writer; `nil` once the writer is cancelled.
    func next() async -> Item? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Item?, Never>) in
                let ready: Item?? = state.withLock { state in
                    if state.finished { return .some(nil) }
                    if let item = state.items.popFirst() { return .some(item) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            finish()
        }
    }
}
