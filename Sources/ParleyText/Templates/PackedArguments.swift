internal import CICU

/// Template arguments laid out as the C function wants them: joined UTF-16 names and strings with lengths, a kind
/// and a number per argument.
struct PackedArguments {
    var names: [UInt16] = []
    var nameLengths: [Int32] = []
    var kinds: [Int32] = []
    var numbers: [Double] = []
    var strings: [UInt16] = []
    var stringLengths: [Int32] = []

    init(_ arguments: [(key: String, value: TemplateArgument)]) {
        for (name, value) in arguments {
            names.append(contentsOf: name.utf16)
            nameLengths.append(Int32(name.utf16.count))
            switch value {
            case .number(let number): append(kind: PARLEY_ICU_ARG_NUMBER, number: number, string: "")
            case .string(let string): append(kind: PARLEY_ICU_ARG_STRING, number: 0, string: string)
            case .date(let date):
                append(kind: PARLEY_ICU_ARG_DATE, number: LocaleFormatter.millis(date), string: "")
            }
        }
        names.append(0)
        strings.append(0)
    }

    private mutating func append(kind: Int, number: Double, string: String) {
        kinds.append(Int32(kind))
        numbers.append(number)
        strings.append(contentsOf: string.utf16)
        stringLengths.append(Int32(string.utf16.count))
    }

    func withPointers<R>(
        _ body: (
            UnsafePointer<UInt16>, UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Double>,
            UnsafePointer<UInt16>, UnsafePointer<Int32>
        ) throws(ICUError) -> R
    ) throws(ICUError) -> R {
        // Copies into buffers that live for the whole call, so every pointer is valid and non-nil.
        let buffers = (
            Self.copy(names), Self.copy(nameLengths), Self.copy(kinds), Self.copy(numbers), Self.copy(strings),
            Self.copy(stringLengths)
        )
        defer {
            buffers.0.deallocate()
            buffers.1.deallocate()
            buffers.2.deallocate()
            buffers.3.deallocate()
            buffers.4.deallocate()
            buffers.5.deallocate()
        }
        return try body(
            buffers.0.baseAddress!, buffers.1.baseAddress!, buffers.2.baseAddress!, buffers.3.baseAddress!,
            buffers.4.baseAddress!, buffers.5.baseAddress!)
    }

    private static func copy<T: BitwiseCopyable>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
        // An empty array gets one slot the C side never reads (it reads `count` items).
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(values.count, 1))
        _ = buffer.initialize(from: values)
        return buffer
    }
}
