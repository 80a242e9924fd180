#if os(Linux)
import Glibc
#endif

/// The `malloc` this process really calls: the one the dynamic linker bound first, which every library in the
/// process (Swift's runtime, NIO, SQLite, ICU) shares. On Linux `parley` links jemalloc in place of the C library's
/// (see `Package.swift`); this compares the bound `malloc` with jemalloc's own, so a build whose link order let the C
/// library's win says so instead of claiming jemalloc.
enum MemoryAllocator {
    /// `jemalloc 5.3.0-0-g…`, or `the C library's malloc`.
    static var description: String {
        #if os(Linux)
        // `nil` is RTLD_DEFAULT: the global lookup, in the order the dynamic linker binds.
        guard let bound = dlsym(nil, "malloc"), let jemalloc = dlopen("libjemalloc.so.2", RTLD_LAZY | RTLD_NOLOAD)
        else { return "the C library's malloc" }
        defer { dlclose(jemalloc) }
        guard dlsym(jemalloc, "malloc") == bound else { return "the C library's malloc" }
        return "jemalloc \(version(mallctl: dlsym(jemalloc, "mallctl")) ?? "(version unknown)")"
        #else
        return "the system's malloc"
        #endif
    }

    #if os(Linux)
    /// jemalloc's own version string, through its `mallctl("version")`.
    private static func version(mallctl symbol: UnsafeMutableRawPointer?) -> String? {
        // int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)
        typealias Mallctl =
            @convention(c) (
                UnsafePointer<CChar>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?,
                Int
            ) -> Int32
        guard let symbol else { return nil }
        let mallctl = unsafeBitCast(symbol, to: Mallctl.self)
        var version: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        let status = withUnsafeMutablePointer(to: &version) { mallctl("version", $0, &size, nil, 0) }
        guard status == 0, let version else { return nil }
        return String(cString: version)
    }
    #endif
}
