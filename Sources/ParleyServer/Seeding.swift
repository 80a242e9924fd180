import Foundation
import Logging
public import ParleyCore
public import ParleyText
import Synchronization

/// The demo site and its operators (`--demo`): one operator per language, all with the configured demo password.
public enum DemoSeed {
    /// The demo site's id.
    public static let siteID: SiteID = "demo"
    /// `(login, name, language)` of the first demo operator of each language.
    public static let operators: [(login: String, name: String, language: LanguageCode)] = [
        ("demo-de", "Dana", .german), ("demo-en", "Evan", .english), ("demo-et", "Eeva", .estonian),
        ("demo-tr", "Ayşe", .turkish),
    ]

    /// The demo operators with `perLanguage` of each language: `demo-de`, `demo-de-2` (named `Dana 2`), ….
    public static func operators(perLanguage: Int) -> [(login: String, name: String, language: LanguageCode)] {
        (1...max(1, perLanguage)).flatMap { number in
            operators.map { number == 1 ? $0 : ("\($0.login)-\(number)", "\($0.name) \(number)", $0.language) }
        }
    }
}

/// Creates the configured sites and, in demo mode, the demo site and operators (once).
func seed(_ store: any ChatStore, configuration: RelayConfiguration, logger: Logger) async throws {
    for site in configuration.sites { try await store.saveSite(site) }
    guard configuration.demo else { return }
    // Saved on every start, so the demo site follows the relay's address when the port changes.
    try await store.saveSite(Site(id: DemoSeed.siteID, name: "Demo shop", allowedOrigins: configuration.allowedDemoOrigins))
    var hash: String?  // one hash for the one demo password
    for entry in DemoSeed.operators(perLanguage: configuration.demoOperatorsPerLanguage)
    where try await store.operatorAccount(login: entry.login) == nil {
        if hash == nil { hash = try await OperatorSessions.hash(configuration.demoPassword, cost: 8) }
        guard let hash else { continue }
        try await store.addOperator(OperatorAccount(
            id: .random(prefix: "o"), siteID: DemoSeed.siteID, login: entry.login, name: entry.name,
            language: entry.language, passwordHash: hash, createdAt: .now))
        logger.info("Demo operator created", metadata: ["operator.login": "\(entry.login)"])
    }
}

/// Hashes an operator password with bcrypt (for `parley operator add`).
public func hashOperatorPassword(_ password: String, cost: UInt8 = 12) async throws -> String {
    try await OperatorSessions.hash(password, cost: cost)
}
