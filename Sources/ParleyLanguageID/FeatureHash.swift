/// The 32-bit FNV-1a-style hash over Unicode scalar values that keys every profile entry.
///
/// Training (`Dictionaries/langid/tools/train.py`) computes the same function; each feature kind has its own basis.
enum FeatureHash {
    static let wordBasis: UInt32 = 0x811C_9DC5
    static let strippedBasis: UInt32 = 0x050C_5D1F
    static let ngramBasis: UInt32 = 0x1B87_3593
    static let prime: UInt32 = 0x0100_0193
    /// Marks the start and the end of a word in character n-grams.
    static let wordBegin: UInt32 = 0x02
    static let wordEnd: UInt32 = 0x03

    @inline(__always) static func step(_ hash: UInt32, _ scalar: UInt32) -> UInt32 {
        (hash ^ scalar) &* prime
    }

    @inline(__always) static func hash(_ scalars: UnsafeBufferPointer<UInt32>, basis: UInt32) -> UInt32 {
        var hash = basis
        for scalar in scalars { hash = step(hash, scalar) }
        return hash
    }

    static func hash(_ text: some StringProtocol, basis: UInt32) -> UInt32 {
        var hash = basis
        for scalar in text.unicodeScalars { hash = step(hash, scalar.value) }
        return hash
    }
}

/// An open-addressing table from feature hash to one quantized value per language.
///
/// Each slot is `1 + ⌈languages/4⌉` words: the key, then one byte per language holding `round(-ln p × 8)`,
/// 255 when the language has no value (stored inverted, so a zero-filled table means "empty, all absent"). Built once at load; read-only and `Sendable` afterwards.
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
