@testable import ParleyCore
import Testing

@Suite("ReleaseStateMachine")
struct ReleaseStateMachineTests {
    @Test("messages are released in seq order even when they finish out of order")
    func outOfOrderFinish() {
        var machine = ReleaseStateMachine()
        for seq in 1...3 { machine.started("c", seq: seq) }
        #expect(machine.finished("c", seq: 2) == nil)
        #expect(machine.releasedHead(of: "c") == 0)
        #expect(machine.finished("c", seq: 1) == 2)
        #expect(machine.finished("c", seq: 3) == 3)
        #expect(machine.releasedHead(of: "c") == nil)
        #expect(machine.trackedConversations == 0)
    }

    @Test("conversations are independent")
    func independentConversations() {
        var machine = ReleaseStateMachine()
        machine.started("a", seq: 5)
        machine.started("b", seq: 1)
        #expect(machine.finished("b", seq: 1) == 1)
        #expect(machine.releasedHead(of: "a") == 4)
        #expect(machine.finished("a", seq: 5) == 5)
    }
}
