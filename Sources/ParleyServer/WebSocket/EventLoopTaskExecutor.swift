import NIOCore
import Synchronization

/// A task executor that runs jobs on one NIO event loop. A socket's tasks prefer their channel's loop: a frame read
/// on that loop resumes the reader there, and the writer's frames reach the channel without a hop to another thread.
/// Work for a socket on another loop (a delivery) still crosses once, to that socket's loop.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    private init(loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    private static let shared = Mutex<[ObjectIdentifier: EventLoopTaskExecutor]>([:])

    /// The one executor of `loop` (made on first use; a relay has as many as it has event loops).
    static func of(_ loop: any EventLoop) -> EventLoopTaskExecutor {
        shared.withLock { executors in
            if let known = executors[ObjectIdentifier(loop)] { return known }
            let executor = EventLoopTaskExecutor(loop: loop)
            executors[ObjectIdentifier(loop)] = executor
            return executor
        }
    }
}
