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
        return migrator
    }
}
