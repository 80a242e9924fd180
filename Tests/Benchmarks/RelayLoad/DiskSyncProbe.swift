import Foundation
import Synchronization

/// Times the disk while a step runs: every 100 ms, on a thread of its own, it appends 4 KiB to a file in the
/// temporary directory (where the relays keep their data) and syncs it. A light-load tail that comes with slow syncs
/// is the disk's, not the relay's. Ten small syncs a second, against the relay's two hundred commits.
final class DiskSyncProbe: Sendable {
    private let milliseconds = Mutex<[Double]>([])
    private let running = Atomic<Bool>(true)
    private let finished = Atomic<Bool>(false)

    init() {
        Thread.detachNewThread { self.loop() }
    }

    private func loop() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("relayload-sync-\(getpid())").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer {
            if descriptor >= 0 { close(descriptor) }
            unlink(path)
            finished.store(true, ordering: .releasing)
        }
        guard descriptor >= 0 else { return }
        let block = [UInt8](repeating: 0x5A, count: 4096)
        var blocks = 0
        while running.load(ordering: .relaxed) {
            // At most 1 MiB: the file starts again from empty.
            if blocks == 256 {
                _ = ftruncate(descriptor, 0)
                _ = lseek(descriptor, 0, SEEK_SET)
                blocks = 0
            }
            _ = block.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            blocks += 1
            let start = ContinuousClock.now
            _ = fdatasync(descriptor)
            let took = Double((ContinuousClock.now - start).microseconds) / 1000
            milliseconds.withLock { $0.append(took) }
            usleep(100_000)
        }
    }

    /// Stops the probe; the sync times in milliseconds, ascending.
    func stop() async -> [Double] {
        running.store(false, ordering: .relaxed)
        while !finished.load(ordering: .acquiring) { try? await Task.sleep(for: .milliseconds(10)) }
        return milliseconds.withLock { $0.sorted() }
    }
}
