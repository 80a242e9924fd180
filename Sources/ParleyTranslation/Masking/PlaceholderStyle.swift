/// How placeholders for protected spans are written so an engine passes them through untouched.
///
/// - ``brackets``: `⟦1⟧` — for engines that treat text as text (phrasebook, word lists).
/// - ``xml``: `<x id="1"/>` — for DeepL with `tag_handling=xml` + `ignore_tags=x` and LibreTranslate with
///   `format=html`. The rest of the text is XML-escaped on the way in and unescaped on the way out.
public struct PlaceholderStyle: Sendable, Hashable, CustomStringConvertible {
    private enum Base: Hashable { case brackets, xml }
    private let base: Base

    public static let brackets = PlaceholderStyle(base: .brackets)
    public static let xml = PlaceholderStyle(base: .xml)

    public var description: String { base == .brackets ? "brackets" : "xml" }

    /// The placeholder for span number `id`.
    public func placeholder(_ id: Int) -> String {
        base == .brackets ? "⟦\(id)⟧" : "<x id=\"\(id)\"/>"
    }

    /// Escapes plain text for the engine (XML entities in ``xml`` style; nothing in ``brackets`` style).
    public func escape(_ text: String) -> String {
        // The byte test is a superset of the character test (`&` with a combining mark is not `&`): where it finds a
        // byte but no such character, the loop below copies the text unchanged.
        guard base == .xml, text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Undoes ``escape(_:)`` and the entities engines like to add (`&quot;`, `&#39;`, `&#x27;`).
    public func unescape(_ text: String) -> String {
        guard base == .xml, text.utf8.contains(0x26) else { return text }
        return XMLText.unescape(text)
    }

    /// A placeholder-like token in an engine's output: its character offsets and number (`nil` when mangled).
    struct Token: Hashable {
        var range: Range<Int>
        var id: Int?
    }

    /// Every placeholder-like token in `text`, left to right.
    func tokens(in text: [Character]) -> [Token] { tokens(in: ClassifiedText(text)) }

    func tokens(in text: ClassifiedText) -> [Token] {
        base == .brackets ? bracketTokens(text) : xmlTokens(text)
    }

    private func bracketTokens(_ text: ClassifiedText) -> [Token] {
        var result: [Token] = []
        var i = 0
        while i < text.count {
            if text.classes[i].contains(.closeBracket) {
                result.append(Token(range: i..<(i + 1), id: nil))
            } else if text.classes[i].contains(.openBracket) {
                let window = (i + 1)..<min(text.count, i + 13)
                let end = window.first { !text.classes[$0].isDisjoint(with: [.openBracket, .closeBracket]) }
                guard let end, text.classes[end].contains(.closeBracket) else {
                    result.append(Token(range: i..<(i + 1), id: nil))
                    i += 1
                    continue
                }
                result.append(Token(range: i..<(end + 1), id: Self.number(text, (i + 1)..<end)))
                i = end
            }
            i += 1
        }
        return result
    }

    /// The bracket tokens of a text as UTF-8 byte ranges, found on the bytes alone; `nil` for the XML style and
    /// where only the character parser knows (a bracket beside a non-ASCII character or inside a window holding
    /// one or a carriage return). Where it answers, it answers as ``tokens(in:)`` would, in bytes.
    func byteTokens(in utf8: [UInt8]) -> [Token]? {
        guard base == .brackets else { return Self.xmlByteTokens(utf8) }
        var result: [Token] = []
        var p = 0
        while p < utf8.count {
            guard let bracket = Self.bracket(utf8, p) else {
                p += 1
                continue
            }
            guard Self.standsAlone(utf8, p) else { return nil }
            if !bracket {
                result.append(Token(range: p..<(p + 3), id: nil))
                p += 3
                continue
            }
            var q = p + 3
            var characters = 0
            while q < utf8.count, characters < 12, Self.bracket(utf8, q) == nil {
                guard utf8[q] < 0x80, utf8[q] != 13 else { return nil }
                q += 1
                characters += 1
            }
            guard q < utf8.count, characters < 12, Self.bracket(utf8, q) == false else {
                result.append(Token(range: p..<(p + 3), id: nil))
                p += 3
                continue
            }
            guard Self.standsAlone(utf8, q) else { return nil }
            result.append(Token(range: p..<(q + 3), id: Self.number(utf8[(p + 3)..<q])))
            p = q + 3
        }
        return result
    }

    /// XML placeholders written exactly as ``placeholder(_:)`` writes them (`<x id="12"/>`), between ASCII bytes;
    /// `nil` when any `<` is something else (the character parser then reads engine variants such as `<X id='1'>`).
    private static func xmlByteTokens(_ utf8: [UInt8]) -> [Token]? {
        var result: [Token] = []
        let prefix = Array(#"<x id=""#.utf8)
        let suffix = Array(#""/>"#.utf8)
        var p = 0
        while let open = utf8[p...].firstIndex(of: UInt8(ascii: "<")) {
            guard open == 0 || utf8[open - 1] < 0x80, utf8[open...].starts(with: prefix) else { return nil }
            var q = open + prefix.count
            while q < utf8.count, utf8[q] >= 48, utf8[q] <= 57 { q += 1 }
            let digits = utf8[(open + prefix.count)..<q]
            guard !digits.isEmpty, digits.count < 16, utf8[q...].starts(with: suffix) else { return nil }
            let end = q + suffix.count
            guard end == utf8.count || utf8[end] < 0x80 else { return nil }
            let value = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
            result.append(Token(range: open..<end, id: value > 0 ? value : nil))
            p = end
        }
        return result
    }

    /// `true` for `⟦` (E2 9F A6), `false` for `⟧` (E2 9F A7) at byte `p`, else `nil`.
    private static func bracket(_ utf8: [UInt8], _ p: Int) -> Bool? {
        guard p + 2 < utf8.count, utf8[p] == 0xE2, utf8[p + 1] == 0x9F, utf8[p + 2] == 0xA6 || utf8[p + 2] == 0xA7
        else { return nil }
        return utf8[p + 2] == 0xA6
    }

    /// Whether the bracket at `p` is a character of its own for sure: ASCII, a bracket or an end on both sides.
    private static func standsAlone(_ utf8: [UInt8], _ p: Int) -> Bool {
        let before = p == 0 || utf8[p - 1] < 0x80 || (p >= 3 && bracket(utf8, p - 3) != nil)
        let after = p + 3 == utf8.count || utf8[p + 3] < 0x80 || bracket(utf8, p + 3) != nil
        return before && after
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        if !bytes.isEmpty, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let value = bytes.reduce(0) { $0 * 10 + Int($1 - 48) }
            return value > 0 ? value : nil
        }
        return Int(String(decoding: bytes, as: UTF8.self).trimmingSpaces).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The positive number written in `range` (spaces around it allowed), or `nil`.
    private static func number(_ text: ClassifiedText, _ range: Range<Int>) -> Int? {
        if !range.isEmpty, range.allSatisfy({ text.isASCIIDigit($0) }) {
            let value = range.reduce(0) { $0 * 10 + Int(text.code($1) - 48) }
            return value > 0 ? value : nil
        }
        let digits = text.string(range).trimmingSpaces
        return Int(digits).flatMap { $0 > 0 ? $0 : nil }
    }

    private func xmlTokens(_ classified: ClassifiedText) -> [Token] {
        var result: [Token] = []
        let text = classified.characters
        var i = 0
        while i < text.count {
            guard classified.code(i) == UInt8(ascii: "<"), let tag = XMLText.tag(in: text, at: i),
                tag.name.lowercased() == "x"
            else {
                i += 1
                continue
            }
            var end = tag.end
            if !tag.selfClosing && !tag.closing, let close = XMLText.tag(in: text, at: end), close.closing,
                close.name.lowercased() == "x"
            {
                end = close.end
            }
            let id = tag.closing ? nil : tag.attributes["id"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            result.append(Token(range: i..<end, id: id))
            i = end
        }
        return result
    }
}

extension String {
    var trimmingSpaces: String {
        String(self.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
