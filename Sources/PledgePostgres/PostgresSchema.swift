import Logging
import PledgeModel
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
        (8, "counts kept as items are written, money in rows, dates indexed for the due lists", itemTally + itemMoney + [
            "DROP INDEX item_by_due",
            // The due lists, their facets and the timeline read this index alone.
            """
            CREATE INDEX item_by_due ON item (due, status, withdrawn, counterpart, language, twinned, modality, parties, section_id, section, document,
                ordinal, number)
                WHERE due IS NOT NULL
            """,
            "CREATE INDEX term_by_short ON term (lower(short), short, document, seq)",
        ]),
        (9, "lists in document order read from their index alone", [
            "DROP INDEX item_by_position",
            // A deep page of a list counts past its earlier rows in this index, without reading them.
            "CREATE INDEX item_by_position ON item (document, ordinal, number) INCLUDE (\(ItemFilter.listedColumns), id)",
        ]),
        (10, "corrections of what was read", [
            """
            CREATE TABLE correction (sequence bigserial PRIMARY KEY, item text NOT NULL REFERENCES item, version integer NOT NULL,
                field text NOT NULL, amount integer, before text, after text, note text NOT NULL, author text NOT NULL,
                recorded_at text NOT NULL, source_text text NOT NULL)
            """,
            "CREATE INDEX correction_by_item ON correction (item)",
            """
            CREATE FUNCTION correction_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'corrections are never changed or deleted'; END $$
            """,
            "CREATE TRIGGER correction_is_append_only BEFORE UPDATE OR DELETE ON correction FOR EACH STATEMENT EXECUTE FUNCTION correction_is_append_only()",
            "CREATE TRIGGER generation_on_correction AFTER INSERT ON correction FOR EACH ROW EXECUTE FUNCTION next_generation()",
        ]),
    ]

    /// The listed amounts of an `item_money` transition table, `sign` times.
    static func moneyRows(_ table: String, _ sign: String) -> String {
        "SELECT currency, coalesce(spender, '') AS spender, section, \(sign) * value AS total, \(sign) AS amounts FROM \(table) WHERE listed"
    }

    /// Three statement triggers on `source` and their functions, which append to `tally` the
    /// change each statement made, as `rows(transitionTable, sign)` gives it, summed by `key`:
    /// `tally_added`, `tally_removed`, `tally_changed` (and `tally_insert`, `_delete`, `_update`).
    static func appendedTally(
        _ tally: String, of source: String, key: String, sums: String, keeps: String, rows: (String, String) -> String
    ) -> [String] {
        func function(_ name: String, _ change: String) -> String {
            """
            CREATE FUNCTION \(tally)_\(name)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN INSERT INTO \(tally) SELECT \(key), \(sums) FROM (\(change)) AS change GROUP BY \(key) HAVING \(keeps);
            RETURN NULL; END $$
            """
        }
        return [
            function("added", rows("new_rows", "1")),
            function("removed", rows("old_rows", "-1")),
            function("changed", rows("old_rows", "-1") + " UNION ALL " + rows("new_rows", "1")),
            "CREATE TRIGGER \(tally)_insert AFTER INSERT ON \(source) REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION \(tally)_added()",
            "CREATE TRIGGER \(tally)_delete AFTER DELETE ON \(source) REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION \(tally)_removed()",
            """
            CREATE TRIGGER \(tally)_update AFTER UPDATE ON \(source) REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION \(tally)_changed()
            """,
        ]
    }

    /// `ItemMoney`'s rows, which follow their item's listing and section, and `money_tally`,
    /// which adds up those of listed items as they are written (appended, as `item_tally`);
    /// filled for the items stored before by `fillMoney`.
    static let itemMoney = [
        """
        CREATE TABLE item_money (item text NOT NULL, seq integer NOT NULL, currency text NOT NULL, value double precision NOT NULL,
            spender text, listed boolean NOT NULL, section text NOT NULL, PRIMARY KEY (item, seq))
        """,
        """
        CREATE TABLE money_tally (currency text NOT NULL, spender text NOT NULL, section text NOT NULL, total double precision NOT NULL,
            amounts bigint NOT NULL)
        """,
    ] + appendedTally(
        "money_tally", of: "item_money", key: "currency, spender, section", sums: "sum(total), sum(amounts)",
        keeps: "sum(amounts) <> 0 OR sum(total) <> 0", rows: moneyRows) + [
        """
        CREATE FUNCTION item_money_follows_item() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE item_money m SET listed = (n.counterpart IS NULL AND NOT n.withdrawn), section = coalesce(n.section, '')
            FROM new_rows n WHERE m.item = n.id
            AND (m.listed IS DISTINCT FROM (n.counterpart IS NULL AND NOT n.withdrawn) OR m.section IS DISTINCT FROM coalesce(n.section, ''));
        RETURN NULL; END $$
        """,
        """
        CREATE TRIGGER item_money_follows_item AFTER UPDATE ON item REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION item_money_follows_item()
        """,
        """
        CREATE FUNCTION item_money_goes_with_item() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN DELETE FROM item_money m USING old_rows o WHERE m.item = o.id; RETURN NULL; END $$
        """,
        """
        CREATE TRIGGER item_money_goes_with_item AFTER DELETE ON item REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION item_money_goes_with_item()
        """,
    ]

    /// Money rows for the items stored before `item_money` (migration 8), from their amounts
    /// and sentences, by the same rule as an ingest's.
    static func fillMoney(_ connection: PostgresConnection, logger: Logger) async throws {
        var sentences: [String: [StoredSentence]] = [:]
        let sentenceRows = try await connection.query("""
            SELECT item, start, "end", actor FROM sentence WHERE item IN (SELECT item FROM amount WHERE kind = 'money')
            ORDER BY item, seq
            """, logger: logger)
        for try await (item, start, end, actor) in sentenceRows.decode((String, Int, Int, String?).self) {
            sentences[item, default: []].append(StoredSentence(text: "", span: SourceSpan(start, end), modality: .other, actor: actor, parties: []))
        }
        var amounts: [String: [StoredAmount]] = [:]
        let amountRows = try await connection.query("""
            SELECT item, start, "end", kind, value, unit FROM amount WHERE item IN (SELECT item FROM amount WHERE kind = 'money')
            ORDER BY item, seq
            """, logger: logger)
        for try await (item, start, end, kind, value, unit) in amountRows.decode((String, Int, Int, String, Double, String).self) {
            amounts[item, default: []].append(StoredAmount(
                text: "", span: SourceSpan(start, end), kind: AmountKind(rawValue: kind) ?? .people, value: value, unit: unit, qualifier: nil))
        }
        for (item, itemAmounts) in amounts {
            for row in ItemMoney.rows(sentences: sentences[item] ?? [], amounts: itemAmounts) {
                try await connection.query("""
                    INSERT INTO item_money SELECT id, \(row.seq), \(row.currency), \(row.value), \(row.spender),
                        counterpart IS NULL AND NOT withdrawn, coalesce(section, '') FROM item WHERE id = \(item)
                    """, logger: logger)
            }
        }
    }

    /// `ItemTally`'s table and the triggers that keep it. Each statement that writes items
    /// appends the changes it made to the counts, one row per key it touched, rather than
    /// updating shared rows, so that concurrent ingests never wait on one another or deadlock;
    /// `PostgresRegister.compactTally` folds the rows together.
    static var itemTally: [String] {
        [
            """
            CREATE TABLE item_tally (language text NOT NULL, paired boolean NOT NULL, twinned boolean NOT NULL,
                withdrawn boolean NOT NULL, section_id text NOT NULL, section text NOT NULL, modality text NOT NULL,
                parties text NOT NULL, status text NOT NULL, n bigint NOT NULL)
            """,
            itemTallyCounted,
        ] + appendedTally("item_tally", of: "item", key: tallyColumns, sums: "sum(n)", keeps: "sum(n) <> 0", rows: tallyKeyed)
    }

    static var tallyColumns: String { ItemTally.keyColumns.joined(separator: ", ") }

    static func tallyKeyed(_ table: String, _ n: String) -> String {
        "SELECT " + zip(ItemTally.key(of: table), ItemTally.keyColumns).map { "\($0) AS \($1)" }.joined(separator: ", ") + ", \(n) AS n FROM \(table)"
    }

    /// Fills an empty `item_tally` from the items.
    static var itemTallyCounted: String {
        "INSERT INTO item_tally SELECT \(tallyColumns), sum(n) FROM (\(tallyKeyed("item", "1"))) AS counted GROUP BY \(tallyColumns)"
    }

    /// Fills an empty `money_tally` from the money rows.
    static var moneyTallyCounted: String {
        "INSERT INTO money_tally SELECT currency, spender, section, sum(total), sum(amounts) FROM (\(moneyRows("item_money", "1"))) AS counted GROUP BY currency, spender, section"
    }

    /// The triggers that keep the tallies as items and money rows are written, by table.
    static let tallyTriggers = [
        ("item", ["item_tally_insert", "item_tally_delete", "item_tally_update"]),
        ("item_money", ["money_tally_insert", "money_tally_delete", "money_tally_update"]),
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
            if migration.version == 8 { try await fillMoney(connection, logger: logger) }
            try await connection.query(
                "INSERT INTO migration (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
        }
    }
}
