import PledgeModel

/// The whole register as one value: what `pledge export --format json` writes and
/// `pledge import` restores. Holds every field and every event, so nothing is lost
/// on a round trip between registers or stores.
public struct RegisterArchive: Sendable, Codable, Equatable {
    public static let formatName = "pledge-register/1"

    public struct Document: Sendable, Codable, Equatable {
        public var document: StoredDocument
        public var text: String
        public var sections: [Section]
        public var terms: [GlossaryEntry]
        public var items: [Item]

        public init(document: StoredDocument, text: String, sections: [Section], terms: [GlossaryEntry], items: [Item]) {
            self.document = document
            self.text = text
            self.sections = sections
            self.terms = terms
            self.items = items
        }
    }

    /// An item with its fields; its history lives in `events`.
    public struct Item: Sendable, Codable, Equatable {
        public var item: ItemSummary
        public var sentences: [StoredSentence]
        public var amounts: [StoredAmount]
        public var times: [StoredTime]

        public init(item: ItemSummary, sentences: [StoredSentence], amounts: [StoredAmount], times: [StoredTime]) {
            self.item = item
            self.sentences = sentences
            self.amounts = amounts
            self.times = times
        }
    }

    public var format: String
    public var documents: [Document]
    /// Every tracking event, oldest first.
    public var events: [TrackingEvent]
    /// What editors did with suggestions, oldest first; absent from archives made before them.
    public var decisions: [SuggestionDecision]
    /// What editors corrected of items' readings, oldest first; the items' fields hold the
    /// corrected values. Absent from archives made before corrections.
    public var corrections: [Correction]

    public init(documents: [Document], events: [TrackingEvent], decisions: [SuggestionDecision] = [], corrections: [Correction] = []) {
        format = Self.formatName
        self.documents = documents
        self.events = events
        self.decisions = decisions
        self.corrections = corrections
    }

    enum CodingKeys: String, CodingKey { case format, documents, events, decisions, corrections }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        documents = try c.decode([Document].self, forKey: .documents)
        events = try c.decode([TrackingEvent].self, forKey: .events)
        decisions = try c.decodeIfPresent([SuggestionDecision].self, forKey: .decisions) ?? []
        corrections = try c.decodeIfPresent([Correction].self, forKey: .corrections) ?? []
    }

    /// Refuses an archive of another format before a store reads any of it.
    public func checkFormat() throws {
        guard format == Self.formatName else {
            throw RegisterError.invalid("not a Pledge register export (format '\(format)', expected '\(Self.formatName)')")
        }
    }
}

extension ItemRecord {
    /// An archived item as a store's item writer takes it back, numbered as it was
    /// (`i` and its position, the way an extraction numbers items).
    public init(restoring entry: RegisterArchive.Item) {
        let item = entry.item
        self.init(
            extractedID: "i\(item.ordinal + 1)", sectionID: item.sectionID, section: item.section, kind: item.kind,
            title: item.title, text: item.text, span: item.span, modality: item.modality, parties: item.parties, due: item.due,
            sentences: entry.sentences, amounts: entry.amounts, times: entry.times)
    }
}

extension RegisterArchive {
    /// The ids of each original item's translated texts.
    public var translations: [String: [String]] {
        var out: [String: [String]] = [:]
        for d in documents { for entry in d.items { if let c = entry.item.counterpart { out[c, default: []].append(entry.item.id) } } }
        return out
    }
}
