/// An open-addressing table from feature hash to one quantized value per language.
///
/// Each slot is `1 + ⌈languages/4⌉` words: the key, then one byte per language holding `round(-ln p × 8)`,
/// 255 when the language has no value (stored inverted, so a zero-filled table means "empty, all absent").
/// Built once at load (from the profiles, or read whole from `merged.table`); read-only and `Sendable` afterwards.
struct FeatureTable: Sendable {
    static let absent: UInt8 = 255
    let languageCount: Int
    private let stride: Int
    private let shift: UInt32
    private let mask: Int
    private var slots: [UInt32]
    private(set) var count = 0

    /// An empty table with room for `uniqueKeys` keys at a load factor of at most 3/4.
    init(uniqueKeys: Int, languageCount: Int) {
        var bits: UInt32 = 10
        while (1 << bits) < uniqueKeys * 4 / 3 + 16 { bits += 1 }
        self.languageCount = languageCount
        let stride = 1 + (languageCount + 3) / 4
        self.stride = stride
        shift = 32 - bits
        mask = (1 << Int(bits)) - 1
        slots = Array(repeating: 0, count: (1 << Int(bits)) * stride)
    }

    /// A table from its stored parts (see ``MergedTable``); `nil` when they do not fit together: the slot count must
    /// be `2^bits × stride` and `count` below the slot count. That the slots hold `count` keys (so lookups end) is
    /// vouched for by the file's checksum, not recounted.
    init?(bits: Int, languageCount: Int, count: Int, slots: [UInt32]) {
        let stride = 1 + (languageCount + 3) / 4
        guard (10...30).contains(bits), (1...LanguageModel.maxLanguages).contains(languageCount),
            slots.count == (1 << bits) * stride, (0..<(1 << bits)).contains(count)
        else { return nil }
        self.languageCount = languageCount
        self.stride = stride
        shift = 32 - UInt32(bits)
        mask = (1 << bits) - 1
        self.slots = slots
        self.count = count
    }

    /// log2 of the slot count.
    var bits: Int { Int(32 - shift) }

    /// The raw slots, as ``MergedTable`` stores them.
    var storage: [UInt32] { slots }

    /// The same keys with each slot's values reduced to `columns` (indices into this table's languages, in the
    /// new order). Slots stay where they are, so no key moves; keys none of the chosen languages has keep their
    /// place with every value absent, which scores exactly as a missing key.
    func selecting(columns: [Int]) -> FeatureTable {
        if columns == Array(0..<languageCount) { return self }
        let newStride = 1 + (columns.count + 3) / 4
        var new = [UInt32](repeating: 0, count: (mask + 1) * newStride)
        let stride = stride
        slots.withUnsafeBufferPointer { old in
            new.withUnsafeMutableBufferPointer { new in
                for slot in 0...mask where old[slot &* stride] != 0 {
                    new[slot &* newStride] = old[slot &* stride]
                    for (target, column) in columns.enumerated() {
                        let byte = (old[slot &* stride &+ 1 &+ column >> 2] >> (UInt32(column & 3) &* 8)) & 0xFF
                        new[slot &* newStride &+ 1 &+ target >> 2] |= byte << (UInt32(target & 3) &* 8)
                    }
                }
            }
        }
        return FeatureTable(bits: bits, languageCount: columns.count, count: count, slots: new)!
    }

    /// Bytes the table keeps resident.
    var residentBytes: Int { slots.count * MemoryLayout<UInt32>.size }

    @inline(__always) private static func key(_ hash: UInt32) -> UInt32 { hash == 0 ? 1 : hash }

    @inline(__always) private func home(_ key: UInt32) -> Int { Int(key >> shift) }

    /// Stores each of a section's values for `language` under its key.
    mutating func insert(_ section: ProfileSection, language: Int) {
        let (stride, mask, shift) = (stride, mask, shift)
        let shiftBits = UInt32(language % 4) * 8
        var added = 0
        slots.withUnsafeMutableBufferPointer { slots in
            for (hash, value) in zip(section.keys, section.values) {
                let key = Self.key(hash)
                var slot = Int(key >> shift)
                while slots[slot &* stride] != 0 && slots[slot &* stride] != key { slot = (slot &+ 1) & mask }
                if slots[slot &* stride] == 0 {
                    slots[slot &* stride] = key
                    added += 1
                }
                let word = slot &* stride &+ 1 &+ language / 4
                slots[word] = (slots[word] & ~(0xFF << shiftBits)) | (UInt32(value ^ 0xFF) << shiftBits)
            }
        }
        count += added
    }

    /// The slot holding `hash`, or `nil`.
    @inline(__always) func find(_ hash: UInt32) -> Int? {
        let key = Self.key(hash)
        return slots.withUnsafeBufferPointer { buffer in
            var slot = home(key)
            while true {
                let stored = buffer[slot &* stride]
                if stored == key { return slot }
                if stored == 0 { return nil }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// The same entries in the smallest table that keeps the load factor at most 3/4 (tables are sized for the
    /// sum of all profiles' entries at first; languages share many keys). Slots are visited in home order, so the
    /// copy writes sequentially.
    func compacted() -> FeatureTable {
        var smaller = FeatureTable(uniqueKeys: count, languageCount: languageCount)
        guard smaller.mask < mask else { return self }
        let (stride, newStride) = (stride, smaller.stride)
        slots.withUnsafeBufferPointer { old in
            smaller.slots.withUnsafeMutableBufferPointer { new in
                for slot in 0...mask where old[slot &* stride] != 0 {
                    let key = old[slot &* stride]
                    var target = Int(key >> smaller.shift)
                    while new[target &* newStride] != 0 { target = (target &+ 1) & smaller.mask }
                    for word in 0..<newStride { new[target &* newStride &+ word] = old[slot &* stride &+ word] }
                }
            }
        }
        smaller.count = count
        return smaller
    }

    /// The key stored in `hash`'s home slot: a load that warms the cache for ``find(_:)``.
    @inline(__always) func peek(_ hash: UInt32) -> UInt32 {
        slots.withUnsafeBufferPointer { $0[home(Self.key(hash)) &* stride] }
    }

    /// The quantized value of `language` in `slot` (255 when absent).
    @inline(__always) func value(slot: Int, language: Int) -> UInt8 {
        ~UInt8(truncatingIfNeeded: slots[slot &* stride &+ 1 &+ language >> 2] >> (UInt32(language & 3) &* 8))
    }
}
