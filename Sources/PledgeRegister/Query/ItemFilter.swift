import PledgeModel

extension ItemQuery {
    /// The most words a search may hold: each becomes a clause, and a store's query planner
    /// refuses expressions beyond some size.
    public static let maxSearchTerms = 32
    public static let maxSearchLength = 1000

    /// Refuses a query no store should run: a search too long to be a search, or days that are
    /// not dates. Every store checks this before it reads, and callers may check it first to
    /// tell their user.
    public func check() throws {
        if let search {
            let terms = search.split(whereSeparator: { $0.isWhitespace }).count
            guard terms <= Self.maxSearchTerms, search.unicodeScalars.count <= Self.maxSearchLength else {
                throw RegisterError.invalid(Explanation(
                    "search.long", "a search holds at most {words} words and {characters} characters",
                    ["words": "\(Self.maxSearchTerms)", "characters": "\(Self.maxSearchLength)"]))
            }
        }
        for (name, day) in [("dueBefore", dueBefore), ("overdueOn", overdueOn), ("dueFrom", dueFrom)] {
            if let day, Day(iso: day)?.iso != day {
                throw RegisterError.invalid(Explanation(
                    "query.day", "{name} must be a date from 0001-01-01 to 9999-12-31 as YYYY-MM-DD, not '{value}'",
                    ["name": name, "value": day]))
            }
        }
        guard offset >= 0, (limit ?? 0) >= 0 else { throw RegisterError.invalid("limit and offset must not be negative") }
    }
}

/// The WHERE clause of an `ItemQuery`'s filters other than search, in SQL that SQLite and
/// PostgreSQL read alike, over the `item` table's columns or the `item_tally`'s (`ItemTally`),
/// which has the same names. Stores add their own search.
public struct ItemFilter: Sendable {
    public var clauses: [String] = []
    /// The values the clauses' placeholders stand for, in order.
    public var values: [String] = []

    /// - Parameters:
    ///   - placeholder: a store's placeholder for the value numbered from 1 (`?`, `$1`).
    ///   - tally: over `item_tally`, which says whether an item has a counterpart (`paired`)
    ///     rather than which; only for queries `ItemTally.answers`.
    public init(_ query: ItemQuery, tally: Bool = false, placeholder: (Int) -> String) {
        precondition(!tally || ItemTally.answers(query), "the tally cannot answer \(query)")
        func add(_ clause: (String) -> String, _ value: String) {
            values.append(value)
            clauses.append(clause(placeholder(values.count)))
        }
        if !query.includeWithdrawn { clauses.append("NOT withdrawn") }
        // A commitment in two texts once: in the language asked where it has that text, else in
        // its original's. A document asked for by key shows its own items.
        if query.document == nil {
            if let language = query.language {
                let single = tally ? "NOT paired" : "counterpart IS NULL"
                add({ "(language = \($0) OR (\(single) AND NOT twinned))" }, language.rawValue)
            } else {
                clauses.append(tally ? "NOT paired" : "counterpart IS NULL")
            }
        }
        if let document = query.document { add({ "document = \($0)" }, document) }
        if let section = query.section {
            // A section's id, or any part of its heading.
            values.append(section)
            let id = placeholder(values.count)
            values.append("%" + Self.escapeLike(section.lowercased()) + "%")
            clauses.append("(section_id = \(id) OR lower(coalesce(section, '')) LIKE \(placeholder(values.count)) ESCAPE '\\')")
        }
        if let modality = query.modality { add({ "modality = \($0)" }, modality.rawValue) }
        if let party = query.party { add({ "(',' || parties || ',') LIKE \($0)" }, "%," + party.rawValue + ",%") }
        if let status = query.status { add({ "status = \($0)" }, status.rawValue) }
        if let dueBefore = query.dueBefore { add({ "due IS NOT NULL AND due <= \($0)" }, dueBefore) }
        if let dueFrom = query.dueFrom { add({ "due IS NOT NULL AND due >= \($0)" }, dueFrom) }
        if query.unsettled { clauses.append("status NOT IN ('kept', 'broken')") }
        if let span = query.overlapping {
            // Whole numbers, written in: both stores compare them with the integer columns.
            clauses.append("\"end\" > \(span.lowerBound) AND start < \(span.upperBound)")
        }
        if let day = query.overdueOn {
            add({ "due IS NOT NULL AND due < \($0) AND status NOT IN ('kept', 'broken') AND NOT withdrawn" }, day)
        }
    }

    /// The ORDER BY of a query's items, `ItemQuery.order`.
    public static func order(_ query: ItemQuery) -> String {
        switch query.order {
        case .position: "document, ordinal, number"
        case .due: "due, document, ordinal, number"
        }
    }

    /// The columns a list's common filters test besides its order, which both stores keep in
    /// the index of document order (`item_by_position`): a deep page then counts past its
    /// earlier rows in the index alone.
    package static let listedColumns = "withdrawn, counterpart, language, twinned, modality, status"

    /// `text` matched literally by LIKE … ESCAPE '\'.
    public static func escapeLike(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
