import Foundation
import PledgeExtract
import PledgeModel

/// An item's sentences, amounts and time expressions as one JSON value, as the SQLite
/// register keeps them in the item's row.
///
/// They are only ever read with their item, and a row per part made an ingest write
/// three or four times as many rows as items. Sentences are kept as spans: their text
/// is cut from the item's when read. The JSON is made on the thread that extracted the
/// document, so the single writer only stores it.
struct ItemParts: Codable, Equatable {
    struct Sentence: Codable, Equatable {
        var start: Int
        var end: Int
        var modality: Modality
        var actor: String?
        var parties: [Party]
    }

    var sentences: [Sentence]
    var amounts: [StoredAmount]
    var times: [StoredTime]

    init(sentences: [StoredSentence], amounts: [StoredAmount], times: [StoredTime]) {
        self.sentences = sentences.map {
            Sentence(start: $0.span.start, end: $0.span.end, modality: $0.modality, actor: $0.actor, parties: $0.parties)
        }
        self.amounts = amounts
        self.times = times
    }

    /// The JSON that `JSONEncoder` would write, written directly: at a few dozen items a
    /// document, `JSONEncoder` took longer than the rest of the document's extraction.
    func encoded() -> String {
        var json = JSONWriter()
        json.object { j in
            j.key("sentences")
            j.array(sentences) { j, s in
                j.object { j in
                    j.key("start"); j.number(s.start)
                    j.key("end"); j.number(s.end)
                    j.key("modality"); j.string(s.modality.rawValue)
                    if let actor = s.actor { j.key("actor"); j.string(actor) }
                    j.key("parties"); j.array(s.parties) { j, p in j.string(p.rawValue) }
                }
            }
            j.key("amounts")
            j.array(amounts) { j, a in
                j.object { j in
                    j.key("text"); j.string(a.text)
                    j.key("span"); j.span(a.span)
                    j.key("kind"); j.string(a.kind.rawValue)
                    j.key("value"); j.number(a.value)
                    j.key("unit"); j.string(a.unit)
                    if let qualifier = a.qualifier { j.key("qualifier"); j.string(qualifier.rawValue) }
                }
            }
            j.key("times")
            j.array(times) { j, t in
                j.object { j in
                    j.key("text"); j.string(t.text)
                    j.key("span"); j.span(t.span)
                    j.key("role"); j.string(t.role.rawValue)
                    if let value = t.value { j.key("value"); j.string(value) }
                    if let part = t.part { j.key("part"); j.string(part.rawValue) }
                    if let due = t.due { j.key("due"); j.string(due) }
                }
            }
        }
        return json.text
    }

    static func decode(_ json: String) throws -> ItemParts {
        try JSONDecoder().decode(ItemParts.self, from: Data(json.utf8))
    }

    /// The sentences with their text, cut from the text of their item (which starts at `itemSpan`).
    func storedSentences(itemText: String, itemSpan: SourceSpan) -> [StoredSentence] {
        let slicer = TextSlicer(itemText)
        return sentences.map {
            StoredSentence(
                text: slicer.slice(SourceSpan($0.start - itemSpan.start, $0.end - itemSpan.start)),
                span: SourceSpan($0.start, $0.end), modality: $0.modality, actor: $0.actor, parties: $0.parties)
        }
    }
}

/// Compact JSON, written in one pass: objects, arrays, strings and numbers.
struct JSONWriter {
    private(set) var text = ""
    /// Whether the next value or key is the first of its object or array.
    private var first = true

    private mutating func separate() {
        if !first { text += "," }
        first = false
    }

    mutating func object(_ members: (inout JSONWriter) -> Void) {
        separate()
        text += "{"
        first = true
        members(&self)
        text += "}"
        first = false
    }

    mutating func array<T>(_ elements: [T], _ element: (inout JSONWriter, T) -> Void) {
        separate()
        text += "["
        first = true
        for e in elements { element(&self, e) }
        text += "]"
        first = false
    }

    /// A key; the value written next belongs to it.
    mutating func key(_ name: String) {
        separate()
        text += "\"" + name + "\":"
        first = true
    }

    mutating func number(_ value: Int) {
        separate()
        text += String(value)
    }

    /// A finite number as an extraction writes it: integers without a fraction.
    mutating func number(_ value: Double) {
        separate()
        text += value.isFinite ? ExtractionJSON.number(value) : "0"
    }

    mutating func span(_ span: SourceSpan) {
        object { j in
            j.key("start"); j.number(span.start)
            j.key("end"); j.number(span.end)
        }
    }

    mutating func string(_ value: String) {
        separate()
        text += ExtractionJSON.quoted(value)
    }
}

extension ItemParts {
    /// Takes a newer reading's parties and due dates, matched by span.
    mutating func apply(_ reading: ItemReading) {
        for (span, parties) in reading.sentences {
            for k in sentences.indices where sentences[k].start == span.start && sentences[k].end == span.end { sentences[k].parties = parties }
        }
        for (span, due) in reading.times {
            for k in times.indices where times[k].span == span { times[k].due = due }
        }
    }
}
