internal import Foundation
internal import ParleyText

#if _endian(big)
#error("merged.table stores its slots little endian, as they lie in memory; a big-endian build must byte-swap them")
#endif

extension MergedTable {
    /// The file's bytes (see ``MergedTable`` for the format).
    func encoded() -> [UInt8] {
        var body = metadata()
        body.reserveCapacity(body.count + (words.storage.count + ngrams.storage.count) * 4)
        words.storage.withUnsafeBytes { body.append(contentsOf: $0) }
        ngrams.storage.withUnsafeBytes { body.append(contentsOf: $0) }
        var header = ByteWriter()
        header.append(Self.magic)
        header.u16(Self.formatVersion)
        header.u16(0)
        header.u64(UInt64(Self.headerLength + body.count))
        header.u64(body.withUnsafeBytes { Checksum.of($0) })
        return header.bytes + body
    }

    private func metadata() -> [UInt8] {
        var writer = ByteWriter()
        writer.u32(0)  // its length, set below
        writer.u32(UInt32(sources.count))
        for (source, letters) in zip(sources, letters) {
            let code = Array(source.language.rawValue.utf8.prefix(8))
            writer.append(code + Array(repeating: 0, count: 8 - code.count))
            writer.u64(source.length)
            writer.u64(source.checksum)
            writer.u32(UInt32(letters.count))
            for letter in letters {
                writer.u32(letter.scalar)
                writer.u32(UInt32(letter.value))
            }
        }
        for table in [words, ngrams] {
            writer.u32(UInt32(table.bits))
            writer.u32(UInt32(table.count))
        }
        while writer.bytes.count % 8 != 0 { writer.append([0]) }
        withUnsafeBytes(of: UInt32(writer.bytes.count).littleEndian) { writer.bytes.replaceSubrange(0..<4, with: $0) }
        return writer.bytes
    }

    /// Reads ``fileName`` from `directory`; `nil` when there is none. Checks format, length and checksum, but not
    /// the profiles (``verifySources(in:tablePath:)``).
    static func read(directory: String) throws(LanguageIDError) -> MergedTable? {
        let path = directory + "/" + fileName
        guard var file = try RawFileReader(path: path) else { return nil }
        func damaged(_ what: String) -> LanguageIDError {
            LanguageIDError(.profileMalformed, "\(path): \(what); run `make dictionaries`.")
        }
        let (length, checksum) = try header(try file.bytes(headerLength), damaged)
        guard length == file.size else {
            throw damaged("the header says \(length) bytes but the file has \(file.size) (truncated or overwritten)")
        }
        var metadata = try file.bytes(8)
        let metadataLength = Int(UInt32(littleEndian: metadata.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
        guard metadataLength >= 8, metadataLength % 8 == 0 else { throw damaged("bad metadata length") }
        metadata += try file.bytes(metadataLength - 8)
        let parsed = try parse(metadata, damaged)
        let words = try file.words((1 << parsed.shapes[0].bits) * (1 + (parsed.sources.count + 3) / 4))
        let ngrams = try file.words((1 << parsed.shapes[1].bits) * (1 + (parsed.sources.count + 3) / 4))
        var sum = Checksum()
        metadata.withUnsafeBytes { sum.update($0) }
        sum.update(words)
        sum.update(ngrams)
        guard sum.state == checksum else { throw damaged("checksum mismatch: the file is damaged") }
        return try assemble(parsed, words: words, ngrams: ngrams, damaged)
    }

    private static func header(
        _ bytes: [UInt8], _ damaged: (String) -> LanguageIDError
    ) throws(LanguageIDError) -> (length: Int, checksum: UInt64) {
        let fields = bytes.withUnsafeBytes { raw in
            var reader = ByteReader(bytes: raw)
            return Result { () throws(LanguageIDError) in
                (try reader.bytes(4), try reader.u16(), try reader.u16(), try reader.u64(), try reader.u64())
            }
        }
        guard case .success(let (magic, version, _, length, checksum)) = fields, magic == Self.magic else {
            throw damaged("not a merged language table")
        }
        guard version == formatVersion else {
            throw damaged("format version \(version); this build reads \(formatVersion)")
        }
        return (Int(clamping: length), checksum)
    }

    private typealias Parsed = (sources: [Source], letters: [[ProfileLetter]], shapes: [(bits: Int, count: Int)])

    private static func parse(
        _ metadata: [UInt8], _ damaged: (String) -> LanguageIDError
    ) throws(LanguageIDError) -> Parsed {
        let parsed = metadata.withUnsafeBytes { raw in
            var reader = ByteReader(bytes: raw, offset: 4)
            return Result { () throws(LanguageIDError) -> Parsed in try parse(&reader) }
        }
        switch parsed {
        case .success(let parsed):
            guard (1...LanguageModel.maxLanguages).contains(parsed.sources.count),
                parsed.shapes.allSatisfy({ (10...30).contains($0.bits) })
            else { throw damaged("bad language count or table size") }
            return parsed
        case .failure(let error): throw damaged(error.message)
        }
    }

    private static func parse(_ reader: inout ByteReader) throws(LanguageIDError) -> Parsed {
        let count = try reader.u32()
        guard count <= LanguageModel.maxLanguages else { throw reader.failure("\(count) languages") }
        var result: Parsed = ([], [], [])
        for _ in 0..<count {
            let code = try reader.bytes(8).prefix { $0 != 0 }
            let language = LanguageCode(rawValue: String(decoding: code, as: UTF8.self))
            result.sources.append(Source(language: language, length: try reader.u64(), checksum: try reader.u64()))
            var letters: [ProfileLetter] = []
            for _ in 0..<(try reader.u32()) {
                let scalar = try reader.u32()
                letters.append((scalar, UInt8(truncatingIfNeeded: try reader.u32())))
            }
            result.letters.append(letters)
        }
        for _ in 0..<2 { result.shapes.append((Int(try reader.u32()), Int(try reader.u32()))) }
        return result
    }

    private static func assemble(
        _ parsed: Parsed, words: [UInt32], ngrams: [UInt32], _ damaged: (String) -> LanguageIDError
    ) throws(LanguageIDError) -> MergedTable {
        let languageCount = parsed.sources.count
        guard
            let wordTable = FeatureTable(
                bits: parsed.shapes[0].bits, languageCount: languageCount, count: parsed.shapes[0].count, slots: words),
            let ngramTable = FeatureTable(
                bits: parsed.shapes[1].bits, languageCount: languageCount, count: parsed.shapes[1].count,
                slots: ngrams)
        else { throw damaged("the stored table sizes do not fit together") }
        return MergedTable(sources: parsed.sources, letters: parsed.letters, words: wordTable, ngrams: ngramTable)
    }
}

/// Little-endian appends to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append(_ more: [UInt8]) { bytes += more }
    mutating func u16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
}
