/// Small XML helpers shared by placeholder parsing and TBX import: entity unescaping and tag scanning.
/// Not a validating parser; enough for the tags engines return and for TBX files.
enum XMLText {
    /// A start, end or empty-element tag found at an offset.
    struct Tag: Equatable {
        var name: String
        var attributes: [String: String]
        var closing: Bool
        var selfClosing: Bool
        /// Offset just past `>`.
        var end: Int
    }

    /// Parses the tag starting at `text[start] == "<"`, or `nil` when it is not a well-formed tag.
    static func tag(in text: [Character], at start: Int) -> Tag? {
        guard start < text.count, text[start] == "<" else { return nil }
        var i = start + 1
        let closing = i < text.count && text[i] == "/"
        if closing { i += 1 }
        let nameStart = i
        while i < text.count, text[i].isLetter || text[i].isNumber || ":_-.".contains(text[i]) { i += 1 }
        guard i > nameStart else { return nil }
        let name = String(text[nameStart..<i])
        var attributes: [String: String] = [:]
        while i < text.count {
            while i < text.count, text[i].isWhitespace { i += 1 }
            guard i < text.count else { return nil }
            if text[i] == ">" {
                return Tag(name: name, attributes: attributes, closing: closing, selfClosing: false, end: i + 1)
            }
            if text[i] == "/" {
                guard i + 1 < text.count, text[i + 1] == ">" else { return nil }
                return Tag(name: name, attributes: attributes, closing: closing, selfClosing: true, end: i + 2)
            }
            guard let (key, value, next) = attribute(in: text, at: i) else { return nil }
            attributes[key] = value
            i = next
        }
        return nil
    }

    private static func attribute(in text: [Character], at start: Int) -> (String, String, Int)? {
        var i = start
        while i < text.count, text[i].isLetter || text[i].isNumber || ":_-.".contains(text[i]) { i += 1 }
        guard i > start else { return nil }
        let key = String(text[start..<i])
        while i < text.count, text[i].isWhitespace { i += 1 }
        guard i < text.count, text[i] == "=" else { return nil }
        i += 1
        while i < text.count, text[i].isWhitespace { i += 1 }
        guard i < text.count, text[i] == "\"" || text[i] == "'" else { return nil }
        let quote = text[i]
        guard let close = text[(i + 1)...].firstIndex(of: quote) else { return nil }
        return (key, unescape(String(text[(i + 1)..<close])), close + 1)
    }

    /// Replaces `&amp; &lt; &gt; &quot; &apos; &#NN; &#xHH;`; unknown entities stay as written.
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let tail = rest[amp...]
            guard let semi = tail.prefix(12).firstIndex(of: ";"),
                let scalar = entity(tail[tail.index(after: amp)..<semi])
            else {
                out.append("&")
                rest = rest[rest.index(after: amp)...]
                continue
            }
            out.unicodeScalars.append(scalar)
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }

    private static func entity(_ name: Substring) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init)
        }
    }

    /// Escapes text content and attribute values (`& < > "`).
    static func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"".contains($0) }) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
