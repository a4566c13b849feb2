import PledgeModel
import PledgeRegister
import PostgresNIO

/// Stores one document inside the caller's transaction, following the same `IngestPlan`
/// as every store.
struct PostgresIngest {
    let register: PostgresRegister
    let connection: PostgresConnection
    let document: DocumentRecord
    let now: String

    func run() async throws -> IngestOutcome {
        // Two servers ingesting one document queue here instead of numbering items twice.
        try await register.execute(connection, "SELECT pg_advisory_xact_lock(hashtext($1))", [.text("document:" + document.key)])
        guard !document.keyIsChosen else { return try await store() }
        for key in DocumentIdentity.candidates(document.key) {
            guard let stored = try await register.rows(connection, "SELECT title, sha256 FROM document WHERE key = $1", [.text(key)]).first
            else { return try await moved(to: key) }
            let sha = try stored.string("sha256")
            if sha == document.info.sha256 { return try await moved(to: key) }
            let texts = try await register.rows(
                connection, "SELECT text FROM item WHERE document = $1 AND NOT withdrawn ORDER BY ordinal", [.text(key)]
            ).map { try $0.string("text") }
            if DocumentIdentity.isSameDocument(.init(title: try stored.optionalString("title"), sha256: sha, itemTexts: texts), document) {
                return try await moved(to: key)
            }
        }
        throw RegisterError.invalid(Explanation(
            "ingest.keys", "{key} and 98 keys after it hold other documents; give this one a key of its own (--key, or the key of an upload)", ["key": document.key]))
    }

    /// Stores the document under `key`, saying so when that is not the key it came with.
    private func moved(to key: String) async throws -> IngestOutcome {
        guard key != document.key else { return try await store() }
        var document = self.document
        document.key = key
        try await register.execute(connection, "SELECT pg_advisory_xact_lock(hashtext($1))", [.text("document:" + key)])
        var outcome = try await PostgresIngest(register: register, connection: connection, document: document, now: now).store()
        outcome.note = DocumentIdentity.note(derived: self.document.key, used: key)
        return outcome
    }

    private func store() async throws -> IngestOutcome {
        let key = document.key
        let previous = try await register.rows(connection, "SELECT sha256, revision FROM document WHERE key = $1", [.text(key)]).first
        if let previous, try previous.string("sha256") == document.info.sha256 {
            let kept = try await register.rows(
                connection, "SELECT count(*) AS n FROM item WHERE document = $1 AND NOT withdrawn", [.text(key)])[0].int("n")
            return IngestOutcome(document: key, change: .unchanged, kept: kept)
        }
        let revision = (try previous?.int("revision") ?? 0) + 1
        try await register.execute(
            connection,
            """
            INSERT INTO document (key, title, date, language, sha256, source, revision, ingested_at, text)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (key) DO UPDATE SET title = excluded.title, date = excluded.date, language = excluded.language,
                sha256 = excluded.sha256, source = excluded.source, revision = excluded.revision,
                ingested_at = excluded.ingested_at, text = excluded.text
            """,
            [.text(key), .text(document.info.title), .text(document.info.date), .text(document.info.language.rawValue),
             .text(document.info.sha256), .text(document.source), .int(revision), .text(now), .text(document.text)])
        try await register.execute(connection, "DELETE FROM section WHERE document = $1", [.text(key)])
        try await register.execute(connection, "DELETE FROM term WHERE document = $1", [.text(key)])
        let writer = PostgresItemWriter(register: register, connection: connection)
        try await writer.insert(sections: document.sections, terms: document.terms.map { ($0.short, $0.long, $0.span) }, of: key)
        // The names that find the documents it may link to are part of what is stored (`DocumentLinks`).
        try await register.replaceNames(connection, document.linkNames, of: key)

        let old = try await register.rows(
            connection, "SELECT number, text, fingerprint, withdrawn, version FROM item WHERE document = $1 ORDER BY withdrawn, ordinal",
            [.text(key)]
        ).map {
            IngestPlan.Previous(number: try $0.int("number"), text: try $0.string("text"), fingerprint: try $0.string("fingerprint"),
                                withdrawn: try $0.bool("withdrawn"), version: try $0.int("version"))
        }
        var corrections: [Int: [Correction]] = [:]
        for row in try await register.rows(connection, """
            SELECT c.*, i.number FROM correction c JOIN item i ON i.id = c.item WHERE i.document = $1 ORDER BY c.sequence
            """, [.text(key)]) {
            corrections[try row.int("number"), default: []].append(try PostgresRegister.correction(row))
        }
        let plan = IngestPlan(document, previous: old, isNew: previous == nil, corrections: corrections)
        var fresh: [PostgresItemWriter.NewItem] = []
        for step in plan.steps {
            switch step {
            case .insert(let item, let number, let ordinal):
                fresh.append(.init(id: ItemID.make(document: key, number: number), document: key, language: document.info.language,
                                   number: number, ordinal: ordinal, extractedID: item.extractedID, record: item,
                                   status: .not_yet_rated, version: 1, withdrawn: false))
            case .update(let item, let number, let ordinal, let version):
                let id = ItemID.make(document: key, number: number)
                try await register.execute(
                    connection,
                    """
                    UPDATE item SET ordinal = $1, extracted_id = $2, section_id = $3, section = $4, kind = $5, title = $6, text = $7,
                        start = $8, "end" = $9, modality = $10, parties = $11, due = $12, version = $13, withdrawn = false,
                        fingerprint = $14, search_text = $15, language = $17
                    WHERE id = $16
                    """,
                    [.int(ordinal), .text(item.extractedID), .text(item.sectionID), .text(item.section), .text(item.kind.rawValue),
                     .text(item.title), .text(item.text), .int(item.span.start), .int(item.span.end), .text(item.modality.rawValue),
                     .text(PostgresItemWriter.parties(item.parties)), .text(item.due), .int(version), .text(item.fingerprint),
                     .text(PostgresItemWriter.searchText(item)), .text(id), .text(document.info.language.rawValue)])
                for table in ["sentence", "amount", "time_expression", "item_money"] {
                    try await register.execute(connection, "DELETE FROM \(table) WHERE item = $1", [.text(id)])
                }
                try await writer.insertParts([(id, item.sentences, item.amounts, item.times)])
            case .withdraw(let number):
                try await register.execute(
                    connection, "UPDATE item SET withdrawn = true, version = version + 1 WHERE document = $1 AND number = $2",
                    [.text(key), .int(number)])
            }
        }
        try await writer.insert(fresh)
        let outcome = plan.outcome
        try await register.execute(
            connection, "INSERT INTO ingest_log VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [.text(key), .int(revision), .text(document.info.sha256), .text(document.source), .text(now), .int(outcome.added),
             .int(outcome.changed), .int(outcome.withdrawn)])
        return outcome
    }
}

/// Writes items and what hangs off them in multi-row statements, for ingest and restore.
struct PostgresItemWriter {
    let register: PostgresRegister
    let connection: PostgresConnection

    struct NewItem {
        var id: String
        var document: String
        var language: Language
        var number: Int
        var ordinal: Int
        var extractedID: String
        var record: ItemRecord
        var status: Status
        var version: Int
        var withdrawn: Bool
        var counterpart: String? = nil
    }

    static func parties(_ parties: [Party]) -> String { parties.map(\.rawValue).joined(separator: ",") }

    /// What search compares a query with: title and text, folded as `SearchQuery` folds.
    static func searchText(_ item: ItemRecord) -> String { SearchText.foldedText((item.title ?? "") + " " + item.text) }

    /// Rows in batches small enough for PostgreSQL's limit of 65,535 values a statement.
    func insertRows(_ table: String, columns: String, _ rows: [[Value]]) async throws {
        guard let width = rows.first?.count else { return }
        for batch in stride(from: 0, to: rows.count, by: max(1, 60_000 / width)) {
            var sql = SQL("INSERT INTO \(table) (\(columns)) VALUES ")
            sql.append(rows[batch..<min(rows.count, batch + max(1, 60_000 / width))].map { sql.row($0) }.joined(separator: ", "))
            _ = try await register.rows(connection, sql)
        }
    }

    func insert(_ items: [NewItem]) async throws {
        try await insertRows(
            "item",
            columns: """
                id, document, number, ordinal, extracted_id, section_id, section, kind, title, text, start, "end", modality, parties,
                due, status, version, withdrawn, fingerprint, search_text, language, counterpart
                """,
            items.map { i in
                let r = i.record
                return [.text(i.id), .text(i.document), .int(i.number), .int(i.ordinal), .text(i.extractedID), .text(r.sectionID),
                        .text(r.section), .text(r.kind.rawValue), .text(r.title), .text(r.text), .int(r.span.start), .int(r.span.end),
                        .text(r.modality.rawValue), .text(Self.parties(r.parties)), .text(r.due), .text(i.status.rawValue),
                        .int(i.version), .bool(i.withdrawn), .text(r.fingerprint), .text(Self.searchText(r)),
                        .text(i.language.rawValue), .text(i.counterpart)]
            })
        try await insertParts(
            items.map { ($0.id, $0.record.sentences, $0.record.amounts, $0.record.times) },
            listing: Dictionary(uniqueKeysWithValues: items.map { ($0.id, Listing(listed: $0.counterpart == nil && !$0.withdrawn, section: $0.record.section ?? "")) }))
    }

    /// Whether an item is listed (an original's text, not withdrawn) and its section, as its
    /// money rows repeat them.
    struct Listing {
        var listed: Bool
        var section: String
    }

    /// - Parameter listing: each item's listing when the caller knows it; otherwise the money
    ///   rows take it from the item rows.
    func insertParts(
        _ items: [(id: String, sentences: [StoredSentence], amounts: [StoredAmount], times: [StoredTime])], listing: [String: Listing]? = nil
    ) async throws {
        try await insertRows(
            "sentence", columns: #"item, seq, text, start, "end", modality, actor, parties"#,
            items.flatMap { item in
                item.sentences.enumerated().map { i, s in
                    [.text(item.id), .int(i), .text(s.text), .int(s.span.start), .int(s.span.end), .text(s.modality.rawValue),
                     .text(s.actor), .text(Self.parties(s.parties))] as [Value]
                }
            })
        try await insertRows(
            "amount", columns: #"item, seq, text, start, "end", kind, value, unit, qualifier"#,
            items.flatMap { item in
                item.amounts.enumerated().map { i, a in
                    [.text(item.id), .int(i), .text(a.text), .int(a.span.start), .int(a.span.end), .text(a.kind.rawValue),
                     .double(a.value), .text(a.unit), .text(a.qualifier?.rawValue)] as [Value]
                }
            })
        try await insertRows(
            "item_money", columns: "item, seq, currency, value, spender, listed, section",
            items.flatMap { item in
                let known = listing?[item.id]
                return ItemMoney.rows(sentences: item.sentences, amounts: item.amounts).map {
                    [.text(item.id), .int($0.seq), .text($0.currency), .double($0.value), .text($0.spender), .bool(known?.listed ?? true),
                     .text(known?.section ?? "")] as [Value]
                }
            })
        if listing == nil {
            // Listed and section as the item rows say, each item found by its key: joined whole,
            // a register being copied in one transaction was read again for every document.
            try await register.execute(connection, """
                UPDATE item_money m SET listed = (i.counterpart IS NULL AND NOT i.withdrawn), section = coalesce(i.section, '')
                FROM item i WHERE i.id = ANY($1) AND m.item = i.id
                """, [.textArray(items.map(\.id))])
        }
        try await insertRows(
            "time_expression", columns: #"item, seq, text, start, "end", role, value, part, due"#,
            items.flatMap { item in
                item.times.enumerated().map { i, t in
                    [.text(item.id), .int(i), .text(t.text), .int(t.span.start), .int(t.span.end), .text(t.role.rawValue),
                     .text(t.value), .text(t.part?.rawValue), .text(t.due)] as [Value]
                }
            })
    }

    func insert(sections: [Section], terms: [(short: String, long: String, span: SourceSpan)], of key: String) async throws {
        try await insertRows(
            "section", columns: #"document, ordinal, id, heading, level, start, "end""#,
            sections.enumerated().map { i, s in
                [.text(key), .int(i), .text(s.id), .text(s.heading), .int(s.level), .int(s.span.start), .int(s.span.end)]
            })
        try await insertRows(
            "term", columns: #"document, seq, short, long, start, "end""#,
            terms.enumerated().map { i, t in
                [.text(key), .int(i), .text(t.short), .text(t.long), .int(t.span.start), .int(t.span.end)]
            })
    }
}

/// Loads an archive row by row, keeping every id, version and event sequence.
struct PostgresRestore {
    let register: PostgresRegister
    let connection: PostgresConnection

    /// Tables whose secondary indexes are dropped while an archive is loaded and built again
    /// once it is in: building an index whole is many times faster than growing it row by row,
    /// above all the trigram index of every item's text.
    static let rebuiltTables = ["item", "sentence", "amount", "time_expression", "item_money", "section", "term"]

    func restore(_ archive: RegisterArchive) async throws {
        let writer = PostgresItemWriter(register: register, connection: connection)
        let indexes = try await register.rows(connection, """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
            ORDER BY i.indexname
            """, [.textArray(Self.rebuiltTables)]).map { (name: try $0.string("indexname"), definition: try $0.string("indexdef")) }
        for index in indexes { try await register.execute(connection, "DROP INDEX \"\(index.name)\"") }
        // The tallies are counted once at the end: appended statement by statement, they would
        // be folded later but leave their tables many times the size of what they hold.
        for (table, triggers) in PostgresSchema.tallyTriggers {
            for trigger in triggers { try await register.execute(connection, "ALTER TABLE \(table) DISABLE TRIGGER \(trigger)") }
        }
        try await load(archive, writer: writer)
        for index in indexes { try await register.execute(connection, index.definition) }
        try await register.execute(connection, "DELETE FROM item_tally")
        try await register.execute(connection, PostgresSchema.itemTallyCounted)
        try await register.execute(connection, "DELETE FROM money_tally")
        try await register.execute(connection, PostgresSchema.moneyTallyCounted)
        for (table, triggers) in PostgresSchema.tallyTriggers {
            for trigger in triggers { try await register.execute(connection, "ALTER TABLE \(table) ENABLE TRIGGER \(trigger)") }
        }
        // The planner's picture of tables that were empty.
        for table in Self.rebuiltTables + ["document", "item_tally", "money_tally"] { try await register.execute(connection, "ANALYZE \(table)") }
    }

    func load(_ archive: RegisterArchive, writer: PostgresItemWriter) async throws {
        for d in archive.documents {
            let doc = d.document
            try await register.execute(
                connection,
                """
                INSERT INTO document (key, title, date, language, sha256, source, revision, ingested_at, text, translation_of)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """,
                [.text(doc.key), .text(doc.title), .text(doc.date), .text(doc.language.rawValue), .text(doc.sha256), .text(doc.source),
                 .int(doc.revision), .text(doc.ingestedAt), .text(d.text), .text(doc.translationOf)])
            try await writer.insert(sections: d.sections, terms: d.terms.map { ($0.short, $0.long, $0.span) }, of: doc.key)
            try await writer.insert(d.items.map { entry in
                let item = entry.item, record = ItemRecord(restoring: entry)
                return PostgresItemWriter.NewItem(
                    id: item.id, document: item.document, language: doc.language, number: item.number, ordinal: item.ordinal,
                    extractedID: record.extractedID, record: record, status: item.status, version: item.version,
                    withdrawn: item.withdrawn, counterpart: item.counterpart)
            })
        }
        try await register.execute(
            connection, "UPDATE item SET twinned = true WHERE id IN (SELECT counterpart FROM item WHERE counterpart IS NOT NULL)")
        // Links are derived, not archived: the next opening links the restored documents.
        try await register.execute(
            connection, "INSERT INTO meta VALUES ('upgrade:links', 'pending') ON CONFLICT (key) DO UPDATE SET value = 'pending'")
        try await writer.insertRows(
            "event", columns: "sequence, item, version, status, note, evidence_url, evidence_title, date, author, recorded_at",
            archive.events.map { e in
                [.int(Int(e.sequence)), .text(e.item), .int(e.version), .text(e.status.rawValue), .text(e.note), .text(e.evidenceURL),
                 .text(e.evidenceTitle), .text(e.date), .text(e.author), .text(e.recordedAt)]
            })
        for d in archive.decisions { try await register.decide(connection, d) }
        try await writer.insertRows(
            "correction", columns: "sequence, item, version, field, amount, before, after, note, author, recorded_at, source_text",
            archive.corrections.map { c in
                [.int(Int(c.sequence)), .text(c.item), .int(c.version), .text(c.field.rawValue), c.amount.map { .int($0) } ?? .text(nil),
                 .text(c.before), .text(c.after), .text(c.note), .text(c.author), .text(c.recordedAt), .text(c.sourceText)]
            })
        // Later events and corrections number on from the archive's.
        for table in ["event", "correction"] {
            try await register.execute(
                connection, "SELECT setval(pg_get_serial_sequence('\(table)', 'sequence'), GREATEST((SELECT max(sequence) FROM \(table)), 1))")
        }
    }
}
