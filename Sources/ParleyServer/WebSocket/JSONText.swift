import Foundation
import NIOCore

/// A frame the relay sends so often (a delivered message, an ack) that it writes its JSON itself: the same JSON
/// ``Wire/encode(_:)`` would make with `JSONEncoder` (nil fields left out), several times faster.
protocol HandWrittenJSON: Encodable {
    func write(to json: inout JSONText)
}

/// A text frame for a socket, encoded once: the WebSocket header (RFC 6455, 5.2: final, unmasked) and the UTF-8 text,
/// in one buffer that the socket's write takes as it is.
struct OutboundFrame: Sendable {
    /// The header, then the text.
    var encoded: ByteBuffer
    var headerSize: Int

    /// A frame of UTF-8 text, copied into the frame's buffer behind its header (RFC 6455, 5.2: final, unmasked).
    init(bytes: UnsafeRawBufferPointer, allocator: ByteBufferAllocator = ByteBufferAllocator()) {
        let length = bytes.count
        headerSize = length < 126 ? 2 : length <= Int(UInt16.max) ? 4 : 10
        encoded = allocator.buffer(capacity: headerSize + length)
        encoded.writeInteger(UInt8(0x81))
        switch headerSize {
        case 2: encoded.writeInteger(UInt8(length))
        case 4:
            encoded.writeInteger(UInt8(126))
            encoded.writeInteger(UInt16(length))
        default:
            encoded.writeInteger(UInt8(127))
            encoded.writeInteger(UInt64(length))
        }
        encoded.writeBytes(bytes)
    }

    /// The text alone, as the WebSocket library's encoder takes it.
    var payload: ByteBuffer {
        encoded.getSlice(at: encoded.readerIndex + headerSize, length: encoded.readableBytes - headerSize)
            ?? ByteBuffer()
    }

    var text: String { String(buffer: payload) }
}

/// Builds one JSON object, field by field, as the UTF-8 text of an ``OutboundFrame`` (appended to an array, byte
/// by byte where it must be: an array's appends are cheaper than a `ByteBuffer`'s, which checks its exclusive access
/// on each; the frame copies the bytes once).
struct JSONText {
    private var bytes: [UInt8] = []
    /// One bit per open object, innermost lowest: whether its next field needs a comma first.
    private var commas: UInt64 = 0

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Calls `body` with the UTF-8 text written so far.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        bytes.withUnsafeBytes(body)
    }

    /// Objects nest at most 64 deep (the relay's frames: 3).
    mutating func object(_ body: (inout JSONText) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        commas <<= 1
        body(&self)
        commas >>= 1
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func field(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        name(key)
        string(value)
    }

    mutating func field(_ key: StaticString, _ value: Int) {
        name(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func field(_ key: StaticString, _ value: Int?) {
        guard let value else { return }
        field(key, value)
    }

    mutating func field(_ key: StaticString, _ value: Double?) {
        guard let value else { return }
        name(key)
        // JSONEncoder writes integral doubles without a fraction (`1`, not `1.0`).
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    mutating func field(_ key: StaticString, _ value: Bool?) {
        guard let value else { return }
        name(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A date as ``Wire/timestamp(_:)`` writes it.
    mutating func field(_ key: StaticString, _ value: WireTimestamp?) {
        guard let value else { return }
        name(key)
        bytes.append(UInt8(ascii: "\""))
        Wire.withTimestamp(value.date) { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func field(_ key: StaticString, object body: (inout JSONText) -> Void) {
        name(key)
        object(body)
    }

    private mutating func name(_ key: StaticString) {
        if commas & 1 == 1 { bytes.append(UInt8(ascii: ",")) }
        commas |= 1
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: "\":".utf8)
    }

    /// A JSON string: quotes, backslashes and control characters escaped as `JSONEncoder` escapes them; `/` is not
    /// (``Wire/encode(_:)`` asks for `.withoutEscapingSlashes`).
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied whole.
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                escape(byte)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
        case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
        case 0x0A: bytes.append(contentsOf: "\\n".utf8)
        case 0x0D: bytes.append(contentsOf: "\\r".utf8)
        case 0x09: bytes.append(contentsOf: "\\t".utf8)
        case 0x08: bytes.append(contentsOf: "\\b".utf8)
        case 0x0C: bytes.append(contentsOf: "\\f".utf8)
        default:
            bytes.append(contentsOf: "\\u00".utf8)
            bytes.append(Self.hex[Int(byte >> 4)])
            bytes.append(Self.hex[Int(byte & 0x0F)])
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)
}

/// A date that a frame shows as ``Wire/timestamp(_:)`` writes it; hand-written frames write it without a `String`.
struct WireTimestamp: Encodable, Sendable {
    var date: Date

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Wire.timestamp(date))
    }
}

extension Wire {
    /// `2026-11-23T21:30:46.123Z`: the ISO 8601 form `Date.ISO8601FormatStyle` writes with fractional seconds,
    /// computed directly (the format style is slow enough to show in a profile of the relay). The date is rounded to
    /// the nearest millisecond, as the store keeps it, so a message shows the same time live and replayed (the format
    /// style cuts instead, and shows 12.691 s read back from the store as `12.690`).
    static func timestamp(_ date: Date) -> String {
        withTimestamp(date) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with ``timestamp(_:)``'s 24 bytes, written on the stack.
    static func withTimestamp<Result>(_ date: Date, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (days, dayMilliseconds) = totalMilliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (dayNumber, milliseconds) = dayMilliseconds < 0 ? (days - 1, dayMilliseconds + 86_400_000) : (days, dayMilliseconds)
        let (year, month, day) = civilDate(daysSince1970: dayNumber)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { text in
            var count = 0
            func append(_ byte: UInt8) {
                text[count] = byte
                count += 1
            }
            func digits(_ value: Int64, _ width: Int) {
                var divisor: Int64 = 1
                for _ in 1..<width { divisor *= 10 }
                var rest = value
                while divisor > 0 {
                    append(UInt8(ascii: "0") + UInt8(rest / divisor))
                    rest %= divisor
                    divisor /= 10
                }
            }
            digits(year, 4)
            append(UInt8(ascii: "-"))
            digits(month, 2)
            append(UInt8(ascii: "-"))
            digits(day, 2)
            append(UInt8(ascii: "T"))
            digits(milliseconds / 3_600_000, 2)
            append(UInt8(ascii: ":"))
            digits(milliseconds / 60_000 % 60, 2)
            append(UInt8(ascii: ":"))
            digits(milliseconds / 1000 % 60, 2)
            append(UInt8(ascii: "."))
            digits(milliseconds % 1000, 3)
            append(UInt8(ascii: "Z"))
            return body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[0..<count])))
        }
    }

    /// The proleptic Gregorian year, month and day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    private static func civilDate(daysSince1970: Int64) -> (Int64, Int64, Int64) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
