/// Hostile rewrites of `<x id="N"/>` tags, for the placeholder behaviours of the test servers.
enum PlaceholderSabotage {
    static func apply(_ behaviour: TestServerBehaviour, to text: String) -> String {
        let tags = tagRanges(text)
        guard let first = tags.first else { return text }
        let tag = String(text[first])
        switch behaviour {
        case .reorderPlaceholders:
            var out = text
            out.removeSubrange(first)
            return out + " " + tag
        case .swapPlaceholders:
            guard tags.count > 1 else { return text }
            let second = String(text[tags[1]])
            var out = text
            out.replaceSubrange(tags[1], with: tag)
            out.replaceSubrange(first, with: second)
            return out
        case .dropPlaceholder:
            var out = text
            out.removeSubrange(first)
            return out
        case .duplicatePlaceholder:
            var out = text
            out.replaceSubrange(first, with: tag + " " + tag)
            return out
        case .manglePlaceholder:
            var out = text
            out.replaceSubrange(first, with: tag.replacing("<", with: "&lt;").replacing(">", with: "&gt;"))
            return out
        case .renumberPlaceholder:
            var out = text
            out.replaceSubrange(first, with: tag.replacing("id=\"", with: "id=\"9"))
            return out
        default:
            return text
        }
    }

    static func tagRanges(_ text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var index = text.startIndex
        while let start = text[index...].firstIndex(of: "<") {
            guard let end = text[start...].firstIndex(of: ">") else { break }
            let range = start..<text.index(after: end)
            if text[range].hasPrefix("<x") { result.append(range) }
            index = range.upperBound
        }
        return result
    }
}
