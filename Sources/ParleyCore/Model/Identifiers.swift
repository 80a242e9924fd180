/// A typed identifier: a string that names one entity of kind `Entity`.
///
/// Identifiers are opaque to clients; the relay makes them with ``random(prefix:)``.
/// ```swift
/// let id: ConversationID = .random(prefix: "c")   // "c_9f3a1c0e5b7d4e21"
/// ```
public struct Identifier<Entity>: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// A new random identifier: `prefix_` followed by 16 lowercase hex digits (64 random bits).
    public static func random(prefix: String) -> Self {
        var generator = SystemRandomNumberGenerator()
        let bits = generator.next() as UInt64
        let hex = String(bits, radix: 16)
        return Self(rawValue: prefix + "_" + String(repeating: "0", count: 16 - hex.count) + hex)
    }
}

/// Names a ``Site``.
public typealias SiteID = Identifier<Site>
/// Names an ``OperatorAccount``.
public typealias OperatorID = Identifier<OperatorAccount>
/// Names a ``Conversation``.
public typealias ConversationID = Identifier<Conversation>
/// Names a ``Participant``.
public typealias ParticipantID = Identifier<Participant>
