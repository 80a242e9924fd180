import Foundation
import ParleyCore
import ParleySQLite
import ParleyServer
import ParleyText

/// Adds a second site with one operator (`other-op`, password `parley-demo`) to the store in `directory`.
func seedOtherSite(_ directory: String) async throws {
    let store = try SQLiteChatStore(directory: URL(fileURLWithPath: directory))
    try await store.saveSite(Site(id: "other", name: "Other shop", allowedOrigins: ["https://other.example", "ws://127.0.0.1"]))
    try await store.addOperator(OperatorAccount(
        id: "o_other", siteID: "other", login: "other-op", name: "Olga", language: .english,
        passwordHash: try await hashOperatorPassword("parley-demo", cost: 4), createdAt: .now))
}
