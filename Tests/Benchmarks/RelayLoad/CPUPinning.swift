import Foundation

/// A set of CPUs in the kernel's list syntax (`0`, `0-1`, `2,3`), checked against the CPUs this process may use.
///
/// `RelayLoad run --relay-cpus 0-1 --generator-cpus 2-3` keeps each relay and the load generator on CPUs of their own:
/// on a machine with cores to spare, the generator then takes no cycle from the relay it measures, which on a
/// two-core machine it cannot help doing.
struct CPUList: Sendable, CustomStringConvertible {
    /// Ascending, without repeats.
    let cpus: [Int]

    /// `text` for the option named `option`; every CPU must be one this process may run on (by default, what the
    /// kernel lists for it, or every CPU online).
    init(parsing text: String, option: String, allowed: CPUList? = .ofThisProcess) throws(LoadError) {
        guard let cpus = Self.cpus(in: text) else {
            throw LoadError("\(option) '\(text)': not a list of CPUs and ranges of CPUs (e.g. 0-1,3).")
        }
        let allowed = allowed ?? CPUList(unchecked: Array(0..<MachineProbe.cores))
        if let outside = cpus.first(where: { !allowed.cpus.contains($0) }) {
            throw LoadError("\(option) '\(text)': CPU \(outside) is not one this process may use (\(allowed)).")
        }
        self.cpus = cpus
    }

    private init(unchecked cpus: [Int]) { self.cpus = cpus }

    /// The CPUs the kernel lets this process run on, or `nil` where `/proc` does not say.
    static var ofThisProcess: CPUList? {
        ProcessProbe(pid: getpid()).allowedCPUs.flatMap(cpus(in:)).map(CPUList.init(unchecked:))
    }

    /// The CPUs of a list, ascending and without repeats, or `nil` when it is not one.
    private static func cpus(in text: String) -> [Int]? {
        var cpus = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard (1...2).contains(bounds.count), let low = bounds.first ?? nil, let high = bounds.last ?? nil,
                low >= 0, low <= high
            else { return nil }
            cpus.formUnion(low...high)
        }
        return cpus.sorted()
    }

    /// The list as `taskset -c` and `/proc/…/status` write it: ranges joined (`0-2,5`).
    var description: String {
        var parts: [String] = []
        var start = cpus.first
        for (index, cpu) in cpus.enumerated() {
            let next = index + 1 < cpus.count ? cpus[index + 1] : nil
            guard next != cpu + 1, let first = start else { continue }
            parts.append(first == cpu ? "\(cpu)" : "\(first)-\(cpu)")
            start = next
        }
        return parts.joined(separator: ",")
    }

    var count: Int { cpus.count }

    /// Whether this list and `other` share a CPU.
    func overlaps(_ other: CPUList) -> Bool { !Set(cpus).isDisjoint(with: other.cpus) }
}

/// Keeps processes on a ``CPUList`` with util-linux's `taskset`, and sizes their event loops to it: SwiftNIO counts
/// the machine's cores (or a cgroup's quota), not a process's affinity, so a relay kept on one CPU would otherwise
/// still run an event loop per core of the machine.
enum CPUPinning {
    /// The environment variable SwiftNIO's singleton event loop group reads for its number of loops: a relay's, since
    /// both relays run on that group (the generator sets `NIOSingletons.groupLoopCountSuggestion` for its own).
    static let loopCountVariable = "NIO_SINGLETON_GROUP_LOOP_COUNT"

    /// `taskset` from `PATH`.
    static func taskset() throws(LoadError) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/taskset"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw LoadError("Keeping processes on CPUs needs taskset (Debian's util-linux), which is not on PATH.")
    }

    /// `executable arguments…` run as `taskset -c cpus executable arguments…` (taskset replaces itself with the
    /// command, so the child's process id is the relay's), with one event loop per CPU of the list.
    static func command(
        _ executable: String, _ arguments: [String], on cpus: CPUList
    ) throws(LoadError) -> (executable: String, arguments: [String], environment: [String: String]) {
        (try taskset(), ["-c", cpus.description, executable] + arguments, [loopCountVariable: "\(cpus.count)"])
    }

    /// Moves this process, every thread it has, onto `cpus` (threads started later inherit it).
    static func pinSelf(to cpus: CPUList) throws(LoadError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try taskset())
        process.arguments = ["-a", "-p", "-c", cpus.description, "\(getpid())"]
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw LoadError("taskset could not be started: \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LoadError("taskset -a -p -c \(cpus) \(getpid()) failed (status \(process.terminationStatus)).")
        }
    }
}
