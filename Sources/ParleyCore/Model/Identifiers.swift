/// A typed identifier: a string that names one entity of kind `Entity`.
///
/// Identifiers are opaque to clients; the relay makes them with ``random(prefix:)``.
/// ```swift
/// let id: ConversationID = .random(prefix: "c")   // "c_0jt4k2m9q8v1c"
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

    /// A new random identifier: `prefix_` followed by 13 characters of lowercase base 32 (`0-9`, `a-v`) that carry 64
    /// random bits. With a one-letter prefix it is 15 bytes long, which Swift keeps inside the string value itself:
    /// copying, hashing and comparing it touch no heap memory, and the relay does all three for every message.
    public static func random(prefix: String) -> Self {
        var generator = SystemRandomNumberGenerator()
        var bits = generator.next() as UInt64
        var bytes = Array(prefix.utf8) + [UInt8(ascii: "_")] + [UInt8](repeating: 0, count: 13)
        for index in bytes.indices.suffix(13).reversed() {
            bytes[index] = base32[Int(bits & 31)]
            bits >>= 5
        }
        return Self(rawValue: String(decoding: bytes, as: UTF8.self))
    }
}

private let base32 = Array("0123456789abcdefghijklmnopqrstuv".utf8)

/// Names a ``Site``.
public typealias SiteID = Identifier<Site>
/// Names an ``OperatorAccount``.
public typealias OperatorID = Identifier<OperatorAccount>
/// Names a ``Conversation``.
public typealias ConversationID = Identifier<Conversation>
/// Names a ``Participant``.
public typealias ParticipantID = Identifier<Participant>
