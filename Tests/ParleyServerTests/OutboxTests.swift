import Foundation
@testable import ParleyServer
import Synchronization
import Testing

@Suite("A socket's outbox")
struct OutboxTests {
    /// The writer's side: takes items until the outbox finishes, and says what it took.
    static func writer(_ outbox: Outbox) -> Task<[String], Never> {
        Task {
            var taken: [String] = []
            while let item = await outbox.next() { taken.append(label(item)) }
            return taken
        }
    }

    static func label(_ item: Outbox.Item) -> String {
        switch item {
        case .frame(let frame): frame.text
        case .event(let event): "\(event)"
        case .close(let code): "close \(code.code)"
        }
    }

    static func until(_ condition: () -> Bool) async throws {
        for _ in 0..<2_000 where !condition() { try await Task.sleep(for: .milliseconds(1)) }
        #expect(condition())
    }

    @Test("while the writer waits, an item goes straight to the socket and the writer sleeps on")
    func writtenInPlace() async throws {
        let outbox = Outbox(capacity: 4)
        let written = Mutex<[String]>([])
        outbox.attach { item in
            guard case .frame(let frame) = item, !frame.text.contains("needs the writer") else { return false }
            written.withLock { $0.append(frame.text) }
            return true
        }
        let writer = Self.writer(outbox)
        try await Self.until { outbox.writerWaits }
        outbox.send("one")
        outbox.send("two")
        #expect(written.withLock { $0 } == [#""one""#, #""two""#])
        #expect(outbox.writerWaits && outbox.depth == 0)
        // An item that cannot be written in place wakes the writer, as without the route.
        outbox.send("needs the writer")
        try await Self.until { outbox.writerWaits }
        outbox.finish()
        #expect(await writer.value == [#""needs the writer""#])
    }

    @Test("items pushed during a write in place reach the writer after it, in order; a refused item goes first")
    func orderKept() async throws {
        for refuse in [false, true] {
            let outbox = Outbox(capacity: 8)
            let entered = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let written = Mutex<[String]>([])
            outbox.attach { item in
                guard case .frame(let frame) = item else { return false }
                if frame.text.contains("slow") {
                    entered.signal()
                    release.wait()
                    if refuse { return false }
                }
                written.withLock { $0.append(frame.text) }
                return true
            }
            let writer = Self.writer(outbox)
            try await Self.until { outbox.writerWaits }
            // A thread of its own pushes the item whose write in place blocks, as a busy socket would.
            let pusher = Thread { outbox.send("slow") }
            pusher.start()
            entered.wait()
            outbox.send("b")
            outbox.send("c")
            outbox.close(.shuttingDown)
            #expect(outbox.writerWaits, "the writer is not woken while an item is written in place")
            release.signal()
            try await Self.until { outbox.depth == 0 }
            outbox.finish()
            let taken = await writer.value
            let closing = "close \(CloseCode.shuttingDown.code)"
            if refuse {
                #expect(written.withLock { $0 } == [])
                #expect(taken == [#""slow""#, #""b""#, #""c""#, closing])
            } else {
                #expect(written.withLock { $0 } == [#""slow""#])
                #expect(taken == [#""b""#, #""c""#, closing])
            }
        }
    }
}
