import Histogram
import Synchronization

/// Matches each delivered message to its scheduled send time and records end-to-end latency in an HdrHistogram.
///
/// Send times are the *scheduled* instants (open-loop load), so a stalled relay cannot hide its latency by slowing
/// the sender (no coordinated omission).
final class LatencyRecorder: Sendable {
    private struct State {
        var pending: [UInt64: ContinuousClock.Instant] = [:]
        var histogram = Histogram<UInt64>(highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: .three)
        var delivered = 0
        var sent = 0
        var acked = Set<UInt64>()
        var busy = 0
        /// Per quarter second of scheduled send time since the window began: the slowest latency, µs.
        var slowest: [Int: Int64] = [:]
        var windowStart = ContinuousClock.now
    }
    private let state = Mutex(State())
    /// Whether windows report their slowest latency per quarter second (``LatencyWindow/slowestPerQuarterSecond``).
    private let keepsTimeline: Bool

    init(timeline: Bool = false) {
        keepsTimeline = timeline
    }

    func didSend(_ id: UInt64, scheduledAt instant: ContinuousClock.Instant) {
        state.withLock {
            $0.pending[id] = instant
            $0.sent += 1
        }
    }

    /// Records a delivery; repeated deliveries of the same id (an update, a retry) count once.
    func didDeliver(_ id: UInt64, at now: ContinuousClock.Instant = .now) {
        state.withLock {
            guard let sent = $0.pending.removeValue(forKey: id) else { return }
            let micros = max(0, (now - sent).microseconds)
            _ = $0.histogram.record(UInt64(micros))
            if keepsTimeline {
                let quarter = Int(max(0, (sent - $0.windowStart).microseconds) / 250_000)
                $0.slowest[quarter] = max($0.slowest[quarter] ?? 0, micros)
            }
            $0.delivered += 1
        }
    }

    /// Messages sent and not yet delivered.
    func pendingCount() -> Int { state.withLock { $0.pending.count } }

    func didAck(_ id: UInt64) { _ = state.withLock { $0.acked.insert(id) } }
    /// A message refused (`busy`, `rate_limited`): it will not be delivered, so a drain no longer waits for it.
    func didGetBusy(_ id: UInt64?) {
        state.withLock {
            $0.busy += 1
            if let id { $0.pending[id] = nil }
        }
    }

    /// The figures since the last reset, then starts a new window.
    func takeWindow() -> LatencyWindow {
        state.withLock {
            let window = LatencyWindow(
                sent: $0.sent, delivered: $0.delivered, busy: $0.busy,
                p50: Double($0.histogram.valueAtPercentile(50)) / 1000,
                p99: Double($0.histogram.valueAtPercentile(99)) / 1000,
                max: Double($0.histogram.max) / 1000,
                slowestPerQuarterSecond: Self.timeline($0.slowest)
            )
            $0.histogram.reset()
            $0.sent = 0
            $0.delivered = 0
            $0.busy = 0
            $0.slowest = [:]
            $0.windowStart = .now
            return window
        }
    }

    /// The slowest latency per quarter second, ms, from the first quarter to the last (0 where none was delivered).
    private static func timeline(_ slowest: [Int: Int64]) -> [Double] {
        guard let last = slowest.keys.max() else { return [] }
        return (0...last).map { Double(slowest[$0] ?? 0) / 1000 }
    }

    /// Acknowledged ids that never reached the other side.
    func acknowledgedButUndelivered() -> Int { state.withLock { s in s.acked.filter { s.pending[$0] != nil }.count } }
    func acknowledgedCount() -> Int { state.withLock { $0.acked.count } }
}

/// Latency and counts over one measurement window; times in milliseconds.
struct LatencyWindow: Sendable {
    var sent: Int
    var delivered: Int
    var busy: Int
    var p50: Double
    var p99: Double
    var max: Double
    /// With a timeline (`RelayLoad run --timeline`): the slowest latency of the messages scheduled in each quarter
    /// second of the window, in order. A steady climb is a relay short of capacity; a spike that drains is a stall.
    var slowestPerQuarterSecond: [Double] = []
}

extension Duration {
    var microseconds: Int64 { components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000 }
}
