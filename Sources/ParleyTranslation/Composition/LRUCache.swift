/// A least-recently-used map with a fixed capacity: O(1) lookup, insert and eviction.
/// Not thread-safe by itself; ``CachingTranslator`` keeps it in a `Mutex`.
struct LRUCache<Key: Hashable, Value> {
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

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        index.reserveCapacity(min(self.capacity, 1 << 16))
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
