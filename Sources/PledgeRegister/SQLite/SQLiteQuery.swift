import GRDB
import PledgeModel

/// SQL for reading items: the WHERE clause of an `ItemQuery` and rows back into values.
enum SQLiteQuery {
    static func filter(_ query: ItemQuery) -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if !query.includeWithdrawn { clauses.append("NOT withdrawn") }
        if let document = query.document {
            clauses.append("document = ?")
            arguments += [document]
        }
        if let section = query.section {
            clauses.append("(section_id = ? OR instr(lower(coalesce(section, '')), lower(?)) > 0)")
            arguments += [section, section]
        }
        if let modality = query.modality {
            clauses.append("modality = ?")
            arguments += [modality.rawValue]
        }
        if let party = query.party {
            clauses.append("instr(',' || parties || ',', ?) > 0")
            arguments += ["," + party.rawValue + ","]
        }
        if let status = query.status {
            clauses.append("status = ?")
            arguments += [status.rawValue]
        }
        if let dueBefore = query.dueBefore {
            clauses.append("due IS NOT NULL AND due <= ?")
            arguments += [dueBefore]
        }
        if let day = query.overdueOn {
            clauses.append("due IS NOT NULL AND due < ? AND status NOT IN ('kept', 'broken') AND NOT withdrawn")
            arguments += [day]
        }
        if let search = query.search {
            let terms = SearchTerms(search)
            if !terms.long.isEmpty {
                // Trigram phrases: each term is matched as a substring, case-insensitively.
                clauses.append("rowid IN (SELECT rowid FROM item_search WHERE item_search MATCH ?)")
                arguments += [terms.trigrams.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")]
            }
            // The index keeps no positions (a third of the size), so it finds items holding every
            // trigram of a term; the substring test keeps those that hold the term itself.
            for term in terms.long + terms.short {
                    clauses.append("(instr(lower(text), ?) > 0 OR instr(lower(coalesce(title, '')), ?) > 0)")
                arguments += [term, term]
            }
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
        let scalars = Array(item.text.unicodeScalars)
        func slice(_ span: SourceSpan) -> String {
            let lo = min(max(0, span.start - item.span.start), scalars.count)
            let hi = min(max(lo, span.end - item.span.start), scalars.count)
            return String(String.UnicodeScalarView(scalars[lo..<hi]))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM sentence WHERE item = ? ORDER BY seq", arguments: [item.id]).map {
            let span = SourceSpan($0["start"], $0["end"])
            return StoredSentence(
                text: slice(span), span: span, modality: Modality(rawValue: $0["modality"]) ?? .other,
                actor: $0["actor"], parties: parties($0["parties"]))
        }
    }

    static func amounts(_ db: Database, item: String) throws -> [StoredAmount] {
        try Row.fetchAll(db, sql: "SELECT * FROM amount WHERE item = ? ORDER BY seq", arguments: [item]).map {
            StoredAmount(
                text: $0["text"], span: SourceSpan($0["start"], $0["end"]), kind: AmountKind(rawValue: $0["kind"]) ?? .money,
                value: $0["value"], unit: $0["unit"], qualifier: ($0["qualifier"] as String?).flatMap(Qualifier.init(rawValue:)))
        }
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

/// A search string split into what each store can index: terms of three or more
/// characters (trigram indexes) and shorter ones (substring scans). Lower-cased,
/// so that matching ignores case in English.
public struct SearchTerms: Sendable, Equatable {
    public var long: [String] = []
    public var short: [String] = []

    public init(_ text: String) {
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            let term = word.lowercased()
            if term.unicodeScalars.count >= 3 { long.append(term) } else { short.append(term) }
        }
    }

    /// Every three-character window of the long terms, without repeats.
    public var trigrams: [String] {
        var seen = Set<String>(), out: [String] = []
        for term in long {
            let scalars = Array(term.unicodeScalars)
            for i in 0...(scalars.count - 3) {
                let t = String(String.UnicodeScalarView(scalars[i..<i + 3]))
                if seen.insert(t).inserted { out.append(t) }
            }
        }
        return out
    }
}
