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
///
/// While the writer waits on an empty queue, an item whose frames need no suspension goes straight to the socket from
/// the caller's thread (``attach(_:)``): no task hop per frame. Items pushed meanwhile queue behind it and go to the
/// writer once it is written, so the socket sees every item in arrival order.
final class Outbox: EventSink, Sendable {
    enum Item: Sendable {
        case event(RelayEvent)
        case frame(OutboundFrame)
        case close(CloseCode)
    }

    private struct State {
        var items: Deque<Item> = []
        var waiter: CheckedContinuation<Item?, Never>?
        var closing = false
        var finished = false
        var overflowed = false
        /// A caller is writing an item straight to the socket (the writer waits meanwhile).
        var direct = false
        var writeNow: (@Sendable (Item) -> Bool)?
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
        push(.frame(Wire.frame(frame)))
    }

    /// Lets callers write items straight to the socket while the writer waits: `writeNow` writes the item's frames
    /// without suspending and returns `true`, or returns `false` (it writes nothing) and the writer takes the item.
    func attach(_ writeNow: @escaping @Sendable (Item) -> Bool) {
        state.withLock { $0.writeNow = writeNow }
    }

    /// Asks the writer to close the socket after what is already queued.
    func close(_ code: CloseCode) {
        let waiter: CheckedContinuation<Item?, Never>? = state.withLock { state in
            guard !state.closing else { return nil }
            state.closing = true
            if !state.direct, let waiter = state.waiter {
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

    /// Whether the writer waits for an item (for tests).
    var writerWaits: Bool { state.withLock { $0.waiter != nil } }

    private enum Route {
        case resume(CheckedContinuation<Item?, Never>)
        case direct(@Sendable (Item) -> Bool)
        case queued
        case refused
        case overflowed
    }

    private func push(_ item: Item) -> Bool {
        let route: Route = state.withLock { state in
            guard !state.closing else { return .refused }
            if !state.direct, state.waiter != nil, state.items.isEmpty, let writeNow = state.writeNow {
                state.direct = true
                return .direct(writeNow)
            }
            if !state.direct, let waiter = state.waiter {
                state.waiter = nil
                return .resume(waiter)
            }
            guard state.items.count < capacity else {
                state.items.removeAll()
                state.items.append(.close(.slowConsumer))
                state.closing = true
                state.overflowed = true
                return .overflowed
            }
            state.items.append(item)
            return .queued
        }
        switch route {
        case .resume(let waiter):
            waiter.resume(returning: item)
        case .direct(let writeNow):
            let written = writeNow(item)
            // What was pushed meanwhile (or this item, if it needs the writer) goes to the writer now, in order.
            let (waiter, next): (CheckedContinuation<Item?, Never>?, Item?) = state.withLock { state in
                state.direct = false
                if !written, !state.overflowed { state.items.prepend(item) }
                guard let waiter = state.waiter, let next = state.items.popFirst() else { return (nil, nil) }
                state.waiter = nil
                return (waiter, next)
            }
            if let waiter { waiter.resume(returning: next) }
        case .overflowed:
            onOverflow()
            return false
        case .queued:
            break
        case .refused:
            return false
        }
        return true
    }

    /// Whether the queue overflowed (the socket is a slow consumer).
    var overflowed: Bool { state.withLock { $0.overflowed } }

    /// Ends the writer: ``next()`` returns `nil` from now on (the reader saw the socket close).
    func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            state.writeNow = nil
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
