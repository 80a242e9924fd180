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
