/// Up to three Unicode scalar values packed into one integer (21 bits each); the output of folding one scalar.
struct PackedScalars: Hashable, Sendable {
    var raw: UInt64 = 0
    var count: Int = 0

    init() {}

    init?(_ scalars: some Sequence<Unicode.Scalar>) {
        for scalar in scalars {
            guard count < 3 else { return nil }
            raw |= UInt64(scalar.value) << (21 * UInt64(count))
            count += 1
        }
    }

    /// The scalar at `index` (0..<count).
    @inline(__always) subscript(index: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: (raw >> (21 * UInt64(index))) & 0x1F_FFFF)
    }
}

/// How one Unicode scalar takes part in tokenizing and folding.
struct FoldEntry: Sendable {
    enum Kind: UInt8, Sendable {
        /// Ends a token: spaces, punctuation, symbols, emoji.
        case separator
        /// A Latin (or covered) letter with its folded forms.
        case letter
        /// A combining mark: dropped, the token goes on.
        case mark
        /// A decimal digit.
        case digit
        /// An apostrophe: ends a token ("geht's" → "geht", "s").
        case apostrophe
        /// A letter of a script the table does not cover (Cyrillic, Han, ...): kept, but no profile knows it.
        case otherLetter
    }

    var kind: Kind
    /// NFKC + lowercase with diacritics kept; `I` and `İ` both give `i`.
    var marked: PackedScalars
    /// NFKD + case fold with diacritics removed (`ß` → `ss`, `ı` → `i`).
    var stripped: PackedScalars

    /// True when the scalar carries a diacritic or a language-specific letter form.
    var hasMark: Bool { marked != stripped }

    static let separator = FoldEntry(kind: .separator, marked: PackedScalars(), stripped: PackedScalars())
}

/// The scalar → folded-form table the detector applies in one pass over a message (no per-message Foundation work).
///
/// Loaded from `fold.tsv` beside the profiles; the training script writes the same table it trains with, so the
/// detector and its profiles always fold alike. Scalars outside the table are classified by Unicode properties.
struct FoldTable: Sendable {
    static let denseLimit: UInt32 = 0x250
    private var dense: [FoldEntry]
    private var sparse: [UInt32: FoldEntry]

    /// Parses `fold.tsv`: `scalar-hex \t class \t marked \t stripped` per line, `#` comments.
    init(tsv: String, source: String) throws(LanguageIDError) {
        dense = Array(repeating: .separator, count: Int(Self.denseLimit))
        sparse = [:]
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let value = UInt32(fields[0], radix: 16), let kind = Self.kind(fields[1]),
                let marked = PackedScalars(fields[2].unicodeScalars),
                let stripped = PackedScalars(fields[3].unicodeScalars)
            else {
                throw LanguageIDError(.profileMalformed, "\(source):\(number + 1): expected 'hex\\tclass\\tmarked\\tstripped'")
            }
            let entry = FoldEntry(kind: kind, marked: marked, stripped: stripped)
            if value < Self.denseLimit { dense[Int(value)] = entry } else { sparse[value] = entry }
        }
    }

    private static func kind(_ field: Substring) -> FoldEntry.Kind? {
        switch field {
        case "L": .letter
        case "M": .mark
        case "D": .digit
        case "A": .apostrophe
        case "S": .separator
        default: nil
        }
    }

    /// The entry for one scalar value.
    @inline(__always) func entry(_ value: UInt32) -> FoldEntry {
        if value < Self.denseLimit { return dense[Int(value)] }
        if let entry = sparse[value] { return entry }
        return Self.classify(value)
    }

    private static func classify(_ value: UInt32) -> FoldEntry {
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark:
            return FoldEntry(kind: .mark, marked: PackedScalars(), stripped: PackedScalars())
        case .decimalNumber:
            return FoldEntry(kind: .digit, marked: PackedScalars(), stripped: PackedScalars())
        case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter:
            let one = PackedScalars(CollectionOfOne(scalar)) ?? PackedScalars()
            return FoldEntry(kind: .otherLetter, marked: one, stripped: one)
        default:
            return .separator
        }
    }
}
