import Synchronization

/// Which operators have at least one console connection open. Connections are counted, so two tabs are one
/// operator and closing one of them keeps the operator online.
///
/// Every time an operator comes online its *generation* grows: a decision taken when the operator went offline (hand
/// its conversations on after a grace period) checks that the generation is unchanged, so a reconnect in between —
/// even one followed by another disconnect — cancels it.
public final class OperatorPresence: Sendable {
    private struct Entry {
        var account: OperatorAccount
        var connections: Int
    }

    private struct State {
        var entries: [OperatorID: Entry] = [:]
        var generations: [OperatorID: Int] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Counts a new connection; returns `true` if the operator just came online.
    @discardableResult
    public func connected(_ account: OperatorAccount) -> Bool {
        state.withLock { state in
            state.entries[account.id, default: Entry(account: account, connections: 0)].connections += 1
            guard state.entries[account.id]?.connections == 1 else { return false }
            state.generations[account.id, default: 0] += 1
            return true
        }
    }

    /// Counts a closed connection; returns `true` if the operator just went offline.
    @discardableResult
    public func disconnected(_ account: OperatorAccount) -> Bool {
        state.withLock { state in
            guard var entry = state.entries[account.id] else { return false }
            entry.connections -= 1
            state.entries[account.id] = entry.connections > 0 ? entry : nil
            return entry.connections <= 0
        }
    }

    /// The online operators of a site, in no particular order (the assignment takes its minimum; a count needs none).
    /// Called for every conversation started, so it copies the site's accounts out and nothing more.
    public func online(in site: SiteID) -> [OperatorAccount] {
        state.withLock { state in state.entries.values.compactMap { $0.account.siteID == site ? $0.account : nil } }
    }

    /// How many operators of a site are online.
    public func onlineCount(in site: SiteID) -> Int {
        state.withLock { state in state.entries.values.reduce(0) { $0 + ($1.account.siteID == site ? 1 : 0) } }
    }

    public func isOnline(_ id: OperatorID) -> Bool {
        state.withLock { $0.entries[id] != nil }
    }

    /// How many times the operator has come online (0: never, since the relay started).
    public func generation(of id: OperatorID) -> Int {
        state.withLock { $0.generations[id] ?? 0 }
    }

    /// Whether the operator is offline and has not been online since `generation` was read.
    public func isStillOffline(_ id: OperatorID, since generation: Int) -> Bool {
        state.withLock { $0.entries[id] == nil && ($0.generations[id] ?? 0) == generation }
    }
}
