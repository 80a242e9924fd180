import ParleyTesting
import ParleyText
import Testing

@testable import ParleyTranslation

/// Property: whatever an engine does to the placeholders, a `MaskingTranslator` either delivers every protected
/// span exactly as written, or throws `brokenPlaceholders` — never a text with a span altered or lost.
@Suite struct SpanIntegrityPropertyTests {
    static let spanPool = [
        "#12345", "A-2024-0042", "DE12-3456", "19,99 €", "$5.00", "₺1.234,50", "https://shop.example.com/x?id=7",
        "anna@example.com", "`make test`", "🎉", "@operator_1", "Parley", "SwiftCart",
    ]
    static let wordPool = ["Hallo", "Ihre", "Bestellung", "kommt", "morgen", "und", "kostet", "bitte", "danke", "ist"]

    enum Sabotage: CaseIterable {
        case none, translateWords, reverse, moveFirst, drop, duplicate, renumber, breakSyntax, escape
    }

    static func text(_ rng: inout SeededGenerator) -> (String, [String]) {
        var parts: [String] = []
        var spans: [String] = []
        for _ in 0..<Int.random(in: 2...10, using: &rng) {
            if Bool.random(using: &rng) {
                let span = spanPool.randomElement(using: &rng)!
                spans.append(span)
                parts.append(span)
            } else {
                parts.append(wordPool.randomElement(using: &rng)!)
            }
        }
        return (parts.joined(separator: " "), spans)
    }

    static func sabotage(_ text: String, _ kind: Sabotage, style: PlaceholderStyle) -> String {
        let characters = Array(text)
        let tokens = style.tokens(in: characters)
        let pieces = tokens.map { String(characters[$0.range]) }
        guard let first = tokens.first else { return kind == .translateWords ? text.uppercased() : text }
        var out = characters
        switch kind {
        case .none: return text
        case .translateWords:
            return style == .brackets ? text.uppercased() : text.replacing("und", with: "and")
        case .reverse:
            var result = text
            for (token, piece) in zip(tokens, pieces.reversed()).reversed() {
                let range =
                    result.index(
                        result.startIndex, offsetBy: token.range.lowerBound)..<result.index(
                        result.startIndex, offsetBy: token.range.upperBound)
                result.replaceSubrange(range, with: piece)
            }
            return result
        case .moveFirst:
            out.removeSubrange(first.range)
            return String(out) + " " + pieces[0]
        case .drop:
            out.removeSubrange(first.range)
        case .duplicate:
            out.insert(contentsOf: Array(pieces[0]), at: first.range.lowerBound)
        case .renumber:
            out.replaceSubrange(first.range, with: Array(style.placeholder(77)))
        case .breakSyntax:
            out.removeSubrange((first.range.upperBound - 1)..<first.range.upperBound)
        case .escape:
            out.replaceSubrange(
                first.range, with: Array(pieces[0].replacing("<", with: "&lt;").replacing("⟦", with: "[")))
        }
        return String(out)
    }

    @Test(arguments: [PlaceholderStyle.brackets, .xml])
    func noEngineCanAlterOrDropASpan(_ style: PlaceholderStyle) async throws {
        let glossary = try shopGlossary()
        var rng = SeededGenerator(seed: style == .xml ? 42 : 7)
        var delivered = 0
        var refused = 0
        for iteration in 0..<400 {
            let (text, spans) = Self.text(&rng)
            let kind = Sabotage.allCases.randomElement(using: &rng)!
            let engine = ScriptedTranslator("hostile", style: style) { masked, _ in
                TranslatedSegment(text: Self.sabotage(masked, kind, style: style), quality: .machine)
            }
            let translator = MaskingTranslator(wrapping: engine)
            let request = TranslationRequest(segments: [text], pair: deEN, glossary: glossary)
            do {
                let output = try await translator.translate(request).segments[0].text
                delivered += 1
                for span in Set(spans) {
                    let expected = spans.filter { $0 == span }.count
                    #expect(
                        output.occurrences(of: span) >= expected,
                        "iteration \(iteration) (\(kind)): span \(span) altered in \(output)")
                }
                if kind == .drop || kind == .duplicate || kind == .renumber || kind == .breakSyntax || kind == .escape {
                    #expect(spans.isEmpty, "iteration \(iteration): \(kind) was not detected for \(text)")
                }
            } catch let error as TranslationError {
                #expect(error.code == .brokenPlaceholders)
                #expect(kind != .none && kind != .translateWords, "iteration \(iteration): refused a faithful engine")
                refused += 1
            }
        }
        #expect(delivered > 50 && refused > 50)
    }
}

extension String {
    /// How many times `separator` occurs (pieces − 1).
    fileprivate func occurrences(of separator: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
