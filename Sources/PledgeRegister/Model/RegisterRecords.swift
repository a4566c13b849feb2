import PledgeModel

/// A document as the register holds it.
public struct StoredDocument: Sendable, Codable, Equatable {
    public var key: String
    public var title: String?
    /// ISO date the document carries; anchors its due dates.
    public var date: String?
    public var language: Language
    public var sha256: String
    /// The file name or label it was ingested from.
    public var source: String
    /// How many distinct versions have been ingested under this key.
    public var revision: Int
    public var ingestedAt: String
    public var itemCount: Int
    /// The document this one is a version of in another language: the two are one document
    /// with two texts, and their paired items one commitment each.
    public var translationOf: String?

    public init(
        key: String, title: String?, date: String?, language: Language, sha256: String, source: String,
        revision: Int, ingestedAt: String, itemCount: Int, translationOf: String? = nil
    ) {
        self.translationOf = translationOf
        self.key = key
        self.title = title
        self.date = date
        self.language = language
        self.sha256 = sha256
        self.source = source
        self.revision = revision
        self.ingestedAt = ingestedAt
        self.itemCount = itemCount
    }
}

/// One initiative in the register: what a list shows of it.
public struct ItemSummary: Sendable, Codable, Equatable {
    /// Stable id, `DOCKEY#N`.
    public var id: String
    public var document: String
    public var number: Int
    /// Position in the current version of the document; items are listed in this order.
    public var ordinal: Int
    public var sectionID: String
    public var section: String?
    public var kind: ItemKind
    public var title: String?
    public var text: String
    public var span: SourceSpan
    /// The strongest modality among its sentences.
    public var modality: Modality
    /// Everyone its sentences bind, sorted.
    public var parties: [Party]
    /// ISO date: the earliest deadline among its sentences.
    public var due: String?
    public var status: Status
    /// Bumped by every recorded event and every change of wording; writes must carry it.
    public var version: Int
    /// True when a later version of the document no longer holds the item. Its history stays.
    public var withdrawn: Bool
    /// For an item of a translation, the item of the original it translates: the one that
    /// holds the commitment's status and history. Nil for every other item.
    public var counterpart: String?

    /// The id of the commitment the item states: its counterpart's for a translated item, its own otherwise.
    public var commitment: String { counterpart ?? id }

    public init(
        id: String, document: String, number: Int, ordinal: Int, sectionID: String, section: String?, kind: ItemKind,
        title: String?, text: String, span: SourceSpan, modality: Modality, parties: [Party], due: String?,
        status: Status, version: Int, withdrawn: Bool, counterpart: String? = nil
    ) {
        self.counterpart = counterpart
        self.id = id
        self.document = document
        self.number = number
        self.ordinal = ordinal
        self.sectionID = sectionID
        self.section = section
        self.kind = kind
        self.title = title
        self.text = text
        self.span = span
        self.modality = modality
        self.parties = parties
        self.due = due
        self.status = status
        self.version = version
        self.withdrawn = withdrawn
    }

    enum CodingKeys: String, CodingKey {
        case id, document, number, ordinal, sectionID, section, kind, title, text, span, modality, parties, due, status,
             version, withdrawn, counterpart
    }

    enum DerivedKeys: String, CodingKey { case commitment }

    /// Absent values are written as `null`, so scripts always find every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(document, forKey: .document)
        try c.encode(number, forKey: .number)
        try c.encode(ordinal, forKey: .ordinal)
        try c.encode(sectionID, forKey: .sectionID)
        try c.encode(section, forKey: .section)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(text, forKey: .text)
        try c.encode(span, forKey: .span)
        try c.encode(modality, forKey: .modality)
        try c.encode(parties, forKey: .parties)
        try c.encode(due, forKey: .due)
        try c.encode(status, forKey: .status)
        try c.encode(version, forKey: .version)
        try c.encode(withdrawn, forKey: .withdrawn)
        try c.encode(counterpart, forKey: .counterpart)
        var derived = encoder.container(keyedBy: DerivedKeys.self)
        try derived.encode(commitment, forKey: .commitment)
    }

    /// Overdue: due before `day`, and neither kept nor broken.
    public func isOverdue(asOf day: String) -> Bool {
        guard let due, !withdrawn else { return false }
        return due < day && !status.isSettled
    }
}

public struct StoredSentence: Sendable, Codable, Equatable {
    public var text: String
    public var span: SourceSpan
    public var modality: Modality
    public var actor: String?
    public var parties: [Party]

    public init(text: String, span: SourceSpan, modality: Modality, actor: String?, parties: [Party]) {
        self.text = text
        self.span = span
        self.modality = modality
        self.actor = actor
        self.parties = parties
    }
}

public struct StoredAmount: Sendable, Codable, Equatable {
    public var text: String
    public var span: SourceSpan
    public var kind: AmountKind
    public var value: Double
    public var unit: String
    public var qualifier: Qualifier?

    public init(text: String, span: SourceSpan, kind: AmountKind, value: Double, unit: String, qualifier: Qualifier?) {
        self.text = text
        self.span = span
        self.kind = kind
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
    }
}

public struct StoredTime: Sendable, Codable, Equatable {
    public var text: String
    public var span: SourceSpan
    public var role: TimeRole
    /// `nil` when the document's date is unknown and the expression is relative.
    public var value: String?
    public var part: PeriodPart?
    /// The last day the expression allows, for deadlines and durations.
    public var due: String?

    public init(text: String, span: SourceSpan, role: TimeRole, value: String?, part: PeriodPart?, due: String?) {
        self.text = text
        self.span = span
        self.role = role
        self.value = value
        self.part = part
        self.due = due
    }
}

/// A status change recorded against an item. Events are only ever appended.
public struct TrackingEvent: Sendable, Codable, Equatable {
    /// Order of recording across the register.
    public var sequence: Int64
    public var item: String
    /// The item's version this event created.
    public var version: Int
    public var status: Status
    public var note: String?
    public var evidenceURL: String?
    public var evidenceTitle: String?
    /// The day the progress happened (ISO date).
    public var date: String
    public var author: String
    /// When it was recorded (ISO 8601 timestamp, UTC).
    public var recordedAt: String

    enum CodingKeys: String, CodingKey {
        case sequence, item, version, status, note, evidenceURL, evidenceTitle, date, author, recordedAt
    }

    /// Absent values are written as `null`, so scripts always find every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(item, forKey: .item)
        try c.encode(version, forKey: .version)
        try c.encode(status, forKey: .status)
        try c.encode(note, forKey: .note)
        try c.encode(evidenceURL, forKey: .evidenceURL)
        try c.encode(evidenceTitle, forKey: .evidenceTitle)
        try c.encode(date, forKey: .date)
        try c.encode(author, forKey: .author)
        try c.encode(recordedAt, forKey: .recordedAt)
    }

    public init(
        sequence: Int64, item: String, version: Int, status: Status, note: String?, evidenceURL: String?,
        evidenceTitle: String?, date: String, author: String, recordedAt: String
    ) {
        self.sequence = sequence
        self.item = item
        self.version = version
        self.status = status
        self.note = note
        self.evidenceURL = evidenceURL
        self.evidenceTitle = evidenceTitle
        self.date = date
        self.author = author
        self.recordedAt = recordedAt
    }
}

/// Everything the register knows about one item. In JSON the item's own fields sit at the
/// top level beside `sentences`, `amounts`, `times` and `history`.
public struct ItemDetail: Sendable, Codable, Equatable {
    enum CodingKeys: String, CodingKey { case sentences, amounts, times, history, versions, links, corrections }

    public init(from decoder: any Decoder) throws {
        item = try ItemSummary(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sentences = try c.decode([StoredSentence].self, forKey: .sentences)
        amounts = try c.decode([StoredAmount].self, forKey: .amounts)
        times = try c.decode([StoredTime].self, forKey: .times)
        history = try c.decode([TrackingEvent].self, forKey: .history)
        historyCount = history.count
        versions = try c.decodeIfPresent([ItemDetail].self, forKey: .versions) ?? []
        links = try c.decodeIfPresent([StoredLink].self, forKey: .links) ?? []
        corrections = try c.decodeIfPresent([Correction].self, forKey: .corrections) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        try item.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sentences, forKey: .sentences)
        try c.encode(amounts, forKey: .amounts)
        try c.encode(times, forKey: .times)
        try c.encode(history, forKey: .history)
        try c.encode(versions, forKey: .versions)
        try c.encode(links, forKey: .links)
        try c.encode(corrections, forKey: .corrections)
    }

    public var item: ItemSummary
    public var sentences: [StoredSentence]
    public var amounts: [StoredAmount]
    public var times: [StoredTime]
    /// Oldest first: the commitment's history, whichever of its texts was asked for (only the
    /// window asked for, when one was).
    public var history: [TrackingEvent]
    /// How many events the whole history holds.
    public var historyCount = 0
    /// The commitment's other texts (its original or translations), each with its parts and
    /// no history of its own.
    public var versions: [ItemDetail] = []
    /// Items of other documents about the same initiative, either way round.
    public var links: [StoredLink] = []
    /// What editors corrected of this text's reading, oldest first: its fields hold the
    /// corrected values, and these say what the machine read and who changed it.
    public var corrections: [Correction] = []

    public init(
        item: ItemSummary, sentences: [StoredSentence], amounts: [StoredAmount], times: [StoredTime],
        history: [TrackingEvent]
    ) {
        self.item = item
        self.sentences = sentences
        self.amounts = amounts
        self.times = times
        self.history = history
        historyCount = history.count
    }
}

/// Part of an item's history: `limit` events after skipping the `offset` newest.
public struct EventWindow: Sendable, Equatable {
    public var limit: Int
    public var offset: Int

    public init(limit: Int, offset: Int = 0) {
        self.limit = max(0, limit)
        self.offset = max(0, offset)
    }
}

/// An abbreviation a document defines.
public struct GlossaryEntry: Sendable, Codable, Equatable {
    public var document: String
    public var short: String
    public var long: String
    public var span: SourceSpan

    public init(document: String, short: String, long: String, span: SourceSpan) {
        self.document = document
        self.short = short
        self.long = long
        self.span = span
    }
}

/// An amount with what a summary of money needs to know about where it stands.
public struct ItemAmount: Sendable, Codable, Equatable {
    public var item: String
    public var section: String?
    public var amount: StoredAmount
    /// Who the sentence holding the amount says acts (`マイクロソフト社`, `Microsoft`).
    public var actor: String?

    public init(item: String, section: String?, amount: StoredAmount, actor: String?) {
        self.item = item
        self.section = section
        self.amount = amount
        self.actor = actor
    }
}

/// The documents that share the most names with one document, and the names it uses that too
/// many documents use to tell anything (`Register.linkCandidates`).
public struct LinkCandidates: Sendable, Equatable {
    public var documents: [String]
    public var common: [String]

    public init(documents: [String], common: [String]) {
        self.documents = documents
        self.common = common
    }

    /// Counts, name by name, the other documents that use each name, as every store does.
    public struct Tally {
        let common: Int
        var shared: [String: Int] = [:]
        var commonNames: [String] = []

        public init(common: Int) { self.common = common }

        /// `users`: the other documents that use `name`, at most `common + 1` of them.
        public mutating func add(_ name: String, users: [String]) {
            guard users.count <= common else { commonNames.append(name); return }
            for user in users { shared[user, default: 0] += 1 }
        }

        /// The documents that share the most names, most first, then by key.
        public func candidates(limit: Int) -> LinkCandidates {
            LinkCandidates(documents: shared.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(limit).map(\.key), common: commonNames)
        }
    }
}

/// A link between items of two documents (`DocumentLinks`): `from` is the later document's
/// item, so a `progress` link runs from the report to the commitment it reports on.
public struct StoredLink: Sendable, Codable, Equatable {
    public var from: String
    public var to: String
    /// `same`, `progress` or `related` (`LinkRelation`).
    public var relation: String
    public var score: Double
    /// What the two items share: names, abbreviations, amounts, dates, rare words.
    public var evidence: [String]
    /// Where the link is read from an item: the other item, its document and its text.
    public var other: String?
    public var otherDocument: String?
    public var otherText: String?

    public init(from: String, to: String, relation: String, score: Double, evidence: [String],
                other: String? = nil, otherDocument: String? = nil, otherText: String? = nil) {
        self.from = from
        self.to = to
        self.relation = relation
        self.score = score
        self.evidence = evidence
        self.other = other
        self.otherDocument = otherDocument
        self.otherText = otherText
    }
}

extension ItemDetail {
    /// The item's links as a reader wants them: other documents that state the same initiative
    /// ("Also in"), later ones that report on it ("Followed up in"), earlier ones it reports on
    /// ("Follows up"). Empty groups are left out.
    public var linkGroups: [(heading: String, links: [StoredLink])] {
        [
            ("Also in", links.filter { $0.relation != "progress" }),
            ("Followed up in", followUps),
            ("Follows up", links.filter { $0.relation == "progress" && texts.contains($0.from) }),
        ].filter { !$0.1.isEmpty }
    }

    /// Links from later documents that report on this commitment, in any of its texts.
    public var followUps: [StoredLink] { links.filter { $0.relation == "progress" && texts.contains($0.to) } }

    /// The ids of the commitment's texts: this item's and its other versions'.
    private var texts: Set<String> { Set([item.id] + versions.map(\.item.id)) }
}
