import Foundation

/// Reads a process's CPU time and resident memory from `/proc` (Linux), for per-message CPU cost and memory figures.
struct ProcessProbe: Sendable {
    let pid: Int32

    /// User + system CPU time consumed so far, in seconds.
    func cpuSeconds() -> Double {
        (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)).map(Self.cpuSeconds(stat:)) ?? 0
    }

    /// User + system CPU time of the process's event loops so far (its threads named `NIO-…`, which SwiftNIO's event
    /// loop threads are), in seconds. The rest of `cpuSeconds()` is every other thread's, SQLite's writer in Parley;
    /// a thread that exits takes its own time with it, so the rest is read as the difference, never summed.
    func eventLoopCPUSeconds() -> Double {
        let tasks = "/proc/\(pid)/task"
        guard let threads = try? FileManager.default.contentsOfDirectory(atPath: tasks) else { return 0 }
        return threads.reduce(0) { sum, thread in
            guard let comm = try? String(contentsOfFile: "\(tasks)/\(thread)/comm", encoding: .utf8),
                comm.hasPrefix("NIO-"),
                let stat = try? String(contentsOfFile: "\(tasks)/\(thread)/stat", encoding: .utf8)
            else { return sum }
            return sum + Self.cpuSeconds(stat: stat)
        }
    }

    /// utime + stime of a `/proc/…/stat` line, in seconds.
    static func cpuSeconds(stat: String) -> Double {
        guard let close = stat.lastIndex(of: ")") else { return 0 }
        // Fields after "comm)": state is field 3; utime and stime are fields 14 and 15 (1-based).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return 0 }
        return (utime + stime) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident set size in bytes.
    func residentBytes() -> Int {
        let kib = status("VmRSS")?.split(separator: " ").first.flatMap { Int($0) } ?? 0
        return kib * 1024
    }

    /// The CPUs the kernel lets the process run on (`Cpus_allowed_list`, e.g. `0-1`), or `nil`.
    var allowedCPUs: String? { status("Cpus_allowed_list") }

    /// A field of `/proc/<pid>/status` (`VmRSS` → `12345 kB`), or `nil` when the process or the field is missing.
    func status(_ field: String) -> String? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let prefix = field + ":"
        for line in status.split(separator: "\n") where line.hasPrefix(prefix) {
            return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}

/// The whole machine's idle time from `/proc/stat` (Linux): with the relay's and the generator's own CPU time it shows
/// where the cores went during a step — the generator shares them with the relay it measures.
enum MachineProbe {
    /// Seconds all cores together spent idle (or waiting for I/O) since boot.
    static func idleSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = stat.split(separator: "\n").first, line.hasPrefix("cpu ")
        else { return 0 }
        // "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are the 4th and 5th numbers.
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count > 4 else { return 0 }
        return (ticks[3] + ticks[4]) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The cores online.
    static var cores: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
