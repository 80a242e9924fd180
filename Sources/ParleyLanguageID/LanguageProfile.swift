internal import Foundation
public import ParleyText

/// One language's trained profile, as read from `Dictionaries/langid/<code>.profile`.
///
/// Format (little endian): `"PLID"`, `u16` version, `u16` reserved, 8 bytes language code; then three sections
/// (word forms, accent-stripped word forms, character n-grams), each `u32 count` followed by `count` entries of
/// varint key delta + one value byte; then `u32 count` diacritic letters of `u32 scalar` + one value byte.
/// Values are `round(-ln p × 8)`.
public struct LanguageProfile: Sendable {
    /// The format version this build reads.
    public static let formatVersion: UInt16 = 1

    /// The profile's language.
    public let language: LanguageCode
    var words = ProfileSection()
    var strippedWords = ProfileSection()
    var ngrams = ProfileSection()
    var letters: [ProfileLetter] = []

    /// Reads a profile file.
    public init(contentsOf path: String) throws(LanguageIDError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LanguageIDError(.profileMissing, "Cannot read language profile \(path); run `make dictionaries`.")
        }
        let parsed = data.withUnsafeBytes { raw in
            var reader = ByteReader(bytes: raw)
            return Result { () throws(LanguageIDError) in try LanguageProfile(reader: &reader) }
        }
        switch parsed {
        case .success(let profile): self = profile
        case .failure(let error): throw LanguageIDError(.profileMalformed, "\(path): \(error.message)")
        }
    }

    private init(reader: inout ByteReader) throws(LanguageIDError) {
        guard try reader.bytes(4) == Array("PLID".utf8) else { throw reader.failure("not a language profile") }
        let version = try reader.u16()
        guard version == Self.formatVersion else {
            throw reader.failure("format version \(version); this build reads \(Self.formatVersion)")
        }
        _ = try reader.u16()
        let code = try reader.bytes(8).prefix { $0 != 0 }
        language = LanguageCode(rawValue: String(decoding: code, as: UTF8.self))
        words = try Self.section(&reader)
        strippedWords = try Self.section(&reader)
        ngrams = try Self.section(&reader)
        let letterCount = try reader.u32()
        letters.reserveCapacity(Int(letterCount))
        for _ in 0..<letterCount { letters.append((try reader.u32(), try reader.u8())) }
    }

    private static func section(_ reader: inout ByteReader) throws(LanguageIDError) -> ProfileSection {
        let count = Int(try reader.u32())
        var section = ProfileSection()
        section.keys = [UInt32](repeating: 0, count: count)
        section.values = [UInt8](repeating: 0, count: count)
        let bytes = reader.bytes
        var offset = reader.offset
        var key: UInt32 = 0
        var malformed = false
        section.keys.withUnsafeMutableBufferPointer { keys in
            section.values.withUnsafeMutableBufferPointer { values in
                for index in 0..<count {
                    var delta: UInt32 = 0
                    var shift: UInt32 = 0
                    while offset < bytes.count && shift < 35 {
                        let byte = bytes[offset]
                        offset += 1
                        delta |= UInt32(byte & 0x7F) << shift
                        shift += 7
                        if byte & 0x80 == 0 { break }
                    }
                    guard offset < bytes.count else {
                        malformed = true
                        return
                    }
                    key &+= delta
                    keys[index] = key
                    values[index] = bytes[offset]
                    offset += 1
                }
            }
        }
        reader.offset = offset
        guard !malformed else { throw reader.failure("section of \(count) entries ends early") }
        return section
    }
}

/// One feature section of a profile: sorted feature hashes and their quantized values.
struct ProfileSection: Sendable {
    var keys: [UInt32] = []
    var values: [UInt8] = []
    var count: Int { keys.count }
}

/// Sequential little-endian reads with bounds checks.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    func failure(_ what: String) -> LanguageIDError {
        LanguageIDError(.profileMalformed, "byte \(offset): \(what)")
    }

    mutating func u8() throws(LanguageIDError) -> UInt8 {
        guard offset < bytes.count else { throw failure("unexpected end of file") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bytes(_ count: Int) throws(LanguageIDError) -> [UInt8] {
        guard offset + count <= bytes.count else { throw failure("unexpected end of file") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func u16() throws(LanguageIDError) -> UInt16 {
        UInt16(try u8()) | UInt16(try u8()) << 8
    }

    mutating func u32() throws(LanguageIDError) -> UInt32 {
        UInt32(try u16()) | UInt32(try u16()) << 16
    }

    mutating func u64() throws(LanguageIDError) -> UInt64 {
        UInt64(try u32()) | UInt64(try u32()) << 32
    }

    mutating func varint() throws(LanguageIDError) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let byte = try u8()
            guard shift < 32 else { throw failure("varint too long") }
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }
}
