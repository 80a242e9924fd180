import Synchronization

/// The relay's open sockets: counted for `/metrics`, sampled for their queue depths, and told to close with 4000
/// when the relay shuts down. One per relay (not per process), so several relays in one process keep apart.
final class ConnectionRegistry: Sendable {
    private let connections = Mutex<[ObjectIdentifier: ChatConnection]>([:])

    /// Adds a connection; returns how many are open.
    func add(_ connection: ChatConnection) -> Int {
        connections.withLock { connections in
            connections[ObjectIdentifier(connection)] = connection
            return connections.count
        }
    }

    /// Removes a connection; returns how many are open.
    func remove(_ connection: ChatConnection) -> Int {
        connections.withLock { connections in
            connections[ObjectIdentifier(connection)] = nil
            return connections.count
        }
    }

    var count: Int { connections.withLock { $0.count } }

    /// Items waiting in the outbound queues: the sum over all sockets and the deepest one.
    func outboundDepths() -> (total: Int, max: Int) {
        let all = connections.withLock { Array($0.values) }
        let depths = all.map(\.outbox.depth)
        return (depths.reduce(0, +), depths.max() ?? 0)
    }

    /// Closes every socket with `code` at once: the close frame goes out before anything queued later.
    func closeAll(_ code: CloseCode) {
        let all = connections.withLock { Array($0.values) }
        for connection in all { connection.closeNow(code) }
    }
}
