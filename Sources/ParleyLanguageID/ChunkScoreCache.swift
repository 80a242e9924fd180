internal import Synchronization

/// What recent whitespace-delimited chunks ("siparişim", "Bestellung?") added to a message's scores, by their UTF-8
/// bytes: chat repeats its words, and a chunk scored once is not folded, hashed and scored n-gram by n-gram again.
///
/// A fixed table of ``slotCount`` slots in shards with a lock each (the detector is shared by every analysis thread);
/// a chunk takes the slot its bytes hash to, replacing whatever was there. Chunks longer than ``maxBytes`` are not
/// kept. The bytes are compared whole, so a hit returns exactly what scoring the chunk returns.
final class ChunkScoreCache: Sendable {
    static let maxBytes = 24
    static let shardCount = 8
    static let slotsPerShard = 256
    static var slotCount: Int { shardCount * slotsPerShard }

    /// A chunk's bytes packed into three words (zero-padded), with its length; length 0 marks an empty slot.
    struct Key: Equatable, Sendable {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count: UInt8 = 0

        /// `nil` for a chunk longer than ``ChunkScoreCache/maxBytes`` (or empty).
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard !bytes.isEmpty, bytes.count <= ChunkScoreCache.maxBytes else { return nil }
            var packed: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &packed) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
            words = packed
            count = UInt8(bytes.count)
        }

        init() {}

        static func == (left: Key, right: Key) -> Bool {
            left.count == right.count && left.words.0 == right.words.0 && left.words.1 == right.words.1
                && left.words.2 == right.words.2
        }

        /// Mixes the three words and the length (a multiply-xorshift per word).
        var hash: UInt64 {
            var hash = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
            hash = Self.mix(hash, words.0)
            hash = Self.mix(hash, words.1)
            return Self.mix(hash, words.2)
        }

        @inline(__always) private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
            let mixed = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            return mixed ^ (mixed >> 31)
        }
    }

    private struct Slot: Sendable {
        var key = Key()
        var scores = MessageScores()
    }

    /// A lock and its slots (a class, so that the shards can live in an array).
    private final class Shard: Sendable {
        let slots = Mutex([Slot](repeating: Slot(), count: ChunkScoreCache.slotsPerShard))
    }

    private let shards = (0..<ChunkScoreCache.shardCount).map { _ in Shard() }

    /// What `key`'s chunk added, when it is in the table.
    func scores(of key: Key) -> MessageScores? {
        let (shard, slot) = place(key)
        return shards[shard].slots.withLock { slots in slots[slot].key == key ? slots[slot].scores : nil }
    }

    /// Keeps what `key`'s chunk added, in place of the slot's earlier chunk.
    func remember(_ scores: MessageScores, of key: Key) {
        let (shard, slot) = place(key)
        shards[shard].slots.withLock { slots in slots[slot] = Slot(key: key, scores: scores) }
    }

    private func place(_ key: Key) -> (shard: Int, slot: Int) {
        let hash = key.hash
        return (Int(hash % UInt64(Self.shardCount)), Int((hash >> 8) % UInt64(Self.slotsPerShard)))
    }
}
