import ArgumentParser
import Foundation
import ParleyLanguageID
import ParleyText

/// `parley detect`: the language of each stdin line, as `<lang>\t<confidence>`.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Print the language of each UTF-8 line on standard input as '<lang>\\t<confidence>'.",
        discussion: """
            Streams: reads large blocks, writes results whenever input pauses and at the end. <lang> is one of the \
            configured languages or 'und' when a line carries no language (emoji, numbers, links, "ok").
            """
    )

    @Option(help: "Comma-separated languages to choose among (default: every profile).")
    var languages: String?

    @Option(
        help: "Directory with the language profiles (default: \(ProfileLocator.environmentKey) or Dictionaries/langid)."
    )
    var profiles: String?

    @Flag(help: "Also print the words that decided each line (slower).")
    var explain = false

    @Flag(help: "Append every language's probability ('de=0.981 en=0.012 ...') to each line.")
    var probabilities = false

    @Flag(help: "Append every language's calibrated log-odds ('de=-1.20 ...'), for calibration tools.")
    var logits = false

    @Flag(help: "Measure instead of printing: load time, resident model size, messages/s over stdin's lines.")
    var benchmark = false

    @Option(help: "Seconds to run the --benchmark loop.")
    var seconds: Double = 3

    @Flag(help: "Rebuild \(MergedTable.fileName) from every profile in the profile directory, then exit.")
    var writeTable = false

    func run() throws {
        guard let directory = profiles ?? ProfileLocator.defaultDirectory() else {
            throw ValidationError(
                "No language profiles found; pass --profiles or set \(ProfileLocator.environmentKey).")
        }
        if writeTable {
            do {
                print("wrote \(try MergedTable.write(profileDirectory: directory))")
            } catch {
                throw ValidationError(error.message)
            }
            return
        }
        let chosen = try languages.map { try Self.parseLanguages($0) }
        let started = ContinuousClock.now
        let startedCPU = DetectBenchmark.threadCPUSeconds()
        let detector: LanguageDetector
        do {
            detector = try LanguageDetector(profileDirectory: directory, languages: chosen)
        } catch {
            throw ValidationError(error.message)
        }
        let loadTime = ContinuousClock.now - started
        let loadCPU = DetectBenchmark.threadCPUSeconds() - startedCPU
        if benchmark {
            DetectBenchmark(detector: detector, loadTime: loadTime, loadCPUSeconds: loadCPU, seconds: seconds).run()
        } else {
            LineDetector(detector: detector, explain: explain, probabilities: probabilities, logits: logits).run()
        }
    }

    static func parseLanguages(_ list: String) throws -> [LanguageCode] {
        try list.split(separator: ",").map { tag in
            guard let code = LanguageCode(parsing: tag.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("'\(tag)' is not a language tag; expected e.g. de,en,et,tr.")
            }
            return code
        }
    }
}
