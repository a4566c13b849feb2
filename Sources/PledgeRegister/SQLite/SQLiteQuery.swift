import GRDB
import PledgeModel

/// SQL for reading items: the WHERE clause of an `ItemQuery` and rows back into values.
enum SQLiteQuery {
    /// Runs `body` with `pledge_search_matches(text)` defined on the connection for the query's
    /// search, read once: whether a text holds every term, as `SearchQuery.matches` decides.
    static func withSearch<T>(_ query: ItemQuery, in db: Database, _ body: () throws -> T) throws -> T {
        try query.check()
        guard let search = query.search else { return try body() }
        let parsed = SearchQuery(search)
        let function = DatabaseFunction("pledge_search_matches", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0]).map(parsed.matches) ?? false
        }
        db.add(function: function)
        defer { db.remove(function: function) }
        return try body()
    }

    static func filter(_ query: ItemQuery) -> (String, StatementArguments) {
        let filter = ItemFilter(query) { _ in "?" }
        var clauses = filter.clauses
        var arguments = StatementArguments(filter.values)
        if let search = query.search {
            let parsed = SearchQuery(search)
            // The index narrows to documents holding every term's tokens; withdrawn items may
            // hold words their document no longer has, so a search that includes them reads all.
            if let match = parsed.indexQuery, !query.includeWithdrawn {
                clauses.append(SQLiteSearchIndex.candidateDocuments)
                arguments += [match]
            }
            // Cheap tests in SQLite first, which a match cannot fail, then the exact one.
            for literal in parsed.literalTerms {
                clauses.append("instr(text, ?) > 0")
                arguments += [literal]
            }
            for word in parsed.asciiWords {
                clauses.append("(instr(lower(coalesce(title, '') || ' ' || text), ?) > 0 OR wide_latin)")
                arguments += [word]
            }
            clauses.append("pledge_search_matches(coalesce(title, '') || ' ' || text)")
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    /// The WHERE clause of a query `ItemTally` answers, over `item_tally`.
    static func tallyFilter(_ query: ItemQuery) -> (String, StatementArguments) {
        let filter = ItemFilter(query, tally: true) { _ in "?" }
        return (filter.clauses.isEmpty ? "1" : filter.clauses.joined(separator: " AND "), StatementArguments(filter.values))
    }

    static func parties(_ text: String) -> [Party] {
        text.split(separator: ",").compactMap { Party(rawValue: String($0)) }
    }

    static func itemSummary(_ row: Row) -> ItemSummary {
        ItemSummary(
            id: row["id"], document: row["document"], number: row["number"], ordinal: row["ordinal"],
            sectionID: row["section_id"], section: row["section"], kind: ItemKind(rawValue: row["kind"]) ?? .paragraph,
            title: row["title"], text: row["text"], span: SourceSpan(row["start"], row["end"]),
            modality: Modality(rawValue: row["modality"]) ?? .other, parties: parties(row["parties"]), due: row["due"],
            status: Status(rawValue: row["status"]) ?? .not_yet_rated, version: row["version"], withdrawn: row["withdrawn"],
            counterpart: row["counterpart"])
    }

    static func event(_ row: Row) -> TrackingEvent {
        TrackingEvent(
            sequence: row["sequence"], item: row["item"], version: row["version"],
            status: Status(rawValue: row["status"]) ?? .not_yet_rated, note: row["note"], evidenceURL: row["evidence_url"],
            evidenceTitle: row["evidence_title"], date: row["date"], author: row["author"], recordedAt: row["recorded_at"])
    }

    static func term(_ row: Row) -> GlossaryEntry {
        GlossaryEntry(document: row["document"], short: row["short"], long: row["long"], span: SourceSpan(row["start"], row["end"]))
    }

    /// The columns of an item's summary: all but its parts, which only its detail reads.
    static let summaryColumns = """
        id, document, number, ordinal, section_id, section, kind, title, text, start, "end", modality, parties, due,
        status, version, withdrawn, counterpart
        """

    static func parts(_ row: Row, of item: ItemSummary) throws -> (sentences: [StoredSentence], amounts: [StoredAmount], times: [StoredTime]) {
        let parts: ItemParts
        do {
            parts = try ItemParts.decode(row["parts"])
        } catch {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "item \(item.id) has unreadable parts: \(error)")
        }
        return (parts.storedSentences(itemText: item.text, itemSpan: item.span), parts.amounts, parts.times)
    }

    static func detail(_ db: Database, id: String, events window: EventWindow?) throws -> ItemDetail? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM item WHERE id = ?", arguments: [id]) else { return nil }
        var detail = try detail(row)
        // The commitment: its history and status are the original item's; its other texts are
        // the original and every item paired with it.
        let commitment = detail.item.commitment
        let texts = try Row.fetchAll(
            db, sql: "SELECT * FROM item WHERE (id = ? OR counterpart = ?) AND id != ? ORDER BY language, document, ordinal",
            arguments: [commitment, commitment, id])
        detail.versions = try texts.map(self.detail)
        if let original = detail.versions.first(where: { $0.item.id == commitment }) {
            detail.item.status = original.item.status
            detail.item.version = original.item.version
        }
        if let window {
            detail.history = try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM event WHERE item = ? ORDER BY sequence DESC LIMIT ? OFFSET ?) ORDER BY sequence
                """, arguments: [commitment, window.limit, window.offset]).map(event)
            detail.historyCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM event WHERE item = ?", arguments: [commitment]) ?? 0
        } else {
            detail.history = try Row.fetchAll(db, sql: "SELECT * FROM event WHERE item = ? ORDER BY sequence", arguments: [commitment]).map(event)
            detail.historyCount = detail.history.count
        }
        detail.corrections = try corrections(db, items: [id])
        for i in detail.versions.indices { detail.versions[i].corrections = try corrections(db, items: [detail.versions[i].item.id]) }
        // Links of every text of the commitment: the English text may link where the Japanese does not.
        let ids = [id] + detail.versions.map(\.item.id)
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        detail.links = try Row.fetchAll(db, sql: """
            SELECT l.*, o.id AS other, o.document AS other_document, coalesce(o.title, o.text) AS other_text
            FROM item_link l JOIN item o ON o.id = (CASE WHEN l.from_item IN (\(marks)) THEN l.to_item ELSE l.from_item END)
            WHERE l.from_item IN (\(marks)) OR l.to_item IN (\(marks))
            ORDER BY l.score DESC, o.id
            """, arguments: StatementArguments(ids + ids + ids)).map {
            StoredLink(from: $0["from_item"], to: $0["to_item"], relation: $0["relation"], score: $0["score"],
                       evidence: ($0["evidence"] as String).split(separator: "\n").map(String.init),
                       other: $0["other"], otherDocument: $0["other_document"], otherText: $0["other_text"])
        }
        return detail
    }

    /// The corrections of the items `ids`, oldest first.
    static func corrections(_ db: Database, items ids: [String]) throws -> [Correction] {
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        return try Row.fetchAll(db, sql: "SELECT * FROM correction WHERE item IN (\(marks)) ORDER BY sequence", arguments: StatementArguments(ids))
            .map(correction)
    }

    static func correction(_ row: Row) -> Correction {
        Correction(
            sequence: row["sequence"], item: row["item"], version: row["version"],
            field: CorrectedField(rawValue: row["field"]) ?? .modality, amount: row["amount"], before: row["before"], after: row["after"],
            note: row["note"], author: row["author"], recordedAt: row["recorded_at"], sourceText: row["source_text"])
    }

    /// One text of an item with its parts and no history.
    static func detail(_ row: Row) throws -> ItemDetail {
        let item = itemSummary(row)
        let parts = try parts(row, of: item)
        return ItemDetail(item: item, sentences: parts.sentences, amounts: parts.amounts, times: parts.times, history: [])
    }
}

