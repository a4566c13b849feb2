import PledgeModel

/// How many items there are of each kind, kept by the database as items are written, so that
/// counts and facets over a whole register of a million items read a few hundred rows
/// instead of every item.
///
/// The `item_tally` table has one row for each combination of the columns an `ItemFilter`
/// can test other than the document, dates and search: the items' language, whether they
/// have a counterpart (`paired`) or are `twinned`, `withdrawn`, section, modality, parties
/// (as stored, `JP,US`) and status, with how many items have it (`n`). Triggers on `item`
/// keep it (SQLite adds and subtracts in place; PostgreSQL appends changes, which
/// `compacted` folds together now and then so that concurrent writers never wait on a row).
/// A query that filters on anything else reads the items themselves.
public enum ItemTally {
    /// The columns of a tally row's key, in `item_tally`'s order.
    public static let keyColumns = ["language", "paired", "twinned", "withdrawn", "section_id", "section", "modality", "parties", "status"]

    /// The key of the item row `row` (`NEW` or `OLD` in a trigger, a table alias elsewhere), in
    /// SQL both stores read alike. A missing heading is kept as `''`, as a key cannot hold NULL.
    public static func key(of row: String) -> [String] {
        ["\(row).language", "\(row).counterpart IS NOT NULL", "\(row).twinned", "\(row).withdrawn", "\(row).section_id",
         "coalesce(\(row).section, '')", "\(row).modality", "\(row).parties", "\(row).status"]
    }

    /// Whether the tally holds the answer to `query`: it filters only on what the tally keeps.
    public static func answers(_ query: ItemQuery) -> Bool {
        query.document == nil && query.dueBefore == nil && query.overdueOn == nil && query.dueFrom == nil && query.search == nil
            && query.overlapping == nil
    }

    /// The column a facet groups by, over `item` or `item_tally`, and the heading that labels it.
    /// Sections are grouped by heading across documents (ids repeat from one document to the
    /// next) and by id within one document.
    public static func facetColumn(_ field: FacetField, _ query: ItemQuery) -> String {
        switch field {
        case .document: "document"
        case .section: query.document == nil ? "coalesce(nullif(section, ''), section_id)" : "section_id"
        case .modality: "modality"
        case .party: "parties"
        case .status: "status"
        }
    }
}

/// Facet counts as the stores read them, grouped by value and status, into what a list shows.
public enum FacetCounts {
    /// The fields `Register.facets(_:matching:)` counts in one grouping; a document facet is
    /// counted on its own (`FacetField.newestDocuments`).
    public static let grouped: [FacetField] = [.section, .modality, .party, .status]

    /// The grouping both stores run for `grouped` over `table` (`item`, or `item_tally` whose
    /// rows carry counts), `filter` an `ItemFilter`'s clauses: one row per section, modality,
    /// parties and status.
    public static func groupingSQL(_ query: ItemQuery, table: String, filter: String) -> String {
        let section = ItemTally.facetColumn(.section, query)
        return """
            SELECT \(section) AS section_value, min(section) AS heading, modality, parties, status,
                \(table == "item_tally" ? "CAST(sum(n) AS BIGINT)" : "count(*)") AS n
            FROM \(table) WHERE \(filter) GROUP BY \(section), modality, parties, status
            """
    }

    /// One row of `groupingSQL`.
    public struct Row: Sendable {
        public var section: String
        public var heading: String?
        public var modality: String
        public var parties: String
        public var status: String
        public var count: Int

        public init(section: String, heading: String?, modality: String, parties: String, status: String, count: Int) {
            self.section = section
            self.heading = heading
            self.modality = modality
            self.parties = parties
            self.status = status
            self.count = count
        }
    }

    /// Each of `fields` counted from the rows of `groupingSQL`.
    public static func split(_ rows: [Row], fields: [FacetField]) -> [FacetField: [FacetCount]] {
        var facets: [FacetField: [FacetCount]] = [:]
        for field in fields where grouped.contains(field) {
            facets[field] = merge(rows.map { row in
                let value = switch field {
                case .section: row.section
                case .modality: row.modality
                case .party: row.parties
                default: row.status
                }
                return Group(value: value, heading: row.heading, status: row.status, count: row.count)
            }, field: field)
        }
        return facets
    }

    /// One group of a facet query: a value (parties as stored, `JP,US`), the heading that
    /// labels a section, a status and how many items have them.
    public struct Group: Sendable {
        public var value: String
        public var heading: String?
        public var status: String
        public var count: Int

        public init(value: String, heading: String?, status: String, count: Int) {
            self.value = value
            self.heading = heading
            self.status = status
            self.count = count
        }
    }

    /// Counts per value, most frequent first, each with its counts per status; an item with
    /// several parties counts once for each. `titles` labels documents.
    public static func merge(_ groups: [Group], field: FacetField, titles: [String: String] = [:]) -> [FacetCount] {
        var counts: [String: FacetCount] = [:]
        for group in groups where group.count > 0 {
            let values = field == .party ? group.value.split(separator: ",").map(String.init) : [group.value]
            for value in values {
                var count = counts[value] ?? FacetCount(value: value, count: 0)
                count.count += group.count
                count.statuses[group.status, default: 0] += group.count
                if field == .section, count.label == nil, let heading = group.heading, !heading.isEmpty { count.label = heading }
                counts[value] = count
            }
        }
        if field == .document { for (key, title) in titles { counts[key]?.label = title } }
        return counts.values.sorted { ($1.count, $0.value) < ($0.count, $1.value) }
    }
}
