import Logging
import PledgeRegister
import PostgresNIO

/// The register's tables in PostgreSQL, created and upgraded by numbered migrations.
///
/// Migrations run inside one transaction that first takes an advisory lock, so servers
/// starting together wait for each other: the first migrates, the others find it done.
enum PostgresSchema {
    /// Held while migrating; "Pled" as in SQLite's application id.
    static let migrationLock: Int64 = 0x506C_6564

    static let migrations: [(version: Int, name: String, sql: [String])] = [
        (1, "documents, items, tracking events, users, search", [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA \(PostgresLocation.schema)",
            "CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)",
            "INSERT INTO meta VALUES ('generation', '0')",
            """
            CREATE TABLE document (key text PRIMARY KEY, title text, date text, language text NOT NULL, sha256 text NOT NULL,
                source text NOT NULL, revision integer NOT NULL, ingested_at text NOT NULL, text text NOT NULL)
            """,
            """
            CREATE TABLE section (document text NOT NULL REFERENCES document, ordinal integer NOT NULL, id text NOT NULL,
                heading text, level integer NOT NULL, start integer NOT NULL, "end" integer NOT NULL, PRIMARY KEY (document, ordinal))
            """,
            """
            CREATE TABLE term (document text NOT NULL REFERENCES document, seq integer NOT NULL, short text NOT NULL,
                long text NOT NULL, start integer NOT NULL, "end" integer NOT NULL, PRIMARY KEY (document, seq))
            """,
            """
            CREATE TABLE item (id text PRIMARY KEY, document text NOT NULL REFERENCES document, number integer NOT NULL,
                ordinal integer NOT NULL, extracted_id text NOT NULL, section_id text NOT NULL, section text, kind text NOT NULL,
                title text, text text NOT NULL, start integer NOT NULL, "end" integer NOT NULL, modality text NOT NULL,
                parties text NOT NULL, due text, status text NOT NULL DEFAULT 'not_yet_rated', version integer NOT NULL,
                withdrawn boolean NOT NULL DEFAULT false, fingerprint text NOT NULL, search_text text NOT NULL)
            """,
            "CREATE INDEX item_by_position ON item (document, ordinal, number)",
            "CREATE INDEX item_by_due ON item (due) WHERE due IS NOT NULL",
            // Trigrams find terms of three characters and more through the index; shorter ones
            // (量子) are found by the same LIKE, reading the table.
            "CREATE INDEX item_search ON item USING gin (search_text gin_trgm_ops)",
            """
            CREATE TABLE sentence (item text NOT NULL REFERENCES item, seq integer NOT NULL, text text NOT NULL,
                start integer NOT NULL, "end" integer NOT NULL, modality text NOT NULL, actor text, parties text NOT NULL,
                PRIMARY KEY (item, seq))
            """,
            """
            CREATE TABLE amount (item text NOT NULL REFERENCES item, seq integer NOT NULL, text text NOT NULL,
                start integer NOT NULL, "end" integer NOT NULL, kind text NOT NULL, value double precision NOT NULL,
                unit text NOT NULL, qualifier text, PRIMARY KEY (item, seq))
            """,
            """
            CREATE TABLE time_expression (item text NOT NULL REFERENCES item, seq integer NOT NULL, text text NOT NULL,
                start integer NOT NULL, "end" integer NOT NULL, role text NOT NULL, value text NOT NULL, part text, due text,
                PRIMARY KEY (item, seq))
            """,
            """
            CREATE TABLE event (sequence bigserial PRIMARY KEY, item text NOT NULL REFERENCES item, version integer NOT NULL,
                status text NOT NULL, note text, evidence_url text, evidence_title text, date text NOT NULL,
                author text NOT NULL, recorded_at text NOT NULL, UNIQUE (item, version))
            """,
            """
            CREATE FUNCTION event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'tracking events are never changed or deleted'; END $$
            """,
            "CREATE TRIGGER event_is_append_only BEFORE UPDATE OR DELETE ON event FOR EACH STATEMENT EXECUTE FUNCTION event_is_append_only()",
            """
            CREATE TABLE ingest_log (document text NOT NULL REFERENCES document, revision integer NOT NULL, sha256 text NOT NULL,
                source text NOT NULL, ingested_at text NOT NULL, added integer NOT NULL, changed integer NOT NULL,
                withdrawn integer NOT NULL, PRIMARY KEY (document, revision))
            """,
            """
            CREATE TABLE app_user (name text PRIMARY KEY, role text NOT NULL, token_hash text NOT NULL UNIQUE,
                created_at text NOT NULL)
            """,
            // Every ingest writes its document's row and every tracking write an event: counting
            // them tells every server that what it shows is stale.
            """
            CREATE FUNCTION next_generation() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation'; RETURN NULL; END $$
            """,
            "CREATE TRIGGER generation_on_document AFTER INSERT OR UPDATE ON document FOR EACH ROW EXECUTE FUNCTION next_generation()",
            "CREATE TRIGGER generation_on_event AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION next_generation()",
        ]),
        (2, "sessions ended by signing out", [
            "CREATE TABLE revoked_session (id text PRIMARY KEY, expires bigint NOT NULL)",
        ]),
        // `RegisterUpgrades` reads every stored document again once the schema is current.
        (3, "parties read again as countries", [
            "INSERT INTO meta VALUES ('upgrade:parties', 'pending') ON CONFLICT (key) DO UPDATE SET value = 'pending'",
        ]),
        // A relative time in a document of unknown date is kept without a value.
        (4, "times without a date to resolve against", [
            "ALTER TABLE time_expression ALTER COLUMN value DROP NOT NULL",
        ]),
        // A document and its translation are one document in two texts (`Translations`).
        (5, "translations, one commitment in two texts", [
            "ALTER TABLE document ADD COLUMN translation_of text",
            "ALTER TABLE item ADD COLUMN language text NOT NULL DEFAULT ''",
            "ALTER TABLE item ADD COLUMN counterpart text",
            "ALTER TABLE item ADD COLUMN twinned boolean NOT NULL DEFAULT false",
            "UPDATE item SET language = document.language FROM document WHERE document.key = item.document",
            "CREATE INDEX item_by_counterpart ON item (counterpart) WHERE counterpart IS NOT NULL",
            // Translations are looked for among the documents of one date.
            "CREATE INDEX document_by_date ON document (date)",
            "INSERT INTO meta VALUES ('upgrade:translations', 'pending') ON CONFLICT (key) DO UPDATE SET value = 'pending'",
        ]),
        // The names each document uses find the documents it may link to (`DocumentLinks`).
        (6, "links between documents", [
            "CREATE TABLE document_name (name text NOT NULL, document text NOT NULL REFERENCES document, PRIMARY KEY (name, document))",
            "CREATE INDEX document_name_by_document ON document_name (document)",
            """
            CREATE TABLE item_link (from_item text NOT NULL REFERENCES item, to_item text NOT NULL REFERENCES item,
                relation text NOT NULL, score double precision NOT NULL, evidence text NOT NULL, PRIMARY KEY (from_item, to_item))
            """,
            "CREATE INDEX item_link_by_to ON item_link (to_item)",
            "INSERT INTO meta VALUES ('upgrade:links', 'pending') ON CONFLICT (key) DO UPDATE SET value = 'pending'",
        ]),
        // One decision a suggestion, kept like events (`Suggestions`).
        (7, "what editors did with suggestions", [
            """
            CREATE TABLE suggestion_decision (item text NOT NULL REFERENCES item, suggestion text NOT NULL, decision text NOT NULL,
                author text NOT NULL, decided_at text NOT NULL, PRIMARY KEY (item, suggestion))
            """,
            "CREATE TRIGGER generation_on_suggestion_decision AFTER INSERT ON suggestion_decision FOR EACH ROW EXECUTE FUNCTION next_generation()",
        ]),
    ]

    static var latest: Int { migrations.map(\.version).max() ?? 0 }

    /// Brings the schema up to date; refuses a database a newer Pledge has migrated.
    static func migrate(_ connection: PostgresConnection, logger: Logger, location: String) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
        try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: PostgresLocation.schema)", logger: logger)
        try await connection.query(
            "CREATE TABLE IF NOT EXISTS migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            logger: logger)
        var applied = Set<Int>()
        for try await version in try await connection.query("SELECT version FROM migration", logger: logger).decode(Int.self) {
            applied.insert(version)
        }
        if let newest = applied.max(), newest > latest {
            throw RegisterError.notARegister(location: location, reason: "written by a newer version of Pledge (schema \(newest))")
        }
        for migration in migrations where !applied.contains(migration.version) {
            for statement in migration.sql {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query(
                "INSERT INTO migration (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
        }
    }
}
