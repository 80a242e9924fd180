import Foundation
import Testing

/// `parley bench-pipeline` (`make bench-pipeline`) measures what it says: messages really stored, a rate, a CPU cost.
@Suite("parley bench-pipeline", .timeLimit(.minutes(2)))
struct PipelineBenchCommandTests {
    @Test("a short run stores messages and prints a row per sender count with a rate, a CPU time per message and the messages per commit")
    func shortRun() async throws {
        let output = try await RelayProcess.output(
            of: ["bench-pipeline", "--conversations", "8", "--senders", "1,4", "--seconds", "0.3"])
        let rows = output.split(separator: "\n").filter { $0.hasPrefix("| 1 |") || $0.hasPrefix("| 4 |") }
        #expect(rows.count == 2, "\(output)")
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let messages = Int(cells[1]) ?? 0
            let rate = Int(cells[2]) ?? 0
            let cpu = Double(cells[3]) ?? 0
            let perCommit = Double(cells[5]) ?? 0
            #expect(messages > 0 && rate > 0 && cpu > 0 && perCommit >= 1, "\(row)")
        }
    }
}
