import PledgeExtract
import PledgeModel

/// One item as an ingest stores it: the extraction's fields gathered per item,
/// with the item's own text and the values a register filters on.
public struct ItemRecord: Sendable, Equatable {
    /// The extraction's id (`i17`): position, not identity.
    public var extractedID: String
    public var sectionID: String
    public var section: String?
    public var kind: ItemKind
    public var title: String?
    public var text: String
    public var span: SourceSpan
    public var modality: Modality
    public var parties: [Party]
    public var due: String?
    public var sentences: [StoredSentence]
    public var amounts: [StoredAmount]
    public var times: [StoredTime]
    /// Worked out once, on the thread that extracted the document, not by the store's writer.
    public private(set) var fingerprint = ""
    /// Whether the item writes Latin letters or digits full-width (search needs to know).
    public private(set) var wideLatin = false
    /// Sentences, amounts and times as the SQLite register stores them (`ItemParts`).
    private(set) var encodedParts = ""

    public init(
        extractedID: String, sectionID: String, section: String?, kind: ItemKind, title: String?, text: String,
        span: SourceSpan, modality: Modality, parties: [Party], due: String?, sentences: [StoredSentence],
        amounts: [StoredAmount], times: [StoredTime]
    ) {
        self.extractedID = extractedID
        self.sectionID = sectionID
        self.section = section
        self.kind = kind
        self.title = title
        self.text = text
        self.span = span
        self.modality = modality
        self.parties = parties
        self.due = due
        self.sentences = sentences
        self.amounts = amounts
        self.times = times
        fingerprint = digest()
        wideLatin = SearchText.hasWideLatin(title ?? "") || SearchText.hasWideLatin(text)
        encodedParts = ItemParts(sentences: sentences, amounts: amounts, times: times).encoded()
    }
}

/// A document ready to be stored: its identity, its text and its items.
public struct DocumentRecord: Sendable {
    public var key: String
    /// The user chose the key (`--key`): a different document under it is a new version of
    /// it. A derived key yields to another document it was derived for (`DocumentIdentity`).
    public var keyIsChosen = false
    public var source: String
    public var text: String
    public var info: DocumentInfo
    public var sections: [Section]
    public var items: [ItemRecord]
    public var terms: [Term]
    /// What the search index holds for the document: its distinct tokens (`SearchText`).
    public var searchTokens: String
    /// The reading it was made from, for what compares it with other documents (`DocumentLinks`).
    public let extraction: Extraction
    /// The names it uses that find the documents it may link to (`Linker.names`), sorted:
    /// worked out on the thread that read it, not by the store's writer.
    public let linkNames: [String]

    /// Strongest first: an item that both welcomes and commits is a commitment.
    static let modalityStrength: [Modality] = [.commit, .intend, .plan, .explore, .welcome, .affirm, .done, .other]

    static let forwardMarkers = ["今後", "以内", "向こう", "これから", "within", "next", "coming"]

    static func looksAhead(_ duration: String) -> Bool {
        let text = duration.lowercased()
        return forwardMarkers.contains { ByteSearch.contains(text, $0) }
    }

    public init(key: String, source: String, text: String, extraction: Extraction) {
        self.key = key
        self.source = source
        self.text = text
        self.extraction = extraction
        info = extraction.document
        sections = extraction.sections
        terms = extraction.terms
        searchTokens = SearchText.indexTokens(text)
        linkNames = Linker.names(Linker.Document(extraction, text: text)).sorted()
        let slice = TextSlicer(text).slice
        let anchor = extraction.document.date.flatMap(Day.init(iso:))
        let headings = Dictionary(extraction.sections.map { ($0.id, $0.heading) }, uniquingKeysWith: { a, _ in a })
        var sentencesByItem: [String: [Sentence]] = [:]
        for s in extraction.sentences { sentencesByItem[s.item, default: []].append(s) }

        // Items are in text order: walk amounts and times alongside them.
        let allAmounts = extraction.amounts.sorted { $0.span.start < $1.span.start }
        let allTimes = extraction.times.sorted { $0.span.start < $1.span.start }
        var amountIndex = 0, timeIndex = 0
        items = extraction.items.map { item in
            let sentences = sentencesByItem[item.id] ?? []
            var amounts: [StoredAmount] = []
            while amountIndex < allAmounts.count, allAmounts[amountIndex].span.start < item.span.end {
                let a = allAmounts[amountIndex]
                if item.span.contains(a.span) {
                    amounts.append(StoredAmount(text: a.text, span: a.span, kind: a.kind, value: a.value, unit: a.unit, qualifier: a.qualifier))
                }
                amountIndex += 1
            }
            var times: [StoredTime] = []
            while timeIndex < allTimes.count, allTimes[timeIndex].span.start < item.span.end {
                let t = allTimes[timeIndex]
                if item.span.contains(t.span) {
                    // A duration sets a due date only when it runs from now (今後2年間で, within
                    // 90 days), not when it measures the past or the length of something.
                    let looksAhead = t.role == .duration && Self.looksAhead(t.text)
                    let due = (t.role == .deadline || looksAhead) ? t.dueDay(anchor: anchor)?.iso : nil
                    times.append(StoredTime(text: t.text, span: t.span, role: t.role, value: t.value, part: t.part, due: due))
                }
                timeIndex += 1
            }
            let modality = Self.modalityStrength.first { m in sentences.contains { $0.modality == m } } ?? .other
            let parties = Set(sentences.flatMap(\.parties)).sorted()
            return ItemRecord(
                extractedID: item.id, sectionID: item.section, section: headings[item.section] ?? nil, kind: item.kind,
                title: item.title, text: slice(item.span), span: item.span, modality: modality, parties: parties,
                due: times.compactMap(\.due).min(),
                sentences: sentences.map {
                    StoredSentence(text: slice($0.span), span: $0.span, modality: $0.modality, actor: $0.actor, parties: $0.parties)
                },
                amounts: amounts, times: times)
        }
    }
}

extension ItemRecord {
    /// A digest of everything a user sees of the item, stable across runs and machines,
    /// so a re-ingest can tell an unchanged item from an edited one without reloading it.
    /// Offsets count from the item's start: text inserted above an item moves it, not changes it.
    func digest() -> String {
        var hash = FNV1a()
        hash.feed(text); hash.feed(title); hash.feed(section); hash.feed(kind.rawValue); hash.feed(modality.rawValue)
        hash.feed(parties.map(\.rawValue).joined(separator: ",")); hash.feed(due)
        for s in sentences {
            hash.feed("\(s.span.start - span.start):\(s.span.end - span.start)"); hash.feed(s.modality.rawValue); hash.feed(s.actor)
            hash.feed(s.parties.map(\.rawValue).joined(separator: ","))
        }
        for a in amounts { hash.feed(a.text); hash.feed("\(a.span.start - span.start) \(a.value) \(a.unit)"); hash.feed(a.qualifier?.rawValue) }
        for t in times { hash.feed(t.text); hash.feed("\(t.span.start - span.start) \(t.role.rawValue) \(t.value ?? "")"); hash.feed(t.part?.rawValue) }
        let hex = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// 64-bit FNV-1a over a sequence of strings, each closed by a separator byte; a missing
/// string counts as U+0001. Registers store these digests, so the bytes fed must never change.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func feed(_ s: String?) {
        var s = s ?? "\u{1}"
        s.withUTF8 { bytes in
            var hash = value
            for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
            value = hash
        }
        value = (value ^ 0x1f) &* 0x100_0000_01b3
    }
}

/// Cuts a text by code-point offsets in constant time per cut: the UTF-8 offset of every
/// code point is found once, then each cut copies bytes.
struct TextSlicer {
    let bytes: [UInt8]
    /// `offsets[i]` is the UTF-8 offset of code point `i`; one extra entry marks the end.
    let offsets: [Int32]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var offsets: [Int32] = []
        offsets.reserveCapacity(bytes.count + 1)
        for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 { offsets.append(Int32(i)) }
        offsets.append(Int32(bytes.count))
        self.offsets = offsets
    }

    func slice(_ span: SourceSpan) -> String {
        let last = offsets.count - 1
        let lo = Int(offsets[max(0, min(span.start, last))]), hi = Int(offsets[max(0, min(span.end, last))])
        guard lo < hi else { return "" }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}
