public import ParleyText

/// A website that embeds the widget. Its operators answer its visitors.
public struct Site: Sendable, Hashable, Codable {
    public var id: SiteID
    public var name: String
    /// Origins (`scheme://host[:port]`) whose pages may open visitor conversations and sockets.
    public var allowedOrigins: [String]
    /// The language used when a visitor's browser offers none the relay supports.
    public var defaultLanguage: LanguageCode

    public init(id: SiteID, name: String, allowedOrigins: [String], defaultLanguage: LanguageCode = .english) {
        self.id = id
        self.name = name
        self.allowedOrigins = allowedOrigins
        self.defaultLanguage = defaultLanguage
    }

    /// Whether a page at `origin` may talk to this site's conversations. Compared case-insensitively,
    /// without a trailing slash; `"*"` allows every origin.
    public func allows(origin: String) -> Bool {
        let wanted = Self.normalize(origin)
        return allowedOrigins.contains { $0 == "*" || Self.normalize($0) == wanted }
    }

    private static func normalize(_ origin: String) -> String {
        var value = origin.lowercased()
        while value.hasSuffix("/") { value.removeLast() }
        return value
    }
}
