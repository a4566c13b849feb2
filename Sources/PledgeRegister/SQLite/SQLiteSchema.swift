import GRDB
import PledgeModel

enum SQLiteSchema {
    /// `PRAGMA application_id` of every Pledge register ("Pled"), so that another
    /// program's SQLite file is recognised and left alone.
    static let applicationID: Int32 = 0x506C_6564

    /// The trigger that refuses any change to a recorded event; only a merge of two histories
    /// (`SQLiteRegister.pairTranslation`) sets it aside, inside its own transaction.
    static let eventsAreNeverChanged = """
        CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
        BEGIN SELECT RAISE(ABORT, 'tracking events are never changed'); END
        """

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, items, tracking events, search") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")

            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "document") { t in
                t.primaryKey("key", .text)
                t.column("title", .text)
                t.column("date", .text)
                t.column("language", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("source", .text).notNull()
                t.column("revision", .integer).notNull()
                t.column("ingested_at", .text).notNull()
            }
            // The text apart from the document's row: a search reads thousands of document rows
            // and should not page through their texts to do it.
            try db.create(table: "document_text") { t in
                t.primaryKey("document", .text).references("document")
                t.column("text", .text).notNull()
            }
            // Tables keyed by their parent and a position are stored in key order (WITHOUT ROWID):
            // one B-tree to write instead of a table and an index.
            try db.create(table: "section", options: .withoutRowID) { t in
                t.column("document", .text).notNull().references("document")
                t.column("id", .text).notNull()
                t.column("ordinal", .integer).notNull()
                t.column("heading", .text)
                t.column("level", .integer).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.primaryKey(["document", "id"])
            }
            try db.create(table: "term", options: .withoutRowID) { t in
                t.column("document", .text).notNull().references("document")
                t.column("seq", .integer).notNull()
                t.column("short", .text).notNull()
                t.column("long", .text).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.primaryKey(["document", "seq"])
            }
            try db.create(table: "item") { t in
                t.primaryKey("id", .text)
                t.column("document", .text).notNull().references("document")
                t.column("number", .integer).notNull()
                t.column("ordinal", .integer).notNull()
                t.column("extracted_id", .text).notNull()
                t.column("section_id", .text).notNull()
                t.column("section", .text)
                t.column("kind", .text).notNull()
                t.column("title", .text)
                t.column("text", .text).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("modality", .text).notNull()
                t.column("parties", .text).notNull()
                t.column("due", .text)
                t.column("status", .text).notNull().defaults(to: Status.not_yet_rated.rawValue)
                t.column("version", .integer).notNull()
                t.column("withdrawn", .boolean).notNull().defaults(to: false)
                t.column("fingerprint", .text).notNull()
                // The text writes Latin letters or digits full-width (ＡＩ): search cannot
                // rule it out with a plain substring test.
                t.column("wide_latin", .boolean).notNull()
                // (document, number) is unique through `id`, which is made of them.
            }
            try db.create(index: "item_by_position", on: "item", columns: ["document", "ordinal", "number"])
            try db.create(index: "item_by_due", on: "item", columns: ["due"], condition: Column("due") != nil)
            for (table, columns) in [
                // A sentence's text is cut from its item's when read.
                ("sentence", ["start", "end", "modality", "actor", "parties"]),
                ("amount", ["text", "start", "end", "kind", "value", "unit", "qualifier"]),
                ("time_expression", ["text", "start", "end", "role", "value", "part", "due"]),
            ] {
                try db.create(table: table, options: .withoutRowID) { t in
                    t.column("item", .text).notNull().references("item")
                    t.column("seq", .integer).notNull()
                    for c in columns {
                        let type: Database.ColumnType = ["start", "end"].contains(c) ? .integer : c == "value" && table == "amount" ? .double : .text
                        let column = t.column(c, type)
                        if !["actor", "qualifier", "part", "due"].contains(c) { column.notNull() }
                    }
                    t.primaryKey(["item", "seq"])
                }
            }
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("sequence")
                t.column("item", .text).notNull().references("item")
                t.column("version", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("note", .text)
                t.column("evidence_url", .text)
                t.column("evidence_title", .text)
                t.column("date", .text).notNull()
                t.column("author", .text).notNull()
                t.column("recorded_at", .text).notNull()
                // Two writers that saw the same version cannot both record on top of it.
                t.uniqueKey(["item", "version"])
            }
            // The history is append-only, whatever program touches the file.
            try db.execute(sql: eventsAreNeverChanged + """
                ;
                CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'tracking events are never deleted'); END;
                """)
            try db.create(table: "ingest_log") { t in
                t.column("document", .text).notNull().references("document")
                t.column("revision", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("source", .text).notNull()
                t.column("ingested_at", .text).notNull()
                t.column("added", .integer).notNull()
                t.column("changed", .integer).notNull()
                t.column("withdrawn", .integer).notNull()
                t.primaryKey(["document", "revision"])
            }

            // Full text: one entry per document holding its distinct `SearchText` tokens (pairs
            // of kanji and katakana, words otherwise), written by the ingest. The index finds the
            // documents; `pledge_search_matches` then checks each of their items exactly.
            try db.execute(sql: "CREATE VIRTUAL TABLE document_search USING fts5(body, content='', detail='none', columnsize=0)")
        }
        migrator.registerMigration("v2: users, and a generation number for readers' caches") { db in
            try db.create(table: "user") { t in
                t.primaryKey("name", .text)
                t.column("role", .text).notNull()
                t.column("token_hash", .text).notNull().unique()
                t.column("created_at", .text).notNull()
            }
            // Every ingest writes its document's row and every tracking write an event, so
            // counting those writes tells a reader, in any process, that what it shows is stale.
            try db.execute(sql: """
                INSERT OR IGNORE INTO meta(key, value) VALUES ('generation', '0');
                CREATE TRIGGER generation_on_document_insert AFTER INSERT ON document
                BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
                CREATE TRIGGER generation_on_document_update AFTER UPDATE ON document
                BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
                CREATE TRIGGER generation_on_event AFTER INSERT ON event
                BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
                """)
        }
        migrator.registerMigration("v3: parts in their item's row, documents waiting for the search index") { db in
            try movePartsIntoItems(db)
            // FTS5 writes a segment at every commit, which cost more than the rest of a document's
            // rows together. A document's tokens wait here, inside its own transaction, and go into
            // the index with a batch of others (`SQLiteSearchIndex`); searches read waiting documents
            // directly, so a document is found from the moment it is stored.
            try db.create(table: "search_pending") { t in
                t.primaryKey("document", .integer)  // the document's rowid, as the index knows it
                t.column("tokens", .text).notNull()
            }
        }
        migrator.registerMigration("v4: sessions ended by signing out") { db in
            try db.create(table: "revoked_session", options: .withoutRowID) { t in
                t.primaryKey("id", .text)
                t.column("expires", .integer).notNull()
            }
        }
        migrator.registerMigration("v5: parties read again as countries") { db in
            // `RegisterUpgrades` reads every stored document again once the schema is current.
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('upgrade:parties', 'pending')")
        }
        migrator.registerMigration("v6: translations, one commitment in two texts") { db in
            try db.alter(table: "document") { t in t.add(column: "translation_of", .text) }
            try db.alter(table: "item") { t in
                t.add(column: "language", .text).notNull().defaults(to: "")
                t.add(column: "counterpart", .text)
                t.add(column: "twinned", .boolean).notNull().defaults(to: false)
            }
            try db.execute(sql: """
                UPDATE item SET language = (SELECT language FROM document WHERE key = item.document);
                CREATE INDEX item_by_counterpart ON item(counterpart) WHERE counterpart IS NOT NULL;
                CREATE INDEX document_by_date ON document(date);
                INSERT OR REPLACE INTO meta(key, value) VALUES ('upgrade:translations', 'pending');
                """)
        }
        migrator.registerMigration("v7: links between documents") { db in
            // The names each document uses, which find the documents it may link to (`DocumentLinks`).
            try db.create(table: "document_name", options: .withoutRowID) { t in
                t.column("name", .text).notNull()
                t.column("document", .text).notNull().references("document")
                t.primaryKey(["name", "document"])
            }
            try db.create(index: "document_name_by_document", on: "document_name", columns: ["document"])
            try db.create(table: "item_link", options: .withoutRowID) { t in
                t.column("from_item", .text).notNull().references("item")
                t.column("to_item", .text).notNull().references("item")
                t.column("relation", .text).notNull()
                t.column("score", .double).notNull()
                t.column("evidence", .text).notNull()
                t.primaryKey(["from_item", "to_item"])
            }
            try db.create(index: "item_link_by_to", on: "item_link", columns: ["to_item"])
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('upgrade:links', 'pending')")
        }
        migrator.registerMigration("v8: what editors did with suggestions") { db in
            // One decision a suggestion, kept like events (`Suggestions`).
            try db.create(table: "suggestion_decision", options: .withoutRowID) { t in
                t.column("item", .text).notNull().references("item")
                t.column("suggestion", .text).notNull()
                t.column("decision", .text).notNull()
                t.column("author", .text).notNull()
                t.column("decided_at", .text).notNull()
                t.primaryKey(["item", "suggestion"])
            }
            try db.execute(sql: """
                CREATE TRIGGER generation_on_suggestion_decision AFTER INSERT ON suggestion_decision
                BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
                """)
        }
        migrator.registerMigration("v9: counts kept as items are written, money in rows, dates indexed for the due lists") { db in
            try db.execute(sql: itemTally)
            try db.execute(sql: itemMoney)
            // Existing items' money, from their parts.
            let money = try SQLiteMoneyWriter(db)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, parts, section, counterpart IS NULL AND NOT withdrawn AS listed FROM item WHERE amount_count > 0
                """)
            while let row = try rows.next() {
                let parts = try ItemParts.decode(row["parts"])
                try money.insert(item: row["id"], sentences: parts.sentences.map {
                    StoredSentence(text: "", span: SourceSpan($0.start, $0.end), modality: $0.modality, actor: $0.actor, parties: $0.parties)
                }, amounts: parts.amounts, listed: row["listed"], section: row["section"])
            }
            // The due lists, their facets and the timeline read this index alone: it holds every
            // column a filter tests but the search.
            try db.execute(sql: """
                DROP INDEX item_by_due;
                CREATE INDEX item_by_due ON item(\(dueIndexColumns)) WHERE due IS NOT NULL;
                CREATE INDEX term_by_short ON term(short COLLATE NOCASE, document, seq);
                """)
        }
        migrator.registerMigration("v10: lists in document order read from their index alone") { db in
            // A deep page of a list counts past its earlier rows in this index, without reading them.
            try db.execute(sql: """
                DROP INDEX item_by_position;
                CREATE INDEX item_by_position ON item(document, ordinal, number, \(ItemFilter.listedColumns));
                """)
        }
        migrator.registerMigration("v11: corrections of what was read") { db in
            try db.execute(sql: """
                CREATE TABLE correction (
                    sequence INTEGER PRIMARY KEY, item TEXT NOT NULL REFERENCES item(id), version INTEGER NOT NULL,
                    field TEXT NOT NULL, amount INTEGER, before TEXT, after TEXT, note TEXT NOT NULL, author TEXT NOT NULL,
                    recorded_at TEXT NOT NULL, source_text TEXT NOT NULL);
                CREATE INDEX correction_by_item ON correction(item);
                CREATE TRIGGER correction_is_append_only_update BEFORE UPDATE ON correction
                BEGIN SELECT RAISE(ABORT, 'corrections are never changed'); END;
                CREATE TRIGGER correction_is_append_only_delete BEFORE DELETE ON correction
                BEGIN SELECT RAISE(ABORT, 'corrections are never deleted'); END;
                CREATE TRIGGER generation_on_correction AFTER INSERT ON correction
                BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
                """)
        }
        return migrator
    }

    /// The columns of `item_by_due`.
    static let dueIndexColumns =
        "due, status, withdrawn, counterpart, language, twinned, modality, parties, section_id, section, document, ordinal, number"

    /// Adds the amount of the `item_money` row `row` (`NEW`, `OLD`) to `money_tally`, `sign` times.
    static func addMoney(_ row: String, _ sign: Int, when condition: String = "true") -> String {
        """
        INSERT INTO money_tally SELECT \(row).currency, coalesce(\(row).spender, ''), \(row).section, \(sign) * \(row).value, \(sign)
            WHERE \(condition) ON CONFLICT(currency, spender, section)
            DO UPDATE SET total = total + excluded.total, amounts = amounts + excluded.amounts;
        """
    }

    /// `ItemMoney`'s rows, which follow their item's listing and section, and `money_tally`,
    /// which adds up those of listed items as they are written.
    static let itemMoney = """
        CREATE TABLE item_money(
            item TEXT NOT NULL, seq INTEGER NOT NULL, currency TEXT NOT NULL, value REAL NOT NULL, spender TEXT,
            listed BOOLEAN NOT NULL, section TEXT NOT NULL, PRIMARY KEY (item, seq)) WITHOUT ROWID;
        CREATE TABLE money_tally(
            currency TEXT NOT NULL, spender TEXT NOT NULL, section TEXT NOT NULL, total REAL NOT NULL, amounts INTEGER NOT NULL,
            PRIMARY KEY (currency, spender, section)) WITHOUT ROWID;
        CREATE TRIGGER money_tally_insert AFTER INSERT ON item_money WHEN NEW.listed BEGIN \(addMoney("NEW", 1)) END;
        CREATE TRIGGER money_tally_delete AFTER DELETE ON item_money WHEN OLD.listed BEGIN \(addMoney("OLD", -1)) END;
        CREATE TRIGGER money_tally_update AFTER UPDATE OF listed, section ON item_money BEGIN
            \(addMoney("OLD", -1, when: "OLD.listed")) \(addMoney("NEW", 1, when: "NEW.listed"))
        END;
        CREATE TRIGGER item_money_follows_item AFTER UPDATE OF counterpart, withdrawn, section ON item BEGIN
            UPDATE item_money SET listed = (NEW.counterpart IS NULL AND NOT NEW.withdrawn), section = coalesce(NEW.section, '')
            WHERE item = NEW.id;
        END;
        CREATE TRIGGER item_money_goes_with_item AFTER DELETE ON item BEGIN DELETE FROM item_money WHERE item = OLD.id; END;
        """

    /// `ItemTally`'s table, filled from the items, and the triggers that keep it.
    static var itemTally: String {
        let columns = ItemTally.keyColumns.joined(separator: ", ")
        func add(_ row: String, _ delta: Int) -> String {
            """
            INSERT INTO item_tally(\(columns), n) SELECT \(ItemTally.key(of: row).joined(separator: ", ")), \(delta) WHERE true
                ON CONFLICT(\(columns)) DO UPDATE SET n = n + \(delta);
            """
        }
        return """
            CREATE TABLE item_tally(
                language TEXT NOT NULL, paired BOOLEAN NOT NULL, twinned BOOLEAN NOT NULL, withdrawn BOOLEAN NOT NULL,
                section_id TEXT NOT NULL, section TEXT NOT NULL, modality TEXT NOT NULL, parties TEXT NOT NULL,
                status TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (\(columns))) WITHOUT ROWID;
            INSERT INTO item_tally SELECT \(ItemTally.key(of: "item").joined(separator: ", ")), count(*) FROM item
                GROUP BY \(ItemTally.key(of: "item").joined(separator: ", "));
            CREATE TRIGGER item_tally_insert AFTER INSERT ON item BEGIN \(add("NEW", 1)) END;
            CREATE TRIGGER item_tally_delete AFTER DELETE ON item BEGIN \(add("OLD", -1)) END;
            CREATE TRIGGER item_tally_update AFTER UPDATE OF \(ItemTally.keyColumns.filter { $0 != "paired" }.joined(separator: ", ")), counterpart ON item
                BEGIN \(add("OLD", -1)) \(add("NEW", 1)) END;
            """
    }

    /// Sentences, amounts and times leave their tables for a JSON column of their item
    /// (`ItemParts`): an ingest wrote three or four of their rows for every item.
    static func movePartsIntoItems(_ db: Database) throws {
        try db.alter(table: "item") { t in
            t.add(column: "parts", .text).notNull().defaults(to: ItemParts(sentences: [], amounts: [], times: []).encoded())
            t.add(column: "amount_count", .integer).notNull().defaults(to: 0)
        }
        // The rows as version 2 wrote them, read here rather than through today's readers: one
        // pass over each table in key order (item, seq), the three joined on the item as they go.
        var sentences = try PartRows(db, table: "sentence") {
            StoredSentence(
                text: "", span: SourceSpan($0["start"], $0["end"]), modality: Modality(rawValue: $0["modality"]) ?? .other,
                actor: $0["actor"], parties: SQLiteQuery.parties($0["parties"]))
        }
        var amounts = try PartRows(db, table: "amount") {
            StoredAmount(
                text: $0["text"], span: SourceSpan($0["start"], $0["end"]), kind: AmountKind(rawValue: $0["kind"]) ?? .money,
                value: $0["value"], unit: $0["unit"], qualifier: ($0["qualifier"] as String?).flatMap(Qualifier.init(rawValue:)))
        }
        var times = try PartRows(db, table: "time_expression") {
            StoredTime(
                text: $0["text"], span: SourceSpan($0["start"], $0["end"]), role: TimeRole(rawValue: $0["role"]) ?? .point,
                value: $0["value"], part: ($0["part"] as String?).flatMap(PeriodPart.init(rawValue:)), due: $0["due"])
        }
        let update = try db.makeStatement(sql: "UPDATE item SET parts = ?, amount_count = ? WHERE id = ?")
        // Keys compare as SQLite orders them, byte by byte (Swift's `<` would normalise first).
        while let id = [sentences.item, amounts.item, times.item].compactMap({ $0 }).min(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let parts = ItemParts(sentences: try sentences.take(id), amounts: try amounts.take(id), times: try times.take(id))
            try update.execute(arguments: [parts.encoded(), parts.amounts.count, id])
        }
        try db.drop(table: "sentence")
        try db.drop(table: "amount")
        try db.drop(table: "time_expression")
    }
}

/// The rows of one version-2 part table, read in key order and handed out an item at a time.
private struct PartRows<Part> {
    private let cursor: RowCursor
    private let read: (Row) -> Part
    private var next: (item: String, part: Part)?

    init(_ db: Database, table: String, read: @escaping (Row) -> Part) throws {
        cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY item, seq")
        self.read = read
        try advance()
    }

    /// The item of the next row, if any.
    var item: String? { next?.item }

    private mutating func advance() throws {
        next = try cursor.next().map { ($0["item"], read($0)) }
    }

    /// The parts of `item`, which is the smallest item left in any table.
    mutating func take(_ item: String) throws -> [Part] {
        var parts: [Part] = []
        while let row = next, row.item.utf8.elementsEqual(item.utf8) {
            parts.append(row.part)
            try advance()
        }
        return parts
    }
}
