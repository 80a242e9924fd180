import Foundation
import ParleyLanguageID

// `LanguageIDLoad [--write-table] [profile-directory]`: one model load timed in a fresh process (CPU, wall clock),
// where the tables came from, the model's resident size, then detection throughput on one thread over stdin's
// lines (if any).
// A light stand-in for `parley detect --benchmark` that builds without the server's dependencies:
//     PARLEY_TOOLS=1 swift build -c release --scratch-path .build-tools --product LanguageIDLoad

func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

let arguments = CommandLine.arguments.dropFirst().filter { $0 != "--write-table" }
let directory = arguments.first ?? ProfileLocator.defaultDirectory() ?? "Dictionaries/langid"
if CommandLine.arguments.contains("--write-table") {  // as `parley detect --write-table`
    print("wrote \(try MergedTable.write(profileDirectory: directory))")
    exit(0)
}
let startWall = ContinuousClock.now
let startCPU = threadCPUSeconds()
let detector = try LanguageDetector(profileDirectory: directory)
let loadCPU = threadCPUSeconds() - startCPU
let loadWall = ContinuousClock.now - startWall
print("load ms (CPU time)\t\(String(format: "%.1f", loadCPU * 1000))")
print("load (wall clock)\t\(loadWall)")
print("model from\t\(detector.loadedFromMergedTable ? MergedTable.fileName : "profiles")")
print("model MB\t\(String(format: "%.1f", Double(detector.residentBytes) / 1_048_576))")

let lines = FileHandle.standardInput.readDataToEndOfFile().split(separator: 0x0A).map { Array($0) }
if !lines.isEmpty {
    var messages = 0
    var checksum = 0
    let start = threadCPUSeconds()
    while threadCPUSeconds() - start < 3 {
        for line in lines {
            line.withUnsafeBufferPointer { checksum &+= detector.classify(utf8: $0, cached: false).language ?? -1 }
        }
        messages += lines.count
    }
    let rate = Int(Double(messages) / (threadCPUSeconds() - start))
    print("messages/s (CPU time, one thread)\t\(rate)\t(checksum \(checksum))")
}
