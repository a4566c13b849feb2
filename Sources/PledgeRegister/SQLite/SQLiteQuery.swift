import GRDB
import PledgeModel

/// SQL for reading items: the WHERE clause of an `ItemQuery` and rows back into values.
enum SQLiteQuery {
    /// Runs `body` with `pledge_search_matches(text)` defined on the connection for the query's
    /// search, read once: whether a text holds every term, as `SearchQuery.matches` decides.
    static func withSearch<T>(_ query: ItemQuery, in db: Database, _ body: () throws -> T) throws -> T {
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
                clauses.append("""
                    document IN (SELECT key FROM document WHERE rowid IN
                        (SELECT rowid FROM document_search WHERE document_search MATCH ?))
                    """)
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

    static func parties(_ text: String) -> [Party] {
        text.split(separator: ",").compactMap { Party(rawValue: String($0)) }
    }

    static func itemSummary(_ row: Row) -> ItemSummary {
        ItemSummary(
            id: row["id"], document: row["document"], number: row["number"], ordinal: row["ordinal"],
            sectionID: row["section_id"], section: row["section"], kind: ItemKind(rawValue: row["kind"]) ?? .paragraph,
            title: row["title"], text: row["text"], span: SourceSpan(row["start"], row["end"]),
            modality: Modality(rawValue: row["modality"]) ?? .other, parties: parties(row["parties"]), due: row["due"],
            status: Status(rawValue: row["status"]) ?? .not_yet_rated, version: row["version"], withdrawn: row["withdrawn"])
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

    /// Sentences are stored as spans; their text is cut from the item's, which holds them.
    static func sentences(_ db: Database, item: ItemSummary) throws -> [StoredSentence] {
        let slicer = TextSlicer(item.text)
        func slice(_ span: SourceSpan) -> String {
            slicer.slice(SourceSpan(span.start - item.span.start, span.end - item.span.start))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM sentence WHERE item = ? ORDER BY seq", arguments: [item.id]).map {
            let span = SourceSpan($0["start"], $0["end"])
            return StoredSentence(
                text: slice(span), span: span, modality: Modality(rawValue: $0["modality"]) ?? .other,
                actor: $0["actor"], parties: parties($0["parties"]))
        }
    }

    static func amounts(_ db: Database, item: String) throws -> [StoredAmount] {
        try Row.fetchAll(db, sql: "SELECT * FROM amount WHERE item = ? ORDER BY seq", arguments: [item]).map(amount)
    }

    static func amount(_ row: Row) -> StoredAmount {
        StoredAmount(
            text: row["text"], span: SourceSpan(row["start"], row["end"]), kind: AmountKind(rawValue: row["kind"]) ?? .money,
            value: row["value"], unit: row["unit"], qualifier: (row["qualifier"] as String?).flatMap(Qualifier.init(rawValue:)))
    }

    static func times(_ db: Database, item: String) throws -> [StoredTime] {
        try Row.fetchAll(db, sql: "SELECT * FROM time_expression WHERE item = ? ORDER BY seq", arguments: [item]).map {
            StoredTime(
                text: $0["text"], span: SourceSpan($0["start"], $0["end"]), role: TimeRole(rawValue: $0["role"]) ?? .point,
                value: $0["value"], part: ($0["part"] as String?).flatMap(PeriodPart.init(rawValue:)), due: $0["due"])
        }
    }

    static func detail(_ db: Database, id: String) throws -> ItemDetail? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM item WHERE id = ?", arguments: [id]) else { return nil }
        let item = itemSummary(row)
        return ItemDetail(
            item: item, sentences: try sentences(db, item: item), amounts: try amounts(db, item: id),
            times: try times(db, item: id),
            history: try Row.fetchAll(db, sql: "SELECT * FROM event WHERE item = ? ORDER BY sequence", arguments: [id]).map(event))
    }
}

