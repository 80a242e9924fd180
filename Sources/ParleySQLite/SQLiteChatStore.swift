public import Foundation
import GRDB
public import ParleyCore
import ParleyText

/// The embedded default ``ChatStore``: one SQLite file in WAL mode with `synchronous=FULL`, so a committed write
/// survives `kill -9` and power loss alike.
///
/// Appends from concurrent senders are committed together in one transaction (group commit): each caller still
/// returns only after its own message is durable.
/// ```swift
/// let store = try SQLiteChatStore(directory: URL(filePath: ".parley-data"))
/// ```
public final class SQLiteChatStore: ChatStore {
    let pool: DatabasePool
    let batcher: WriteBatcher
    /// A connection for ``checkpoint()`` only.
    private let checkpointer: DatabaseQueue
    /// Participants and recent messages in memory, updated as writes commit.
    let cache = HotCache()
    /// What appends read, kept by the writer (``AppendHeads``).
    let heads = AppendHeads()
    /// The database file.
    public let path: String

    /// Opens (creating if needed) `parley.sqlite` in `directory`, creating the directory, and migrates it.
    /// `commitWindow`: durable commits start at most once per window, so that messages arriving close together share
    /// one sync (see ``defaultCommitWindow``); zero commits each batch as soon as the writer is free.
    /// `maxCommitWindow`: how far the window widens while commits come full (see ``defaultMaxCommitWindow``); at or
    /// below `commitWindow` it never widens. `writerPriority`: nice steps the writer's thread runs above the caller's
    /// while it commits (see ``defaultWriterPriority``); 0 leaves it alone.
    public convenience init(
        directory: URL, commitWindow: Duration = defaultCommitWindow,
        maxCommitWindow: Duration = defaultMaxCommitWindow, writerPriority: Int = defaultWriterPriority
    ) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.storage, "Cannot create the data directory '\(directory.path)'.", underlying: error)
        }
        try self.init(
            path: directory.appendingPathComponent("parley.sqlite").path, commitWindow: commitWindow,
            maxCommitWindow: maxCommitWindow, writerPriority: writerPriority)
    }

    /// The commit window `parley serve` uses: 2 ms. In interleaved runs at 1,000 and 5,000 conversations it cut the
    /// relay's CPU time per message by 7–20% at 1,000–2,500 messages/s (messages share a sync; docs/performance.md); it
    /// adds at most 2 ms to a message's acknowledgement, and nothing while messages are further apart than that.
    public static let defaultCommitWindow: Duration = .milliseconds(2)

    /// The widest the window grows under load: 4 ms. A durable commit of four writes or more doubles the window, one of
    /// two or fewer puts it back (light load never waits longer). In eight interleaved pairs at 1,000 conversations it
    /// cut the relay's CPU time per message by 8% / 2% / 5% at 1,500 / 2,000 / 2,500 messages/s (medians) and lowered
    /// the p99 at 2,000 msg/s in seven (docs/performance.md); 8 ms saved more CPU but raised the p99.
    public static let defaultMaxCommitWindow: Duration = .milliseconds(4)

    /// How far above the relay's other threads the writer runs while it commits: 5 nice steps (about three times the
    /// weight in the kernel's scheduler). Where the process may lower a nice value (`CAP_SYS_NICE`, or systemd's
    /// `LimitNICE=`), a writer woken from its `fsync` gets a core at once instead of waiting behind the event loops;
    /// in interleaved runs at 1,000 conversations the light-load p99 fell from 19 to 4.7 ms (medians of 9 runs without
    /// and 17 with) and the p99 at 1,500 msg/s from 27 to 13 ms, at the same CPU time per message (docs/performance.md).
    /// Otherwise ``writerPriorityOutcome`` is `.refused` and nothing else changes.
    public static let defaultWriterPriority = 5

    /// Opens (creating if needed) the database file at `path` and migrates it.
    public convenience init(
        path: String, commitWindow: Duration = defaultCommitWindow, maxCommitWindow: Duration = defaultMaxCommitWindow,
        writerPriority: Int = defaultWriterPriority
    ) throws {
        try self.init(
            path: path, commitWindow: commitWindow, maxCommitWindow: maxCommitWindow, writerPriority: writerPriority,
            migratingUpTo: nil)
    }

    /// `migratingUpTo`: the last migration to apply (`nil`: all), so that tests can write a file of an older version.
    init(
        path: String, commitWindow: Duration, maxCommitWindow: Duration, writerPriority: Int = 0,
        migratingUpTo last: String?
    ) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        // Pages are read from a memory map rather than with a system call each, and each connection caches up to
        // 32 MiB of them (SQLite's default is 2 MiB): the hot pages of a busy relay stay in memory.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        var checkpointing = Configuration()
        checkpointing.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // The pool has one writer connection, so setting these once holds. GRDB opens WAL pools with
            // synchronous=NORMAL, which may lose the last commits on power loss; FULL syncs the WAL on every commit.
            // SQLite's automatic checkpoint runs inside a commit: the committing writer (and every message waiting
            // for it) first copies the WAL's pages into the database file and syncs it, every 1,000 pages by
            // default. ``checkpoint()`` does that from a connection of its own instead, off the commit path; the
            // automatic one stays as a backstop for a store whose owner does not call it.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.backstopCheckpointPages)")
            }
            if let last { try Self.migrator.migrate(pool, upTo: last) } else { try Self.migrator.migrate(pool) }
            // A file a newer Parley migrated further has tables this version does not know: refuse it whole rather
            // than fail on every read.
            if try pool.read(Self.migrator.hasBeenSuperseded) {
                throw StoreError(
                    .storage, "The database '\(path)' was written by a newer version of Parley; run that version, "
                        + "or this one on a backup from before the upgrade.")
            }
            checkpointer = try DatabaseQueue(path: path, configuration: checkpointing)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.storage, "Cannot open the database '\(path)'.", underlying: error)
        }
        self.path = path
        self.batcher = WriteBatcher(
            pool: pool, commitWindow: commitWindow, maxCommitWindow: maxCommitWindow, priorityBoost: writerPriority,
            rolledBack: { [heads] in heads.forgetAll() })
    }

    /// Whether the writer runs above the relay's other threads: `raised`, `refused` (the process may not lower a nice
    /// value), or `unchanged` (not asked).
    public var writerPriorityOutcome: WriterPriorityOutcome { batcher.priority.outcome }

    /// Durable and derived transactions committed by this store so far, and the writes they held (a batch's size is
    /// `writes / commits`).
    public var commitStatistics: (commits: Int, writes: Int) { batcher.statistics }

    /// The commit window in force now: the base window, or wider while commits come full.
    public var commitWindow: Duration { batcher.window }

    /// The WAL size (in pages) at which a commit checkpoints by itself, when ``checkpoint()`` has not kept up.
    static let backstopCheckpointPages = 10_000

    /// Copies the pages committed to the WAL into the database file (a passive checkpoint: it never waits for, and
    /// never blocks, readers or the writer), on a connection of its own. Call it regularly (`parley serve` does, every
    /// 5 seconds, every 100 ms while busy): commits then do not pay for it. Returns the WAL's frames and how many of
    /// them are checkpointed.
    @discardableResult
    public func checkpoint() async throws -> (walFrames: Int, checkpointed: Int) {
        do {
            let (frames, done) = try await checkpointer.writeWithoutTransaction { try $0.checkpoint(.passive) }
            return (frames, done)
        } catch {
            throw StoreError(.storage, "A checkpoint of the database failed.", underlying: error)
        }
    }

    /// The migrations applied, in order (for diagnostics and tests).
    public func appliedMigrations() async throws -> [String] {
        try await read { db in try Array(Self.migrator.appliedIdentifiers(db)).sorted() }
    }

    /// The writer connection's `PRAGMA synchronous`, `journal_mode` and `wal_autocheckpoint` values (for tests of
    /// the durability settings).
    public func durabilitySettings() async throws -> (synchronous: Int, journalMode: String, autocheckpoint: Int) {
        // Read as the writer connection stands, past ``write(committed:_:)`` (which syncs its own commits).
        try await pool.writeWithoutTransaction { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
             try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
             try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1)
        }
    }

    /// Runs SQL on the writer connection, outside the batcher (tests that write a file of an older version); the
    /// writer's memory of what it wrote is forgotten.
    func execute(sql: String) async throws {
        try await pool.write { [heads] db in
            heads.forgetAll()
            try db.execute(sql: sql)
        }
    }

    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.storage, "A database read failed.", underlying: error)
        }
    }

    /// A transaction of its own on the writer connection (``WriteBatcher/transaction(committed:_:)``: synced at commit,
    /// `committed` right after it in commit order with every other write: the place to update the cache, which must
    /// follow the file), its errors as ``StoreError``s.
    func write<T: Sendable>(
        committed: (@Sendable (T) -> Void)? = nil, _ body: @Sendable @escaping (Database) throws -> T
    ) async throws -> T {
        do {
            return try await batcher.transaction(committed: committed, body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError(Self.constraintCode(error), "A record with this key exists or a reference is missing.",
                             underlying: error)
        } catch {
            throw StoreError(.storage, "A database write failed.", underlying: error)
        }
    }

    private static func constraintCode(_ error: DatabaseError) -> StoreError.Code {
        error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY ? .notFound : .duplicate
    }

    // MARK: Sites and operators

    public func saveSite(_ site: Site) async throws {
        try await write { db in
            try db.cachedExecute(sql: """
                    INSERT INTO site (id, name, allowed_origins, default_language) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, allowed_origins = excluded.allowed_origins,
                    default_language = excluded.default_language
                    """,
                arguments: [site.id.rawValue, site.name, Columns.origins(site.allowedOrigins),
                            site.defaultLanguage.rawValue])
        }
    }

    public func site(_ id: SiteID) async throws -> Site? {
        try await read { db in try db.cachedRow(sql: "SELECT * FROM site WHERE id = ?", arguments: [id.rawValue]).map(Site.init(row:)) }
    }

    public func sites() async throws -> [Site] {
        try await read { db in try db.cachedRows(sql: "SELECT * FROM site ORDER BY id").map(Site.init(row:)) }
    }

    public func addOperator(_ account: OperatorAccount) async throws {
        try await write { db in
            guard try db.cachedBool(sql: "SELECT 1 FROM site WHERE id = ?", arguments: [account.siteID.rawValue])
                != nil
            else { throw StoreError(.notFound, "There is no site '\(account.siteID)'.") }
            guard try db.cachedBool(sql: "SELECT 1 FROM operator WHERE login = ?", arguments: [account.login])
                == nil
            else { throw StoreError(.duplicate, "The login '\(account.login)' is taken.") }
            try db.cachedExecute(sql: """
                    INSERT INTO operator (id, site_id, login, name, language, password_hash, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [account.id.rawValue, account.siteID.rawValue, account.login, account.name,
                            account.language.rawValue, account.passwordHash, account.createdAt.milliseconds])
        }
    }

    public func operatorAccount(_ id: OperatorID) async throws -> OperatorAccount? {
        try await read { db in
            try db.cachedRow(sql: "SELECT * FROM operator WHERE id = ?", arguments: [id.rawValue]).map(OperatorAccount.init(row:))
        }
    }

    public func operatorAccount(login: String) async throws -> OperatorAccount? {
        try await read { db in
            try db.cachedRow(sql: "SELECT * FROM operator WHERE login = ?", arguments: [login]).map(OperatorAccount.init(row:))
        }
    }

    public func operators(of site: SiteID?) async throws -> [OperatorAccount] {
        try await read { db in
            if let site {
                return try db.cachedRows(sql: "SELECT * FROM operator WHERE site_id = ? ORDER BY login", arguments: [site.rawValue]
                ).map(OperatorAccount.init(row:))
            }
            return try db.cachedRows(sql: "SELECT * FROM operator ORDER BY login").map(OperatorAccount.init(row:))
        }
    }

    // MARK: Sessions

    public func createSession(_ session: OperatorSession) async throws {
        try await write { db in
            try db.cachedExecute(sql: """
                    INSERT INTO session (token_digest, operator_id, csrf_token, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [session.tokenDigest, session.operatorID.rawValue, session.csrfToken,
                            session.createdAt.milliseconds, session.expiresAt.milliseconds])
        }
    }

    public func session(digest: String) async throws -> OperatorSession? {
        try await read { db in
            try db.cachedRow(sql: "SELECT * FROM session WHERE token_digest = ?", arguments: [digest]).map(OperatorSession.init(row:))
        }
    }

    public func deleteSession(digest: String) async throws {
        try await write { db in
            try db.cachedExecute(sql: "DELETE FROM session WHERE token_digest = ?", arguments: [digest])
        }
    }

    public func deleteSessions(expiredAt date: Date) async throws -> Int {
        try await write { db in
            try db.cachedExecute(sql: "DELETE FROM session WHERE expires_at <= ?", arguments: [date.milliseconds])
            return db.changesCount
        }
    }
}
