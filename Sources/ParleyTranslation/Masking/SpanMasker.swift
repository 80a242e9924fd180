/// Replaces protected spans with numbered placeholders before an engine, puts them back after, and refuses an
/// engine output whose placeholders were tampered with.
///
/// ```swift
/// let masker = SpanMasker()
/// let masked = masker.mask("Bestellung #12345 kostet 19,99 €", style: .brackets)
/// // masked.text == "Bestellung ⟦1⟧ kostet ⟦2⟧"
/// let restored = try masker.unmask("Order ⟦1⟧ costs ⟦2⟧", masked, style: .brackets, engine: "x")
/// // "Order #12345 costs 19,99 €"
/// ```
///
/// ``unmask(_:_:style:strict:engine:)`` throws ``TranslationError/Code/brokenPlaceholders`` when a placeholder is
/// missing, duplicated, altered (an unknown number, a half-written bracket or tag), or when spans that stood side
/// by side in the source come back swapped (`@anna @ben` → `@ben @anna`): those are reordered beyond recovery.
/// Any other reordering is the engine's word order and is kept — numbers, not positions, identify spans.
public struct SpanMasker: Sendable {
    /// The kinds detected by themselves (do-not-translate terms come from the glossary matcher).
    public var kinds: Set<ProtectedSpan.Kind> {
        didSet { scanner = SpanScanner(kinds: kinds) }
    }
    /// The scanner for `kinds`, built once rather than on every call (its set lookups hash the kinds' names).
    private var scanner: SpanScanner

    public init(kinds: Set<ProtectedSpan.Kind> = ProtectedSpan.Kind.detectable) {
        self.kinds = kinds
        scanner = SpanScanner(kinds: kinds)
    }

    /// The spans of `text`, in order, as character ranges.
    public func spans(in text: [Character], doNotTranslate: GlossaryMatcher? = nil) -> [(Range<Int>, ProtectedSpan)] {
        spans(in: ClassifiedText(text), doNotTranslate: doNotTranslate)
    }

    func spans(in text: ClassifiedText, doNotTranslate: GlossaryMatcher? = nil) -> [(Range<Int>, ProtectedSpan)] {
        var found = scanner.scan(text)
        if let doNotTranslate, !doNotTranslate.isEmpty {
            for match in doNotTranslate.matches(in: text)
            where !found.contains(where: { $0.range.overlaps(match.range) }) {
                found.append((match.range, .doNotTranslate))
            }
            found.sort { $0.range.lowerBound < $1.range.lowerBound }
        }
        return found.map { ($0.range, ProtectedSpan(kind: $0.kind, original: text.string($0.range))) }
    }

    /// Masks `text`; placeholders are numbered from `firstID` in order of appearance. The rest of the text is
    /// escaped for `style`.
    public func mask(
        _ text: String, style: PlaceholderStyle, doNotTranslate: GlossaryMatcher? = nil, firstID: Int = 1
    ) -> MaskedText {
        let classified = ClassifiedText(text)
        let found = spans(in: classified, doNotTranslate: doNotTranslate)
        guard !found.isEmpty else { return MaskedText(text: style.escape(text), spans: [:]) }
        return Self.replace(classified, found, style: style, firstID: firstID)
    }

    /// Builds the masked text from spans found by any means (``GlossaryEnforcingTranslator`` uses it too).
    static func replace(
        _ text: ClassifiedText, _ found: [(Range<Int>, ProtectedSpan)], style: PlaceholderStyle, firstID: Int,
        escape: Bool = true
    ) -> MaskedText {
        let plain = escape ? style : .brackets
        guard !found.isEmpty else { return MaskedText(text: plain.escape(text.string(from: 0)), spans: [:]) }
        var masked = ""
        masked.reserveCapacity(text.utf8.count + 8 * found.count)
        var spans: [Int: ProtectedSpan] = [:]
        var position = 0
        for (offset, (range, span)) in found.enumerated() {
            masked += plain.escape(text.string(position..<range.lowerBound))
            masked += style.placeholder(firstID + offset)
            spans[firstID + offset] = span
            position = range.upperBound
        }
        masked += plain.escape(text.string(from: position))
        return MaskedText(text: masked, spans: spans)
    }

    /// Restores the spans of `masked` in an engine's `output`.
    ///
    /// - Parameter strict: `true` (the outermost masker) rejects every placeholder-like token it does not own and
    ///   unescapes the text; `false` (a nested masker) leaves foreign placeholders and escaping for the outer one,
    ///   and escapes what it inserts.
    public func unmask(
        _ output: String, _ masked: MaskedText, style: PlaceholderStyle, strict: Bool = true, engine: String
    ) throws -> String {
        guard !masked.spans.isEmpty || strict else { return output }
        let bytes = Array(output.utf8)
        if let tokens = style.byteTokens(in: bytes) {
            return try restore(tokens, masked, style: style, strict: strict, engine: engine, end: bytes.count) {
                String(decoding: bytes[$0], as: UTF8.self)
            }
        }
        let characters = ClassifiedText(output)
        return try restore(
            style.tokens(in: characters), masked, style: style, strict: strict, engine: engine,
            end: characters.count, piece: characters.string)
    }

    /// Puts the spans back at `tokens` (ranges in the unit `piece` cuts the output by: bytes or characters).
    private func restore(
        _ tokens: [PlaceholderStyle.Token], _ masked: MaskedText, style: PlaceholderStyle, strict: Bool,
        engine: String, end: Int, piece: (Range<Int>) -> String
    ) throws -> String {
        let own = try ownTokens(tokens, masked, strict: strict, engine: engine)
        try checkAdjacentOrder(own.map { $0.id! }, masked, style: style, engine: engine)
        var text = ""
        var position = 0
        for token in own {
            let between = piece(position..<token.range.lowerBound)
            let replacement = masked.spans[token.id!]!.replacement
            text += strict ? style.unescape(between) + replacement : between + style.escape(replacement)
            position = token.range.upperBound
        }
        let tail = piece(position..<end)
        return text + (strict ? style.unescape(tail) : tail)
    }

    private func ownTokens(
        _ tokens: [PlaceholderStyle.Token], _ masked: MaskedText, strict: Bool, engine: String
    ) throws -> [PlaceholderStyle.Token] {
        var seen = Set<Int>()
        var own: [PlaceholderStyle.Token] = []
        for token in tokens {
            guard let id = token.id, masked.spans[id] != nil else {
                if strict { throw Self.broken(engine, "an altered or unknown placeholder") }
                continue
            }
            guard seen.insert(id).inserted else { throw Self.broken(engine, "placeholder \(id) twice") }
            own.append(token)
        }
        if let missing = masked.spans.keys.sorted().first(where: { !seen.contains($0) }) {
            throw Self.broken(engine, "placeholder \(missing) missing")
        }
        return own
    }

    /// Spans adjacent in the source (nothing but spaces between their placeholders) must keep their order.
    private func checkAdjacentOrder(
        _ order: [Int], _ masked: MaskedText, style: PlaceholderStyle, engine: String
    )
        throws
    {
        guard order.count > 1 else { return }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let ids = masked.spans.keys.sorted()
        for (a, b) in zip(ids, ids.dropFirst()) where b == a + 1 {
            guard let pa = position[a], let pb = position[b], pa > pb else { continue }
            if adjacent(a, b, in: masked.text, style: style) {
                throw Self.broken(engine, "placeholders \(a) and \(b) swapped")
            }
        }
    }

    private func adjacent(_ a: Int, _ b: Int, in text: String, style: PlaceholderStyle) -> Bool {
        let first = style.placeholder(a)
        let second = style.placeholder(b)
        guard let end = text.firstRange(of: first)?.upperBound, let start = text.firstRange(of: second)?.lowerBound,
            end <= start
        else { return false }
        return text[end..<start].allSatisfy { $0 == " " }
    }

    static func broken(_ engine: String, _ detail: String) -> TranslationError {
        TranslationError(
            .brokenPlaceholders, engine: engine,
            message: "The engine's output has \(detail); the translation was discarded to keep protected text intact.")
    }
}
