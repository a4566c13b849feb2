import PledgeModel

/// What an editor may correct of an item's reading.
public enum CorrectedField: String, Sendable, Codable, CaseIterable {
    case modality, parties, due, title
    /// An amount's value, the amount named by its place in the item (`amount`, from 0).
    case amountValue = "amount_value"
    /// An amount's unit (a currency code such as USD, or people).
    case amountUnit = "amount_unit"

    /// Whether the field belongs to one of the item's amounts, named by `amount`.
    public var isAmount: Bool { self == .amountValue || self == .amountUnit }
}

/// A correction an editor asks for: a field's new value, and why.
public struct NewCorrection: Sendable, Equatable {
    public var field: CorrectedField
    /// The new value as text: a modality (`commit`), party codes (`JP,AU`), an ISO date, a
    /// title, an amount's value (`1500000000`) or unit (`USD`). Empty clears a title or due date.
    public var value: String
    /// Which amount, for an amount's value or unit.
    public var amount: Int?
    /// Why: required, so that every change of what was read says where the right value comes from.
    public var note: String
    public var author: String
    /// The item version the editor saw; `nil` corrects whatever is current.
    public var expectedVersion: Int?

    public init(field: CorrectedField, value: String, amount: Int? = nil, note: String, author: String, expectedVersion: Int? = nil) {
        self.field = field
        self.value = value
        self.amount = amount
        self.note = note
        self.author = author
        self.expectedVersion = expectedVersion
    }
}

/// A correction as the register keeps it, never changed or deleted: the field, what the
/// item said before and after, who, when and why, and the item's text it was made on.
public struct Correction: Sendable, Codable, Equatable {
    /// Order of recording across the register, shared with tracking events' order of time.
    public var sequence: Int64
    /// The item text corrected (of a commitment in two texts, the one the editor corrected).
    public var item: String
    /// The commitment's version this correction created.
    public var version: Int
    public var field: CorrectedField
    public var amount: Int?
    /// The value before, as text (`nil`: none, such as no due date).
    public var before: String?
    public var after: String?
    public var note: String
    public var author: String
    /// When it was recorded (ISO 8601 timestamp, UTC).
    public var recordedAt: String
    /// The item's text when it was corrected: a later version of the document that words the
    /// item otherwise keeps the correction but asks for it to be reviewed (`needsReview`).
    public var sourceText: String

    public init(
        sequence: Int64, item: String, version: Int, field: CorrectedField, amount: Int?, before: String?, after: String?,
        note: String, author: String, recordedAt: String, sourceText: String
    ) {
        self.sequence = sequence
        self.item = item
        self.version = version
        self.field = field
        self.amount = amount
        self.before = before
        self.after = after
        self.note = note
        self.author = author
        self.recordedAt = recordedAt
        self.sourceText = sourceText
    }

    /// The record of `asked` made on `record`, giving `corrected`, as a store keeps it
    /// (numbered by the store: `sequence` 0 until then).
    public init(_ asked: NewCorrection, item: String, version: Int, record: ItemRecord, corrected: ItemRecord, recordedAt: String) {
        self.init(
            sequence: 0, item: item, version: version, field: asked.field, amount: asked.amount,
            before: Corrections.value(asked.field, amount: asked.amount, of: record),
            after: Corrections.value(asked.field, amount: asked.amount, of: corrected),
            note: asked.note.trimmingCharacters(in: .whitespacesAndNewlines), author: asked.author, recordedAt: recordedAt,
            sourceText: record.text)
    }

    /// Whether the item's text has changed since the correction was made.
    public func needsReview(currentText: String) -> Bool { sourceText != currentText }

    /// The day it was recorded (`2026-12-07`).
    public var day: String { String(recordedAt.prefix(10)) }
}

/// How a correction changes an item: one rule for every store, applied when an editor
/// corrects an item and again to each later reading of the item's document, so that a
/// revision keeps the editors' values.
public enum Corrections {
    /// The longest value or note accepted.
    static let maxLength = 2_000

    /// A field's value in `record`, as a correction's `before` and `after` show it.
    public static func value(_ field: CorrectedField, amount: Int?, of record: ItemRecord) -> String? {
        switch field {
        case .modality: return record.modality.rawValue
        case .parties: return record.parties.isEmpty ? nil : record.parties.map(\.rawValue).joined(separator: ",")
        case .due: return record.due
        case .title: return record.title
        case .amountValue:
            return amount.flatMap { record.amounts.indices.contains($0) ? CSVExport.formatValue(record.amounts[$0].value) : nil }
        case .amountUnit: return amount.flatMap { record.amounts.indices.contains($0) ? record.amounts[$0].unit : nil }
        }
    }

    /// `record` with `correction` applied; refuses a value the field cannot hold.
    public static func applying(_ correction: NewCorrection, to record: ItemRecord) throws -> ItemRecord {
        try check(correction, on: record)
        return try applying(correction.field, correction.value, amount: correction.amount, to: record)
    }

    /// `record` with every correction in `corrections` applied in order, those it cannot
    /// take (an amount no longer there) left out: a new reading of a corrected item.
    public static func applying(_ corrections: [Correction], to record: ItemRecord) -> ItemRecord {
        corrections.reduce(record) { record, c in
            (try? applying(c.field, c.after ?? "", amount: c.amount, to: record)) ?? record
        }
    }

    /// Refuses a correction without a note, author or valid value before anything is written.
    public static func check(_ correction: NewCorrection, on record: ItemRecord) throws {
        let note = correction.note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw RegisterError.invalid(Explanation("correction.note", "a correction needs a note saying where the right value comes from")) }
        guard !correction.author.trimmingCharacters(in: .whitespaces).isEmpty else { throw RegisterError.invalid("a correction needs an author") }
        for (name, text) in [("note", correction.note), ("value", correction.value)] {
            if text.unicodeScalars.contains("\0") { throw RegisterError.invalid(Explanation("correction.nul", "the correction's {field} holds a NUL character", ["field": name])) }
            if text.count > maxLength { throw RegisterError.invalid(Explanation("correction.long", "the correction's {field} is longer than {most} characters", ["field": name, "most": "\(maxLength)"])) }
        }
        if correction.field.isAmount {
            guard let amount = correction.amount, record.amounts.indices.contains(amount) else {
                throw RegisterError.invalid(record.amounts.isEmpty
                    ? Explanation("correction.noAmounts", "the item holds no amount to correct")
                    : Explanation("correction.whichAmount", "amount must name one of the item's amounts, from 0 to {last}", ["last": "\(record.amounts.count - 1)"]))
            }
        } else if correction.amount != nil {
            throw RegisterError.invalid("amount is only for an amount's value or unit")
        }
        _ = try applying(correction.field, correction.value, amount: correction.amount, to: record)
    }

    private static func applying(_ field: CorrectedField, _ text: String, amount: Int?, to r: ItemRecord) throws -> ItemRecord {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var (modality, parties, due, title, amounts) = (r.modality, r.parties, r.due, r.title, r.amounts)
        switch field {
        case .modality:
            guard let m = Modality(rawValue: value) else {
                throw RegisterError.invalid(Explanation(
                    "correction.modality", "modality must be one of {choices}, not '{value}'",
                    ["choices": Modality.allCases.map(\.rawValue).joined(separator: ", "), "value": value]))
            }
            modality = m
        case .parties:
            guard let list = Party.list(value) else {
                throw RegisterError.invalid(Explanation(
                    "correction.parties", "parties are country codes (JP, US) or organisations (EU, G7), separated by commas, not '{value}'",
                    ["value": value]))
            }
            parties = list
        case .due:
            if value.isEmpty {
                due = nil
            } else {
                guard let day = Day(iso: value), day.iso == value else {
                    throw RegisterError.invalid(Explanation(
                        "correction.due", "a due date is a date from 0001-01-01 to 9999-12-31 as YYYY-MM-DD, or empty for none, not '{value}'",
                        ["value": value]))
                }
                due = day.iso
            }
        case .title:
            title = value.isEmpty ? nil : value
        case .amountValue:
            guard let amount, amounts.indices.contains(amount) else { throw RegisterError.invalid("no amount \(amount ?? -1) in the item") }
            guard let number = Double(value.replacingOccurrences(of: ",", with: "")), number.isFinite, number >= 0 else {
                throw RegisterError.invalid(Explanation("correction.value", "an amount's value is a number such as 1500000000, not '{value}'", ["value": value]))
            }
            amounts[amount].value = number
        case .amountUnit:
            guard let amount, amounts.indices.contains(amount) else { throw RegisterError.invalid("no amount \(amount ?? -1) in the item") }
            guard !value.isEmpty, value.count <= 20 else { throw RegisterError.invalid(Explanation("correction.unit", "an amount's unit is a short code such as USD or JPY")) }
            amounts[amount].unit = value
        }
        return ItemRecord(
            extractedID: r.extractedID, sectionID: r.sectionID, section: r.section, kind: r.kind, title: title, text: r.text, span: r.span,
            modality: modality, parties: parties, due: due, sentences: r.sentences, amounts: amounts, times: r.times)
    }

    /// Where an item's values come from, as pages and exports say it: the last correction of
    /// each corrected field (`modality corrected by hanako on 2026-12-07`), or `machine-read`.
    public static func provenance(_ corrections: [Correction]) -> String {
        var last: [String: Correction] = [:]
        var order: [String] = []
        for c in corrections {
            let name = fieldName(c.field, amount: c.amount)
            if last.updateValue(c, forKey: name) == nil { order.append(name) }
        }
        guard !order.isEmpty else { return "machine-read" }
        return order.map { name in "\(name) corrected by \(last[name]!.author) on \(last[name]!.day)" }.joined(separator: "; ")
    }

    /// A field as people name it: `modality`, `due date`, `amount 2 value`.
    public static func fieldName(_ field: CorrectedField, amount: Int?) -> String {
        switch field {
        case .modality: "modality"
        case .parties: "parties"
        case .due: "due date"
        case .title: "title"
        case .amountValue: "amount \((amount ?? 0) + 1) value"
        case .amountUnit: "amount \((amount ?? 0) + 1) unit"
        }
    }
}
