import PledgeModel

/// Which items a query wants. Every filter is optional and they combine with AND.
public struct ItemQuery: Sendable, Equatable {
    public var document: String?
    /// Matches a section's id (`s3`) or any part of its heading.
    public var section: String?
    public var modality: Modality?
    public var party: Party?
    public var status: Status?
    /// Items due on or before this ISO date.
    public var dueBefore: String?
    /// Items overdue on this ISO date (see `ItemSummary.isOverdue`).
    public var overdueOn: String?
    /// Items due on or after this ISO date.
    public var dueFrom: String?
    /// Only items neither kept nor broken.
    public var unsettled = false
    /// The order of `items(matching:)`.
    public var order: ItemOrder = .position
    /// Full text over titles and item text, Japanese or English, any length.
    public var search: String?
    /// Only items whose source span overlaps these code-point offsets of their document: the
    /// part of a long document a page shows.
    public var overlapping: Range<Int>?
    /// Include items that a later version of their document dropped.
    public var includeWithdrawn = false
    /// The language to show a commitment stated in two texts in. Without one (and without a
    /// `document`), each commitment is listed once in its original's text; with one, in that
    /// language's text where it has one. Items with no counterpart are listed either way.
    public var language: Language?
    public var limit: Int?
    public var offset = 0

    public init(
        document: String? = nil, section: String? = nil, modality: Modality? = nil, party: Party? = nil,
        status: Status? = nil, dueBefore: String? = nil, overdueOn: String? = nil, search: String? = nil,
        includeWithdrawn: Bool = false, language: Language? = nil, limit: Int? = nil, offset: Int = 0
    ) {
        self.language = language
        self.document = document
        self.section = section
        self.modality = modality
        self.party = party
        self.status = status
        self.dueBefore = dueBefore
        self.overdueOn = overdueOn
        self.search = search
        self.includeWithdrawn = includeWithdrawn
        self.limit = limit
        self.offset = offset
    }
}

/// The orders items can be listed in.
public enum ItemOrder: String, Sendable, Equatable {
    /// Document, then position within it.
    case position
    /// Soonest due first, then by position (items without a due date: first in SQLite, last in PostgreSQL; filter on a due date).
    case due
}

/// A status change someone wants to record.
public struct NewEvent: Sendable, Equatable {
    public var status: Status
    public var note: String?
    public var evidenceURL: String?
    public var evidenceTitle: String?
    /// ISO date the progress happened.
    public var date: String
    public var author: String
    /// The item version the writer saw; `nil` records on top of whatever is current.
    public var expectedVersion: Int?
    /// The suggestion this event accepts (`Suggestions`), which is then no longer offered.
    public var suggestion: String?

    public init(
        status: Status, note: String? = nil, evidenceURL: String? = nil, evidenceTitle: String? = nil, date: String,
        author: String, expectedVersion: Int? = nil, suggestion: String? = nil
    ) {
        self.suggestion = suggestion
        self.status = status
        self.note = note
        self.evidenceURL = evidenceURL
        self.evidenceTitle = evidenceTitle
        self.date = date
        self.author = author
        self.expectedVersion = expectedVersion
    }
}

/// What an ingest did to the register.
public struct IngestOutcome: Sendable, Equatable {
    public enum Change: String, Sendable, Codable { case added, revised, unchanged }
    public var document: String
    public var change: Change
    /// Items new to the register.
    public var added: Int
    /// Items matched to an earlier version whose wording or fields changed.
    public var changed: Int
    /// Items matched to an earlier version and identical.
    public var kept: Int
    /// Items the new version no longer holds; they stay, marked withdrawn, with their history.
    public var withdrawn: Int
    /// Something the user should know, such as a key taken because the derived one held another document.
    public var note: String?
    /// What a revision does to the items of the version before, item by item (empty for a
    /// new or unchanged document): what a preview shows before the editor confirms.
    public var changes: [ItemChange] = []

    /// Adds something the user should know to what the note says already.
    public mutating func add(note text: String) {
        note = note.map { $0 + "; " + text } ?? text
    }

    public init(document: String, change: Change, added: Int = 0, changed: Int = 0, kept: Int = 0, withdrawn: Int = 0) {
        self.document = document
        self.change = change
        self.added = added
        self.changed = changed
        self.kept = kept
        self.withdrawn = withdrawn
    }
}

/// One item a revision adds, rewrites or withdraws.
public struct ItemChange: Sendable, Equatable, Encodable {
    public enum Kind: String, Sendable, Encodable {
        /// Not in the version before: a new item, numbered after the others.
        case new
        /// Continues an item, with other words or other fields read from them.
        case changed
        /// No longer in the document: kept, withdrawn, with its history.
        case withdrawn
    }
    public var kind: Kind
    /// The item's number in its document (`key#number`), kept across versions.
    public var number: Int
    /// Its text in the version before (changed, withdrawn items).
    public var before: String?
    /// Its text in the new version (new, changed items).
    public var after: String?

    public init(kind: Kind, number: Int, before: String? = nil, after: String? = nil) {
        self.kind = kind
        self.number = number
        self.before = before
        self.after = after
    }
}

public enum RegisterError: Error, Equatable, CustomStringConvertible {
    case itemNotFound(String)
    case documentNotFound(String)
    /// The writer saw `expected`; the item is at `current`.
    case staleVersion(item: String, expected: Int, current: Int)
    /// What was asked cannot be done as asked; the explanation says why, in words an
    /// interface can translate.
    case invalid(Explanation)
    /// The file or server is not a Pledge register.
    case notARegister(location: String, reason: String)
    case notEmpty(String)
    /// The register was opened for reading only (its file cannot be written here).
    case readOnly(location: String, operation: String)
    /// A user of that name exists already.
    case userExists(String)
    /// The register's server cannot be reached or stopped answering; try again when it is back.
    case unavailable(location: String, reason: String)
    /// The register's database refused an operation for a reason of its own (a server error):
    /// a fault to report, not something the user asked wrongly.
    case failed(location: String, reason: String)

    public var description: String {
        switch self {
        case .itemNotFound(let id): return "no item \(id)"
        case .documentNotFound(let key): return "no document \(key)"
        case .staleVersion(let item, let expected, let current):
            return "\(item) has changed since version \(expected) (it is now at version \(current)); "
                + "look at it again and record on top of version \(current)"
        case .invalid(let why): return why.description
        case .notARegister(let location, let reason): return "\(location): not a Pledge register (\(reason))"
        case .notEmpty(let location): return "\(location): the register is not empty; import needs an empty one"
        case .readOnly(let location, let operation): return "\(location): the register can only be read here, so Pledge cannot \(operation)"
        case .userExists(let name): return "a user named '\(name)' exists already"
        case .unavailable(let location, let reason): return "\(location): the register's database is unavailable (\(reason))"
        case .failed(let location, let reason): return "\(location): the register's database refused the operation (\(reason))"
        }
    }
}

/// The store behind every command and page. Its behaviour is pinned by the conformance
/// suite in `PledgeRegisterTests`, which every implementation must pass unchanged.
public protocol Register: Sendable {
    /// Stores a document's extraction under `document.key`: new, revised (items matched by
    /// content keep their ids and history) or unchanged (same bytes). One transaction.
    func ingest(_ document: DocumentRecord) async throws -> IngestOutcome

    /// Stores documents in the order given, each in its own transaction as `ingest(_:)`
    /// stores one. A store can hand a run of them to its writer at once.
    func ingest(_ documents: [DocumentRecord]) async throws -> [IngestOutcome]

    /// What `ingest(_:)` would do with the document, worked out by the same steps in a
    /// transaction that is then rolled back: nothing is stored.
    func preview(_ document: DocumentRecord) async throws -> IngestOutcome

    /// Every document, oldest first.
    func documents() async throws -> [StoredDocument]
    /// A page of the documents, newest first (then by key).
    func documents(limit: Int, offset: Int) async throws -> [StoredDocument]
    func documentCount() async throws -> Int
    /// The documents that carry this ISO date: where a translation is looked for.
    func documents(dated date: String) async throws -> [StoredDocument]
    func document(key: String) async throws -> StoredDocument?
    /// The documents of these keys that the register holds, in no particular order: one read
    /// for a list that names many.
    func documents(keys: [String]) async throws -> [StoredDocument]
    /// The text a document's spans point into.
    func documentText(key: String) async throws -> String?
    func sections(document: String) async throws -> [Section]

    /// Items in document order, then by position within the document.
    func items(matching query: ItemQuery) async throws -> [ItemSummary]
    /// How many items `query` selects (paging ignored), counting no further than `atMost`
    /// when given: a search that selects half a million items need not read them all to say
    /// "more than 1,000".
    func count(matching query: ItemQuery, atMost: Int?) async throws -> Int
    /// How many of the items `query` selects have each value of `field`, most frequent first,
    /// each with its counts per status. With `atMost`, among the first that many items in
    /// list order only, where the counts are not kept (`ItemTally`). A document facet counts
    /// the newest `FacetField.newestDocuments` documents only.
    func facet(_ field: FacetField, matching query: ItemQuery, atMost: Int?) async throws -> [FacetCount]
    /// Money of the listed items (neither withdrawn nor another's translation) added up per
    /// currency and per spender or section, in no particular order.
    func money(by grouping: MoneyGrouping) async throws -> [MoneyTotal]
    /// Several facets of one query, as `facet(_:matching:atMost:)` counts each, read in one
    /// grouping (`FacetCounts.grouped`; a document facet is read on its own).
    func facets(_ fields: [FacetField], matching query: ItemQuery) async throws -> [FacetField: [FacetCount]]
    /// The items `query` selects that have a due date, counted by day and by where they stand
    /// on `asOf` (an ISO date), soonest first.
    func dueBins(matching query: ItemQuery, asOf: String) async throws -> [DueBin]
    /// An item by either of its ids: a translated item's status, version and history are its
    /// commitment's, and `versions` holds its other texts. With `events`, `history` holds only
    /// that window of the history (counted from the newest event), oldest first; `historyCount`
    /// is always the whole history's length.
    func item(id: String, events: EventWindow?) async throws -> ItemDetail?
    /// The amounts of the items `query` selects (paging ignored), in document order, each
    /// with the actor of its sentence.
    func amounts(matching query: ItemQuery) async throws -> [ItemAmount]

    /// Appends an event to the commitment `id` states (either text's id will do); refuses a
    /// stale `expectedVersion` with `RegisterError.staleVersion`.
    @discardableResult
    func record(_ event: NewEvent, item id: String) async throws -> TrackingEvent

    /// Every event, oldest first.
    func events() async throws -> [TrackingEvent]

    /// Corrects a field of an item's reading (`Corrections`) as one more version of its
    /// commitment, refused as stale when `expectedVersion` is not the current one. The item
    /// holds the corrected value from then on, and the correction is kept for good with the
    /// value it replaced; a later version of the document keeps it (`IngestPlan`).
    @discardableResult
    func correct(_ correction: NewCorrection, item id: String) async throws -> Correction

    /// What editors did with the suggestions for the commitment `item` (either text's id),
    /// oldest first: an event that names a suggestion accepts it (`NewEvent.suggestion`).
    func suggestionDecisions(item: String) async throws -> [SuggestionDecision]
    /// Dismisses a suggestion for the commitment `item` (either text's id), so that it is not
    /// offered again. Refuses one already accepted or dismissed with `RegisterError.invalid`.
    func dismissSuggestion(_ suggestion: String, item: String, author: String) async throws

    /// Makes `translation` a version of `original` in another language, or a document of its
    /// own again when `original` is nil. Each pair names an item of the translation and the
    /// item of the original it states: they become one commitment, whose status and history
    /// are the original item's. Earlier pairs of the translation are replaced. A translated
    /// item that had a history of its own has it merged into its counterpart's in time order
    /// (`HistoryMerge`); nothing recorded is lost. One transaction.
    func pairTranslation(_ translation: String, of original: String?, pairs: [TranslationPair]) async throws

    /// Replaces the names a document uses (its abbreviations), which find the documents it may
    /// link to. An ingest stores them with the document; this is for documents stored before.
    func recordNames(_ names: [String], of document: String) async throws

    /// Up to `limit` other documents that share the most of the names in `lookUp` with
    /// `document` (the caller leaves out those it already knows to be common). A name more
    /// than `common` other documents use says nothing of an initiative and is passed over, and
    /// returned among the common names.
    func linkCandidates(for document: String, lookUp: [String], common: Int, limit: Int) async throws -> LinkCandidates

    /// Replaces every link that involves an item of `document` with `links`. One transaction.
    func replaceLinks(of document: String, with links: [StoredLink]) async throws
    /// Terms by their short form, of one document or all; a page of them with `limit`.
    func glossary(document: String?, limit: Int?, offset: Int) async throws -> [GlossaryEntry]
    func glossaryCount(document: String?) async throws -> Int

    /// The whole register, lossless.
    func archive() async throws -> RegisterArchive
    /// Loads an archive into an empty register.
    func restore(_ archive: RegisterArchive) async throws

    /// A number that changes whenever documents, items or events change, from any process,
    /// so that a reader may keep what it computed until it does.
    func generation() async throws -> Int

    /// Adds a user who signs in with the token whose SHA-256 (hex) is `tokenHash`.
    /// Refuses a name that is taken with `RegisterError.userExists`.
    func addUser(_ user: User, tokenHash: String) async throws
    func user(tokenHash: String) async throws -> User?
    func users() async throws -> [User]
    /// Removes a user: their token stops working and every session they hold ends at once
    /// (sessions find their user by token). What they recorded stays, under their name.
    /// Refuses a name no user has with `RegisterError.invalid`.
    func removeUser(name: String) async throws
    /// Random bytes made once per register that sign sign-in cookies, so that every
    /// server sharing the register accepts the others' cookies.
    func signingKey() async throws -> [UInt8]

    /// Ends a browser session before its cookie expires (sign-out), on every server of the
    /// register. `expires` is when the cookie would have, in seconds since 1970; the record
    /// is forgotten after that.
    func revokeSession(_ id: String, expires: Int) async throws
    /// Whether a session was ended by `revokeSession`.
    func isSessionRevoked(_ id: String) async throws -> Bool

    /// Upgrades a schema migration asked for that need the extractor, and so run after it
    /// (`RegisterUpgrades`): their names, such as `parties`.
    func pendingUpgrades() async throws -> Set<String>
    /// Marks an upgrade done.
    func finishUpgrade(_ name: String) async throws
    /// Sets what a newer reading says of items whose text is unchanged: the parties of the
    /// item and of each sentence, and the due dates. Ids, versions, statuses and tracking
    /// history are untouched. One transaction.
    func reread(_ readings: [ItemReading]) async throws
}

/// An item of a translation and the item of the original it states.
public struct TranslationPair: Sendable, Equatable, Hashable {
    public var translation: String
    public var original: String

    public init(translation: String, original: String) {
        self.translation = translation
        self.original = original
    }
}

/// A newer reading of a stored item, matched by its span and text (`RegisterUpgrades`).
public struct ItemReading: Sendable, Equatable {
    public var id: String
    public var parties: [Party]
    /// Sentence spans and their parties.
    public var sentences: [(span: SourceSpan, parties: [Party])]
    public var due: String?
    /// Time expression spans and their due dates.
    public var times: [(span: SourceSpan, due: String?)]

    public init(id: String, parties: [Party], sentences: [(span: SourceSpan, parties: [Party])], due: String?, times: [(span: SourceSpan, due: String?)]) {
        self.id = id
        self.parties = parties
        self.sentences = sentences
        self.due = due
        self.times = times
    }

    public static func == (a: ItemReading, b: ItemReading) -> Bool {
        a.id == b.id && a.parties == b.parties && a.due == b.due
            && a.sentences.map(\.span) == b.sentences.map(\.span) && a.sentences.map(\.parties) == b.sentences.map(\.parties)
            && a.times.map(\.span) == b.times.map(\.span) && a.times.map(\.due) == b.times.map(\.due)
    }
}

extension Register {
    public func count(matching query: ItemQuery) async throws -> Int { try await count(matching: query, atMost: nil) }

    /// An item with its whole history.
    public func item(id: String) async throws -> ItemDetail? { try await item(id: id, events: nil) }

    public func facet(_ field: FacetField, matching query: ItemQuery) async throws -> [FacetCount] {
        try await facet(field, matching: query, atMost: nil)
    }

    public func glossary(document: String?) async throws -> [GlossaryEntry] { try await glossary(document: document, limit: nil, offset: 0) }

    public func ingest(_ documents: [DocumentRecord]) async throws -> [IngestOutcome] {
        var outcomes: [IngestOutcome] = []
        for document in documents { outcomes.append(try await ingest(document)) }
        return outcomes
    }
}
