import Foundation

/// How fast this machine runs a fixed piece of work right now, in thread CPU time: the same number of hashed inserts
/// and lookups into a table larger than a core's caches (as a relay's work on many conversations touches memory), and
/// into one that stays in them. On a shared virtual machine both move from one second to the next with what the
/// neighbours do, the first the more; `RelayLoad host-probe` prints both. A probe is a moment's reading: it does not
/// predict a load step of several seconds.
enum HostProbe {
    /// A table of 2^18 entries (about 8 MB), filled and read once.
    static func memoryBound() -> Double { milliseconds(tableBits: 18, repeats: 1) }

    /// A table of 2^10 entries, filled and read 256 times: the same operations, in the caches.
    static func cacheResident() -> Double { milliseconds(tableBits: 10, repeats: 256) }

    /// The median of five rounds, in milliseconds of thread CPU time (lower is faster). The table is allocated once
    /// and a first round is not counted, so that the kernel's page faults do not count.
    private static func milliseconds(tableBits: Int, repeats: Int) -> Double {
        var table: [UInt64: UInt64] = [:]
        table.reserveCapacity(1 << tableBits)
        let rounds = (0..<6).map { _ in round(&table, tableBits: tableBits, repeats: repeats) }.dropFirst().sorted()
        return rounds[rounds.count / 2]
    }

    private static func round(_ table: inout [UInt64: UInt64], tableBits: Int, repeats: Int) -> Double {
        let start = threadCPUSeconds()
        var found: UInt64 = 0
        for _ in 0..<repeats {
            table.removeAll(keepingCapacity: true)
            var key: UInt64 = 0x9E37_79B9_7F4A_7C15
            for index in 0..<(1 << tableBits) {
                key = key &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                table[key >> 11] = UInt64(index)
            }
            key = 0x9E37_79B9_7F4A_7C15
            for _ in 0..<(1 << tableBits) {
                key = key &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                found &+= table[key >> 11] ?? 0
            }
        }
        precondition(found > 0)
        return (threadCPUSeconds() - start) * 1000
    }

    private static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
