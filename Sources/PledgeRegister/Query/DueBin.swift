/// How many of the items a query selects fall due on one day, by where they stand on
/// another: counted by the database, and added up into the due-date timeline's bars and the
/// due filters' counts.
public struct DueBin: Sendable, Equatable, Codable {
    /// `2026-04-30`.
    public var day: String
    /// Due before the day and neither kept nor broken.
    public var overdue: Int
    /// Due on or after the day and neither kept nor broken.
    public var open: Int
    /// Kept or broken.
    public var settled: Int

    public init(day: String, overdue: Int, open: Int, settled: Int) {
        self.day = day
        self.overdue = overdue
        self.open = open
        self.settled = settled
    }

    public var total: Int { overdue + open + settled }

    /// The grouping both stores run over the items `filter` selects (an `ItemFilter`'s
    /// clauses), with `asOf` the placeholder for the day, which comes before the filter's.
    /// Reads `item_by_due` alone, in its order.
    public static func sql(filter: String, asOf: String) -> String {
        """
        WITH day(as_of) AS (SELECT CAST(\(asOf) AS TEXT))
        SELECT due AS day,
            sum(CASE WHEN status IN ('kept', 'broken') THEN 0 WHEN due < as_of THEN 1 ELSE 0 END) AS overdue,
            sum(CASE WHEN status IN ('kept', 'broken') THEN 0 WHEN due < as_of THEN 0 ELSE 1 END) AS open,
            sum(CASE WHEN status IN ('kept', 'broken') THEN 1 ELSE 0 END) AS settled
        FROM item, day WHERE due IS NOT NULL AND \(filter) GROUP BY due ORDER BY due
        """
    }
}
