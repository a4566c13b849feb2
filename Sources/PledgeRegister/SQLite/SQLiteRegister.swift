import Foundation
import GRDB
import PledgeModel

/// The register in one SQLite file (WAL mode), the default store on a laptop.
///
/// Every write is one `BEGIN IMMEDIATE` transaction, so a process killed mid-ingest
/// leaves the file as it was before that document, and two processes recording
/// events at once queue behind each other instead of losing one.
public final class SQLiteRegister: Register {
    public let path: String
    let pool: any DatabaseWriter
    let clock: @Sendable () -> Date
    /// Opened from a file this process may not write: reads work, writes are refused by name.
    public let readOnly: Bool
    let memo = GenerationMemo(freshness: .milliseconds(100))

    /// Opens (creating if needed) the register at `path` and runs pending migrations.
    /// - Parameter seed: load the bundled documents into a register that has never held any.
    static func checkIsPledgeRegister(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        do {
            let (tables, application) = try DatabaseQueue(path: path, configuration: configuration).read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0,
                 try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0)
            }
            if tables > 0 && application != SQLiteSchema.applicationID {
                throw RegisterError.notARegister(location: path, reason: "a SQLite database of another program")
            }
        } catch let error as DatabaseError {
            throw RegisterError.notARegister(location: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// - Parameter readOnly: open for reading only; by default, when the file or its folder
    ///   cannot be written (a register on read-only media or someone else's file), so that
    ///   `list` and `show` still work there.
    public static func open(path: String, seed: Bool = true, readOnly: Bool? = nil, clock: @escaping @Sendable () -> Date = Date.init) async throws -> SQLiteRegister {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue { throw RegisterError.notARegister(location: path, reason: "it is a folder") }
        let folder = (path as NSString).deletingLastPathComponent
        let readOnly = readOnly ?? (exists && (!FileManager.default.isWritableFile(atPath: path)
            || !FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder)))
        if readOnly {
            guard exists else { throw RegisterError.notARegister(location: path, reason: "no such file to read") }
            return try openReadOnly(path: path, clock: clock)
        }
        if exists, let handle = FileHandle(forReadingAtPath: path) {
            // Refuse anything that is not SQLite before SQLite tries to turn it into WAL.
            let head = handle.readData(ofLength: 16)
            try? handle.close()
            if !head.isEmpty && head != Data("SQLite format 3\0".utf8) {
                throw RegisterError.notARegister(location: path, reason: "the file is not a SQLite database")
            }
            // Another program's database is recognised through a read-only connection, so
            // that it is refused as it was found: opening a pool would switch it to WAL first.
            if !head.isEmpty { try checkIsPledgeRegister(path: path) }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // Checkpoint every 64 MB of log rather than 4: a page that several documents write
            // (the top of an index) is copied into the file once per checkpoint, not each time.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try await pool.write { db in
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if tables > 0 && application != SQLiteSchema.applicationID {
                    throw RegisterError.notARegister(location: path, reason: "a SQLite database of another program")
                }
                if try SQLiteSchema.migrator.hasBeenSuperseded(db) {
                    throw RegisterError.notARegister(location: path, reason: "written by a newer version of Pledge")
                }
            }
            try SQLiteSchema.migrator.migrate(pool)
        } catch let error as RegisterError {
            throw error
        } catch let error as DatabaseError {
            throw RegisterError.notARegister(location: path, reason: error.message ?? "\(error.resultCode)")
        }
        let register = SQLiteRegister(path: path, pool: pool, clock: clock, readOnly: false)
        try await register.seedIfNeeded(seed)
        try await register.upgrade()
        return register
    }

    /// A register read through one read-only connection: nothing is migrated, seeded or
    /// switched to WAL, and a register that needs upgrading says so.
    static func openReadOnly(path: String, clock: @escaping @Sendable () -> Date) throws -> SQLiteRegister {
        try checkIsPledgeRegister(path: path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let (complete, superseded) = try queue.read { db in
                (try SQLiteSchema.migrator.hasCompletedMigrations(db), try SQLiteSchema.migrator.hasBeenSuperseded(db))
            }
            if superseded { throw RegisterError.notARegister(location: path, reason: "written by a newer version of Pledge") }
            if !complete {
                throw RegisterError.readOnly(location: path, operation: "upgrade the register to this version of Pledge")
            }
            return SQLiteRegister(path: path, pool: queue, clock: clock, readOnly: true)
        } catch let error as DatabaseError {
            throw RegisterError.notARegister(location: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    init(path: String, pool: any DatabaseWriter, clock: @escaping @Sendable () -> Date, readOnly: Bool) {
        self.path = path
        self.pool = pool
        self.clock = clock
        self.readOnly = readOnly
    }

    /// A register is seeded once, when it is first opened with nothing in it.
    func seedIfNeeded(_ seed: Bool) async throws {
        let decided = try await pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'seeded'") }
        guard decided == nil else { return }
        try await Seeder.seed(self, documents: seed)
        try await writeImmediate { db in
            try db.execute(sql: "INSERT OR IGNORE INTO meta(key, value) VALUES ('seeded', ?)", arguments: [seed ? "yes" : "no"])
        }
    }

    func writeImmediate<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if readOnly { throw RegisterError.readOnly(location: path, operation: "write to it") }
        defer { memo.forget() }
        return try await pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    var now: String { Timestamp.string(clock()) }

    // MARK: Ingest

    public func ingest(_ document: DocumentRecord) async throws -> IngestOutcome {
        try await ingest([document])[0]
    }

    /// One trip to the writer for the run: handing documents over one by one cost the
    /// writer a wait between every two.
    public func ingest(_ documents: [DocumentRecord]) async throws -> [IngestOutcome] {
        let now = self.now
        if readOnly { throw RegisterError.readOnly(location: path, operation: "add documents to it") }
        defer { memo.forget() }
        return try await pool.writeWithoutTransaction { db in
            try documents.map { document in
                var outcome: IngestOutcome?
                try db.inTransaction(.immediate) {
                    outcome = try SQLiteIngest(db: db, document: document, now: now).run()
                    return .commit
                }
                return outcome!
            }
        }
    }

    public func preview(_ document: DocumentRecord) async throws -> IngestOutcome {
        let now = self.now
        if readOnly { throw RegisterError.readOnly(location: path, operation: "add documents to it") }
        return try await pool.writeWithoutTransaction { db in
            var outcome: IngestOutcome?
            try db.inTransaction(.immediate) {
                outcome = try SQLiteIngest(db: db, document: document, now: now).run()
                return .rollback
            }
            return outcome!
        }
    }

    // MARK: Documents

    static let documentColumns = """
        key, title, date, language, sha256, source, revision, ingested_at, translation_of,
        (SELECT count(*) FROM item WHERE item.document = document.key AND NOT withdrawn) AS items
        """

    static func storedDocument(_ row: Row) -> StoredDocument {
        StoredDocument(
            key: row["key"], title: row["title"], date: row["date"], language: Language(rawValue: row["language"]) ?? .ja,
            sha256: row["sha256"], source: row["source"], revision: row["revision"], ingestedAt: row["ingested_at"],
            itemCount: row["items"], translationOf: row["translation_of"])
    }

    public func documents() async throws -> [StoredDocument] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.documentColumns) FROM document ORDER BY date, key").map(Self.storedDocument)
        }
    }

    public func documents(limit: Int, offset: Int) async throws -> [StoredDocument] {
        try await pool.read { db in
            // The page's keys first: the item counts are then made for its rows only.
            try Row.fetchAll(db, sql: """
                SELECT \(Self.documentColumns) FROM document
                WHERE key IN (SELECT key FROM document ORDER BY date DESC, key LIMIT ? OFFSET ?) ORDER BY date DESC, key
                """, arguments: [limit, offset]).map(Self.storedDocument)
        }
    }

    public func documentCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? 0 }
    }

    public func documents(dated date: String) async throws -> [StoredDocument] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.documentColumns) FROM document WHERE date = ? ORDER BY key", arguments: [date])
                .map(Self.storedDocument)
        }
    }

    public func document(key: String) async throws -> StoredDocument? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.documentColumns) FROM document WHERE key = ?", arguments: [key])
                .map(Self.storedDocument)
        }
    }

    public func documents(keys: [String]) async throws -> [StoredDocument] {
        guard !keys.isEmpty else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.documentColumns) FROM document WHERE key IN (SELECT value FROM json_each(?))",
                arguments: [String(decoding: try JSONEncoder().encode(keys), as: UTF8.self)]
            ).map(Self.storedDocument)
        }
    }

    public func documentText(key: String) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT text FROM document_text WHERE document = ?", arguments: [key]) }
    }

    public func sections(document: String) async throws -> [Section] {
        try await pool.read { db in try Self.sections(db, document: document) }
    }

    static func sections(_ db: Database, document: String) throws -> [Section] {
        try Row.fetchAll(db, sql: "SELECT * FROM section WHERE document = ? ORDER BY ordinal", arguments: [document]).map {
            Section(id: $0["id"], heading: $0["heading"], level: $0["level"], span: SourceSpan($0["start"], $0["end"]))
        }
    }

    // MARK: Items

    public func items(matching query: ItemQuery) async throws -> [ItemSummary] {
        try await pool.read { db in
            try SQLiteQuery.withSearch(query, in: db) {
                let (sql, arguments) = Self.itemsSQL(query)
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map(SQLiteQuery.itemSummary)
            }
        }
    }

    /// The statement that reads the summaries `query` selects.
    static func itemsSQL(_ query: ItemQuery) -> (sql: String, arguments: StatementArguments) {
        let (filter, arguments) = SQLiteQuery.filter(query)
        let order = ItemFilter.order(query)
        guard let limit = query.limit else {
            return ("SELECT \(SQLiteQuery.summaryColumns) FROM item WHERE \(filter) ORDER BY \(order)", arguments)
        }
        // The page's rows are chosen first, from an index where one covers the filter and the
        // order (`item_by_position`, `item_by_due`), and only they are read: a deep page counts
        // past index entries, not rows, and a sort carries ids, not texts.
        return ("""
            SELECT \(SQLiteQuery.summaryColumns) FROM item
            WHERE rowid IN (SELECT rowid FROM item WHERE \(filter) ORDER BY \(order) LIMIT ? OFFSET ?) ORDER BY \(order)
            """, arguments + [limit, query.offset])
    }

    public func count(matching query: ItemQuery, atMost: Int?) async throws -> Int {
        try await pool.read { db in
            if ItemTally.answers(query) {
                try query.check()
                let (filter, arguments) = SQLiteQuery.tallyFilter(query)
                return try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM item_tally WHERE \(filter)", arguments: arguments) ?? 0
            }
            return try SQLiteQuery.withSearch(query, in: db) {
                let (sql, arguments) = SQLiteQuery.filter(query)
                guard let atMost else {
                    return try Int.fetchOne(db, sql: "SELECT count(*) FROM item WHERE \(sql)", arguments: arguments) ?? 0
                }
                return try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM (SELECT 1 FROM item WHERE \(sql) LIMIT ?)", arguments: arguments + [atMost]) ?? 0
            }
        }
    }

    public func facet(_ field: FacetField, matching query: ItemQuery, atMost: Int?) async throws -> [FacetCount] {
        try await pool.read { db in
            let column = ItemTally.facetColumn(field, query)
            var groups: [FacetCounts.Group] = []
            func read(_ sql: String, _ arguments: StatementArguments) throws {
                groups = try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                    FacetCounts.Group(value: $0["value"], heading: $0["heading"], status: $0["status"], count: $0["n"])
                }
            }
            if field != .document, ItemTally.answers(query) {
                try query.check()
                let (filter, arguments) = SQLiteQuery.tallyFilter(query)
                try read("""
                    SELECT \(column) AS value, min(section) AS heading, status, sum(n) AS n FROM item_tally WHERE \(filter)
                    GROUP BY \(column), status
                    """, arguments)
            } else {
                try SQLiteQuery.withSearch(query, in: db) {
                    var (filter, arguments) = SQLiteQuery.filter(query)
                    if field == .document && query.document == nil {
                        filter += " AND document IN (SELECT key FROM document ORDER BY date DESC, key LIMIT ?)"
                        arguments += [FacetField.newestDocuments]
                    }
                    var source = "item WHERE \(filter)"
                    if let atMost {
                        source = "(SELECT * FROM item WHERE \(filter) ORDER BY document, ordinal, number LIMIT ?)"
                        arguments += [atMost]
                    }
                    try read("SELECT \(column) AS value, min(section) AS heading, status, count(*) AS n FROM \(source) GROUP BY \(column), status",
                             arguments)
                }
            }
            var titles: [String: String] = [:]
            if field == .document {
                let keys = Set(groups.map(\.value))
                for row in try Row.fetchAll(db, sql: "SELECT key, title FROM document WHERE key IN (SELECT value FROM json_each(?))",
                                            arguments: [String(decoding: try JSONEncoder().encode(Array(keys)), as: UTF8.self)]) {
                    titles[row["key"]] = row["title"]
                }
            }
            return FacetCounts.merge(groups, field: field, titles: titles)
        }
    }

    public func facets(_ fields: [FacetField], matching query: ItemQuery) async throws -> [FacetField: [FacetCount]] {
        var facets = try await pool.read { db in
            func rows(_ sql: String, _ arguments: StatementArguments) throws -> [FacetCounts.Row] {
                try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                    FacetCounts.Row(section: $0["section_value"], heading: $0["heading"], modality: $0["modality"], parties: $0["parties"],
                                    status: $0["status"], count: $0["n"])
                }
            }
            if ItemTally.answers(query) {
                try query.check()
                let (filter, arguments) = SQLiteQuery.tallyFilter(query)
                return FacetCounts.split(try rows(FacetCounts.groupingSQL(query, table: "item_tally", filter: filter), arguments), fields: fields)
            }
            return try SQLiteQuery.withSearch(query, in: db) {
                let (filter, arguments) = SQLiteQuery.filter(query)
                return FacetCounts.split(try rows(FacetCounts.groupingSQL(query, table: "item", filter: filter), arguments), fields: fields)
            }
        }
        if fields.contains(.document) { facets[.document] = try await facet(.document, matching: query, atMost: nil) }
        return facets
    }

    public func money(by grouping: MoneyGrouping) async throws -> [MoneyTotal] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: ItemMoney.sql(by: grouping)).map {
                MoneyTotal(currency: $0["currency"], name: $0["name"], value: $0["total"], amounts: $0["amounts"])
            }
        }
    }

    public func dueBins(matching query: ItemQuery, asOf: String) async throws -> [DueBin] {
        try await pool.read { db in
            try SQLiteQuery.withSearch(query, in: db) {
                let (filter, arguments) = SQLiteQuery.filter(query)
                return try Row.fetchAll(db, sql: DueBin.sql(filter: filter, asOf: "?"), arguments: [asOf] + arguments).map {
                    DueBin(day: $0["day"], overdue: $0["overdue"], open: $0["open"], settled: $0["settled"])
                }
            }
        }
    }

    public func amounts(matching query: ItemQuery) async throws -> [ItemAmount] {
        try await pool.read { db in
            try SQLiteQuery.withSearch(query, in: db) {
                let (filter, arguments) = SQLiteQuery.filter(query)
                let sql = """
                    SELECT \(SQLiteQuery.summaryColumns), parts FROM item WHERE amount_count > 0 AND \(filter)
                    ORDER BY document, ordinal, number
                    """
                return try Row.fetchAll(db, sql: sql, arguments: arguments).flatMap { row in
                    let item = SQLiteQuery.itemSummary(row)
                    let parts = try SQLiteQuery.parts(row, of: item)
                    return parts.amounts.map { amount in
                        // Whose money it is: the actor of the sentence that holds the amount.
                        let actor = parts.sentences.first { $0.span.contains(amount.span) }?.actor
                        return ItemAmount(item: item.id, section: item.section, amount: amount, actor: actor)
                    }
                }
            }
        }
    }

    public func item(id: String, events: EventWindow?) async throws -> ItemDetail? {
        try await pool.read { db in try SQLiteQuery.detail(db, id: id, events: events) }
    }

    // MARK: Tracking

    @discardableResult
    public func record(_ event: NewEvent, item id: String) async throws -> TrackingEvent {
        try EventValidation.check(event)
        let now = self.now
        return try await writeImmediate { db in
            // Either text's id names the commitment; its original's item holds the history.
            guard let commitment = try String.fetchOne(db, sql: "SELECT coalesce(counterpart, id) FROM item WHERE id = ?", arguments: [id]),
                  let current = try Int.fetchOne(db, sql: "SELECT version FROM item WHERE id = ?", arguments: [commitment])
            else {
                throw RegisterError.itemNotFound(id)
            }
            if let expected = event.expectedVersion, expected != current {
                throw RegisterError.staleVersion(item: id, expected: expected, current: current)
            }
            let id = commitment
            let version = current + 1
            try db.execute(
                sql: """
                    INSERT INTO event(item, version, status, note, evidence_url, evidence_title, date, author, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, version, event.status.rawValue, event.note, event.evidenceURL, event.evidenceTitle,
                            event.date, event.author, now])
            let sequence = db.lastInsertedRowID
            if let suggestion = event.suggestion {
                try Self.decide(db, SuggestionDecision(item: id, suggestion: suggestion, decision: .accepted, author: event.author, decidedAt: now))
            }
            // Every text of the commitment shows its status and version.
            try db.execute(
                sql: "UPDATE item SET version = ?, status = ? WHERE id = ?3 OR counterpart = ?3", arguments: [version, event.status.rawValue, id])
            return TrackingEvent(
                sequence: sequence, item: id, version: version, status: event.status, note: event.note,
                evidenceURL: event.evidenceURL, evidenceTitle: event.evidenceTitle, date: event.date, author: event.author,
                recordedAt: now)
        }
    }

    @discardableResult
    public func correct(_ correction: NewCorrection, item id: String) async throws -> Correction {
        let now = self.now
        return try await writeImmediate { db in
            guard let commitment = try String.fetchOne(db, sql: "SELECT coalesce(counterpart, id) FROM item WHERE id = ?", arguments: [id]),
                  let current = try Int.fetchOne(db, sql: "SELECT version FROM item WHERE id = ?", arguments: [commitment]),
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM item WHERE id = ?", arguments: [id])
            else {
                throw RegisterError.itemNotFound(id)
            }
            if let expected = correction.expectedVersion, expected != current {
                throw RegisterError.staleVersion(item: id, expected: expected, current: current)
            }
            let detail = try SQLiteQuery.detail(row)
            let record = ItemRecord(restoring: .init(item: detail.item, sentences: detail.sentences, amounts: detail.amounts, times: detail.times))
            let corrected = try Corrections.applying(correction, to: record)
            let version = current + 1
            try db.execute(sql: """
                UPDATE item SET title = ?, modality = ?, parties = ?, due = ?, fingerprint = ?, parts = ? WHERE id = ?
                """, arguments: [corrected.title, corrected.modality.rawValue, SQLiteIngest.parties(corrected.parties), corrected.due,
                                 corrected.fingerprint, corrected.encodedParts, id])
            try db.execute(sql: "UPDATE item SET version = ? WHERE id = ?2 OR counterpart = ?2", arguments: [version, commitment])
            if correction.field.isAmount {
                try db.execute(sql: "DELETE FROM item_money WHERE item = ?", arguments: [id])
                try SQLiteMoneyWriter(db).insert(
                    item: id, sentences: corrected.sentences, amounts: corrected.amounts,
                    listed: detail.item.counterpart == nil && !detail.item.withdrawn, section: corrected.section)
            }
            var kept = Correction(correction, item: id, version: version, record: record, corrected: corrected, recordedAt: now)
            try Self.insert(db, kept)
            kept.sequence = db.lastInsertedRowID
            return kept
        }
    }

    /// Keeps a correction, numbered by the register unless it carries its number (a restore).
    static func insert(_ db: Database, _ c: Correction) throws {
        try db.execute(sql: """
            INSERT INTO correction(sequence, item, version, field, amount, before, after, note, author, recorded_at, source_text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [c.sequence > 0 ? c.sequence : nil, c.item, c.version, c.field.rawValue, c.amount, c.before, c.after, c.note,
                             c.author, c.recordedAt, c.sourceText])
    }

    public func pairTranslation(_ translation: String, of original: String?, pairs: [TranslationPair]) async throws {
        try await writeImmediate { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM document WHERE key = ?", arguments: [translation]) == true else {
                throw RegisterError.documentNotFound(translation)
            }
            let previous = try String.fetchOne(db, sql: "SELECT translation_of FROM document WHERE key = ?", arguments: [translation])
            for key in Set([previous, original].compactMap { $0 }) {
                try db.execute(sql: "UPDATE item SET twinned = 0 WHERE document = ?", arguments: [key])
            }
            try db.execute(sql: "UPDATE item SET counterpart = NULL WHERE document = ?", arguments: [translation])
            try db.execute(sql: "UPDATE document SET translation_of = ? WHERE key = ?", arguments: [original, translation])
            var moves: [HistoryMerge.Move] = []
            for pair in pairs {
                func state(_ id: String) throws -> (version: Int, events: [TrackingEvent]) {
                    guard let version = try Int.fetchOne(db, sql: "SELECT version FROM item WHERE id = ?", arguments: [id]) else {
                        throw RegisterError.itemNotFound(id)
                    }
                    return (version, try Row.fetchAll(db, sql: "SELECT * FROM event WHERE item = ? ORDER BY sequence", arguments: [id]).map(SQLiteQuery.event))
                }
                let o = try state(pair.original), t = try state(pair.translation)
                let merge = HistoryMerge(original: (pair.original, o.version, o.events), translation: t)
                moves += merge.moves
                if let status = merge.status {
                    try db.execute(sql: "UPDATE item SET version = ?, status = ? WHERE id = ?", arguments: [merge.version, status.rawValue, pair.original])
                }
                try db.execute(sql: "UPDATE item SET twinned = 1 WHERE id = ?", arguments: [pair.original])
                try db.execute(
                    sql: "UPDATE item SET counterpart = ?1, status = (SELECT status FROM item WHERE id = ?1), version = (SELECT version FROM item WHERE id = ?1) WHERE id = ?2",
                    arguments: [pair.original, pair.translation])
                // What editors decided on the translated item's suggestions goes with its history.
                try db.execute(sql: "UPDATE OR IGNORE suggestion_decision SET item = ? WHERE item = ?", arguments: [pair.original, pair.translation])
            }
            guard !moves.isEmpty else { return }
            // The one place events are rewritten: the append-only triggers step aside inside this
            // transaction. Versions go through negative values so none is held twice on the way.
            try db.execute(sql: "DROP TRIGGER event_is_append_only_update")
            for m in moves { try db.execute(sql: "UPDATE event SET version = ? WHERE sequence = ?", arguments: [-Int(m.sequence), m.sequence]) }
            for m in moves { try db.execute(sql: "UPDATE event SET item = ?, version = ? WHERE sequence = ?", arguments: [m.item, m.version, m.sequence]) }
            try db.execute(sql: SQLiteSchema.eventsAreNeverChanged)
        }
    }

    public func recordNames(_ names: [String], of document: String) async throws {
        try await writeImmediate { db in try SQLiteIngest.replaceNames(db, names, of: document) }
    }

    public func linkCandidates(for document: String, lookUp: [String], common: Int, limit: Int) async throws -> LinkCandidates {
        try await pool.read { db in
            let users = try db.cachedStatement(sql: "SELECT document FROM document_name WHERE name = ? AND document != ? LIMIT ?")
            var shared = LinkCandidates.Tally(common: common)
            for name in lookUp { shared.add(name, users: try String.fetchAll(users, arguments: [name, document, common + 1])) }
            return shared.candidates(limit: limit)
        }
    }

    public func replaceLinks(of document: String, with links: [StoredLink]) async throws {
        try await writeImmediate { db in
            try db.execute(sql: """
                DELETE FROM item_link WHERE from_item IN (SELECT id FROM item WHERE document = ?1)
                    OR to_item IN (SELECT id FROM item WHERE document = ?1)
                """, arguments: [document])
            let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO item_link VALUES (?, ?, ?, ?, ?)")
            for l in links {
                try insert.execute(arguments: [l.from, l.to, l.relation, l.score, l.evidence.joined(separator: "\n")])
            }
        }
    }

    public func suggestionDecisions(item: String) async throws -> [SuggestionDecision] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT * FROM suggestion_decision WHERE item = (SELECT coalesce(counterpart, id) FROM item WHERE id = ?)
                    ORDER BY decided_at, suggestion
                    """, arguments: [item]
            ).map(Self.decision)
        }
    }

    public func dismissSuggestion(_ suggestion: String, item id: String, author: String) async throws {
        try SuggestionName.check(suggestion)
        let now = self.now
        try await writeImmediate { db in
            guard let commitment = try String.fetchOne(db, sql: "SELECT coalesce(counterpart, id) FROM item WHERE id = ?", arguments: [id]) else {
                throw RegisterError.itemNotFound(id)
            }
            try Self.decide(db, SuggestionDecision(item: commitment, suggestion: suggestion, decision: .dismissed, author: author, decidedAt: now))
        }
    }

    /// Stores a decision, refusing a second one on the same suggestion.
    static func decide(_ db: Database, _ d: SuggestionDecision) throws {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM suggestion_decision WHERE item = ? AND suggestion = ?", arguments: [d.item, d.suggestion]) == true {
            throw RegisterError.invalid(Explanation(
                "suggestion.decided", "suggestion {suggestion} on {item} was already accepted or dismissed",
                ["suggestion": d.suggestion, "item": d.item]))
        }
        try db.execute(sql: "INSERT INTO suggestion_decision VALUES (?, ?, ?, ?, ?)",
                       arguments: [d.item, d.suggestion, d.decision.rawValue, d.author, d.decidedAt])
    }

    static func decision(_ row: Row) -> SuggestionDecision {
        SuggestionDecision(item: row["item"], suggestion: row["suggestion"],
                           decision: SuggestionDecision.Decision(rawValue: row["decision"]) ?? .dismissed,
                           author: row["author"], decidedAt: row["decided_at"])
    }

    public func events() async throws -> [TrackingEvent] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM event ORDER BY sequence").map(SQLiteQuery.event) }
    }

    public func glossary(document: String?, limit: Int?, offset: Int) async throws -> [GlossaryEntry] {
        // One document's terms are found by its key; all of them read in order from `term_by_short`,
        // a page's keys chosen from the index alone before its rows are read (a deep page skips
        // index entries, not rows).
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: document == nil
                    ? """
                    SELECT * FROM term WHERE (document, seq) IN
                        (SELECT document, seq FROM term ORDER BY short COLLATE NOCASE, document, seq LIMIT ? OFFSET ?)
                    ORDER BY short COLLATE NOCASE, document, seq
                    """
                    : "SELECT * FROM term WHERE document = ? ORDER BY short COLLATE NOCASE, document, seq LIMIT ? OFFSET ?",
                arguments: StatementArguments(document.map { [$0] } ?? []) + [limit ?? -1, offset]
            ).map(SQLiteQuery.term)
        }
    }

    public func glossaryCount(document: String?) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM term \(document == nil ? "" : "WHERE document = ?")",
                             arguments: StatementArguments(document.map { [$0] } ?? [])) ?? 0
        }
    }

    // MARK: Archive

    public func archive() async throws -> RegisterArchive {
        try await pool.read { db in
            let documents = try Row.fetchAll(db, sql: "SELECT \(Self.documentColumns), text FROM document JOIN document_text ON document = key ORDER BY key").map { row in
                let key: String = row["key"]
                let items = try Row.fetchAll(db, sql: "SELECT * FROM item WHERE document = ? ORDER BY number", arguments: [key]).map {
                    let summary = SQLiteQuery.itemSummary($0)
                    let parts = try SQLiteQuery.parts($0, of: summary)
                    return RegisterArchive.Item(item: summary, sentences: parts.sentences, amounts: parts.amounts, times: parts.times)
                }
                let terms = try Row.fetchAll(db, sql: "SELECT * FROM term WHERE document = ? ORDER BY seq", arguments: [key])
                    .map(SQLiteQuery.term)
                return RegisterArchive.Document(
                    document: Self.storedDocument(row), text: row["text"], sections: try Self.sections(db, document: key),
                    terms: terms, items: items)
            }
            let events = try Row.fetchAll(db, sql: "SELECT * FROM event ORDER BY sequence").map(SQLiteQuery.event)
            let decisions = try Row.fetchAll(db, sql: "SELECT * FROM suggestion_decision ORDER BY decided_at, item, suggestion").map(Self.decision)
            let corrections = try Row.fetchAll(db, sql: "SELECT * FROM correction ORDER BY sequence").map(SQLiteQuery.correction)
            return RegisterArchive(documents: documents, events: events, decisions: decisions, corrections: corrections)
        }
    }

    public func restore(_ archive: RegisterArchive) async throws {
        try archive.validate()
        let path = self.path
        try await writeImmediate { db in
            let documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? 0
            let events = try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0
            guard documents == 0 && events == 0 else { throw RegisterError.notEmpty(path) }
            try SQLiteRestore(db: db).restore(archive)
        }
    }
}

extension SQLiteRegister {
    // MARK: Readers' caches and users

    /// Read at most every `GenerationMemo.freshness` (a tenth of a second), and afresh after each
    /// write of this process.
    public func generation() async throws -> Int {
        try await memo.generation {
            try await pool.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'").flatMap { Int($0) } ?? 0
            }
        }
    }

    public func addUser(_ user: User, tokenHash: String) async throws {
        let user = try user.normalised()
        try await writeImmediate { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM user WHERE name = ?", arguments: [user.name]) != nil {
                throw RegisterError.userExists(user.name)
            }
            try db.execute(
                sql: "INSERT INTO user(name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [user.name, user.role.rawValue, tokenHash, user.createdAt])
        }
    }

    public func user(tokenHash: String) async throws -> User? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM user WHERE token_hash = ?", arguments: [tokenHash]).map(Self.user)
        }
    }

    public func revokeSession(_ id: String, expires: Int) async throws {
        let now = Int(clock().timeIntervalSince1970)
        try await writeImmediate { db in
            try db.execute(sql: "DELETE FROM revoked_session WHERE expires < ?", arguments: [now])
            try db.execute(sql: "INSERT OR REPLACE INTO revoked_session(id, expires) VALUES (?, ?)", arguments: [id, expires])
        }
    }

    public func isSessionRevoked(_ id: String) async throws -> Bool {
        try await pool.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM revoked_session WHERE id = ?", arguments: [id]) != nil }
    }

    public func pendingUpgrades() async throws -> Set<String> {
        try await pool.read { db in
            Set(try String.fetchAll(db, sql: "SELECT substr(key, 9) FROM meta WHERE key LIKE 'upgrade:%' AND value = 'pending'"))
        }
    }

    public func finishUpgrade(_ name: String) async throws {
        try await writeImmediate { db in try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: ["upgrade:" + name]) }
    }

    public func reread(_ readings: [ItemReading]) async throws {
        try await writeImmediate { db in
            for reading in readings {
                guard let json = try String.fetchOne(db, sql: "SELECT parts FROM item WHERE id = ?", arguments: [reading.id]) else { continue }
                var parts = try ItemParts.decode(json)
                parts.apply(reading)
                try db.execute(
                    sql: "UPDATE item SET parties = ?, due = ?, parts = ? WHERE id = ?",
                    arguments: [SQLiteIngest.parties(reading.parties), reading.due, parts.encoded(), reading.id])
            }
            // Readers' caches hold the old parties: tell them.
            try db.execute(sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        }
    }

    public func removeUser(name: String) async throws {
        let name = try User.normalisedName(name)
        try await writeImmediate { db in
            try db.execute(sql: "DELETE FROM user WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw RegisterError.invalid("no user named '\(name)'") }
        }
    }

    public func users() async throws -> [User] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM user ORDER BY name").map(Self.user) }
    }

    static func user(_ row: Row) -> User {
        User(name: row["name"], role: Role(rawValue: row["role"]) ?? .viewer, createdAt: row["created_at"])
    }

    public func signingKey() async throws -> [UInt8] {
        // Made by whichever process asks first; the others read what it stored.
        let fresh = SigningKey.make()
        if readOnly {
            // A read-only register keeps no sessions, so a key of this process's own serves.
            let stored = try await pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'signing_key'") }
            return SigningKey.bytes(stored ?? fresh)
        }
        let hex = try await writeImmediate { db in
            try db.execute(sql: "INSERT OR IGNORE INTO meta(key, value) VALUES ('signing_key', ?)", arguments: [fresh])
            return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'signing_key'")!
        }
        return SigningKey.bytes(hex)
    }
}

/// Timestamps as the register records them: ISO 8601, UTC, to the second.
public enum Timestamp {
    public static func string(_ date: Date = Date()) -> String { date.formatted(.iso8601) }

    /// Whether `text` is an ISO 8601 timestamp with a time zone, as `string` writes them.
    public static func isValid(_ text: String) -> Bool {
        (try? Date(text, strategy: .iso8601)) != nil
            || (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) != nil
    }
}

