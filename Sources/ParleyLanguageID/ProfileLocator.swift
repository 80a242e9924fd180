internal import Foundation

/// Finds the `Dictionaries/langid` directory the profiles ship in.
public enum ProfileLocator {
    /// The environment variable that names a profile directory explicitly.
    public static let environmentKey = "PARLEY_LANGID_PROFILES"

    /// `$PARLEY_LANGID_PROFILES` if set; else the first `Dictionaries/langid` found walking up from the current
    /// directory, then from the running executable's directory; else `nil`.
    public static func defaultDirectory() -> String? {
        if let explicit = ProcessInfo.processInfo.environment[environmentKey], !explicit.isEmpty { return explicit }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent().path
        for start in [FileManager.default.currentDirectoryPath, executable] {
            if let found = search(upwardFrom: start) { return found }
        }
        return nil
    }

    /// The first `Dictionaries/langid` holding a `fold.tsv` in `start` or one of its parents.
    public static func search(upwardFrom start: String) -> String? {
        var directory = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            let candidate = directory.appendingPathComponent("Dictionaries/langid")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("fold.tsv").path) {
                return candidate.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }
}
