internal import Foundation

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A file read front to back straight into the caller's arrays: one `read` per array, no intermediate `Data`.
struct RawFileReader: ~Copyable {
    let path: String
    /// The file's length in bytes when it was opened.
    let size: Int
    private(set) var offset = 0
    private let descriptor: Int32

    /// Opens `path`; `nil` when there is no such file.
    init?(path: String) throws(LanguageIDError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw LanguageIDError(.profileMissing, "Cannot open \(path) (errno \(errno)).")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw LanguageIDError(.profileMissing, "Cannot read the size of \(path) (errno \(errno)).")
        }
        self.path = path
        self.descriptor = descriptor
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// The next `count` bytes.
    mutating func bytes(_ count: Int) throws(LanguageIDError) -> [UInt8] {
        try array(of: UInt8.self, count: count)
    }

    /// The next `count` 32-bit words, as stored (little endian).
    mutating func words(_ count: Int) throws(LanguageIDError) -> [UInt32] {
        try array(of: UInt32.self, count: count)
    }

    private mutating func array<Element: FixedWidthInteger>(
        of type: Element.Type, count: Int
    ) throws(LanguageIDError) -> [Element] {
        let length = count * MemoryLayout<Element>.size
        guard count >= 0, offset + length <= size else {
            throw LanguageIDError(
                .profileMalformed,
                "\(path): the file is \(size) bytes but needs \(offset + length) (truncated?); run `make dictionaries`."
            )
        }
        var filled = 0
        let result = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            while filled < length {
                let got = read(descriptor, raw.baseAddress! + filled, length - filled)
                guard got > 0 else { break }
                filled += got
            }
            initialized = filled == length ? count : 0
        }
        guard filled == length else {
            throw LanguageIDError(
                .profileMalformed, "\(path): read failed at byte \(offset + filled) (errno \(errno)).")
        }
        offset += length
        return result
    }
}
