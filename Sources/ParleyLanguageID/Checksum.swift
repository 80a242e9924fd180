/// A 64-bit checksum over little-endian 8-byte words (FNV-1a's prime, one multiply per word), for catching damaged
/// or mismatched data files — not an adversarial hash.
///
/// Each step `(state ^ word) × odd prime` is a bijection of the state, so changing any one word always changes the
/// result. A trailing partial word is zero-padded; callers compare lengths separately. Feeding several buffers in
/// turn equals feeding their concatenation when every buffer but the last is a multiple of 8 bytes long.
struct Checksum {
    static let prime: UInt64 = 0x0000_0100_0000_01B3
    private(set) var state: UInt64 = 0xCBF2_9CE4_8422_2325

    /// The checksum of one buffer.
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = Checksum()
        checksum.update(bytes)
        return checksum.state
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var state = state
        let words = bytes.count / 8
        var index = 0
        while index < words {
            state =
                (state ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self)))
                &* Self.prime
            index &+= 1
        }
        if bytes.count % 8 != 0 {
            var tail: UInt64 = 0
            for offset in (words * 8)..<bytes.count { tail |= UInt64(bytes[offset]) << (UInt64(offset % 8) * 8) }
            state = (state ^ tail) &* Self.prime
        }
        self.state = state
    }

    mutating func update(_ words: [UInt32]) {
        words.withUnsafeBytes { update($0) }
    }
}
