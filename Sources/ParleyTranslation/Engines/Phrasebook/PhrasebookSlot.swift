/// A placeholder in a phrase, such as `{number}` or `{date}`: it captures a value in the source sentence, and the value
/// is re-rendered for the target language (numbers, dates, amounts) or copied verbatim (names, e-mails, URLs).
public enum PhrasebookSlot: String, Sendable, Hashable, CaseIterable, Comparable {
    case number, name, date, amount, email, url

    /// The placeholder as written in the phrasebook files, e.g. `{date}`.
    public var placeholder: String { "{\(rawValue)}" }

    /// Recognizes a placeholder as written in the phrasebook files.
    init?(placeholder: some StringProtocol) {
        guard placeholder.hasPrefix("{"), placeholder.hasSuffix("}") else { return nil }
        self.init(rawValue: String(placeholder.dropFirst().dropLast()))
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
