import Synchronization

/// Which operators have at least one console connection open. Connections are counted, so two tabs are one
/// operator and closing one of them keeps the operator online.
public final class OperatorPresence: Sendable {
    private struct Entry {
        var account: OperatorAccount
        var connections: Int
    }

    private let entries = Mutex<[OperatorID: Entry]>([:])

    public init() {}

    /// Counts a new connection; returns `true` if the operator just came online.
    @discardableResult
    public func connected(_ account: OperatorAccount) -> Bool {
        entries.withLock { entries in
            entries[account.id, default: Entry(account: account, connections: 0)].connections += 1
            return entries[account.id]?.connections == 1
        }
    }

    /// Counts a closed connection; returns `true` if the operator just went offline.
    @discardableResult
    public func disconnected(_ account: OperatorAccount) -> Bool {
        entries.withLock { entries in
            guard var entry = entries[account.id] else { return false }
            entry.connections -= 1
            entries[account.id] = entry.connections > 0 ? entry : nil
            return entry.connections <= 0
        }
    }

    /// The online operators of a site, ordered by login.
    public func online(in site: SiteID) -> [OperatorAccount] {
        entries.withLock { $0.values.map(\.account) }.filter { $0.siteID == site }.sorted { $0.login < $1.login }
    }

    public func isOnline(_ id: OperatorID) -> Bool {
        entries.withLock { $0[id] != nil }
    }
}
