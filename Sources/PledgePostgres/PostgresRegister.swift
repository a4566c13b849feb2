import Foundation
import Logging
import PledgeModel
import PledgeRegister
import PostgresNIO

/// The register in PostgreSQL, for a team: several `pledge serve` processes (and command-line
/// users) share one database. It behaves as the SQLite register does, check for check
/// (`RegisterConformance`).
///
/// - Every write is one transaction. Tracking locks the item's row, so writers that saw the
///   same version queue and all but the first are refused as stale; `UNIQUE (item, version)`
///   backs that up.
/// - Ingests of one document take an advisory lock on its key.
/// - Search narrows with `LIKE` on each item's folded text (trigram-indexed) and then checks
///   each candidate with `SearchQuery.matches`, the same meaning as every store.
/// - A server that cannot be reached gives `RegisterError.unavailable` within a few seconds;
///   the connection pool reconnects by itself when the server is back.
public final class PostgresRegister: Register {
    public let location: String
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger: Logger
    let clock: @Sendable () -> Date
    /// How long an operation may wait for the server before it is reported unavailable.
    let patience: Duration
    let memo = GenerationMemo(freshness: .milliseconds(100))

    public static func open(
        url: String, seed: Bool = true, patience: Duration = .seconds(8), clock: @escaping @Sendable () -> Date = Date.init
    ) async throws -> PostgresRegister {
        let location = try PostgresLocation(url)
        var quiet = Logger(label: "pledge.postgres")
        quiet.logLevel = .critical
        let logger = quiet
        try await probe(location, logger: logger, patience: patience)
        let client = PostgresClient(configuration: location.configuration, backgroundLogger: logger)
        let register = PostgresRegister(location: location.display, client: client, logger: logger, clock: clock, patience: patience)
        try await register.transaction { connection in
            try await PostgresSchema.migrate(connection, logger: logger, location: location.display)
        }
        try await register.seedIfNeeded(seed)
        try await register.upgrade()
        return register
    }

    /// One connection made directly and closed, so that a server's refusal (a wrong password,
    /// a database that does not exist) is reported as it is: the pool would retry it until the
    /// deadline and say only that the server did not answer.
    static func probe(_ location: PostgresLocation, logger: Logger, patience: Duration) async throws {
        let display = location.display
        let configuration = location.connection
        try await withDeadline(patience, timeout: { RegisterError.unavailable(location: display, reason: "no answer within \(patience)") }) {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                try? await connection.close()
            } catch let error as PSQLError {
                throw Self.translate(error, location: display)
            }
        }
    }

    init(location: String, client: PostgresClient, logger: Logger, clock: @escaping @Sendable () -> Date, patience: Duration) {
        self.location = location
        self.client = client
        self.logger = logger
        self.clock = clock
        self.patience = patience
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    /// Closes the connections; the register cannot be used afterwards.
    public func close() { runner.cancel() }

    var now: String { Timestamp.string(clock()) }

    // MARK: Connections

    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        defer { memo.forget() }
        return try await guarded { [client, logger] in
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    let result = try await body(connection)
                    // Past the deadline the caller has been told the server is unavailable: roll back
                    // rather than commit what it believes was not done.
                    try Task.checkCancellation()
                    return result
                }
            } catch let error as PostgresTransactionError {
                // What went wrong is inside: the body's refusal, or the server's.
                throw error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error
            }
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await guarded { [client] in try await client.withConnection { connection in try await body(connection) } }
    }

    /// Runs `body`, turning a server that does not answer in time, or a broken connection,
    /// into `RegisterError.unavailable`.
    func guarded<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let location = self.location
        let patience = self.patience
        do {
            return try await withDeadline(patience, timeout: {
                RegisterError.unavailable(location: location, reason: "no answer within \(patience)")
            }, body)
        } catch let error as PSQLError {
            throw Self.translate(error, location: location)
        }
    }

    static func translate(_ error: PSQLError, location: String) -> any Error {
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return RegisterError.unavailable(location: location, reason: "\(error.code)")
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "server error"
            // 28xxx: the user name or password was refused; 3D000: no such database.
            if state.hasPrefix("28") || state == "3D000" {
                return RegisterError.notARegister(location: location, reason: message)
            }
            // 57P01…57P03: the server is shutting down or starting; 08xxx: connection failures.
            if state.hasPrefix("57P") || state.hasPrefix("08") {
                return RegisterError.unavailable(location: location, reason: message)
            }
            return RegisterError.failed(location: location, reason: "\(message) (\(state))")
        default:
            return RegisterError.unavailable(location: location, reason: "\(error.code)")
        }
    }

    func rows(_ connection: PostgresConnection, _ sql: SQL) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(sql.query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    func rows(_ connection: PostgresConnection, _ text: String, _ values: [Value] = []) async throws -> [PostgresRandomAccessRow] {
        var sql = SQL(text)
        for value in values { _ = sql.bind(value) }
        return try await rows(connection, sql)
    }

    func execute(_ connection: PostgresConnection, _ text: String, _ values: [Value] = []) async throws {
        _ = try await rows(connection, text, values)
    }

    // MARK: Seeding

    func seedIfNeeded(_ seed: Bool) async throws {
        let decided = try await read { connection in
            try await self.rows(connection, "SELECT value FROM meta WHERE key = 'seeded'").first
        }
        guard decided == nil else { return }
        try await Seeder.seed(self, documents: seed)
        try await transaction { connection in
            try await self.execute(connection, "INSERT INTO meta VALUES ('seeded', $1) ON CONFLICT DO NOTHING", [.text(seed ? "yes" : "no")])
        }
    }

    // MARK: Ingest

    public func ingest(_ document: DocumentRecord) async throws -> IngestOutcome {
        let now = self.now
        return try await transaction { connection in
            try await PostgresIngest(register: self, connection: connection, document: document, now: now).run()
        }
    }

    public func preview(_ document: DocumentRecord) async throws -> IngestOutcome {
        /// Carries the outcome out of the transaction it rolls back.
        struct RolledBack: Error { var outcome: IngestOutcome }
        let now = self.now
        do {
            let _: Bool = try await transaction { connection in
                throw RolledBack(outcome: try await PostgresIngest(register: self, connection: connection, document: document, now: now).run())
            }
        } catch let rolledBack as RolledBack {
            return rolledBack.outcome
        }
        preconditionFailure("a preview's transaction always rolls back")
    }

    // MARK: Documents

    static let documentColumns = """
        key, title, date, language, sha256, source, revision, ingested_at, translation_of,
        (SELECT count(*) FROM item WHERE item.document = document.key AND NOT withdrawn) AS items
        """

    static func storedDocument(_ row: PostgresRandomAccessRow) throws -> StoredDocument {
        StoredDocument(
            key: try row.string("key"), title: try row.optionalString("title"), date: try row.optionalString("date"),
            language: Language(rawValue: try row.string("language")) ?? .ja, sha256: try row.string("sha256"),
            source: try row.string("source"), revision: try row.int("revision"), ingestedAt: try row.string("ingested_at"),
            itemCount: try row.int("items"), translationOf: try row.optionalString("translation_of"))
    }

    public func documents() async throws -> [StoredDocument] {
        try await read { connection in
            try await self.rows(connection, "SELECT \(Self.documentColumns) FROM document ORDER BY date, key").map(Self.storedDocument)
        }
    }

    public func documents(limit: Int, offset: Int) async throws -> [StoredDocument] {
        try await read { connection in
            // The page's keys first: the item counts are then made for its rows only.
            try await self.rows(connection, """
                SELECT \(Self.documentColumns) FROM document
                WHERE key IN (SELECT key FROM document ORDER BY date DESC NULLS LAST, key LIMIT $1 OFFSET $2) ORDER BY date DESC NULLS LAST, key
                """, [.int(limit), .int(offset)]).map(Self.storedDocument)
        }
    }

    public func documentCount() async throws -> Int {
        try await read { connection in try await self.rows(connection, "SELECT count(*) AS n FROM document").first?.int("n") ?? 0 }
    }

    public func documents(dated date: String) async throws -> [StoredDocument] {
        try await read { connection in
            try await self.rows(connection, "SELECT \(Self.documentColumns) FROM document WHERE date = $1 ORDER BY key", [.text(date)])
                .map(Self.storedDocument)
        }
    }

    public func document(key: String) async throws -> StoredDocument? {
        try await read { connection in
            try await self.rows(connection, "SELECT \(Self.documentColumns) FROM document WHERE key = $1", [.text(key)])
                .first.map(Self.storedDocument)
        }
    }

    public func documents(keys: [String]) async throws -> [StoredDocument] {
        guard !keys.isEmpty else { return [] }
        return try await read { connection in
            try await self.rows(connection, "SELECT \(Self.documentColumns) FROM document WHERE key = ANY($1)", [.textArray(keys)])
                .map(Self.storedDocument)
        }
    }

    public func documentText(key: String) async throws -> String? {
        try await read { connection in
            try await self.rows(connection, "SELECT text FROM document WHERE key = $1", [.text(key)]).first?.string("text")
        }
    }

    public func sections(document: String) async throws -> [Section] {
        try await read { connection in try await self.sections(connection, document: document) }
    }

    func sections(_ connection: PostgresConnection, document: String) async throws -> [Section] {
        try await rows(connection, "SELECT * FROM section WHERE document = $1 ORDER BY ordinal", [.text(document)]).map {
            Section(id: try $0.string("id"), heading: try $0.optionalString("heading"), level: try $0.int("level"),
                    span: SourceSpan(try $0.int("start"), try $0.int("end")))
        }
    }

    // MARK: Items

    /// Items a query selects, in order, with paging; a search is checked exactly here.
    /// A statement with the query's filters other than search bound, and their clauses.
    static func filtered(_ query: ItemQuery) -> (SQL, [String]) {
        var sql = SQL()
        let filter = ItemFilter(query) { n in "$\(n)" }
        for value in filter.values { _ = sql.bind(value) }
        return (sql, filter.clauses)
    }

    static func whereClause(_ clauses: [String]) -> String {
        clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
    }

    /// The rows of the items `query` selects, in list order: a page of them when `paged`, and
    /// no more than `atMost` of them when given. A search's candidates are checked here in
    /// batches, so that a page or a capped count stops reading once it has enough.
    func selected(_ connection: PostgresConnection, _ query: ItemQuery, columns: String = "*", paged: Bool, atMost: Int? = nil, batch: Int = 2_000)
        async throws -> [PostgresRandomAccessRow]
    {
        var (sql, clauses) = Self.filtered(query)
        let search = query.search.map(SearchQuery.init)
        if let search {
            for term in search.foldedTerms {
                clauses.append("search_text LIKE \(sql.bind("%" + ItemFilter.escapeLike(term) + "%")) ESCAPE '\\'")
            }
        }
        let needsText = search != nil && columns != "*"
        // A search in document order reads its candidates in batches, each after the last
        // one's final row: an OFFSET would read the earlier batches again.
        let keyset = search != nil && query.order == .position
        let select = "SELECT \(columns)\(needsText ? ", title, text" : "")\(keyset && columns != "*" ? ", document, ordinal, number" : "") FROM item"
        let order = " ORDER BY \(ItemFilter.order(query))"
        let bound = sql
        sql.append(select + Self.whereClause(clauses) + order)
        let wanted = [paged ? query.limit.map { query.offset + $0 } : nil, atMost].compactMap { $0 }.min()
        guard let search else {
            if paged, let limit = query.limit {
                let limit = min(limit, atMost.map { max(0, $0 - query.offset) } ?? limit)
                if query.order == .position {
                    // The page's ids are chosen from `item_by_position` alone, then only its rows read.
                    sql = bound
                    sql.append("""
                        \(select) WHERE id IN (SELECT id FROM item\(Self.whereClause(clauses))\(order) \
                        LIMIT \(sql.bind(.int(limit))) OFFSET \(sql.bind(.int(query.offset))))\(order)
                        """)
                    return try await rows(connection, sql)
                }
                sql.append(" LIMIT \(sql.bind(.int(limit))) OFFSET \(sql.bind(.int(query.offset)))")
            } else if let atMost {
                sql.append(" LIMIT \(sql.bind(.int(atMost)))")
            }
            return try await rows(connection, sql)
        }
        var found: [PostgresRandomAccessRow] = []
        var read = 0
        var last: PostgresRandomAccessRow?
        while wanted.map({ found.count < $0 }) ?? true {
            var page = sql
            if wanted != nil, keyset, let last {
                page = bound
                let after = "(document, ordinal, number) > (\(page.bind(.text(try last.string("document")))), "
                    + "\(page.bind(.int(try last.int("ordinal")))), \(page.bind(.int(try last.int("number")))))"
                page.append(select + Self.whereClause(clauses + [after]) + order + " LIMIT \(page.bind(.int(batch)))")
            } else if wanted != nil {
                page.append(" LIMIT \(page.bind(.int(batch))) OFFSET \(page.bind(.int(read)))")
            }
            let candidates = try await rows(connection, page)
            read += candidates.count
            last = candidates.last
            found += try candidates.filter { search.matches((try $0.optionalString("title") ?? "") + " " + (try $0.string("text"))) }
            if wanted == nil || candidates.count < batch { break }
        }
        if let wanted { found = Array(found.prefix(wanted)) }
        if paged, query.limit != nil { found = Array(found.dropFirst(query.offset)) }
        return found
    }

    public func items(matching query: ItemQuery) async throws -> [ItemSummary] {
        try query.check()
        return try await read { connection in try await self.selected(connection, query, paged: true).map(Self.itemSummary) }
    }

    /// The WHERE clause of a query `ItemTally` answers, over `item_tally`.
    static func tallyFiltered(_ query: ItemQuery) -> (SQL, [String]) {
        var sql = SQL()
        let filter = ItemFilter(query, tally: true) { n in "$\(n)" }
        for value in filter.values { _ = sql.bind(value) }
        return (sql, filter.clauses)
    }

    /// Rows of the tally beyond which a reader folds them together first.
    static let tallyRowsKept = 2_000

    /// Folds the tallies' appended changes into one row per key, when they have piled up, looking
    /// once a generation (a write that changes counts changes the generation too). Rows
    /// another writer appends meanwhile are left for next time; two readers folding at once
    /// each fold what the other has not (a deleted row is skipped by the second DELETE).
    func compactTally() async throws {
        // Rows pile up only as the register is written: looked at once a generation.
        guard memo.compacting(at: try await generation()) else { return }
        let columns = ItemTally.keyColumns.joined(separator: ", ")
        for (table, fold) in [
            ("item_tally", "SELECT \(columns), sum(n) FROM gone GROUP BY \(columns) HAVING sum(n) <> 0"),
            ("money_tally", """
                SELECT currency, spender, section, sum(total), sum(amounts) FROM gone GROUP BY currency, spender, section
                HAVING sum(amounts) <> 0 OR sum(total) <> 0
                """),
        ] {
            let piled = try await read { connection in
                try await self.rows(connection, "SELECT count(*) AS n FROM (SELECT 1 FROM \(table) LIMIT $1) AS t", [.int(Self.tallyRowsKept + 1)])
            }
            guard try piled.first?.int("n") ?? 0 > Self.tallyRowsKept else { continue }
            try await transaction { connection in
                try await self.execute(connection, "WITH gone AS (DELETE FROM \(table) RETURNING *) INSERT INTO \(table) \(fold)")
            }
        }
    }

    public func count(matching query: ItemQuery, atMost: Int?) async throws -> Int {
        try query.check()
        if ItemTally.answers(query) {
            try await compactTally()
            return try await read { connection in
                var (sql, clauses) = Self.tallyFiltered(query)
                sql.append("SELECT coalesce(sum(n), 0)::bigint AS n FROM item_tally" + Self.whereClause(clauses))
                return try await self.rows(connection, sql).first?.int("n") ?? 0
            }
        }
        return try await read { connection in
            if query.search == nil {
                var (sql, clauses) = Self.filtered(query)
                if let atMost {
                    sql.append("SELECT count(*) AS n FROM (SELECT 1 FROM item" + Self.whereClause(clauses) + " LIMIT \(sql.bind(.int(atMost)))) AS capped")
                } else {
                    sql.append("SELECT count(*) AS n FROM item" + Self.whereClause(clauses))
                }
                return try await self.rows(connection, sql).first?.int("n") ?? 0
            }
            return try await self.selected(connection, query, columns: "id", paged: false, atMost: atMost).count
        }
    }

    public func facet(_ field: FacetField, matching query: ItemQuery, atMost: Int?) async throws -> [FacetCount] {
        try query.check()
        let column = ItemTally.facetColumn(field, query)
        let tally = field != .document && ItemTally.answers(query)
        if tally { try await compactTally() }
        return try await read { connection in
            var groups: [FacetCounts.Group] = []
            func group(_ rows: [PostgresRandomAccessRow]) throws -> [FacetCounts.Group] {
                try rows.map { FacetCounts.Group(value: try $0.string("value"), heading: try $0.optionalString("heading"),
                                                 status: try $0.string("status"), count: try $0.int("n")) }
            }
            if tally {
                var (sql, clauses) = Self.tallyFiltered(query)
                sql.append("SELECT \(column) AS value, min(section) AS heading, status, sum(n)::bigint AS n FROM item_tally"
                           + Self.whereClause(clauses) + " GROUP BY \(column), status")
                groups = try group(try await self.rows(connection, sql))
            } else if query.search == nil {
                var (sql, clauses) = Self.filtered(query)
                if field == .document && query.document == nil {
                    clauses.append("document IN (SELECT key FROM document ORDER BY date DESC NULLS LAST, key LIMIT \(sql.bind(.int(FacetField.newestDocuments))))")
                }
                var source = "item" + Self.whereClause(clauses)
                if let atMost {
                    source = "(SELECT * FROM item\(Self.whereClause(clauses)) ORDER BY document, ordinal, number LIMIT \(sql.bind(.int(atMost)))) AS first"
                }
                sql.append("SELECT \(column) AS value, min(section) AS heading, status, count(*) AS n FROM \(source) GROUP BY \(column), status")
                groups = try group(try await self.rows(connection, sql))
            } else {
                var rows = try await self.selected(
                    connection, query, columns: "id, document, \(column) AS value, section AS heading, status", paged: false, atMost: atMost)
                if field == .document && query.document == nil {
                    let newest = Set(try await self.rows(
                        connection, "SELECT key FROM document ORDER BY date DESC NULLS LAST, key LIMIT $1", [.int(FacetField.newestDocuments)]
                    ).map { try $0.string("key") })
                    rows = try rows.filter { newest.contains(try $0.string("document")) }
                }
                groups = try rows.map {
                    FacetCounts.Group(value: try $0.string("value"), heading: try $0.optionalString("heading"), status: try $0.string("status"), count: 1)
                }
            }
            var titles: [String: String] = [:]
            if field == .document {
                for row in try await self.rows(connection, "SELECT key, title FROM document WHERE key = ANY($1)", [.textArray(Array(Set(groups.map(\.value))))]) {
                    if let title = try row.optionalString("title") { titles[try row.string("key")] = title }
                }
            }
            return FacetCounts.merge(groups, field: field, titles: titles)
        }
    }

    public func facets(_ fields: [FacetField], matching query: ItemQuery) async throws -> [FacetField: [FacetCount]] {
        try query.check()
        var facets: [FacetField: [FacetCount]] = [:]
        if query.search != nil {
            // The exact check of a search is made here: each facet as `facet` reads it.
            for field in fields { facets[field] = try await facet(field, matching: query, atMost: nil) }
            return facets
        }
        let tally = ItemTally.answers(query)
        if tally { try await compactTally() }
        let rows = try await read { connection in
            var (sql, clauses) = tally ? Self.tallyFiltered(query) : Self.filtered(query)
            sql.append(FacetCounts.groupingSQL(query, table: tally ? "item_tally" : "item", filter: clauses.isEmpty ? "true" : clauses.joined(separator: " AND ")))
            return try await self.rows(connection, sql).map {
                FacetCounts.Row(section: try $0.string("section_value"), heading: try $0.optionalString("heading"), modality: try $0.string("modality"),
                                parties: try $0.string("parties"), status: try $0.string("status"), count: try $0.int("n"))
            }
        }
        facets = FacetCounts.split(rows, fields: fields)
        if fields.contains(.document) { facets[.document] = try await facet(.document, matching: query, atMost: nil) }
        return facets
    }

    public func money(by grouping: MoneyGrouping) async throws -> [MoneyTotal] {
        try await compactTally()
        return try await read { connection in
            try await self.rows(connection, ItemMoney.sql(by: grouping)).map {
                MoneyTotal(currency: try $0.string("currency"), name: try $0.string("name"), value: try $0.double("total"),
                           amounts: try $0.int("amounts"))
            }
        }
    }

    public func dueBins(matching query: ItemQuery, asOf: String) async throws -> [DueBin] {
        try query.check()
        return try await read { connection in
            var (sql, clauses) = Self.filtered(query)
            if query.search != nil {
                // The exact check of a search is made here; the bins are counted from the matches.
                let matches = try await self.selected(connection, query, columns: "id, due, status", paged: false)
                var bins: [String: DueBin] = [:]
                for row in matches {
                    guard let due = try row.optionalString("due") else { continue }
                    var bin = bins[due] ?? DueBin(day: due, overdue: 0, open: 0, settled: 0)
                    let status = Status(rawValue: try row.string("status")) ?? .not_yet_rated
                    if status.isSettled { bin.settled += 1 } else if due < asOf { bin.overdue += 1 } else { bin.open += 1 }
                    bins[due] = bin
                }
                return bins.values.sorted { $0.day < $1.day }
            }
            let filter = clauses.isEmpty ? "true" : clauses.joined(separator: " AND ")
            let placeholder = sql.bind(asOf)
            sql.append(DueBin.sql(filter: filter, asOf: placeholder))
            return try await self.rows(connection, sql).map {
                DueBin(day: try $0.string("day"), overdue: try $0.int("overdue"), open: try $0.int("open"), settled: try $0.int("settled"))
            }
        }
    }

    public func amounts(matching query: ItemQuery) async throws -> [ItemAmount] {
        try query.check()
        return try await read { connection in
            let items = try await self.selected(connection, query, columns: "id, section", paged: false)
            guard !items.isEmpty else { return [] }
            let ids = try items.map { try $0.string("id") }
            let sections = Dictionary(uniqueKeysWithValues: try items.map { (try $0.string("id"), try $0.optionalString("section")) })
            let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            var sql = SQL("""
                SELECT amount.*, (SELECT actor FROM sentence WHERE sentence.item = amount.item
                    AND sentence.start <= amount.start AND amount."end" <= sentence."end" LIMIT 1) AS actor
                FROM amount WHERE item = ANY(
                """)
            sql.bindings.append(ids)
            sql.append("$1)")
            return try await self.rows(connection, sql)
                .map { row in (try row.string("item"), try row.int("seq"), row) }
                .sorted { (order[$0.0]!, $0.1) < (order[$1.0]!, $1.1) }
                .map { item, _, row in
                    ItemAmount(item: item, section: sections[item] ?? nil, amount: try Self.amount(row), actor: try row.optionalString("actor"))
                }
        }
    }

    public func item(id: String, events: EventWindow?) async throws -> ItemDetail? {
        try await read { connection in try await self.detail(connection, id: id, events: events) }
    }

    func detail(_ connection: PostgresConnection, id: String, events window: EventWindow? = nil) async throws -> ItemDetail? {
        guard let row = try await rows(connection, "SELECT * FROM item WHERE id = $1", [.text(id)]).first else { return nil }
        let item = try Self.itemSummary(row)
        // The commitment: its history and status are the original item's; its other texts are
        // the original and every item paired with it.
        let commitment = item.commitment
        let others = try await rows(
            connection, "SELECT * FROM item WHERE (id = $1 OR counterpart = $1) AND id <> $2 ORDER BY language, document, ordinal",
            [.text(commitment), .text(id)]
        ).map(Self.itemSummary)
        let parts = try await self.parts(connection, items: [id] + others.map(\.id))
        func detail(_ item: ItemSummary) -> ItemDetail {
            ItemDetail(item: item, sentences: parts.sentences[item.id] ?? [], amounts: parts.amounts[item.id] ?? [],
                       times: parts.times[item.id] ?? [], history: [])
        }
        var result = detail(item)
        result.versions = others.map(detail)
        if let original = others.first(where: { $0.id == commitment }) {
            result.item.status = original.status
            result.item.version = original.version
        }
        if let window {
            result.history = try await rows(connection, """
                SELECT * FROM (SELECT * FROM event WHERE item = $1 ORDER BY sequence DESC LIMIT $2 OFFSET $3) AS newest ORDER BY sequence
                """, [.text(commitment), .int(window.limit), .int(window.offset)]).map(Self.event)
            result.historyCount = try await rows(connection, "SELECT count(*) AS n FROM event WHERE item = $1", [.text(commitment)]).first?.int("n") ?? 0
        } else {
            result.history = try await rows(connection, "SELECT * FROM event WHERE item = $1 ORDER BY sequence", [.text(commitment)]).map(Self.event)
            result.historyCount = result.history.count
        }
        var corrections: [String: [Correction]] = [:]
        var among = SQL("SELECT * FROM correction WHERE item = ANY($1) ORDER BY sequence")
        among.bindings.append([id] + others.map(\.id))
        for row in try await rows(connection, among) { let c = try Self.correction(row); corrections[c.item, default: []].append(c) }
        result.corrections = corrections[id] ?? []
        for i in result.versions.indices { result.versions[i].corrections = corrections[result.versions[i].item.id] ?? [] }
        // Links of every text of the commitment: the English text may link where the Japanese does not.
        var sql = SQL("""
            SELECT l.*, o.id AS other, o.document AS other_document, coalesce(o.title, o.text) AS other_text
            FROM item_link l JOIN item o ON o.id = (CASE WHEN l.from_item = ANY($1) THEN l.to_item ELSE l.from_item END)
            WHERE l.from_item = ANY($1) OR l.to_item = ANY($1)
            ORDER BY l.score DESC, o.id
            """)
        sql.bindings.append([id] + others.map(\.id))
        result.links = try await rows(connection, sql).map {
            StoredLink(from: try $0.string("from_item"), to: try $0.string("to_item"), relation: try $0.string("relation"),
                       score: try $0.double("score"), evidence: try $0.string("evidence").split(separator: "\n").map(String.init),
                       other: try $0.string("other"), otherDocument: try $0.string("other_document"), otherText: try $0.string("other_text"))
        }
        return result
    }

    /// Sentences, amounts and times of several items at once, in order.
    func parts(_ connection: PostgresConnection, items: [String]) async throws
        -> (sentences: [String: [StoredSentence]], amounts: [String: [StoredAmount]], times: [String: [StoredTime]])
    {
        var result: ([String: [StoredSentence]], [String: [StoredAmount]], [String: [StoredTime]]) = ([:], [:], [:])
        func select(_ table: String) -> SQL {
            var sql = SQL("SELECT * FROM \(table) WHERE item = ANY($1) ORDER BY item, seq")
            sql.bindings.append(items)
            return sql
        }
        for row in try await rows(connection, select("sentence")) {
            result.0[try row.string("item"), default: []].append(StoredSentence(
                text: try row.string("text"), span: SourceSpan(try row.int("start"), try row.int("end")),
                modality: Modality(rawValue: try row.string("modality")) ?? .other, actor: try row.optionalString("actor"),
                parties: Self.parties(try row.string("parties"))))
        }
        for row in try await rows(connection, select("amount")) { result.1[try row.string("item"), default: []].append(try Self.amount(row)) }
        for row in try await rows(connection, select("time_expression")) {
            result.2[try row.string("item"), default: []].append(StoredTime(
                text: try row.string("text"), span: SourceSpan(try row.int("start"), try row.int("end")),
                role: TimeRole(rawValue: try row.string("role")) ?? .point, value: try row.optionalString("value"),
                part: try row.optionalString("part").flatMap(PeriodPart.init(rawValue:)), due: try row.optionalString("due")))
        }
        return result
    }

    static func amount(_ row: PostgresRandomAccessRow) throws -> StoredAmount {
        StoredAmount(
            text: try row.string("text"), span: SourceSpan(try row.int("start"), try row.int("end")),
            kind: AmountKind(rawValue: try row.string("kind")) ?? .money, value: try row.double("value"), unit: try row.string("unit"),
            qualifier: try row.optionalString("qualifier").flatMap(Qualifier.init(rawValue:)))
    }

    static func parties(_ text: String) -> [Party] { text.split(separator: ",").compactMap { Party(rawValue: String($0)) } }

    static func itemSummary(_ row: PostgresRandomAccessRow) throws -> ItemSummary {
        ItemSummary(
            id: try row.string("id"), document: try row.string("document"), number: try row.int("number"),
            ordinal: try row.int("ordinal"), sectionID: try row.string("section_id"), section: try row.optionalString("section"),
            kind: ItemKind(rawValue: try row.string("kind")) ?? .paragraph, title: try row.optionalString("title"),
            text: try row.string("text"), span: SourceSpan(try row.int("start"), try row.int("end")),
            modality: Modality(rawValue: try row.string("modality")) ?? .other, parties: parties(try row.string("parties")),
            due: try row.optionalString("due"), status: Status(rawValue: try row.string("status")) ?? .not_yet_rated,
            version: try row.int("version"), withdrawn: try row.bool("withdrawn"), counterpart: try row.optionalString("counterpart"))
    }

    static func event(_ row: PostgresRandomAccessRow) throws -> TrackingEvent {
        TrackingEvent(
            sequence: Int64(try row.int("sequence")), item: try row.string("item"), version: try row.int("version"),
            status: Status(rawValue: try row.string("status")) ?? .not_yet_rated, note: try row.optionalString("note"),
            evidenceURL: try row.optionalString("evidence_url"), evidenceTitle: try row.optionalString("evidence_title"),
            date: try row.string("date"), author: try row.string("author"), recordedAt: try row.string("recorded_at"))
    }

    static func correction(_ row: PostgresRandomAccessRow) throws -> Correction {
        Correction(
            sequence: Int64(try row.int("sequence")), item: try row.string("item"), version: try row.int("version"),
            field: CorrectedField(rawValue: try row.string("field")) ?? .modality, amount: try row["amount"].decode(Int?.self),
            before: try row.optionalString("before"), after: try row.optionalString("after"), note: try row.string("note"),
            author: try row.string("author"), recordedAt: try row.string("recorded_at"), sourceText: try row.string("source_text"))
    }

    @discardableResult
    public func correct(_ correction: NewCorrection, item id: String) async throws -> Correction {
        let now = self.now
        return try await transaction { connection in
            guard let asked = try await self.rows(connection, "SELECT coalesce(counterpart, id) AS id FROM item WHERE id = $1", [.text(id)]).first,
                  case let commitment = try asked.string("id"),
                  let locked = try await self.rows(connection, "SELECT version FROM item WHERE id = $1 FOR UPDATE", [.text(commitment)]).first,
                  let detail = try await self.detail(connection, id: id)
            else {
                throw RegisterError.itemNotFound(id)
            }
            let current = try locked.int("version")
            if let expected = correction.expectedVersion, expected != current {
                throw RegisterError.staleVersion(item: id, expected: expected, current: current)
            }
            let record = ItemRecord(restoring: .init(item: detail.item, sentences: detail.sentences, amounts: detail.amounts, times: detail.times))
            let corrected = try Corrections.applying(correction, to: record)
            let version = current + 1
            try await self.execute(connection, """
                UPDATE item SET title = $1, modality = $2, parties = $3, due = $4, fingerprint = $5, search_text = $6 WHERE id = $7
                """, [.text(corrected.title), .text(corrected.modality.rawValue), .text(PostgresItemWriter.parties(corrected.parties)),
                      .text(corrected.due), .text(corrected.fingerprint), .text(PostgresItemWriter.searchText(corrected)), .text(id)])
            try await self.execute(connection, "UPDATE item SET version = $1 WHERE id = $2 OR counterpart = $2", [.int(version), .text(commitment)])
            if correction.field.isAmount {
                for table in ["sentence", "amount", "time_expression", "item_money"] {
                    try await self.execute(connection, "DELETE FROM \(table) WHERE item = $1", [.text(id)])
                }
                try await PostgresItemWriter(register: self, connection: connection).insertParts(
                    [(id, corrected.sentences, corrected.amounts, corrected.times)],
                    listing: [id: .init(listed: detail.item.counterpart == nil && !detail.item.withdrawn, section: corrected.section ?? "")])
            }
            var kept = Correction(correction, item: id, version: version, record: record, corrected: corrected, recordedAt: now)
            let inserted = try await self.rows(connection, """
                INSERT INTO correction (item, version, field, amount, before, after, note, author, recorded_at, source_text)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING sequence
                """, [.text(kept.item), .int(kept.version), .text(kept.field.rawValue), kept.amount.map { .int($0) } ?? .text(nil),
                      .text(kept.before), .text(kept.after), .text(kept.note), .text(kept.author), .text(kept.recordedAt),
                      .text(kept.sourceText)])
            kept.sequence = Int64(try inserted[0].int("sequence"))
            return kept
        }
    }

    // MARK: Tracking

    @discardableResult
    public func record(_ event: NewEvent, item id: String) async throws -> TrackingEvent {
        try EventValidation.check(event)
        let now = self.now
        return try await transaction { connection in
            // Either text's id names the commitment; its original's item holds the history.
            guard let asked = try await self.rows(connection, "SELECT coalesce(counterpart, id) AS id FROM item WHERE id = $1", [.text(id)]).first,
                  case let commitment = try asked.string("id"),
                  let row = try await self.rows(connection, "SELECT version FROM item WHERE id = $1 FOR UPDATE", [.text(commitment)]).first
            else {
                throw RegisterError.itemNotFound(id)
            }
            let current = try row.int("version")
            if let expected = event.expectedVersion, expected != current {
                throw RegisterError.staleVersion(item: id, expected: expected, current: current)
            }
            let id = commitment
            let version = current + 1
            let inserted = try await self.rows(
                connection,
                """
                INSERT INTO event (item, version, status, note, evidence_url, evidence_title, date, author, recorded_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING sequence
                """,
                [.text(id), .int(version), .text(event.status.rawValue), .text(event.note), .text(event.evidenceURL),
                 .text(event.evidenceTitle), .text(event.date), .text(event.author), .text(now)])
            if let suggestion = event.suggestion {
                try await self.decide(connection, SuggestionDecision(
                    item: id, suggestion: suggestion, decision: .accepted, author: event.author, decidedAt: now))
            }
            // Every text of the commitment shows its status and version.
            try await self.execute(connection, "UPDATE item SET version = $1, status = $2 WHERE id = $3 OR counterpart = $3",
                                   [.int(version), .text(event.status.rawValue), .text(id)])
            return TrackingEvent(
                sequence: Int64(try inserted[0].int("sequence")), item: id, version: version, status: event.status,
                note: event.note, evidenceURL: event.evidenceURL, evidenceTitle: event.evidenceTitle, date: event.date,
                author: event.author, recordedAt: now)
        }
    }

    public func pairTranslation(_ translation: String, of original: String?, pairs: [TranslationPair]) async throws {
        try await transaction { connection in
            guard let row = try await self.rows(
                connection, "SELECT translation_of FROM document WHERE key = $1 FOR UPDATE", [.text(translation)]).first
            else { throw RegisterError.documentNotFound(translation) }
            let previous = try row.optionalString("translation_of")
            for key in Set([previous, original].compactMap { $0 }) {
                try await self.execute(connection, "UPDATE item SET twinned = false WHERE document = $1", [.text(key)])
            }
            try await self.execute(connection, "UPDATE item SET counterpart = NULL WHERE document = $1", [.text(translation)])
            try await self.execute(connection, "UPDATE document SET translation_of = $1 WHERE key = $2", [.text(original), .text(translation)])
            var moves: [HistoryMerge.Move] = []
            for pair in pairs {
                func state(_ id: String) async throws -> (version: Int, events: [TrackingEvent]) {
                    guard let row = try await self.rows(connection, "SELECT version FROM item WHERE id = $1 FOR UPDATE", [.text(id)]).first else {
                        throw RegisterError.itemNotFound(id)
                    }
                    return (try row.int("version"),
                            try await self.rows(connection, "SELECT * FROM event WHERE item = $1 ORDER BY sequence", [.text(id)]).map(Self.event))
                }
                let o = try await state(pair.original), t = try await state(pair.translation)
                let merge = HistoryMerge(original: (pair.original, o.version, o.events), translation: t)
                moves += merge.moves
                if let status = merge.status {
                    try await self.execute(connection, "UPDATE item SET version = $1, status = $2 WHERE id = $3",
                                           [.int(merge.version), .text(status.rawValue), .text(pair.original)])
                }
                try await self.execute(connection, "UPDATE item SET twinned = true WHERE id = $1", [.text(pair.original)])
                try await self.execute(
                    connection,
                    """
                    UPDATE item SET counterpart = o.id, status = o.status, version = o.version
                    FROM item o WHERE o.id = $1 AND item.id = $2
                    """,
                    [.text(pair.original), .text(pair.translation)])
                // What editors decided on the translated item's suggestions goes with its history.
                try await self.execute(
                    connection,
                    """
                    UPDATE suggestion_decision d SET item = $1 WHERE d.item = $2
                        AND NOT EXISTS (SELECT 1 FROM suggestion_decision o WHERE o.item = $1 AND o.suggestion = d.suggestion)
                    """,
                    [.text(pair.original), .text(pair.translation)])
            }
            guard !moves.isEmpty else { return }
            // The one place events are rewritten: the append-only trigger steps aside inside this
            // transaction. Versions go through negative values so none is held twice on the way.
            try await self.execute(connection, "ALTER TABLE event DISABLE TRIGGER event_is_append_only")
            for m in moves {
                try await self.execute(connection, "UPDATE event SET version = $1 WHERE sequence = $2", [.int(-Int(m.sequence)), .int(Int(m.sequence))])
            }
            for m in moves {
                try await self.execute(connection, "UPDATE event SET item = $1, version = $2 WHERE sequence = $3",
                                       [.text(m.item), .int(m.version), .int(Int(m.sequence))])
            }
            try await self.execute(connection, "ALTER TABLE event ENABLE TRIGGER event_is_append_only")
        }
    }

    public func recordNames(_ names: [String], of document: String) async throws {
        try await transaction { connection in try await self.replaceNames(connection, names, of: document) }
    }

    /// Keeps at most `DocumentLinks.usersKept` documents a name: more only say it is common.
    func replaceNames(_ connection: PostgresConnection, _ names: [String], of document: String) async throws {
        try await execute(connection, "DELETE FROM document_name WHERE document = $1", [.text(document)])
        try await execute(
            connection,
            """
            INSERT INTO document_name SELECT n, $2 FROM unnest($1::text[]) AS n
            WHERE (SELECT count(*) FROM (SELECT 1 FROM document_name d WHERE d.name = n LIMIT $3) AS kept) < $3
            ON CONFLICT DO NOTHING
            """,
            [.textArray(names), .text(document), .int(DocumentLinks.usersKept)])
    }

    public func linkCandidates(for document: String, lookUp: [String], common: Int, limit: Int) async throws -> LinkCandidates {
        try await read { connection in
            var shared = LinkCandidates.Tally(common: common)
            for name in lookUp {
                let users = try await self.rows(
                    connection, "SELECT document FROM document_name WHERE name = $1 AND document <> $2 LIMIT $3",
                    [.text(name), .text(document), .int(common + 1)]
                ).map { try $0.string("document") }
                shared.add(name, users: users)
            }
            return shared.candidates(limit: limit)
        }
    }

    public func replaceLinks(of document: String, with links: [StoredLink]) async throws {
        try await transaction { connection in
            try await self.execute(
                connection,
                """
                DELETE FROM item_link WHERE from_item IN (SELECT id FROM item WHERE document = $1)
                    OR to_item IN (SELECT id FROM item WHERE document = $1)
                """, [.text(document)])
            for l in links {
                try await self.execute(
                    connection,
                    """
                    INSERT INTO item_link VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (from_item, to_item) DO UPDATE SET relation = excluded.relation, score = excluded.score, evidence = excluded.evidence
                    """,
                    [.text(l.from), .text(l.to), .text(l.relation), .double(l.score), .text(l.evidence.joined(separator: "\n"))])
            }
        }
    }

    public func suggestionDecisions(item: String) async throws -> [SuggestionDecision] {
        try await read { connection in
            try await self.rows(
                connection,
                """
                SELECT * FROM suggestion_decision WHERE item = (SELECT coalesce(counterpart, id) FROM item WHERE id = $1)
                ORDER BY decided_at, suggestion
                """, [.text(item)]
            ).map(Self.decision)
        }
    }

    public func dismissSuggestion(_ suggestion: String, item id: String, author: String) async throws {
        try SuggestionName.check(suggestion)
        let now = self.now
        try await transaction { connection in
            guard let commitment = try await self.rows(
                connection, "SELECT coalesce(counterpart, id) AS id FROM item WHERE id = $1", [.text(id)]).first?.string("id")
            else { throw RegisterError.itemNotFound(id) }
            try await self.decide(connection, SuggestionDecision(
                item: commitment, suggestion: suggestion, decision: .dismissed, author: author, decidedAt: now))
        }
    }

    /// Stores a decision, refusing a second one on the same suggestion.
    func decide(_ connection: PostgresConnection, _ d: SuggestionDecision) async throws {
        let inserted = try await rows(
            connection,
            "INSERT INTO suggestion_decision VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING item",
            [.text(d.item), .text(d.suggestion), .text(d.decision.rawValue), .text(d.author), .text(d.decidedAt)])
        guard !inserted.isEmpty else {
            throw RegisterError.invalid(Explanation(
                "suggestion.decided", "suggestion {suggestion} on {item} was already accepted or dismissed",
                ["suggestion": d.suggestion, "item": d.item]))
        }
    }

    static func decision(_ row: PostgresRandomAccessRow) throws -> SuggestionDecision {
        SuggestionDecision(item: try row.string("item"), suggestion: try row.string("suggestion"),
                           decision: SuggestionDecision.Decision(rawValue: try row.string("decision")) ?? .dismissed,
                           author: try row.string("author"), decidedAt: try row.string("decided_at"))
    }

    public func events() async throws -> [TrackingEvent] {
        try await read { connection in try await self.rows(connection, "SELECT * FROM event ORDER BY sequence").map(Self.event) }
    }

    public func glossary(document: String?, limit: Int?, offset: Int) async throws -> [GlossaryEntry] {
        try await read { connection in
            // One document's terms are found by its key; all of them read in order from `term_by_short`,
            // a page's keys chosen from the index before its rows are read.
            try await self.rows(
                connection,
                document == nil
                    ? """
                    SELECT * FROM term WHERE (document, seq) IN
                        (SELECT document, seq FROM term ORDER BY lower(short), short, document, seq LIMIT $1 OFFSET $2)
                    ORDER BY lower(short), short, document, seq
                    """
                    : "SELECT * FROM term WHERE document = $3 ORDER BY lower(short), short, document, seq LIMIT $1 OFFSET $2",
                [limit.map(Value.int) ?? .text(nil), .int(offset)] + (document.map { [Value.text($0)] } ?? [])
            ).map(Self.term)
        }
    }

    public func glossaryCount(document: String?) async throws -> Int {
        try await read { connection in
            try await self.rows(connection, "SELECT count(*) AS n FROM term WHERE $1::text IS NULL OR document = $1", [.text(document)]).first?.int("n") ?? 0
        }
    }

    static func term(_ row: PostgresRandomAccessRow) throws -> GlossaryEntry {
        GlossaryEntry(document: try row.string("document"), short: try row.string("short"), long: try row.string("long"),
                      span: SourceSpan(try row.int("start"), try row.int("end")))
    }

    // MARK: Archive

    public func archive() async throws -> RegisterArchive {
        try await read { connection in
            var documents: [RegisterArchive.Document] = []
            for row in try await self.rows(connection, "SELECT \(Self.documentColumns), text FROM document ORDER BY key") {
                let key = try row.string("key")
                let items = try await self.rows(connection, "SELECT * FROM item WHERE document = $1 ORDER BY number", [.text(key)])
                    .map(Self.itemSummary)
                let parts = try await self.parts(connection, items: items.map(\.id))
                let terms = try await self.rows(connection, "SELECT * FROM term WHERE document = $1 ORDER BY seq", [.text(key)]).map(Self.term)
                documents.append(RegisterArchive.Document(
                    document: try Self.storedDocument(row), text: try row.string("text"),
                    sections: try await self.sections(connection, document: key), terms: terms,
                    items: items.map {
                        RegisterArchive.Item(item: $0, sentences: parts.sentences[$0.id] ?? [], amounts: parts.amounts[$0.id] ?? [],
                                             times: parts.times[$0.id] ?? [])
                    }))
            }
            let events = try await self.rows(connection, "SELECT * FROM event ORDER BY sequence").map(Self.event)
            let decisions = try await self.rows(
                connection, "SELECT * FROM suggestion_decision ORDER BY decided_at, item, suggestion").map(Self.decision)
            let corrections = try await self.rows(connection, "SELECT * FROM correction ORDER BY sequence").map(Self.correction)
            return RegisterArchive(documents: documents, events: events, decisions: decisions, corrections: corrections)
        }
    }

    public func restore(_ archive: RegisterArchive) async throws {
        try archive.validate()
        let location = self.location
        try await transaction { connection in
            let counts = try await self.rows(
                connection, "SELECT (SELECT count(*) FROM document) AS documents, (SELECT count(*) FROM event) AS events")
            guard try counts[0].int("documents") == 0 && counts[0].int("events") == 0 else { throw RegisterError.notEmpty(location) }
            try await PostgresRestore(register: self, connection: connection).restore(archive)
        }
    }

    // MARK: Caches and users

    /// Read at most every `GenerationMemo.freshness` (a tenth of a second), and afresh after each
    /// write of this process.
    public func generation() async throws -> Int {
        try await memo.generation {
            try await read { connection in
                Int(try await self.rows(connection, "SELECT value FROM meta WHERE key = 'generation'").first?.string("value") ?? "0") ?? 0
            }
        }
    }

    public func addUser(_ user: User, tokenHash: String) async throws {
        let user = try user.normalised()
        try await transaction { connection in
            let inserted = try await self.rows(
                connection,
                "INSERT INTO app_user (name, role, token_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING name",
                [.text(user.name), .text(user.role.rawValue), .text(tokenHash), .text(user.createdAt)])
            if inserted.isEmpty { throw RegisterError.userExists(user.name) }
        }
    }

    public func user(tokenHash: String) async throws -> User? {
        try await read { connection in
            try await self.rows(connection, "SELECT * FROM app_user WHERE token_hash = $1", [.text(tokenHash)]).first.map(Self.user)
        }
    }

    public func revokeSession(_ id: String, expires: Int) async throws {
        let now = Int(clock().timeIntervalSince1970)
        try await transaction { connection in
            try await self.execute(connection, "DELETE FROM revoked_session WHERE expires < $1", [.int(now)])
            try await self.execute(
                connection, "INSERT INTO revoked_session (id, expires) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
                [.text(id), .int(expires)])
        }
    }

    public func isSessionRevoked(_ id: String) async throws -> Bool {
        try await read { connection in
            !(try await self.rows(connection, "SELECT 1 AS found FROM revoked_session WHERE id = $1", [.text(id)])).isEmpty
        }
    }

    public func pendingUpgrades() async throws -> Set<String> {
        try await read { connection in
            let rows = try await self.rows(connection, "SELECT substr(key, 9) AS name FROM meta WHERE key LIKE 'upgrade:%' AND value = 'pending'", [])
            return Set(try rows.map { try $0.string("name") })
        }
    }

    public func finishUpgrade(_ name: String) async throws {
        try await transaction { connection in
            _ = try await self.rows(connection, "DELETE FROM meta WHERE key = $1 RETURNING key", [.text("upgrade:" + name)])
        }
    }

    public func reread(_ readings: [ItemReading]) async throws {
        try await transaction { connection in
            for reading in readings {
                _ = try await self.rows(
                    connection, "UPDATE item SET parties = $1, due = $2 WHERE id = $3 RETURNING id",
                    [.text(PostgresItemWriter.parties(reading.parties)), .text(reading.due), .text(reading.id)])
                for (span, parties) in reading.sentences {
                    _ = try await self.rows(
                        connection, #"UPDATE sentence SET parties = $1 WHERE item = $2 AND start = $3 AND "end" = $4 RETURNING item"#,
                        [.text(PostgresItemWriter.parties(parties)), .text(reading.id), .int(span.start), .int(span.end)])
                }
                for (span, due) in reading.times {
                    _ = try await self.rows(
                        connection, #"UPDATE time_expression SET due = $1 WHERE item = $2 AND start = $3 AND "end" = $4 RETURNING item"#,
                        [.text(due), .text(reading.id), .int(span.start), .int(span.end)])
                }
            }
            // Readers' caches hold the old parties: tell them.
            _ = try await self.rows(connection, "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation' RETURNING key", [])
        }
    }

    public func removeUser(name: String) async throws {
        let name = try User.normalisedName(name)
        try await transaction { connection in
            let removed = try await self.rows(connection, "DELETE FROM app_user WHERE name = $1 RETURNING name", [.text(name)])
            if removed.isEmpty { throw RegisterError.invalid("no user named '\(name)'") }
        }
    }

    public func users() async throws -> [User] {
        try await read { connection in try await self.rows(connection, "SELECT * FROM app_user ORDER BY name").map(Self.user) }
    }

    static func user(_ row: PostgresRandomAccessRow) throws -> User {
        User(name: try row.string("name"), role: Role(rawValue: try row.string("role")) ?? .viewer, createdAt: try row.string("created_at"))
    }

    public func signingKey() async throws -> [UInt8] {
        let fresh = SigningKey.make()
        let hex = try await transaction { connection in
            try await self.execute(connection, "INSERT INTO meta VALUES ('signing_key', $1) ON CONFLICT DO NOTHING", [.text(fresh)])
            return try await self.rows(connection, "SELECT value FROM meta WHERE key = 'signing_key'")[0].string("value")
        }
        return SigningKey.bytes(hex)
    }
}
