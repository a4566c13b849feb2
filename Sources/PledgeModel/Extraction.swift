/// A half-open range `[start, end)` of Unicode scalar offsets into a document's text.
///
/// Every extracted field carries one, so a reader can always go back to the exact
/// source words. Offsets count code points, not bytes or grapheme clusters, which
/// is what Python's `str` slicing and Swift's `unicodeScalars` index.
public struct SourceSpan: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }

    public func contains(_ other: SourceSpan) -> Bool { start <= other.start && other.end <= end }
    public func overlaps(_ other: SourceSpan) -> Bool { start < other.end && other.start < end }
}

/// The languages Pledge reads.
public enum Language: String, Sendable, Codable, CaseIterable {
    case ja, en
}

/// What a document says about itself: title, issue date, language and identity.
public struct DocumentInfo: Sendable, Codable, Equatable {
    public var title: String?
    /// ISO `YYYY-MM-DD`; anchors every relative time expression.
    public var date: String?
    public var language: Language
    /// Hex SHA-256 of the raw file bytes.
    public var sha256: String
    /// Length of the text in Unicode scalars.
    public var length: Int
    /// The parties that issue or sign the document: what "we" and 両国 stand for.
    public var parties: [Party] = []
    /// The government or body that published it, when the document says.
    public var issuer: Party?

    public init(title: String?, date: String?, language: Language, sha256: String, length: Int, parties: [Party] = [], issuer: Party? = nil) {
        self.title = title
        self.date = date
        self.language = language
        self.sha256 = sha256
        self.length = length
        self.parties = parties
        self.issuer = issuer
    }
}

public struct Section: Sendable, Codable, Equatable {
    public var id: String
    /// Heading text without markup; `nil` for the preamble before the first heading.
    public var heading: String?
    /// Number of `#` marks; 0 where the heading has none.
    public var level: Int
    public var span: SourceSpan

    public init(id: String, heading: String?, level: Int, span: SourceSpan) {
        self.id = id
        self.heading = heading
        self.level = level
        self.span = span
    }
}

/// How an item is laid out in its document.
public enum ItemKind: String, Sendable, Codable {
    /// A paragraph that opens with a bold or colon-led title.
    case titled
    /// A list entry.
    case bullet
    /// Any other body paragraph.
    case paragraph
}

/// One initiative of a document: the unit a user tracks.
public struct Item: Sendable, Codable, Equatable {
    public var id: String
    public var section: String
    public var kind: ItemKind
    public var title: String?
    public var span: SourceSpan

    public init(id: String, section: String, kind: ItemKind, title: String?, span: SourceSpan) {
        self.id = id
        self.section = section
        self.kind = kind
        self.title = title
        self.span = span
    }
}

/// How strongly a sentence binds its actor, read from its main predicate.
public enum Modality: String, Sendable, Codable, CaseIterable {
    case commit, intend, plan, explore, welcome, affirm, done, other
}

public struct Sentence: Sendable, Codable, Equatable {
    public var id: String
    public var item: String
    public var span: SourceSpan
    public var modality: Modality
    /// The subject of the main predicate as written; `nil` where it is implicit.
    public var actor: String?
    /// Sorted, without repeats.
    public var parties: [Party]

    public init(id: String, item: String, span: SourceSpan, modality: Modality, actor: String?, parties: [Party]) {
        self.id = id
        self.item = item
        self.span = span
        self.modality = modality
        self.actor = actor
        self.parties = parties
    }
}

public enum AmountKind: String, Sendable, Codable {
    case money, people
}

public enum Qualifier: String, Sendable, Codable, CaseIterable {
    case approx, over, up_to, at_least
}

public struct Amount: Sendable, Codable, Equatable {
    public var span: SourceSpan
    public var text: String
    public var kind: AmountKind
    public var value: Double
    /// ISO 4217 code for money, `person` for people.
    public var unit: String
    public var qualifier: Qualifier?

    public init(span: SourceSpan, text: String, kind: AmountKind, value: Double, unit: String, qualifier: Qualifier?) {
        self.span = span
        self.text = text
        self.kind = kind
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
    }
}

public enum TimeRole: String, Sendable, Codable, CaseIterable {
    case point, deadline, start, range, duration
}

/// Which part of its period a time expression names (`6月末`, `7月中旬`).
/// The ISO value keeps the period; the part matters when a due date is computed.
public enum PeriodPart: String, Sendable, Codable {
    case beginning, middle, end
}

public struct TimeExpression: Sendable, Codable, Equatable {
    public var span: SourceSpan
    public var text: String
    public var role: TimeRole
    /// ISO 8601 at the written granularity: `2024`, `2024-06`, `2024-06-30`,
    /// `2024-SU`, `FY2025`, `P2Y`, or `A/B` for ranges. `nil` for a relative expression
    /// (`next year`, `本年6月`) in a document whose date is unknown: it is found, but not placed.
    public var value: String?
    public var part: PeriodPart?
    /// Whose fiscal year a `FY` value names: the country of the sentence that states it,
    /// else the document's issuer. Japan's when unset.
    public var fiscalYearOf: Party?

    public init(span: SourceSpan, text: String, role: TimeRole, value: String?, part: PeriodPart? = nil, fiscalYearOf: Party? = nil) {
        self.span = span
        self.text = text
        self.role = role
        self.value = value
        self.part = part
        self.fiscalYearOf = fiscalYearOf
    }
}

/// An abbreviation defined in the text by parentheses.
public struct Term: Sendable, Codable, Equatable {
    public var short: String
    public var long: String
    public var span: SourceSpan

    public init(short: String, long: String, span: SourceSpan) {
        self.short = short
        self.long = long
        self.span = span
    }
}

/// Everything Pledge reads from one document: the `pledge-extraction/1` format.
public struct Extraction: Sendable, Equatable {
    public static let formatName = "pledge-extraction/1"

    public var document: DocumentInfo
    public var sections: [Section]
    public var items: [Item]
    public var sentences: [Sentence]
    public var amounts: [Amount]
    public var times: [TimeExpression]
    public var terms: [Term]
    /// Lines read as page furniture (running headers and footers of a PDF): left out of what
    /// items and sentences say, though a span across a page break still covers them.
    public var furniture: [SourceSpan] = []

    public init(
        document: DocumentInfo, sections: [Section] = [], items: [Item] = [], sentences: [Sentence] = [],
        amounts: [Amount] = [], times: [TimeExpression] = [], terms: [Term] = []
    ) {
        self.document = document
        self.sections = sections
        self.items = items
        self.sentences = sentences
        self.amounts = amounts
        self.times = times
        self.terms = terms
    }
}
