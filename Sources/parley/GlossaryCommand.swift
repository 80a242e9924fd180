import ArgumentParser
import Foundation
import ParleyText
import ParleyTranslation

/// `parley glossary lint|export|import`: the tools translators use on `Dictionaries/glossaries/*.tsv`.
struct GlossaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "Check, export and import terminology glossaries.",
        subcommands: [Lint.self, Export.self, Import.self]
    )

    /// `parley glossary lint [files...]`: every problem as `file:line: message` on stderr; exit 1 if any.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem in glossary files (default: Dictionaries/glossaries/*.tsv).")

        @Argument(help: "Glossary TSV files.") var files: [String] = []

        func run() throws {
            let paths = files.isEmpty ? defaultGlossaries() : files
            var problems = 0
            for path in paths {
                let found = GlossaryLoader().lint(path: path)
                problems += found.count
                for problem in found { printError(problem.description) }
                if found.isEmpty { print("\(path): ok") }
            }
            if problems > 0 {
                printError(
                    "\(problems) problem\(problems == 1 ? "" : "s") in \(paths.count) file\(paths.count == 1 ? "" : "s")"
                )
                throw ExitCode(1)
            }
        }

        private func defaultGlossaries() -> [String] {
            let directory = "Dictionaries/glossaries"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter { $0.hasSuffix(".tsv") }.sorted().map { "\(directory)/\($0)" }
        }
    }

    /// `parley glossary export --format tbx|deepl-csv [--from de --to tr] FILE`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a glossary as TBX (ISO 30042) or as DeepL CSV entries for one direction.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case tbx, deeplCSV = "deepl-csv" }

        @Option(help: "tbx or deepl-csv.") var format: Format
        @Option(help: "Source language (deepl-csv).") var from: String?
        @Option(help: "Target language (deepl-csv).") var to: String?
        @Option(name: .shortAndLong, help: "Write here instead of stdout.") var output: String?
        @Argument(help: "The glossary TSV file.") var file: String

        func run() throws {
            let glossary = try loadOrReport(file)
            let text: String
            switch format {
            case .tbx: text = TBXDocument.export(glossary)
            case .deeplCSV:
                guard let from = from.flatMap(LanguageCode.init(parsing:)),
                    let to = to.flatMap(LanguageCode.init(parsing:)),
                    from != to
                else {
                    throw ValidationError(
                        "deepl-csv needs --from and --to, two different languages, e.g. --from de --to tr.")
                }
                text = glossary.deepLCSV(LanguagePair(from, to))
            }
            try write(text, to: output)
        }
    }

    /// `parley glossary import file.tbx [--output FILE.tsv]`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Convert a TBX file into a glossary TSV.")

        @Argument(help: "The TBX file.") var file: String
        @Option(name: .shortAndLong, help: "Write the TSV here instead of stdout.") var output: String?

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file):0: cannot read the file")
                throw ExitCode(1)
            }
            do {
                let entries = try TBXDocument.entries(fromTBX: String(decoding: data, as: UTF8.self), file: file)
                let tsv = Glossary(name: "import", version: "", entries: entries).tsv()
                let name = output ?? file.replacingOccurrences(of: ".tbx", with: ".tsv")
                _ = try GlossaryLoader().parse(Array(tsv.utf8), file: name)
                try write(tsv, to: output)
            } catch let error as GlossaryLoadError {
                for problem in error.problems { printError(problem.description) }
                throw ExitCode(1)
            }
        }
    }
}

func loadOrReport(_ path: String) throws -> Glossary {
    do {
        return try GlossaryLoader().load(path: path)
    } catch let error as GlossaryLoadError {
        for problem in error.problems { printError(problem.description) }
        throw ExitCode(1)
    }
}

func write(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
        throw ValidationError("Cannot write \(path).")
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
