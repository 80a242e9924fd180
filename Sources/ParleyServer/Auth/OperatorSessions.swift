import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix
import ParleyCore
import Logging
import Synchronization
import ParleyText

/// Console logins: bcrypt-checked passwords, sessions kept by digest in the store, CSRF tokens, expiry, logout.
struct OperatorSessions: Sendable {
    let store: any ChatStore
    let lifetime: Duration

    /// The cookie that carries the session token.
    static let cookieName = "parley_session"

    /// Checks the password and opens a session; returns the session token (for the cookie) and the session.
    /// Unknown login and wrong password get the same answer.
    func login(_ login: String, password: String) async throws -> (token: String, OperatorSession, OperatorAccount) {
        let refused = RelayError(.invalidCredentials, "The login or the password is wrong.")
        guard let account = try await store.operatorAccount(login: login) else {
            _ = await Self.verify(password, hash: Self.dummyHash)
            throw refused
        }
        guard await Self.verify(password, hash: account.passwordHash) else { throw refused }
        let token = VisitorTokens.randomToken()
        let now = Date.now
        let session = OperatorSession(
            tokenDigest: Self.digest(token), operatorID: account.id, csrfToken: VisitorTokens.randomToken(bytes: 24),
            createdAt: now, expiresAt: now.addingTimeInterval(Double(lifetime.components.seconds)))
        try await store.createSession(session)
        return (token, session, account)
    }

    /// The session and operator behind a session token; throws `not_logged_in` or `session_expired`.
    func authenticate(token: String?) async throws -> (OperatorSession, OperatorAccount) {
        guard let token, !token.isEmpty, let session = try await store.session(digest: Self.digest(token)) else {
            throw RelayError(.notLoggedIn, "Not logged in; log in at /api/v1/operator/login.")
        }
        guard session.expiresAt > .now else {
            try? await store.deleteSession(digest: session.tokenDigest)
            throw RelayError(.sessionExpired, "The session expired; log in again.")
        }
        guard let account = try await store.operatorAccount(session.operatorID) else {
            throw RelayError(.notLoggedIn, "Not logged in; log in at /api/v1/operator/login.")
        }
        return (session, account)
    }

    func logout(_ session: OperatorSession) async throws {
        try await store.deleteSession(digest: session.tokenDigest)
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// bcrypt off the event loops: it takes tens to hundreds of milliseconds by design.
    static func verify(_ password: String, hash: String) async -> Bool {
        (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }) ?? false
    }

    /// Hashes a password (cost 12 by default) off the event loops.
    static func hash(_ password: String, cost: UInt8 = 12) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Spent on unknown logins so they take as long as wrong passwords.
    static let dummyHash = "$2b$10$abcdefghijklmnopqrstuuHm1ew3Nd3dkGbdLNt3L6yYOrnvZ3I2y"
}
