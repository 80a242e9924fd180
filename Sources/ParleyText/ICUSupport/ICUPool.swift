import Synchronization

/// One opened ICU object and the function that closes it; closed exactly once, when the last reference goes.
///
/// `@unchecked Sendable`: the pointer moves between threads only through ``ICUPool``, which hands a handle to one
/// user at a time, or belongs to an ICU object that ICU documents as thread-safe for the calls made on it.
final class ICUHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    private let close: (OpaquePointer) -> Void

    init(_ pointer: OpaquePointer, close: @escaping (OpaquePointer) -> Void) {
        self.pointer = pointer
        self.close = close
    }

    deinit { close(pointer) }

    /// Opens an ICU object with a C `open` function that reports through a status pointer.
    static func open(
        _ operation: @autoclosure () -> String,
        close: @escaping (OpaquePointer) -> Void,
        _ open: (UnsafeMutablePointer<Int32>) -> OpaquePointer?
    ) throws(ICUError) -> ICUHandle {
        var status: Int32 = 0
        let pointer = open(&status)
        guard status <= 0, let pointer else {
            if let pointer { close(pointer) }
            throw ICUError(status: status > 0 ? status : 5 /* U_MISSING_RESOURCE_ERROR */, operation: operation())
        }
        return ICUHandle(pointer, close: close)
    }
}

/// Idle ICU objects by key (e.g. `"date|short|Europe/Tallinn"`), so each use gets an object no other thread is
/// using: a caller takes an idle one (or opens a new one), uses it alone, and gives it back.
///
/// Thread safety: the idle lists are guarded by a `Mutex`; objects are never used by two callers at once.
/// Bounded: at most `maxIdlePerKey` idle objects per key and `maxKeys` keys (beyond that, idle objects are
/// closed instead of kept).
final class ICUPool: Sendable {
    private let idle = Mutex<[String: [ICUHandle]]>([:])
    private let maxIdlePerKey: Int
    private let maxKeys: Int

    init(maxIdlePerKey: Int = 4, maxKeys: Int = 64) {
        self.maxIdlePerKey = maxIdlePerKey
        self.maxKeys = maxKeys
    }

    /// Runs `body` with an ICU object for `key` that nobody else uses meanwhile.
    func withHandle<R>(
        _ key: String,
        open: () throws(ICUError) -> ICUHandle,
        _ body: (OpaquePointer) throws(ICUError) -> R
    ) throws(ICUError) -> R {
        let handle: ICUHandle
        if let idle = take(key) { handle = idle } else { handle = try open() }
        defer { giveBack(handle, key) }
        return try body(handle.pointer)
    }

    private func take(_ key: String) -> ICUHandle? {
        idle.withLock { $0[key]?.popLast() }
    }

    private func giveBack(_ handle: ICUHandle, _ key: String) {
        // A handle that is not kept is released (and closed) after the lock is dropped.
        let dropped: ICUHandle? = idle.withLock { lists in
            if lists[key] == nil, lists.count >= maxKeys { return handle }
            guard lists[key, default: []].count < maxIdlePerKey else { return handle }
            lists[key, default: []].append(handle)
            return nil
        }
        _ = dropped
    }
}
