public import ParleyCore
import Foundation
import ParleyText
import ParleyTranslation

/// The contract every ``ChatStore`` must meet, as runnable checks. A later implementation (PostgreSQL) runs the same
/// checks unchanged:
/// ```swift
/// @Test(arguments: ChatStoreConformance.checks)
/// func conformance(_ check: ChatStoreConformance.Check) async throws {
///     try await check.run(try makeFreshStore())
/// }
/// ```
/// Each check expects a fresh, empty store.
public enum ChatStoreConformance {
    /// One named check of the contract.
    public struct Check: Sendable, CustomStringConvertible {
        public let name: String
        let body: @Sendable (any ChatStore) async throws -> Void

        /// Runs the check against a fresh store; throws ``ConformanceFailure`` when the store breaks the contract.
        public func run(_ store: any ChatStore) async throws { try await body(store) }
        public var description: String { name }
    }

    /// Every check.
    public static let checks: [Check] = [
        Check(name: "sites are saved, replaced and listed", body: sites),
        Check(name: "operators are unique by login and belong to a site", body: operators),
        Check(name: "sessions are created, found, deleted and expire", body: sessions),
        Check(name: "conversations are created with their visitor", body: conversations),
        Check(name: "assignment updates status and counts", body: assignment),
        Check(name: "participants: operators join once, languages change", body: participants),
        Check(name: "append assigns gapless sequence numbers", body: appendSequence),
        Check(name: "append is idempotent by sender and clientMessageId", body: appendIdempotent),
        Check(name: "append refuses unknown and closed conversations", body: appendRefusals),
        Check(name: "concurrent appends get distinct gapless seqs", body: appendConcurrent),
        Check(name: "messages(after:limit:) pages in seq order", body: paging),
        Check(name: "detection and translations are stored and replaced", body: detectionAndTranslations),
        Check(name: "an append stores its analysis at once; a resend keeps the first", body: appendWithAnalysis),
        Check(name: "latestMessages gives the newest, ascending", body: latest),
    ]
}

/// A broken contract: what was expected and what the store did.
public struct ConformanceFailure: Error, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var description: String { "ChatStoreConformance.swift:\(line): \(message)" }
}

func check(_ condition: Bool, _ message: @autoclosure () -> String, line: Int = #line) throws {
    if !condition { throw ConformanceFailure(message: message(), line: line) }
}

func checkThrows(
    _ code: StoreError.Code, _ what: String, line: Int = #line, _ body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch let error as StoreError {
        try check(error.code == code, "\(what): expected StoreError \(code), got \(error.code)", line: line)
        return
    }
    throw ConformanceFailure(message: "\(what): expected StoreError \(code), nothing was thrown", line: line)
}
