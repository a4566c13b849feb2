import PledgeModel

/// A plain-text report of an extraction for people: each section with its items,
/// each sentence as written with its modality, parties and actor, then amounts,
/// times and terms.
public enum ExtractionReport {
    /// `text` is the document text the spans index (`SourceDocument.text`).
    public static func write<Out: TextOutputStream>(_ e: Extraction, text: String, to out: inout Out) {
        var quoter = Quoter(text)
        out.write("\(e.document.title ?? "(untitled)")\n")
        out.write("date \(e.document.date ?? "unknown") · language \(e.document.language.rawValue) · ")
        out.write("\(e.sections.count) sections · \(e.items.count) items · \(e.sentences.count) sentences · ")
        out.write("\(e.amounts.count) amounts · \(e.times.count) times · \(e.terms.count) terms\n")
        let sentencesByItem = Dictionary(grouping: e.sentences, by: \.item)
        let itemsBySection = Dictionary(grouping: e.items, by: \.section)
        for section in e.sections {
            out.write("\n== \(section.id) \(section.heading ?? "(preamble)")\n")
            for item in itemsBySection[section.id] ?? [] {
                out.write("\n  \(item.id) [\(item.kind.rawValue)] \(item.title ?? "")\n")
                for s in sentencesByItem[item.id] ?? [] {
                    let parties = s.parties.isEmpty ? "-" : s.parties.map(\.rawValue).joined(separator: ",")
                    out.write("    \(s.id.padding(5)) \(s.modality.rawValue.padding(7)) \(parties.padding(12)) \(s.actor ?? "-")\n")
                    out.write("          \(quoter.quote(s.span).replacingNewlines())\n")
                }
            }
        }
        if !e.amounts.isEmpty { out.write("\nAmounts\n") }
        for a in e.amounts {
            out.write("  \(a.text.padding(18)) \(a.kind.rawValue) \(ExtractionJSON.number(a.value)) \(a.unit) \(a.qualifier?.rawValue ?? "")\n")
        }
        if !e.times.isEmpty { out.write("\nTimes\n") }
        for t in e.times {
            out.write("  \(t.text.padding(18)) \(t.role.rawValue.padding(8)) \(t.value ?? "(no document date)")\n")
        }
        if !e.terms.isEmpty { out.write("\nTerms\n") }
        for t in e.terms {
            out.write("  \(t.short.padding(10)) \(t.long)\n")
        }
    }
}

/// Quotes spans of a text in increasing order, walking it once.
struct Quoter {
    let scalars: String.UnicodeScalarView
    var index: String.UnicodeScalarView.Index
    var offset = 0

    init(_ text: String) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
    }

    mutating func quote(_ span: SourceSpan) -> String {
        if span.start < offset {
            index = scalars.startIndex
            offset = 0
        }
        index = scalars.index(index, offsetBy: span.start - offset)
        let end = scalars.index(index, offsetBy: span.length)
        offset = span.start
        return String(scalars[index..<end])
    }
}

extension String {
    func replacingNewlines() -> String {
        String(unicodeScalars.filter { $0 != "\n" && $0 != "\r" }.map(Character.init))
    }

    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
