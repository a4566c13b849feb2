import GRDB

/// The full-text index of documents (`document_search`, FTS5) and the documents waiting to
/// enter it (`search_pending`).
///
/// FTS5 writes a new segment at every commit, and with one transaction per document that
/// was the largest cost of an ingest. So a document's tokens wait, stored in its own
/// transaction, and enter the index with a batch of others; searches read the waiting
/// documents as well as the index's matches, so nothing stored is ever missed.
///
/// The index is contentless: it keeps each document's tokens only, so an entry is removed by
/// giving back the tokens it was added with (`SearchText` is deterministic).
struct SQLiteSearchIndex {
    /// Documents that wait before they enter the index together. Larger batches make
    /// fewer index segments; every waiting document's items are read by each search.
    static let batchSize = 64

    let db: Database

    /// Makes `tokens` the document's entry. A document stored before (`previousText`) leaves
    /// the index now, or simply has its waiting entry replaced.
    func store(document rowid: Int64, tokens: String, previousText: String?) throws {
        if let previousText {
            let waiting = try Bool.fetchOne(db, sql: "SELECT 1 FROM search_pending WHERE document = ?", arguments: [rowid]) ?? false
            if !waiting { try remove(document: rowid, tokens: SearchText.indexTokens(previousText)) }
        }
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO search_pending(document, tokens) VALUES (?, ?)")
            .execute(arguments: [rowid, tokens])
        let waiting = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM search_pending")) ?? 0
        if waiting >= Self.batchSize { try flush() }
    }

    /// Moves every waiting document into the index.
    func flush() throws {
        try db.execute(sql: """
            INSERT INTO document_search(rowid, body) SELECT document, tokens FROM search_pending;
            DELETE FROM search_pending;
            """)
    }

    /// Adds a document to the index at once, as a restore does: it is one transaction anyway.
    func add(document rowid: Int64, tokens: String) throws {
        try db.cachedStatement(sql: "INSERT INTO document_search(rowid, body) VALUES (?, ?)").execute(arguments: [rowid, tokens])
    }

    func remove(document rowid: Int64, tokens: String) throws {
        try db.cachedStatement(sql: "INSERT INTO document_search(document_search, rowid, body) VALUES ('delete', ?, ?)")
            .execute(arguments: [rowid, tokens])
    }

    /// The filter for items whose document may hold every token of an FTS5 query
    /// (`SearchQuery.indexQuery`): the index's matches and every waiting document.
    static let candidateDocuments = """
        document IN (SELECT key FROM document WHERE rowid IN
            (SELECT rowid FROM document_search WHERE document_search MATCH ?)
            OR rowid IN (SELECT document FROM search_pending))
        """
}
