import Foundation
import ParleyLanguageID
import ParleyText

/// Reads stdin in blocks, detects each complete line, and writes `<lang>\t<confidence>` lines, flushing
/// whenever no more input is ready (so interactive use answers each line) and at end of input.
struct LineDetector {
    let detector: LanguageDetector
    let explain: Bool
    let probabilities: Bool
    let logits: Bool

    func run() {
        let names = detector.languages.map { Array($0.rawValue.utf8) }
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        var pending: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            pending.append(contentsOf: block[0..<count])
            var lineStart = 0
            pending.withUnsafeBufferPointer { bytes in
                while let newline = bytes[lineStart...].firstIndex(of: 0x0A) {
                    emit(UnsafeBufferPointer(rebasing: bytes[lineStart..<newline]), names, &output)
                    lineStart = newline + 1
                }
            }
            pending.removeFirst(lineStart)
            if output.count > 1 << 15 || !Self.inputReady() { Self.flush(&output) }
        }
        if !pending.isEmpty { pending.withUnsafeBufferPointer { emit($0, names, &output) } }
        Self.flush(&output)
    }

    private func emit(_ line: UnsafeBufferPointer<UInt8>, _ names: [[UInt8]], _ output: inout [UInt8]) {
        var line = line
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if explain || probabilities || logits {
            emitDetails(String(decoding: line, as: UTF8.self), &output)
            return
        }
        let (language, confidence) = detector.classify(utf8: line)
        output.append(contentsOf: language.map { names[$0] } ?? Array("und".utf8))
        output.append(0x09)
        output.append(contentsOf: Self.format(confidence).utf8)
        output.append(0x0A)
    }

    private func emitDetails(_ line: String, _ output: inout [UInt8]) {
        let detection = explain ? detector.explain(line) : detector.detect(line)
        var text = "\(detection.language)\t\(Self.format(Float(detection.confidence)))"
        if probabilities {
            text += "\t" + detection.guesses.map { "\($0.language)=\(Self.format(Float($0.confidence)))" }.joined(separator: " ")
        }
        if logits {
            text += "\t" + zip(detector.languages, detection.logits).map { "\($0)=\(String(format: "%.3f", $1))" }
                .joined(separator: " ")
        }
        if explain {
            let words = detection.evidence.prefix(5).map {
                "\($0) [" + $0.scores.map { String(format: "%.1f", $0) }.joined(separator: " ") + "]"
            }.joined(separator: "; ")
            text += "\t" + words
        }
        output.append(contentsOf: (text + "\n").utf8)
    }

    /// `0.xxx` with three decimals, without Foundation formatting.
    static func format(_ value: Float) -> String {
        let thousandths = Int((min(max(value, 0), 1) * 1000).rounded())
        if thousandths == 1000 { return "1.000" }
        let digits = String(thousandths)
        return "0." + String(repeating: "0", count: 3 - digits.count) + digits
    }

    private static func inputReady() -> Bool {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    private static func flush(_ output: inout [UInt8]) {
        var offset = 0
        output.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
        output.removeAll(keepingCapacity: true)
    }
}
