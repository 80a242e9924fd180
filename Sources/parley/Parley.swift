import ArgumentParser
import ParleyText

/// The `parley` command: the relay server and the tools around it.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Parley — a real-time translation chat relay for websites.",
        discussion: "Visitors write in their language, operators answer in theirs; Parley translates between them.",
        version: ParleyVersion.string,
        subcommands: [ServeCommand.self, OperatorCommand.self, DetectCommand.self, TranslateCommand.self,
                      GlossaryCommand.self, PipelineBenchCommand.self]
    )
}

/// The version of this build of Parley.
enum ParleyVersion {
    static let number = "0.1.0"
    static var string: String { "parley \(number) (ICU \(ICU.version), \(MemoryAllocator.description))" }
}
