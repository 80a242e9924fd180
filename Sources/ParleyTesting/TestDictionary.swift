import ParleyText
public import ParleyTranslation

/// The "engine" inside the test servers: replaces whole words found in a per-direction word list (keeping an
/// initial capital), leaves every other character — tags, spaces, punctuation, unknown words — as it was.
public struct TestDictionary: Sendable {
    public var words: [LanguagePair: [String: String]]

    public init(words: [LanguagePair: [String: String]] = [:]) {
        self.words = words
    }

    /// A few shop words in all 12 directions (greeting, "order", "thanks", "cart", "delivery").
    public static let shop: TestDictionary = {
        let concepts: [[LanguageCode: String]] = [
            [.german: "hallo", .english: "hello", .estonian: "tere", .turkish: "merhaba"],
            [.german: "danke", .english: "thanks", .estonian: "aitäh", .turkish: "teşekkürler"],
            [.german: "und", .english: "and", .estonian: "ja", .turkish: "ve"],
            [.german: "ist", .english: "is", .estonian: "on", .turkish: "durumda"],
            [.german: "hier", .english: "here", .estonian: "siin", .turkish: "burada"],
        ]
        var words: [LanguagePair: [String: String]] = [:]
        for s in LanguageCode.supported {
            for t in LanguageCode.supported where s != t {
                var map: [String: String] = [:]
                for concept in concepts { map[concept[s]!] = concept[t]! }
                words[LanguagePair(s, t)] = map
            }
        }
        return TestDictionary(words: words)
    }()

    /// Translates `text`, never touching `<...>` tags or text between `protected` markers.
    public func translate(_ text: String, _ pair: LanguagePair) -> String {
        let map = words[pair] ?? [:]
        var out = ""
        var word = ""
        var inTag = false
        func flush() {
            guard !word.isEmpty else { return }
            if let target = map[word.lowercased()] {
                out += word.first!.isUppercase ? target.prefix(1).uppercased() + target.dropFirst() : target
            } else {
                out += word
            }
            word = ""
        }
        for c in text {
            if inTag {
                out.append(c)
                if c == ">" { inTag = false }
            } else if c == "<" {
                flush()
                inTag = true
                out.append(c)
            } else if c.isLetter {
                word.append(c)
            } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out
    }
}
