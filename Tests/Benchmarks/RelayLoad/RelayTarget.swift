/// A relay under load: how the generator opens a conversation's two sockets and sends a visitor message.
///
/// Every message text carries its id as `#<id>`; the receiving side finds the id in what it gets (a raw frame for the
/// bare relay, the original text of a delivered message for Parley) and reports it to the ``LatencyRecorder``.
protocol RelayTarget: Sendable {
    /// A column header: `"bare relay"`, `"parley"`.
    var name: String { get }

    /// Every socket this target opened, closed together after each measurement.
    var sockets: SocketSet { get }

    /// Opens what must be there before `count` conversations start (Parley: its operators' console sockets).
    func prepare(conversations count: Int, recorder: LatencyRecorder, in group: inout SocketGroup) async throws

    /// Opens conversation `index` (visitor and operator sockets) inside `group`.
    func openConversation(
        _ index: Int, recorder: LatencyRecorder, in group: inout SocketGroup
    ) async throws -> LoadConversation

    /// Whatever `count` idle sockets need before they connect (Parley: their conversations), made before the memory
    /// baseline so the figure counts the sockets alone.
    func prepareIdle(count: Int) async throws -> [String]

    /// Opens one idle socket that sends nothing (for the memory-per-connection figure).
    func openIdleSocket(_ index: Int, prepared: [String], in group: inout SocketGroup) async throws

    /// Starts one more conversation as a visitor's widget does (no sockets) and returns how long that took, or `nil`
    /// for a relay without conversations to start (the bare relays).
    func timeConversationStart(_ index: Int) async throws -> Duration?
}

extension RelayTarget {
    func timeConversationStart(_ index: Int) async throws -> Duration? { nil }
}

/// A conversation open under load: ``send(_:)`` writes one visitor message carrying the id on `socket`.
struct LoadConversation: Sendable {
    /// The visitor's socket, which the messages are sent on.
    let socket: LoadSocket
    /// The visitor frame carrying an id.
    let frame: @Sendable (UInt64) -> String

    /// Writes the message with this id; `false` when the socket is closed.
    func send(_ id: UInt64) -> Bool { socket.send(frame(id)) }
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

    /// The first `#<digits>` in a text, or `nil`; scans UTF-8 bytes (the generator must stay cheap beside the relay).
    static func firstID(in text: String) -> UInt64? {
        var utf8 = text.utf8[...]
        while let hash = utf8.firstIndex(of: UInt8(ascii: "#")) {
            utf8 = utf8[utf8.index(after: hash)...]
            if let value = number(at: utf8) { return value }
        }
        return nil
    }

    /// The numeric `"clientMessageId":"<digits>"` of a frame, or `nil`.
    static func clientMessageID(in text: String) -> UInt64? {
        guard let digits = stringField(clientMessageIDKey, in: text) else { return nil }
        return number(at: Substring(digits).utf8)
    }

    /// A frame's `type` (the first `"type":"…"` in it), or `nil`.
    static func frameType(of text: String) -> String? { stringField(typeKey, in: text) }

    /// An error frame's `code`, or `nil`.
    static func errorCode(of text: String) -> String? { stringField(codeKey, in: text) }

    private static let typeKey = Array(#""type":""#.utf8)
    private static let codeKey = Array(#""code":""#.utf8)
    private static let clientMessageIDKey = Array(#""clientMessageId":""#.utf8)

    /// The characters after the first `key` (`"name":"`) up to the next quote, found by scanning UTF-8 bytes:
    /// Foundation's `contains` and `range(of:)` bridge to `NSString` and cost the generator a tenth of its CPU.
    static func stringField(_ key: [UInt8], in text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var start = 0
            while start + key.count <= bytes.count {
                if bytes[start] == key[0], bytes[start..<start + key.count].elementsEqual(key) {
                    var end = start + key.count
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + key.count)..<end]), as: UTF8.self)
                }
                start += 1
            }
            return nil
        }
    }

    private static func number(at bytes: Substring.UTF8View) -> UInt64? {
        var value: UInt64 = 0
        var digits = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 19 else { break }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}

/// The minimal baseline: `/ws?c=<conversation>&r=<v|o>`, frames forwarded raw (and, from an echoing relay, an ack
/// and the sender's copy back, whose type the visitor's socket reads as it reads Parley's).
struct BareRelayTarget: RelayTarget {
    let base: String
    var echo = false
    /// The relay's socket layer (named in the report unless it is the baseline's).
    var shape = BareShape.hummingbird
    let sockets = SocketSet()
    static let plainName = "bare relay"
    var name: String {
        let plain = shape == .hummingbird ? Self.plainName : "\(Self.plainName) (\(shape.rawValue))"
        return echo ? "\(plain), 3 frames" : plain
    }

    func openConversation(
        _ index: Int, recorder: LatencyRecorder, in group: inout SocketGroup
    ) async throws -> LoadConversation {
        _ = try await LoadSocket.open(url: "\(base)/ws?c=\(index)&r=o", in: &group, set: sockets) { text in
            if let id = LoadTexts.firstID(in: text) { recorder.didDeliver(id) }
        }
        let visitor = try await LoadSocket.open(url: "\(base)/ws?c=\(index)&r=v", in: &group, set: sockets) { text in
            if echo { _ = LoadTexts.frameType(of: text) }
        }
        return LoadConversation(socket: visitor) { id in LoadTexts.text(conversation: index, id: id) }
    }

    func prepare(conversations count: Int, recorder: LatencyRecorder, in group: inout SocketGroup) async throws {}

    func prepareIdle(count: Int) async throws -> [String] { [] }

    func openIdleSocket(_ index: Int, prepared: [String], in group: inout SocketGroup) async throws {
        _ = try await LoadSocket.open(url: "\(base)/ws?c=idle\(index)&r=v", in: &group, set: sockets) { _ in }
    }
}
