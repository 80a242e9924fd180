import DequeModule
import ParleyCore
import Synchronization
import Logging
import ParleyText
import NIOWebSocket

/// A socket's bounded outbound queue: events from the bus and frames from the connection, in arrival order, for its
/// writer task. When it is full the socket is a slow consumer: everything queued is dropped, nothing more is taken, and
/// ``waitForOverflow()`` returns so that the connection closes the socket with 4001 — even while its writer is stuck
/// on a full TCP buffer — and one slow client never slows the others.
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
        var overflowWaiter: CheckedContinuation<Bool, Never>?
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
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
        var overflowWaiter: CheckedContinuation<Bool, Never>?
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
                overflowWaiter = state.overflowWaiter.take()
                return (nil, false)
            }
            state.items.append(item)
            return (nil, true)
        }
        waiter?.resume(returning: item)
        overflowWaiter?.resume(returning: true)
        return accepted
    }

    /// Whether the queue overflowed (the socket is a slow consumer).
    var overflowed: Bool { state.withLock { $0.overflowed } }

    /// Returns `true` once the queue overflows; `false` when the waiting task is cancelled first.
    func waitForOverflow() async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let ready: Bool? = state.withLock { state in
                    if state.overflowed { return true }
                    if state.finished || Task.isCancelled { return false }
                    state.overflowWaiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            state.withLock { $0.overflowWaiter.take() }?.resume(returning: false)
        }
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
            let waiter = state.withLock { state in
                state.finished = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}
