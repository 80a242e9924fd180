import Logging
import Metrics
public import ServiceLifecycle
import Synchronization

/// Hands on the conversations of operators who went offline, after a grace period in which a reconnect (a reload,
/// a flaky network) keeps everything as it was.
///
/// ``ChatService`` schedules a departure when an operator's last console socket closes; after ``gracePeriod`` on the
/// injected clock the ``AssignmentDesk`` re-queues the operator's open conversations — unless the operator came back.
/// At start it also schedules every operator that has open conversations but is not online (after a restart).
/// Counts `parley.operator.departures` by `outcome`: `released` or `returned`.
///
/// Runs as a `Service`; every timer is a child task of ``run()``. Once shutdown begins (``stop()``, or graceful
/// shutdown of the service) pending departures are dropped: operators who disconnect because the relay stops keep
/// their conversations.
public final class OperatorDepartures: Service, Sendable {
    private struct Departure: Sendable {
        var account: OperatorAccount
        var generation: Int
    }

    /// How long an operator may be offline before its conversations are handed on.
    public let gracePeriod: Duration
    let desk: AssignmentDesk
    let presence: OperatorPresence
    let clock: any Clock<Duration>
    let logger: Logger
    private let departures: AsyncStream<Departure>
    private let sink: AsyncStream<Departure>.Continuation
    private let stopped = Atomic<Bool>(false)

    init(
        gracePeriod: Duration, desk: AssignmentDesk, presence: OperatorPresence, clock: any Clock<Duration>,
        logger: Logger
    ) {
        self.gracePeriod = gracePeriod
        self.desk = desk
        self.presence = presence
        self.clock = clock
        self.logger = logger
        (departures, sink) = AsyncStream.makeStream(of: Departure.self)
    }

    /// The operator just went offline: hand its conversations on after the grace period unless it comes back.
    func schedule(_ account: OperatorAccount) {
        guard !stopped.load(ordering: .relaxed) else { return }
        sink.yield(Departure(account: account, generation: presence.generation(of: account.id)))
    }

    /// Drops pending departures and takes no new ones (the relay is shutting down).
    public func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    public func run() async throws {
        await scheduleAbsentOperators()
        await withDiscardingTaskGroup { group in
            for await departure in departures.cancelOnGracefulShutdown() {
                group.addTask { await self.handle(departure) }
            }
            group.cancelAll()
        }
    }

    private func handle(_ departure: Departure) async {
        do {
            try await clock.sleep(for: gracePeriod)
        } catch {
            return
        }
        guard !stopped.load(ordering: .relaxed) else { return }
        do {
            let released = try await desk.release(departure.account, generation: departure.generation)
            let outcome = released == nil ? "returned" : "released"
            Counter(label: "parley.operator.departures", dimensions: [("outcome", outcome)]).increment()
        } catch {
            logger.error("Handing on an operator's conversations failed", metadata: [
                "operator.id": "\(departure.account.id)", "error": "\(error)",
            ])
        }
    }

    private func scheduleAbsentOperators() async {
        do {
            for account in try await desk.assignedButOffline() { schedule(account) }
        } catch {
            logger.error("Looking for absent operators failed", metadata: ["error": "\(error)"])
        }
    }
}
