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
        let key = document.key
        let previous = try Row.fetchOne(db, sql: "SELECT sha256, revision FROM document WHERE key = ?", arguments: [key])
        if let previous, previous["sha256"] as String == document.info.sha256 {
            return IngestOutcome(document: key, change: .unchanged, kept: try count("NOT withdrawn"))
        }
        let revision = (previous?["revision"] as Int? ?? 0) + 1
        try db.execute(
            sql: """
                INSERT INTO document(key, title, date, language, sha256, source, text, revision, ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET title = excluded.title, date = excluded.date, language = excluded.language,
                    sha256 = excluded.sha256, source = excluded.source, text = excluded.text,
                    revision = excluded.revision, ingested_at = excluded.ingested_at
                """,
            arguments: [key, document.info.title, document.info.date, document.info.language.rawValue, document.info.sha256,
                        document.source, document.text, revision, now])
        try replaceSectionsAndTerms()

        var outcome = IngestOutcome(document: key, change: previous == nil ? .added : .revised)
        let old = try Row.fetchAll(
            db, sql: "SELECT number, text, fingerprint, withdrawn, version FROM item WHERE document = ? ORDER BY withdrawn, ordinal",
            arguments: [key])
        let matches = ItemMatcher.match(
            previous: old.map { ItemMatcher.Previous(number: $0["number"], text: $0["text"]) }, new: document.items.map(\.text))
        let oldByNumber = Dictionary(uniqueKeysWithValues: old.map { ($0["number"] as Int, $0) })
        var nextNumber = (old.map { $0["number"] as Int }.max() ?? 0) + 1
        var continued = Set<Int>()

        for (ordinal, item) in document.items.enumerated() {
            if let number = matches[ordinal], let row = oldByNumber[number] {
                continued.insert(number)
                let unchanged = row["fingerprint"] as String == item.fingerprint && !(row["withdrawn"] as Bool)
                let version = (row["version"] as Int) + (unchanged ? 0 : 1)
                try update(item, number: number, ordinal: ordinal, version: version)
                if unchanged { outcome.kept += 1 } else { outcome.changed += 1 }
            } else {
                try insert(item, number: nextNumber, ordinal: ordinal)
                nextNumber += 1
                outcome.added += 1
            }
        }
        for row in old where !continued.contains(row["number"]) && !(row["withdrawn"] as Bool) {
            try db.execute(
                sql: "UPDATE item SET withdrawn = 1, version = version + 1 WHERE document = ? AND number = ?",
                arguments: [key, row["number"] as Int])
            outcome.withdrawn += 1
        }
        try db.execute(
            sql: "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [key, revision, document.info.sha256, document.source, now, outcome.added, outcome.changed, outcome.withdrawn])
        return outcome
    }

    func count(_ condition: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM item WHERE document = ? AND \(condition)", arguments: [document.key]) ?? 0
    }

    func replaceSectionsAndTerms() throws {
        try db.execute(sql: "DELETE FROM section WHERE document = ?", arguments: [document.key])
        try db.execute(sql: "DELETE FROM term WHERE document = ?", arguments: [document.key])
        let section = try db.cachedStatement(sql: "INSERT INTO section VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (i, s) in document.sections.enumerated() {
            try section.execute(arguments: [document.key, s.id, i, s.heading, s.level, s.span.start, s.span.end])
        }
        let term = try db.cachedStatement(sql: "INSERT INTO term VALUES (?, ?, ?, ?, ?, ?)")
        for (i, t) in document.terms.enumerated() {
            try term.execute(arguments: [document.key, i, t.short, t.long, t.span.start, t.span.end])
        }
    }

    func insert(_ item: ItemRecord, number: Int, ordinal: Int) throws {
        let id = ItemID.make(document: document.key, number: number)
        try db.cachedStatement(sql: """
            INSERT INTO item(id, document, number, ordinal, extracted_id, section_id, section, kind, title, text, start, end,
                modality, parties, due, version, fingerprint)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
            """).execute(arguments: [
                id, document.key, number, ordinal, item.extractedID, item.sectionID, item.section, item.kind.rawValue, item.title,
                item.text, item.span.start, item.span.end, item.modality.rawValue, Self.parties(item.parties), item.due,
                item.fingerprint,
            ])
        try insertParts(of: item, id: id)
    }

    /// Rewrites a continuing item in place: its positions move with the document even when
    /// nothing a user sees changed, which is when its version stays.
    func update(_ item: ItemRecord, number: Int, ordinal: Int, version: Int) throws {
        let id = ItemID.make(document: document.key, number: number)
        try db.cachedStatement(sql: """
            UPDATE item SET ordinal = ?, extracted_id = ?, section_id = ?, section = ?, kind = ?, title = ?, text = ?,
                start = ?, end = ?, modality = ?, parties = ?, due = ?, version = ?, withdrawn = 0, fingerprint = ?
            WHERE id = ?
            """).execute(arguments: [
                ordinal, item.extractedID, item.sectionID, item.section, item.kind.rawValue, item.title, item.text,
                item.span.start, item.span.end, item.modality.rawValue, Self.parties(item.parties), item.due, version,
                item.fingerprint, id,
            ])
        for table in ["sentence", "amount", "time_expression"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE item = ?").execute(arguments: [id])
        }
        try insertParts(of: item, id: id)
    }

    func insertParts(of item: ItemRecord, id: String) throws {
        try SQLiteParts.insert(db, id: id, sentences: item.sentences, amounts: item.amounts, times: item.times)
    }

    static func parties(_ parties: [Party]) -> String { parties.map(\.rawValue).joined(separator: ",") }
}

/// The rows that hang off an item, written the same way by ingest and restore.
enum SQLiteParts {
    static func insert(_ db: Database, id: String, sentences: [StoredSentence], amounts: [StoredAmount], times: [StoredTime]) throws {
        let sentence = try db.cachedStatement(sql: "INSERT INTO sentence(item, seq, start, end, modality, actor, parties) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (i, s) in sentences.enumerated() {
            try sentence.execute(arguments: [id, i, s.span.start, s.span.end, s.modality.rawValue, s.actor, SQLiteIngest.parties(s.parties)])
        }
        let amount = try db.cachedStatement(sql: "INSERT INTO amount(item, seq, text, start, end, kind, value, unit, qualifier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (i, a) in amounts.enumerated() {
            try amount.execute(arguments: [id, i, a.text, a.span.start, a.span.end, a.kind.rawValue, a.value, a.unit, a.qualifier?.rawValue])
        }
        let time = try db.cachedStatement(sql: "INSERT INTO time_expression(item, seq, text, start, end, role, value, part, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (i, t) in times.enumerated() {
            try time.execute(arguments: [id, i, t.text, t.span.start, t.span.end, t.role.rawValue, t.value, t.part?.rawValue, t.due])
        }
    }
}

/// Loads an archive row by row, keeping every id, version and event sequence.
struct SQLiteRestore {
    let db: Database

    func restore(_ archive: RegisterArchive) throws {
        for d in archive.documents {
            let doc = d.document
            try db.execute(
                sql: "INSERT INTO document(key, title, date, language, sha256, source, text, revision, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [doc.key, doc.title, doc.date, doc.language.rawValue, doc.sha256, doc.source, d.text, doc.revision, doc.ingestedAt])
            for (i, s) in d.sections.enumerated() {
                try db.execute(sql: "INSERT INTO section VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [doc.key, s.id, i, s.heading, s.level, s.span.start, s.span.end])
            }
            for (i, t) in d.terms.enumerated() {
                try db.execute(sql: "INSERT INTO term VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [doc.key, i, t.short, t.long, t.span.start, t.span.end])
            }
            for entry in d.items {
                let item = entry.item
                let record = ItemRecord(
                    extractedID: "", sectionID: item.sectionID, section: item.section, kind: item.kind, title: item.title,
                    text: item.text, span: item.span, modality: item.modality, parties: item.parties, due: item.due,
                    sentences: entry.sentences, amounts: entry.amounts, times: entry.times)
                try db.execute(
                    sql: """
                        INSERT INTO item(id, document, number, ordinal, extracted_id, section_id, section, kind, title, text, start, end,
                            modality, parties, due, status, version, withdrawn, fingerprint)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        item.id, item.document, item.number, item.ordinal, "i\(item.ordinal + 1)", item.sectionID, item.section,
                        item.kind.rawValue, item.title, item.text, item.span.start, item.span.end, item.modality.rawValue,
                        SQLiteIngest.parties(item.parties), item.due, item.status.rawValue, item.version, item.withdrawn,
                        record.fingerprint,
                    ])
                try SQLiteParts.insert(db, id: item.id, sentences: entry.sentences, amounts: entry.amounts, times: entry.times)
            }
        }
        for e in archive.events {
            try db.execute(
                sql: """
                    INSERT INTO event(sequence, item, version, status, note, evidence_url, evidence_title, date, author, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [e.sequence, e.item, e.version, e.status.rawValue, e.note, e.evidenceURL, e.evidenceTitle, e.date,
                            e.author, e.recordedAt])
        }
    }
}

/// Item ids: the document key and the item's number, `2024-04-10-japan-us#17`.
public enum ItemID {
    public static func make(document: String, number: Int) -> String { "\(document)#\(number)" }
}
