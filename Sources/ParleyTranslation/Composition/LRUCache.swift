/// A least-recently-used map with a fixed capacity: O(1) lookup, insert and eviction.
/// Not thread-safe by itself; ``CachingTranslator`` keeps it in a `Mutex`.
///
/// With admission on second sight, a key that is not cached is inserted only when it was offered before, recently:
/// a text seen once (a message with a new order number) then neither pays for an insert nor evicts one that recurs.
/// The keys offered are remembered as hashes in a table of its own (a power of two at least `capacity`, one hash per
/// slot, the latest wins); a collision of two hashes only admits a key one offer early.
struct LRUCache<Key: Hashable, Value> {
    /// When a key that is not cached gets in.
    enum Admission: Sendable {
        /// On its first insert.
        case firstSight
        /// On its second insert while its hash is still remembered.
        case secondSight
    }

    private struct Node {
        var key: Key
        var value: Value
        var previous: Int
        var next: Int
    }

    let capacity: Int
    private var index: [Key: Int] = [:]
    private var nodes: [Node] = []
    /// Most recently used node, or -1.
    private var head = -1
    /// Least recently used node, or -1.
    private var tail = -1
    /// The hashes of keys offered and not admitted (0: none); empty when every key is admitted at once.
    private var offered: [Int] = []

    init(capacity: Int, admission: Admission = .firstSight) {
        self.capacity = max(1, capacity)
        index.reserveCapacity(min(self.capacity, 1 << 16))
        if admission == .secondSight {
            var slots = 1
            while slots < self.capacity { slots <<= 1 }
            offered = Array(repeating: 0, count: slots)
        }
    }

    var count: Int { index.count }

    mutating func value(for key: Key) -> Value? {
        guard let i = index[key] else { return nil }
        moveToFront(i)
        return nodes[i].value
    }

    mutating func insert(_ value: Value, for key: Key) {
        if let i = index[key] {
            nodes[i].value = value
            moveToFront(i)
            return
        }
        guard admits(key) else { return }
        if nodes.count < capacity {
            nodes.append(Node(key: key, value: value, previous: -1, next: -1))
            let i = nodes.count - 1
            index[key] = i
            link(i)
        } else {
            let i = tail
            unlink(i)
            index[nodes[i].key] = nil
            nodes[i].key = key
            nodes[i].value = value
            index[key] = i
            link(i)
        }
    }

    /// Whether a key that is not cached gets in now; otherwise its hash is remembered for its next offer.
    private mutating func admits(_ key: Key) -> Bool {
        guard !offered.isEmpty else { return true }
        let hash = key.hashValue | 1
        let slot = (hash >> 20) & (offered.count - 1)
        if offered[slot] == hash {
            offered[slot] = 0
            return true
        }
        offered[slot] = hash
        return false
    }

    private mutating func moveToFront(_ i: Int) {
        guard head != i else { return }
        unlink(i)
        link(i)
    }

    private mutating func link(_ i: Int) {
        nodes[i].previous = -1
        nodes[i].next = head
        if head >= 0 { nodes[head].previous = i }
        head = i
        if tail < 0 { tail = i }
    }

    private mutating func unlink(_ i: Int) {
        let (previous, next) = (nodes[i].previous, nodes[i].next)
        if previous >= 0 { nodes[previous].next = next } else { head = next }
        if next >= 0 { nodes[next].previous = previous } else { tail = previous }
    }
}
