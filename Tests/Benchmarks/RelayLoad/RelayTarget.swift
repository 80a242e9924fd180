/// A relay under load: how the generator opens a conversation's two sockets and sends a visitor message.
///
/// Every message text carries its id as `#<id>`; the receiving side finds the id in what it gets (a raw frame for the
/// bare relay, the original text of a delivered message for Parley) and reports it to the ``LatencyRecorder``.
protocol RelayTarget: Sendable {
    /// A column header: `"bare relay"`, `"parley"`.
    var name: String { get }

    /// Every socket this target opened, closed together after each measurement.
    var sockets: SocketSet { get }

    /// Opens conversation `index` (visitor and operator sockets) inside `group`.
    func openConversation(
        _ index: Int, recorder: LatencyRecorder, in group: inout SocketGroup
    ) async throws -> LoadConversation

    /// Opens one idle socket that sends nothing (for the memory-per-connection figure).
    func openIdleSocket(_ index: Int, in group: inout SocketGroup) async throws
}

/// A conversation open under load: `send` writes one visitor message carrying the id.
struct LoadConversation: Sendable {
    let send: @Sendable (UInt64) async -> Bool
}

/// Chat texts the load sends, in the languages Parley detects; the id is appended as an order number.
enum LoadTexts {
    static let visitor = [
        "Merhaba, siparişim nerede? Sipariş numaram",
        "Hallo, wo ist meine Bestellung? Bestellnummer",
        "Tere, kus on minu tellimus? Tellimuse number",
        "Hello, where is my order? Order number",
    ]

    static func text(conversation: Int, id: UInt64) -> String { "\(visitor[conversation % visitor.count]) #\(id)" }

    /// The last `#<digits>` in a text, or `nil`.
    static func id(in text: Substring) -> UInt64? {
        guard let hash = text.lastIndex(of: "#") else { return nil }
        let digits = text[text.index(after: hash)...].prefix(while: { $0.isASCII && $0.isNumber })
        return UInt64(digits)
    }
}

/// The minimal baseline: `/ws?c=<conversation>&r=<v|o>`, frames forwarded raw.
struct BareRelayTarget: RelayTarget {
    let base: String
    let sockets = SocketSet()
    var name: String { "bare relay" }

    func openConversation(
        _ index: Int, recorder: LatencyRecorder, in group: inout SocketGroup
    ) async throws -> LoadConversation {
        _ = try await LoadSocket.open(url: "\(base)/ws?c=\(index)&r=o", in: &group, set: sockets) { text in
            if let id = LoadTexts.id(in: text[...]) { recorder.didDeliver(id) }
        }
        let visitor = try await LoadSocket.open(url: "\(base)/ws?c=\(index)&r=v", in: &group, set: sockets) { _ in }
        return LoadConversation { id in await visitor.send(LoadTexts.text(conversation: index, id: id)) }
    }

    func openIdleSocket(_ index: Int, in group: inout SocketGroup) async throws {
        _ = try await LoadSocket.open(url: "\(base)/ws?c=idle\(index)&r=v", in: &group, set: sockets) { _ in }
    }
}
