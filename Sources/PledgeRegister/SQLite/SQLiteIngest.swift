import GRDB
import PledgeModel

/// Stores one document inside the caller's transaction: a new document, or a new version
/// of one the register holds, whose items are matched by content (`ItemMatcher`) so that
/// ids, statuses and histories carry over. Items the new version drops are kept, withdrawn.
struct SQLiteIngest {
    let db: Database
    let document: DocumentRecord
    let now: String

    func run() throws -> IngestOutcome {
        guard !document.keyIsChosen else { return try store() }
        for key in DocumentIdentity.candidates(document.key) {
            guard let stored = try Row.fetchOne(db, sql: "SELECT title, sha256 FROM document WHERE key = ?", arguments: [key]) else {
                return try moved(to: key)
            }
            if stored["sha256"] as String == document.info.sha256 { return try moved(to: key) }
            let texts = try String.fetchAll(db, sql: "SELECT text FROM item WHERE document = ? AND NOT withdrawn ORDER BY ordinal", arguments: [key])
            if DocumentIdentity.isSameDocument(.init(title: stored["title"], sha256: stored["sha256"], itemTexts: texts), document) {
                return try moved(to: key)
            }
        }
        throw RegisterError.invalid(Explanation(
            "ingest.keys", "{key} and 98 keys after it hold other documents; give this one a key of its own (--key, or the key of an upload)", ["key": document.key]))
    }

    /// Stores the document under `key`, saying so when that is not the key it came with.
    private func moved(to key: String) throws -> IngestOutcome {
        guard key != document.key else { return try store() }
        var document = self.document
        document.key = key
        var outcome = try SQLiteIngest(db: db, document: document, now: now).store()
        outcome.note = DocumentIdentity.note(derived: self.document.key, used: key)
        return outcome
    }

    private func store() throws -> IngestOutcome {
        let key = document.key
        let previous = try Row.fetchOne(
            db, sql: "SELECT d.rowid, sha256, revision, text FROM document d JOIN document_text ON document = key WHERE key = ?",
            arguments: [key])
        if let previous, previous["sha256"] as String == document.info.sha256 {
            let items = try Int.fetchOne(db, sql: "SELECT count(*) FROM item WHERE document = ? AND NOT withdrawn", arguments: [key])
            return IngestOutcome(document: key, change: .unchanged, kept: items ?? 0)
        }
        let revision = (previous?["revision"] as Int? ?? 0) + 1
        try db.execute(
            sql: """
                INSERT INTO document(key, title, date, language, sha256, source, revision, ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET title = excluded.title, date = excluded.date, language = excluded.language,
                    sha256 = excluded.sha256, source = excluded.source, revision = excluded.revision,
                    ingested_at = excluded.ingested_at
                """,
            arguments: [key, document.info.title, document.info.date, document.info.language.rawValue, document.info.sha256,
                        document.source, revision, now])
        try db.execute(sql: "INSERT OR REPLACE INTO document_text(document, text) VALUES (?, ?)", arguments: [key, document.text])
        let writer = try SQLiteItemWriter(db)
        try SQLiteSearchIndex(db: db).store(
            document: try Int64.fetchOne(db, sql: "SELECT rowid FROM document WHERE key = ?", arguments: [key])!,
            tokens: document.searchTokens, previousText: previous?["text"])
        try replaceSectionsAndTerms()

        let old = try Row.fetchAll(
            db, sql: "SELECT number, text, fingerprint, withdrawn, version FROM item WHERE document = ? ORDER BY withdrawn, ordinal",
            arguments: [key]
        ).map {
            IngestPlan.Previous(number: $0["number"], text: $0["text"], fingerprint: $0["fingerprint"], withdrawn: $0["withdrawn"],
                                version: $0["version"])
        }
        var corrections: [Int: [Correction]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.*, i.number FROM correction c JOIN item i ON i.id = c.item WHERE i.document = ? ORDER BY c.sequence
            """, arguments: [key]) {
            corrections[row["number"], default: []].append(SQLiteQuery.correction(row))
        }
        let plan = IngestPlan(document, previous: old, isNew: previous == nil, corrections: corrections)
        for step in plan.steps {
            switch step {
            case .insert(let item, let number, let ordinal):
                try insert(item, number: number, ordinal: ordinal, writer: writer)
            case .update(let item, let number, let ordinal, let version):
                try update(item, number: number, ordinal: ordinal, version: version, writer: writer)
            case .withdraw(let number):
                try db.execute(
                    sql: "UPDATE item SET withdrawn = 1, version = version + 1 WHERE document = ? AND number = ?",
                    arguments: [key, number])
            }
        }
        let outcome = plan.outcome
        try db.execute(
            sql: "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [key, revision, document.info.sha256, document.source, now, outcome.added, outcome.changed, outcome.withdrawn])
        return outcome
    }

    func replaceSectionsAndTerms() throws {
        try db.execute(sql: "DELETE FROM section WHERE document = ?", arguments: [document.key])
        try db.execute(sql: "DELETE FROM term WHERE document = ?", arguments: [document.key])
        try Self.insert(db, sections: document.sections, terms: document.terms.map { ($0.short, $0.long, $0.span) }, of: document.key)
        // The names that find the documents it may link to are part of what is stored (`DocumentLinks`).
        try Self.replaceNames(db, document.linkNames, of: document.key)
    }

    /// Keeps at most `DocumentLinks.usersKept` documents a name: more only say it is common.
    static func replaceNames(_ db: Database, _ names: [String], of key: String) throws {
        try db.execute(sql: "DELETE FROM document_name WHERE document = ?", arguments: [key])
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO document_name(name, document)
            SELECT ?1, ?2 WHERE (SELECT count(*) FROM (SELECT 1 FROM document_name WHERE name = ?1 LIMIT ?3)) < ?3
            """)
        for name in names { try insert.execute(arguments: [name, key, DocumentLinks.usersKept]) }
    }

    /// A document's sections and abbreviations, numbered in order, as ingest and restore write them.
    static func insert(_ db: Database, sections: [Section], terms: [(short: String, long: String, span: SourceSpan)], of key: String) throws {
        let section = try db.cachedStatement(sql: "INSERT INTO section VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (i, s) in sections.enumerated() {
            try section.execute(arguments: [key, s.id, i, s.heading, s.level, s.span.start, s.span.end])
        }
        let term = try db.cachedStatement(sql: "INSERT INTO term VALUES (?, ?, ?, ?, ?, ?)")
        for (i, t) in terms.enumerated() {
            try term.execute(arguments: [key, i, t.short, t.long, t.span.start, t.span.end])
        }
    }

    func insert(_ item: ItemRecord, number: Int, ordinal: Int, writer: SQLiteItemWriter) throws {
        let id = ItemID.make(document: document.key, number: number)
        try writer.insertItem(
            id: id, document: document.key, language: document.info.language, number: number, ordinal: ordinal,
            extractedID: item.extractedID, record: item, status: .not_yet_rated, version: 1, withdrawn: false)
    }

    /// Rewrites a continuing item in place: its positions move with the document even when
    /// nothing a user sees changed, which is when its version stays.
    func update(_ item: ItemRecord, number: Int, ordinal: Int, version: Int, writer: SQLiteItemWriter) throws {
        let id = ItemID.make(document: document.key, number: number)
        try db.cachedStatement(sql: """
            UPDATE item SET ordinal = ?, extracted_id = ?, section_id = ?, section = ?, kind = ?, title = ?, text = ?,
                start = ?, end = ?, modality = ?, parties = ?, due = ?, version = ?, withdrawn = 0, fingerprint = ?,
                wide_latin = ?, parts = ?, amount_count = ?, language = ?
            WHERE id = ?
            """).execute(arguments: [
                ordinal, item.extractedID, item.sectionID, item.section, item.kind.rawValue, item.title, item.text,
                item.span.start, item.span.end, item.modality.rawValue, Self.parties(item.parties), item.due, version,
                item.fingerprint, item.wideLatin, item.encodedParts, item.amounts.count, document.info.language.rawValue, id,
            ])
        try db.execute(sql: "DELETE FROM item_money WHERE item = ?", arguments: [id])
        let listed = try Bool.fetchOne(db, sql: "SELECT counterpart IS NULL FROM item WHERE id = ?", arguments: [id]) ?? true
        try writer.money.insert(item: id, sentences: item.sentences, amounts: item.amounts, listed: listed, section: item.section)
    }

    static func parties(_ parties: [Party]) -> String { parties.map(\.rawValue).joined(separator: ",") }
}

/// Writes `ItemMoney`'s rows of an item.
final class SQLiteMoneyWriter {
    private let statement: SQLiteBulkInsert

    init(_ db: Database) throws {
        statement = try SQLiteBulkInsert(db, sql: "INSERT INTO item_money VALUES (?, ?, ?, ?, ?, ?, ?)")
    }

    func insert(item: String, sentences: [StoredSentence], amounts: [StoredAmount], listed: Bool, section: String?) throws {
        for money in ItemMoney.rows(sentences: sentences, amounts: amounts) {
            try statement.insert { row in
                row.text(item); row.int(money.seq); row.text(money.currency); row.double(money.value); row.text(money.spender)
                row.int(listed ? 1 : 0); row.text(section ?? "")
            }
        }
    }
}

/// Writes item rows, the same way for ingest and restore.
final class SQLiteItemWriter {
    let db: Database
    let item: SQLiteBulkInsert
    let money: SQLiteMoneyWriter

    init(_ db: Database) throws {
        self.db = db
        money = try SQLiteMoneyWriter(db)
        item = try SQLiteBulkInsert(db, sql: """
            INSERT INTO item(id, document, number, ordinal, extracted_id, section_id, section, kind, title, text, start, end,
                modality, parties, due, status, version, withdrawn, fingerprint, wide_latin, parts, amount_count, language,
                counterpart)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func insertItem(
        id: String, document: String, language: Language, number: Int, ordinal: Int, extractedID: String, record r: ItemRecord,
        status: Status, version: Int, withdrawn: Bool, counterpart: String? = nil
    ) throws {
        try item.insert { row in
            row.text(id); row.text(document); row.int(number); row.int(ordinal); row.text(extractedID); row.text(r.sectionID)
            row.text(r.section); row.text(r.kind.rawValue); row.text(r.title); row.text(r.text); row.int(r.span.start)
            row.int(r.span.end); row.text(r.modality.rawValue); row.text(SQLiteIngest.parties(r.parties)); row.text(r.due)
            row.text(status.rawValue); row.int(version); row.int(withdrawn ? 1 : 0); row.text(r.fingerprint)
            row.int(r.wideLatin ? 1 : 0); row.text(r.encodedParts); row.int(r.amounts.count); row.text(language.rawValue)
            row.text(counterpart)
        }
        try money.insert(item: id, sentences: r.sentences, amounts: r.amounts, listed: !withdrawn && counterpart == nil, section: r.section)
    }
}

/// Loads an archive row by row, keeping every id, version and event sequence.
struct SQLiteRestore {
    let db: Database

    func restore(_ archive: RegisterArchive) throws {
        let writer = try SQLiteItemWriter(db)
        for d in archive.documents {
            let doc = d.document
            try db.execute(
                sql: """
                    INSERT INTO document(key, title, date, language, sha256, source, revision, ingested_at, translation_of)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [doc.key, doc.title, doc.date, doc.language.rawValue, doc.sha256, doc.source, doc.revision, doc.ingestedAt,
                            doc.translationOf])
            try SQLiteSearchIndex(db: db).add(document: db.lastInsertedRowID, tokens: SearchText.indexTokens(d.text))
            try db.execute(sql: "INSERT INTO document_text(document, text) VALUES (?, ?)", arguments: [doc.key, d.text])
            try SQLiteIngest.insert(db, sections: d.sections, terms: d.terms.map { ($0.short, $0.long, $0.span) }, of: doc.key)
            for entry in d.items {
                let item = entry.item, record = ItemRecord(restoring: entry)
                try writer.insertItem(
                    id: item.id, document: item.document, language: doc.language, number: item.number, ordinal: item.ordinal,
                    extractedID: record.extractedID, record: record, status: item.status, version: item.version,
                    withdrawn: item.withdrawn, counterpart: item.counterpart)
            }
        }
        try db.execute(sql: "UPDATE item SET twinned = 1 WHERE id IN (SELECT counterpart FROM item WHERE counterpart IS NOT NULL)")
        // Links are derived, not archived: the next opening links the restored documents.
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('upgrade:links', 'pending')")
        for e in archive.events {
            try db.execute(
                sql: """
                    INSERT INTO event(sequence, item, version, status, note, evidence_url, evidence_title, date, author, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [e.sequence, e.item, e.version, e.status.rawValue, e.note, e.evidenceURL, e.evidenceTitle, e.date,
                            e.author, e.recordedAt])
        }
        for d in archive.decisions { try SQLiteRegister.decide(db, d) }
        for c in archive.corrections { try SQLiteRegister.insert(db, c) }
    }
}

/// Item ids: the document key and the item's number, `2024-04-10-japan-us#17`.
public enum ItemID {
    public static func make(document: String, number: Int) -> String { "\(document)#\(number)" }
}
