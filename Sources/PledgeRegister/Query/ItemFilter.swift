/// The WHERE clause of an `ItemQuery`'s filters other than search, in SQL that SQLite and
/// PostgreSQL read alike, over the `item` table's columns. Stores add their own search.
public struct ItemFilter: Sendable {
    public var clauses: [String] = []
    /// The values the clauses' placeholders stand for, in order.
    public var values: [String] = []

    /// - Parameter placeholder: a store's placeholder for the value numbered from 1 (`?`, `$1`).
    public init(_ query: ItemQuery, placeholder: (Int) -> String) {
        func add(_ clause: (String) -> String, _ value: String) {
            values.append(value)
            clauses.append(clause(placeholder(values.count)))
        }
        if !query.includeWithdrawn { clauses.append("NOT withdrawn") }
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
        if let day = query.overdueOn {
            add({ "due IS NOT NULL AND due < \($0) AND status NOT IN ('kept', 'broken') AND NOT withdrawn" }, day)
        }
    }

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
