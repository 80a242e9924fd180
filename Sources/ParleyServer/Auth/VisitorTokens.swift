import Crypto
import Foundation
import ParleyCore
import Logging
import Synchronization
import ParleyText

/// What a visitor token grants: one participant of one conversation of one site, until `expiresAt`.
struct VisitorGrant: Sendable, Hashable, Codable {
    var conversationID: ConversationID
    var siteID: SiteID
    var participantID: ParticipantID
    var expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case conversationID = "c", siteID = "s", participantID = "p", expiresAt = "e"
    }
}

/// Issues and checks visitor tokens: `v1.<payload>.<HMAC-SHA256>`, both parts base64url. The token is opaque to
/// clients; it is bound to one conversation and expires.
struct VisitorTokens: Sendable {
    private let secret: Data
    let lifetime: Duration

    init(secret: Data, lifetime: Duration) {
        self.secret = secret
        self.lifetime = lifetime
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    func issue(_ grant: VisitorGrant) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let payload = "v1." + Self.base64URL((try? encoder.encode(grant)) ?? Data())
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
        return payload + "." + Self.base64URL(Data(mac))
    }

    /// The grant of a valid, unexpired token; throws `invalid_token` otherwise (the same answer for forged, malformed
    /// and expired tokens, with a message that says which).
    func verify(_ token: String, now: Date = .now) throws(RelayError) -> VisitorGrant {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let body = Self.data(base64URL: parts[1]),
            let mac = Self.data(base64URL: parts[2])
        else { throw RelayError(.invalidToken, "The conversation token is malformed; start a new conversation.") }
        let signed = Data("v1.\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: key) else {
            throw RelayError(.invalidToken, "The conversation token is not valid; start a new conversation.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let grant = try? decoder.decode(VisitorGrant.self, from: body) else {
            throw RelayError(.invalidToken, "The conversation token is malformed; start a new conversation.")
        }
        guard grant.expiresAt > now else {
            throw RelayError(.invalidToken, "The conversation token expired; resume to get a new one.")
        }
        return grant
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    /// Random bytes as base64url, for session tokens and CSRF tokens.
    static func randomToken(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL(Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    /// The token secret from the configuration, or the one kept in `<dataDir>/token.key` (created on first run).
    static func secret(configured: String?, dataDirectory: URL) throws -> Data {
        if let configured, !configured.isEmpty { return Data(configured.utf8) }
        let file = dataDirectory.appendingPathComponent("token.key")
        if let existing = try? Data(contentsOf: file), existing.count >= 32 { return existing }
        let fresh = Data(randomToken(bytes: 48).utf8)
        try fresh.write(to: file, options: .atomic)
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return fresh
    }
}
