import Foundation
import ParleyLanguageID

/// `parley detect --benchmark`: detection throughput on one core over stdin's lines, model load time and size.
struct DetectBenchmark {
    let detector: LanguageDetector
    let loadTime: Duration
    let loadCPUSeconds: Double
    let seconds: Double

    func run() {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let lines = input.split(separator: 0x0A).map { Array($0) }
        guard !lines.isEmpty else {
            print("no input lines")
            return
        }
        let bytes = lines.reduce(0) { $0 + $1.count }
        // The lines repeat, so the chunk cache would answer nearly every word: measure the scoring itself first.
        let fresh = measure(lines, cached: false)
        print(
            "messages/s (CPU time, one thread)\t\(Int(fresh.perCPUSecond))\t(\(lines.count) lines, mean "
                + "\(bytes / lines.count) bytes, every word scored, checksum \(fresh.checksum))"
        )
        print("messages/s (wall clock)\t\(Int(fresh.perWallSecond))")
        let cached = measure(lines, cached: true)
        print("messages/s with the chunk cache (CPU time; repeated lines)\t\(Int(cached.perCPUSecond))")
        print("load ms (CPU time)\t\(String(format: "%.1f", loadCPUSeconds * 1000))")
        print("load ms (wall clock)\t\(Self.milliseconds(loadTime))")
        print("model from\t\(detector.loadedFromMergedTable ? MergedTable.fileName : "profiles")")
        print("model MB\t\(String(format: "%.1f", Double(detector.residentBytes) / 1_048_576))")
        print("rss MB\t\(String(format: "%.1f", Self.residentSetMegabytes()))")
    }

    /// Classifies `lines` over and over for ``seconds`` of this thread's CPU time.
    private func measure(
        _ lines: [[UInt8]], cached: Bool
    ) -> (perCPUSecond: Double, perWallSecond: Double, checksum: Int) {
        var messages = 0
        var checksum = 0
        let startCPU = Self.threadCPUSeconds()
        let clock = ContinuousClock()
        let start = clock.now
        while Self.threadCPUSeconds() - startCPU < seconds {
            for line in lines {
                line.withUnsafeBufferPointer { checksum &+= detector.classify(utf8: $0, cached: cached).language ?? -1 }
            }
            messages += lines.count
        }
        let cpu = Self.threadCPUSeconds() - startCPU
        return (Double(messages) / cpu, Double(messages) / (clock.now - start).inSeconds, checksum)
    }

    /// CPU time this thread has used, in seconds: the throughput measure that other load on the machine does not skew.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f", duration.inSeconds * 1000)
    }

    /// The process's resident set size from /proc/self/statm (Linux), in MiB; 0 elsewhere.
    static func residentSetMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}

extension Duration {
    /// The duration in seconds, for the benchmarks' arithmetic.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
