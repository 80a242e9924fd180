public import Foundation
public import ParleyText

/// A person who answers visitors of one site, in their own language.
public struct OperatorAccount: Sendable, Hashable, Codable {
    public var id: OperatorID
    public var siteID: SiteID
    /// The unique login name.
    public var login: String
    /// The name shown to visitors.
    public var name: String
    public var language: LanguageCode
    /// A bcrypt hash of the password; never the password itself.
    public var passwordHash: String
    public var createdAt: Date

    public init(
        id: OperatorID, siteID: SiteID, login: String, name: String, language: LanguageCode, passwordHash: String,
        createdAt: Date
    ) {
        self.id = id
        self.siteID = siteID
        self.login = login
        self.name = name
        self.language = language
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// A logged-in console session. The store keeps only a digest of the session token, never the token.
public struct OperatorSession: Sendable, Hashable, Codable {
    /// A digest of the token held in the operator's cookie.
    public var tokenDigest: String
    public var operatorID: OperatorID
    /// The value the console must echo in `X-CSRF-Token`.
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenDigest: String, operatorID: OperatorID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenDigest = tokenDigest
        self.operatorID = operatorID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
