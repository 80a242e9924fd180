/// Tells, without building a `String` or hashing one, that an all-ASCII word is none of a set of keys: a bit per
/// (length mod 16, first byte mod 32, last byte mod 32) of the keys an ASCII word can equal. A clear bit means no key
/// has that signature; a set bit means maybe.
///
/// `String` equality is canonical equivalence, so a key equals an ASCII word when it is canonically equivalent to
/// it, not only when its bytes are the same. Only three non-ASCII scalars are canonically equivalent to ASCII:
/// U+037E (`;`), U+1FEF (`` ` ``) and U+212A KELVIN SIGN (`K`); every other non-ASCII scalar decomposes to, or stays,
/// something non-ASCII. So an ASCII key is recorded by its bytes, a key with none of those three scalars and any other
/// non-ASCII one can equal no ASCII word and is left out, and a key with one of the three makes the filter give up
/// (``init(keys:)`` returns `nil`).
///
/// ```swift
/// let filter = ASCIIKeyFilter(keys: ["order", "bestellung", "sipariş"])!
/// filter.mayContain(length: 5, first: UInt8(ascii: "o"), last: UInt8(ascii: "r"))  // true
/// filter.mayContain(length: 3, first: UInt8(ascii: "t"), last: UInt8(ascii: "e"))  // false: no key is "t?e"
/// ```
struct ASCIIKeyFilter: Sendable {
    /// The non-ASCII scalars canonically equivalent to an ASCII character (the tests check every scalar).
    static let asciiEquivalents: Set<UInt32> = [0x037E, 0x1FEF, 0x212A]

    private var bits = [UInt64](repeating: 0, count: 256)

    /// The filter of `keys`; `nil` when a key holds a scalar of ``asciiEquivalents``.
    init?(keys: some Sequence<String>) {
        for key in keys {
            let bytes = Array(key.utf8)
            if bytes.allSatisfy({ $0 < 0x80 }) {
                guard let first = bytes.first, let last = bytes.last else { continue }
                let bit = Self.signature(length: bytes.count, first: first, last: last)
                bits[bit >> 6] |= 1 << UInt64(bit & 63)
            } else if key.unicodeScalars.contains(where: { Self.asciiEquivalents.contains($0.value) }) {
                return nil
            }
        }
    }

    /// Whether some key may be the ASCII word of `length` bytes that starts with `first` and ends with `last`.
    @inline(__always) func mayContain(length: Int, first: UInt8, last: UInt8) -> Bool {
        let bit = Self.signature(length: length, first: first, last: last)
        return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    @inline(__always) private static func signature(length: Int, first: UInt8, last: UInt8) -> Int {
        (length & 15) << 10 | Int(first & 31) << 5 | Int(last & 31)
    }
}
