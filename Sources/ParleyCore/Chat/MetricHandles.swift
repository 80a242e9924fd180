import Synchronization

/// Metric handles made once per set of dimension values and reused: making a `Counter` or `Timer` is a registry
/// lookup with name checks — too slow to repeat for every message.
/// ```swift
/// let outcomes = MetricHandles { Counter(label: "parley.detection.outcome", dimensions: [("language", $0[0])]) }
/// outcomes(["de"]).increment()
/// ```
public final class MetricHandles<Handle: Sendable>: Sendable {
    private let make: @Sendable ([String]) -> Handle
    private let handles = Mutex<[[String]: Handle]>([:])

    /// `make` builds the handle for the dimension values it is given.
    public init(_ make: @escaping @Sendable ([String]) -> Handle) {
        self.make = make
    }

    /// The handle for these dimension values, made on first use.
    public func callAsFunction(_ values: [String] = []) -> Handle {
        if let handle = handles.withLock({ $0[values] }) { return handle }
        let handle = make(values)
        return handles.withLock { handles in
            if let existing = handles[values] { return existing }
            handles[values] = handle
            return handle
        }
    }
}
