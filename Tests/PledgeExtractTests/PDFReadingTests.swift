import Foundation
import PledgeModel
import PledgeTestSupport
import Testing

@testable import PledgeExtract

/// Scores an extraction of one rendering of a document (a PDF) against the gold of another
/// (the text it was typeset from) by content, as the issue's bars are set: headings, item
/// and sentence texts with page furniture and spaces taken out, titles, amount values and
/// units, time values. Each field is the F1 of the two multisets.
struct ContentScorer {
    struct Figures {
        var sections = 0.0, items = 0.0, titles = 0.0, sentences = 0.0, amounts = 0.0, times = 0.0
    }

    static func norm(_ s: String?) -> String {
        let drop: Set<Unicode.Scalar> = ["*", "#", "\u{336}", "—", "–", "-"]
        return String(String.UnicodeScalarView((s ?? "").precomposedStringWithCompatibilityMapping.unicodeScalars.filter {
            !$0.properties.isWhitespace && !drop.contains($0)
        }))
    }

    static func f1<T: Hashable>(_ system: [T], _ gold: [T]) -> Double {
        var counts: [T: Int] = [:]
        for g in gold { counts[g, default: 0] += 1 }
        var tp = 0
        for s in system where counts[s, default: 0] > 0 { counts[s]! -= 1; tp += 1 }
        let p = system.isEmpty ? 1 : Double(tp) / Double(system.count), r = gold.isEmpty ? 1 : Double(tp) / Double(gold.count)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// The text of `span` without the furniture lines inside it.
    static func text(_ scalars: [Unicode.Scalar], _ span: SourceSpan, without furniture: [SourceSpan]) -> String {
        var out = String.UnicodeScalarView()
        var at = span.start
        for f in furniture.sorted(by: { $0.start < $1.start }) where f.end > span.start && f.start < span.end {
            if f.start > at { out.append(contentsOf: scalars[at..<f.start]) }
            at = max(at, f.end)
        }
        if at < span.end { out.append(contentsOf: scalars[at..<span.end]) }
        return String(out)
    }

    static func score(_ x: Extraction, text: String, gold: GoldScorer.Gold, goldText: String) -> Figures {
        let s = Array(text.unicodeScalars), g = Array(goldText.unicodeScalars)
        func cut(_ span: SourceSpan) -> String { norm(Self.text(s, span, without: x.furniture)) }
        func goldCut(_ start: Int, _ end: Int) -> String { norm(String(String.UnicodeScalarView(g[start..<end]))) }
        var f = Figures()
        f.sections = f1(x.sections.compactMap(\.heading).map(norm), gold.sections.compactMap(\.heading).map(norm))
        f.items = f1(x.items.map { cut($0.span) }, gold.items.map { goldCut($0.start, $0.end) })
        f.titles = f1(x.items.compactMap(\.title).map(norm), gold.items.compactMap(\.title).map(norm))
        f.sentences = f1(x.sentences.map { cut($0.span) }, gold.sentences.map { goldCut($0.start, $0.end) })
        f.amounts = f1(x.amounts.map { "\($0.value) \($0.unit)" }, gold.amounts.map { "\($0.value) \($0.unit)" })
        f.times = f1(x.times.map(\.value), gold.times.map(\.value))
        return f
    }
}

/// PDFs as ministries and the White House publish them, typeset by `Fixtures/pdf/make.py`:
/// running headers and footers, page numbers, wrapped lines, paragraphs cut by page breaks.
@Suite(.enabled(if: OptionalTool.shouldRun([.program("pdftotext")]), Comment(rawValue: OptionalTool.skipMessage([.program("pdftotext")]))))
struct PDFReadingTests {
    func read(_ name: String) throws -> (SourceDocument, Extraction) {
        try OptionalTool.require([.program("pdftotext")])
        let source = try DocumentReader.read(path: fixtureURL("pdf/" + name).path)
        return (source, try Extractor().extract(source))
    }

    func gold(_ name: String) throws -> (GoldScorer.Gold, String) {
        (try JSONDecoder().decode(GoldScorer.Gold.self, from: Data(contentsOf: fixtureURL(name + ".json"))),
         try String(contentsOf: fixtureURL(name + ".txt"), encoding: .utf8))
    }

    @Test func ministryLayoutPDF() throws {
        let (source, x) = try read("ministry-layout.ja.pdf")
        let (gold, goldText) = try gold("ministry-layout/ministry-layout.ja")
        let f = ContentScorer.score(x, text: source.text, gold: gold, goldText: goldText)
        #expect(f.sections >= 0.95, "sections \(f.sections)")
        #expect(f.items >= 0.90 && f.titles >= 0.90 && f.sentences >= 0.90, "items \(f.items), titles \(f.titles), sentences \(f.sentences)")
        #expect(f.amounts >= 0.97 && f.times >= 0.93, "amounts \(f.amounts), times \(f.times)")
        #expect(x.document.title == "ファクトシート：岸田総理大臣の国賓待遇での米国公式訪問")
        #expect(x.document.date == "2024-04-10")
        try expectFurnitureLeftOut(source, x, header: "日米ファクトシート（仮訳）")
    }

    @Test func whiteHouseStylePDF() throws {
        let (source, x) = try read("fact-sheet.en.pdf")
        let (gold, goldText) = try gold("2024-04-10-japan-us-fact-sheet.en")
        let f = ContentScorer.score(x, text: source.text, gold: gold, goldText: goldText)
        #expect(f.items >= 0.95 && f.sentences >= 0.95 && f.titles >= 0.90, "items \(f.items), sentences \(f.sentences), titles \(f.titles)")
        #expect(f.amounts >= 0.97 && f.times >= 0.90, "amounts \(f.amounts), times \(f.times)")
        #expect(x.document.title == "FACT SHEET: Japan Official Visit with State Dinner to the United States")
        #expect(x.document.date == "2024-04-10")
        try expectFurnitureLeftOut(source, x, header: "The White House")
        // A word wrapped after its hyphen is read whole.
        let scalars = Array(source.text.unicodeScalars)
        #expect(x.sentences.contains { ContentScorer.text(scalars, $0.span, without: x.furniture).contains("U.S.-Japan") })
    }

    /// Page numbers and running lines are furniture; every span still quotes `pledge text`.
    func expectFurnitureLeftOut(_ source: SourceDocument, _ x: Extraction, header: String) throws {
        let scalars = Array(source.text.unicodeScalars)
        func quote(_ span: SourceSpan) -> String { String(String.UnicodeScalarView(scalars[span.start..<span.end])) }
        let furniture = x.furniture.map { quote($0).trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{0C}"))) }
        #expect(furniture.filter { $0 == header }.count >= 10, "the running line on every page")
        #expect(furniture.contains { Layout.isPageNumber(Array($0.unicodeScalars)[...]) })
        for s in x.sentences {
            let read = ContentScorer.text(scalars, s.span, without: x.furniture)
            #expect(!read.contains(header), "\(read)")
        }
        for a in x.amounts { #expect(quote(a.span) == a.text) }
        for t in x.times { #expect(quote(t.span) == t.text) }
    }

    /// A PDF whose text states no date is dated by its creation date, and its relative times resolve.
    @Test func theCreationDateDatesAnUndatedPDF() throws {
        try OptionalTool.require([.program("pdftotext"), .program("pdfinfo")])
        let source = try DocumentReader.read(path: fixtureURL("pdf/undated.en.pdf").path)
        #expect(source.statedDate == Day(iso: "2024-04-10"))
        let x = try Extractor().extract(source)
        #expect(x.document.date == "2024-04-10")
        #expect(x.times.map { "\($0.text)=\($0.value ?? "null")" } == ["next year=2025"])
    }

    @Test(arguments: [
        ("encrypted.pdf", "is an encrypted PDF"),
        ("scanned.pdf", "is a PDF without a text layer"),
    ])
    func unreadablePDFsAreNamed(file: String, problem: String) throws {
        try OptionalTool.require([.program("pdftotext")])
        let result = try CommandLineTool.run(["extract", fixtureURL("pdf/" + file).path])
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("pledge: ") && result.err.contains(file + ": " + problem), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1 && result.out.isEmpty)
    }
}
