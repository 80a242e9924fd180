#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `malloc` this process really calls: the one the dynamic linker bound first, which every library in the
/// process (Swift's runtime, NIO, SQLite, ICU) shares. On Linux `parley` links jemalloc in place of the C library's
/// (see `Package.swift`); this compares the bound `malloc` with jemalloc's own, so a build whose link order let the C
/// library's win says so instead of claiming jemalloc.
enum MemoryAllocator {
    /// `jemalloc 5.3.0-0-g…`, or `the C library's malloc`.
    static var description: String {
        guard jemallocIsBound else { return "the C library's malloc" }
        return "jemalloc \(jemallocVersion() ?? "(version unknown)")"
    }

    /// Whether jemalloc is loaded and its `malloc` is the one the process resolves.
    private static var jemallocIsBound: Bool {
        guard let bound = dlsym(defaultHandle, "malloc"),
            let jemalloc = dlopen(jemallocLibrary, RTLD_LAZY | RTLD_NOLOAD)
        else { return false }
        defer { dlclose(jemalloc) }
        return dlsym(jemalloc, "malloc") == bound
    }

    #if canImport(Darwin)
    private static let jemallocLibrary = "libjemalloc.2.dylib"
    #else
    private static let jemallocLibrary = "libjemalloc.so.2"
    #endif

    /// jemalloc's own version string, through its `mallctl("version")`.
    private static func jemallocVersion() -> String? {
        // int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)
        typealias Mallctl =
            @convention(c) (
                UnsafePointer<CChar>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?,
                Int
            ) -> Int32
        guard let symbol = dlsym(defaultHandle, "mallctl") else { return nil }
        let mallctl = unsafeBitCast(symbol, to: Mallctl.self)
        var version: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        let status = withUnsafeMutablePointer(to: &version) { mallctl("version", $0, &size, nil, 0) }
        guard status == 0, let version else { return nil }
        return String(cString: version)
    }

    /// `RTLD_DEFAULT`: the global lookup, in the order the dynamic linker binds.
    private static var defaultHandle: UnsafeMutableRawPointer? {
        #if canImport(Darwin)
        UnsafeMutableRawPointer(bitPattern: -2)
        #else
        nil
        #endif
    }
}
