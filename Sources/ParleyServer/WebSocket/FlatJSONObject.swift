/// Reads the JSON that clients send most — one flat object whose values are strings, integers, booleans or `null` —
/// straight from the frame's bytes, without `JSONDecoder`.
///
/// It reads only what it can read exactly as `JSONDecoder` would. Anything else is declined (`nil`): a nested object
/// or array, a number with a fraction or an exponent, `-0`, an integer out of range, a key that comes twice, a
/// `\u` escape of a surrogate, an unescaped control character, bytes that are not valid UTF-8, anything after the
/// object. A declined frame goes to `JSONDecoder` as before, which then also says what is wrong with it
/// (``ClientFrame/parse(_:)``).
enum FlatJSONObject {
    enum Value: Equatable {
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
    }

    /// The object's fields in order, or `nil` when the bytes are not a flat object this reader takes.
    static func fields(_ bytes: UnsafeRawBufferPointer) -> [(key: String, value: Value)]? {
        var reader = Reader(bytes: bytes)
        return reader.object()
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var i = 0

        mutating func object() -> [(key: String, value: Value)]? {
            skipWhitespace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var fields: [(key: String, value: Value)] = []
            fields.reserveCapacity(8)  // a client frame's fields, in one array
            skipWhitespace()
            if !take(UInt8(ascii: "}")) {
                repeat {
                    skipWhitespace()
                    guard let key = string() else { return nil }
                    skipWhitespace()
                    guard take(UInt8(ascii: ":")) else { return nil }
                    skipWhitespace()
                    guard let value = value(), !fields.contains(where: { $0.key == key }) else { return nil }
                    fields.append((key, value))
                    skipWhitespace()
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "}")) else { return nil }
            }
            skipWhitespace()
            return i == bytes.count ? fields : nil
        }

        private mutating func value() -> Value? {
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(Value.int)
            default: return nil
            }
        }

        /// `-?(0|[1-9][0-9]*)` that fits an `Int`, not followed by a fraction or an exponent; not `-0`.
        private mutating func integer() -> Int? {
            let negative = take(UInt8(ascii: "-"))
            let start = i
            var magnitude: UInt64 = 0
            while i < bytes.count, let digit = Self.digit(bytes[i]) {
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                guard !overflow1, !overflow2 else { return nil }
                magnitude = sum
                i += 1
            }
            let count = i - start
            guard count > 0, !(count > 1 && bytes[start] == UInt8(ascii: "0")), !(negative && magnitude == 0) else {
                return nil
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] | 0x20 == UInt8(ascii: "e") { return nil }
            if negative {
                guard magnitude <= UInt64(Int.max) + 1 else { return nil }
                return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
            }
            return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
        }

        /// A string; its escapes are decoded and its bytes must be valid UTF-8.
        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            var decoded: [UInt8]? = nil
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    let text =
                        decoded.map { String(validating: $0, as: UTF8.self) }
                        ?? String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    i += 1
                    return text
                }
                guard byte >= 0x20 else { return nil }
                if byte == UInt8(ascii: "\\") {
                    if decoded == nil { decoded = Array(bytes[start..<i]) }
                    i += 1
                    guard i < bytes.count, let scalar = escape() else { return nil }
                    decoded!.append(contentsOf: String(scalar).utf8)
                } else {
                    decoded?.append(byte)
                    i += 1
                }
            }
            return nil
        }

        /// The escape after a backslash (`i` at its letter); a surrogate (`\ud83d`) is declined.
        private mutating func escape() -> Unicode.Scalar? {
            let letter = bytes[i]
            i += 1
            switch letter {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(letter)
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.count else { return nil }
                var value: UInt32 = 0
                for _ in 0..<4 {
                    guard let digit = Self.hexDigit(bytes[i]) else { return nil }
                    value = value << 4 | digit
                    i += 1
                }
                return Unicode.Scalar(value)
            default: return nil
            }
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { return false }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
            i += count
            return true
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        private mutating func skipWhitespace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0A, 0x0D: i += 1
                default: return
                }
            }
        }

        private static func digit(_ byte: UInt8) -> UInt8? {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? byte - UInt8(ascii: "0") : nil
        }

        private static func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
    }
}
