import GRDB

extension SQLiteChatStore {
    /// Versioned migrations. Never edit a shipped migration; add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE site (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    allowed_origins TEXT NOT NULL,
                    default_language TEXT NOT NULL
                );
                CREATE TABLE operator (
                    id TEXT PRIMARY KEY NOT NULL,
                    site_id TEXT NOT NULL REFERENCES site(id),
                    login TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    language TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE session (
                    token_digest TEXT PRIMARY KEY NOT NULL,
                    operator_id TEXT NOT NULL REFERENCES operator(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX session_expiry ON session(expires_at);
                CREATE TABLE conversation (
                    id TEXT PRIMARY KEY NOT NULL,
                    site_id TEXT NOT NULL REFERENCES site(id),
                    status TEXT NOT NULL,
                    assigned_operator_id TEXT REFERENCES operator(id),
                    browser_languages TEXT NOT NULL,
                    page_url TEXT,
                    page_title TEXT,
                    page_lang TEXT,
                    last_seq INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX conversation_site_status ON conversation(site_id, status, updated_at);
                CREATE TABLE participant (
                    id TEXT PRIMARY KEY NOT NULL,
                    conversation_id TEXT NOT NULL REFERENCES conversation(id),
                    role TEXT NOT NULL,
                    operator_id TEXT REFERENCES operator(id),
                    name TEXT NOT NULL,
                    language TEXT NOT NULL
                );
                CREATE INDEX participant_conversation ON participant(conversation_id);
                CREATE UNIQUE INDEX participant_operator ON participant(conversation_id, operator_id)
                    WHERE operator_id IS NOT NULL;
                CREATE TABLE message (
                    conversation_id TEXT NOT NULL REFERENCES conversation(id),
                    seq INTEGER NOT NULL,
                    client_message_id TEXT NOT NULL,
                    sender_id TEXT NOT NULL REFERENCES participant(id),
                    text TEXT NOT NULL,
                    language TEXT,
                    confidence REAL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (conversation_id, seq)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX message_client_id ON message(conversation_id, sender_id, client_message_id);
                CREATE TABLE translation (
                    conversation_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    language TEXT NOT NULL,
                    text TEXT NOT NULL,
                    engine TEXT NOT NULL,
                    quality TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (conversation_id, seq, language),
                    FOREIGN KEY (conversation_id, seq) REFERENCES message(conversation_id, seq)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2") { db in try db.execute(sql: v2) }
        migrator.registerMigration("v3") { db in try db.execute(sql: v3) }
        return migrator
    }

    /// Integer keys inside the file, and fewer B-tree pages written per message (from six or seven to about three).
    ///
    /// - Conversations and participants get an integer `key`; their text `id`s stay the ``ChatStore`` API (and stay
    ///   unique). Messages and indexes refer to the keys, so each key compared is a number.
    /// - Messages are stored in arrival order under an integer `id`, so the messages of one commit share the table's
    ///   last pages; `(conversation_key, seq)` and the client-id are small indexes beside it.
    /// - Translations are keyed by their message's `id`: they too land on the last pages.
    /// - A message no longer updates its conversation's row (and so no longer moves its entry in the list's index):
    ///   `last_seq` is the conversation's highest `seq`, and its activity the later of `updated_at` (the last change of
    ///   status or assignment) and its last message. The view `conversation_state` reads both.
    ///
    /// The tables are rebuilt (SQLite cannot change a primary key in place), copying every row in its order.
    static let v2 = """
        CREATE TABLE conversation_v2 (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            site_id TEXT NOT NULL REFERENCES site(id),
            status TEXT NOT NULL,
            assigned_operator_id TEXT REFERENCES operator(id),
            browser_languages TEXT NOT NULL,
            page_url TEXT,
            page_title TEXT,
            page_lang TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        INSERT INTO conversation_v2 (id, site_id, status, assigned_operator_id, browser_languages, page_url, page_title,
            page_lang, created_at, updated_at)
            SELECT id, site_id, status, assigned_operator_id, browser_languages, page_url, page_title, page_lang,
            created_at, updated_at FROM conversation ORDER BY rowid;
        CREATE TABLE participant_v2 (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            conversation_key INTEGER NOT NULL REFERENCES conversation_v2(key),
            role TEXT NOT NULL,
            operator_id TEXT REFERENCES operator(id),
            name TEXT NOT NULL,
            language TEXT NOT NULL
        );
        INSERT INTO participant_v2 (id, conversation_key, role, operator_id, name, language)
            SELECT p.id, c.key, p.role, p.operator_id, p.name, p.language
            FROM participant p JOIN conversation_v2 c ON c.id = p.conversation_id ORDER BY p.rowid;
        CREATE TABLE message_v2 (
            id INTEGER PRIMARY KEY,
            conversation_key INTEGER NOT NULL REFERENCES conversation_v2(key),
            seq INTEGER NOT NULL,
            client_message_id TEXT NOT NULL,
            sender_key INTEGER NOT NULL REFERENCES participant_v2(key),
            text TEXT NOT NULL,
            language TEXT,
            confidence REAL,
            created_at INTEGER NOT NULL
        );
        INSERT INTO message_v2 (conversation_key, seq, client_message_id, sender_key, text, language, confidence,
            created_at)
            SELECT c.key, m.seq, m.client_message_id, p.key, m.text, m.language, m.confidence, m.created_at
            FROM message m JOIN conversation_v2 c ON c.id = m.conversation_id JOIN participant_v2 p ON p.id = m.sender_id
            ORDER BY m.created_at, c.key, m.seq;
        CREATE TABLE translation_v2 (
            message_id INTEGER NOT NULL REFERENCES message_v2(id),
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            engine TEXT NOT NULL,
            quality TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (message_id, language)
        ) WITHOUT ROWID;
        INSERT INTO translation_v2 (message_id, language, text, engine, quality, created_at)
            SELECT m.id, t.language, t.text, t.engine, t.quality, t.created_at
            FROM translation t JOIN conversation_v2 c ON c.id = t.conversation_id
            JOIN message_v2 m ON m.conversation_key = c.key AND m.seq = t.seq;
        DROP TABLE translation;
        DROP TABLE message;
        DROP TABLE participant;
        DROP TABLE conversation;
        ALTER TABLE conversation_v2 RENAME TO conversation;
        ALTER TABLE participant_v2 RENAME TO participant;
        ALTER TABLE message_v2 RENAME TO message;
        ALTER TABLE translation_v2 RENAME TO translation;
        CREATE INDEX conversation_site_status ON conversation(site_id, status, updated_at);
        CREATE INDEX participant_conversation ON participant(conversation_key);
        CREATE UNIQUE INDEX participant_operator ON participant(conversation_key, operator_id)
            WHERE operator_id IS NOT NULL;
        CREATE UNIQUE INDEX message_seq ON message(conversation_key, seq);
        CREATE UNIQUE INDEX message_client_id ON message(conversation_key, sender_key, client_message_id);
        CREATE VIEW conversation_state AS
            SELECT c.key, c.id, c.site_id, c.status, c.assigned_operator_id, c.browser_languages, c.page_url,
            c.page_title, c.page_lang, c.created_at, coalesce(m.seq, 0) AS last_seq,
            max(c.updated_at, coalesce(m.created_at, c.updated_at)) AS updated_at
            FROM conversation c LEFT JOIN message m ON m.conversation_key = c.key
            AND m.seq = (SELECT max(seq) FROM message WHERE conversation_key = c.key);
        """

    /// The client-id index led by the client's id, which the widget and the console make time-ordered: each new
    /// message's entry then lands on the index's last page, shared by the messages of a commit, instead of on a page
    /// of its conversation's own. Once every busy conversation had pages of its own in an index led by the
    /// conversation, a message wrote one page of each per-conversation index, and a store that had run 45 seconds at
    /// 6,000 messages a second wrote 2.4 WAL pages per message against 0.6 when new. The same columns, so the same
    /// uniqueness; lookups give all three.
    static let v3 = """
        DROP INDEX message_client_id;
        CREATE UNIQUE INDEX message_client_id ON message(client_message_id, conversation_key, sender_key);
        """
}
