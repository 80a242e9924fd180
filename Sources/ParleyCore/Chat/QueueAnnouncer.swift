import Logging
import Metrics
import Synchronization

/// Tells a site's operators how many conversations wait and how many operators are online — computed once per
/// change, not once per console, and only announced when the figures moved.
///
/// Changes are coalesced: while one site's figures are being counted, further changes only mark the site dirty and
/// the counting runs once more afterwards. So a burst of a thousand new conversations costs a few counts, and the
/// last announcement always reflects the last change.
final class QueueAnnouncer: Sendable {
    private struct SiteState {
        var counting = false
        var dirty = false
        var announced: QueueFigures?
    }

    private let store: any ChatStore
    private let bus: any EventBus
    private let presence: OperatorPresence
    private let logger: Logger
    private let sites = Mutex<[SiteID: SiteState]>([:])

    init(store: any ChatStore, bus: any EventBus, presence: OperatorPresence, logger: Logger) {
        self.store = store
        self.bus = bus
        self.presence = presence
        self.logger = logger
    }

    /// The site's current figures, counted now.
    func figures(of site: SiteID) async throws -> QueueFigures {
        let waiting = try await store.conversationCount(of: site, statuses: [.waiting])
        return QueueFigures(waiting: waiting, operatorsOnline: presence.onlineCount(in: site))
    }

    /// Something that may move the site's figures happened; announces them unless a count is already running.
    func changed(_ site: SiteID) async {
        let start = sites.withLock { sites -> Bool in
            var state = sites[site] ?? SiteState()
            defer { sites[site] = state }
            if state.counting {
                state.dirty = true
                return false
            }
            state.counting = true
            return true
        }
        guard start else { return }
        while true {
            sites.withLock { $0[site]?.dirty = false }
            await announce(site)
            let again = sites.withLock { sites -> Bool in
                if sites[site]?.dirty == true { return true }
                sites[site]?.counting = false
                return false
            }
            if !again { return }
        }
    }

    private func announce(_ site: SiteID) async {
        do {
            let figures = try await figures(of: site)
            let changed = sites.withLock { sites -> Bool in
                guard sites[site]?.announced != figures else { return false }
                sites[site]?.announced = figures
                return true
            }
            guard changed else { return }
            Gauge(label: "parley.queue.waiting").record(figures.waiting)
            await bus.publish(.queue(site, figures), to: .site(site))
        } catch {
            logger.error("Counting the queue failed", metadata: ["site.id": "\(site)", "error": "\(error)"])
        }
    }
}

/// What an operator sees of a site's queue.
public struct QueueFigures: Sendable, Hashable {
    /// Conversations nobody has been assigned yet.
    public var waiting: Int
    /// Operators with a console open.
    public var operatorsOnline: Int

    public init(waiting: Int, operatorsOnline: Int) {
        self.waiting = waiting
        self.operatorsOnline = operatorsOnline
    }
}
