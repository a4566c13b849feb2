import PledgeModel

/// Writes an extraction as `pledge-extraction/1` JSON, streaming into any
/// `TextOutputStream` so a large document never needs its whole JSON in memory.
/// Keys come in the order FORMAT.md shows them, one record per line.
public enum ExtractionJSON {
    public static func write<Out: TextOutputStream>(_ e: Extraction, to out: inout Out) {
        out.write("{\n  \"format\": \"\(Extraction.formatName)\",\n  \"document\": {")
        field("title", string(e.document.title), &out, first: true)
        field("date", string(e.document.date), &out)
        field("language", string(e.document.language.rawValue), &out)
        field("sha256", string(e.document.sha256), &out)
        field("length", String(e.document.length), &out)
        field("parties", "[" + e.document.parties.map { string($0.rawValue) }.joined(separator: ", ") + "]", &out)
        field("issuer", string(e.document.issuer?.rawValue), &out)
        out.write("},\n")
        list("sections", e.sections, &out) { s, o in
            field("id", string(s.id), &o, first: true)
            field("heading", string(s.heading), &o)
            field("level", String(s.level), &o)
            span(s.span, &o)
        }
        list("items", e.items, &out) { i, o in
            field("id", string(i.id), &o, first: true)
            field("section", string(i.section), &o)
            field("kind", string(i.kind.rawValue), &o)
            field("title", string(i.title), &o)
            span(i.span, &o)
        }
        list("sentences", e.sentences, &out) { s, o in
            field("id", string(s.id), &o, first: true)
            field("item", string(s.item), &o)
            span(s.span, &o)
            field("modality", string(s.modality.rawValue), &o)
            field("actor", string(s.actor), &o)
            field("parties", "[" + s.parties.map { string($0.rawValue) }.joined(separator: ", ") + "]", &o)
        }
        list("amounts", e.amounts, &out) { a, o in
            span(a.span, &o, first: true)
            field("text", string(a.text), &o)
            field("kind", string(a.kind.rawValue), &o)
            field("value", number(a.value), &o)
            field("unit", string(a.unit), &o)
            field("qualifier", string(a.qualifier?.rawValue), &o)
        }
        list("times", e.times, &out) { t, o in
            span(t.span, &o, first: true)
            field("text", string(t.text), &o)
            field("role", string(t.role.rawValue), &o)
            field("value", string(t.value), &o)
            if let part = t.part { field("part", string(part.rawValue), &o) }
            if let owner = t.fiscalYearOf { field("fiscal_year_of", string(owner.rawValue), &o) }
        }
        list("terms", e.terms, &out) { t, o in
            field("short", string(t.short), &o, first: true)
            field("long", string(t.long), &o)
            span(t.span, &o)
        }
        // Running headers, footers and page numbers the reading left out (PDF).
        list("furniture", e.furniture, &out, last: true) { f, o in
            span(f, &o, first: true)
        }
        out.write("}\n")
    }

    /// The whole JSON as one string (for tests and small documents).
    public static func string(_ e: Extraction) -> String {
        var s = ""
        write(e, to: &s)
        return s
    }

    static func list<T, Out: TextOutputStream>(
        _ name: String, _ records: [T], _ out: inout Out, last: Bool = false, _ body: (T, inout Out) -> Void
    ) {
        out.write("  \"\(name)\": [")
        for (n, r) in records.enumerated() {
            out.write(n == 0 ? "\n    {" : ",\n    {")
            body(r, &out)
            out.write("}")
        }
        out.write(records.isEmpty ? "]" : "\n  ]")
        out.write(last ? "\n" : ",\n")
    }

    static func field<Out: TextOutputStream>(_ key: String, _ value: String, _ out: inout Out, first: Bool = false) {
        if !first { out.write(", ") }
        out.write("\"")
        out.write(key)
        out.write("\": ")
        out.write(value)
    }

    static func span<Out: TextOutputStream>(_ s: SourceSpan, _ out: inout Out, first: Bool = false) {
        field("start", String(s.start), &out, first: first)
        field("end", String(s.end), &out)
    }

    /// Integers print without a fraction (15000000000); other values as Swift prints doubles.
    public static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 9e15 { return String(Int64(v)) }
        return String(v)
    }

    /// A JSON string literal, or `null`.
    public static func quoted(_ s: String?) -> String { string(s) }

    static func string(_ s: String?) -> String {
        guard let s else { return "null" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    out += "\\u00" + String(u.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
