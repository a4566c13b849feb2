import Foundation
import PledgeModel
import Testing

@testable import PledgeExtract

func fixtureURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
}

let seedName = "2024-04-10-japan-us-fact-sheet.ja"

func seedExtraction(bytes: [UInt8]? = nil) throws -> Extraction {
    let data = try bytes ?? [UInt8](Data(contentsOf: fixtureURL(seedName + ".txt")))
    return try Extractor().extract(DocumentReader.read(bytes: data, name: seedName))
}

/// Holds the extraction of the Japan–US fact sheet to the bars the project set,
/// scored against the hand-made gold annotation with the shared scorer's rules.
@Suite struct SeedQualityTests {
    @Test func meetsEveryBarOnTheGold() throws {
        let gold = try JSONDecoder().decode(GoldScorer.Gold.self, from: Data(contentsOf: fixtureURL(seedName + ".json")))
        let f = GoldScorer.score(try seedExtraction(), gold)
        #expect(f.sections >= 1.0, "sections F1 \(f.sections)")
        #expect(f.itemsStrict >= 0.98, "items (strict) F1 \(f.itemsStrict)")
        #expect(f.sentences >= 0.98, "sentences F1 \(f.sentences)")
        #expect(f.amountsStrict >= 0.97, "amounts (strict) F1 \(f.amountsStrict)")
        #expect(f.timesStrict >= 0.93, "times (strict) F1 \(f.timesStrict)")
        #expect(f.terms >= 0.90, "terms F1 \(f.terms)")
        #expect(f.modality >= 0.85, "modality accuracy \(f.modality)")
        #expect(f.parties >= 0.85, "parties accuracy \(f.parties)")
    }

    @Test func readsTheDocumentHeader() throws {
        let x = try seedExtraction()
        #expect(x.document.title == "ファクトシート：岸田総理大臣の国賓待遇での米国公式訪問")
        #expect(x.document.date == "2024-04-10")
        #expect(x.document.language == .ja)
        #expect(x.document.length == 22584)
        #expect(x.document.sha256 == "8cdaa594506537bec63cf4379225c30fe289f716a937c905bb9e0a942463d6e4")
    }

    /// Every span quotes the text it claims to.
    @Test func spansQuoteTheirText() throws {
        let text = try String(contentsOf: fixtureURL(seedName + ".txt"), encoding: .utf8)
        let scalars = Array(text.unicodeScalars)
        func quote(_ s: SourceSpan) -> String { String(String.UnicodeScalarView(scalars[s.start..<s.end])) }
        let x = try seedExtraction()
        for a in x.amounts { #expect(quote(a.span) == a.text) }
        for t in x.times { #expect(quote(t.span) == t.text) }
        for t in x.terms { #expect(quote(t.span).contains(t.short)) }
        for s in x.sentences {
            #expect(quote(s.span).hasSuffix("。"))
            if let actor = s.actor { #expect(quote(s.span).contains(actor)) }
        }
    }

    /// A paragraph cut by a page break, with its last character printed twice, is one
    /// item whose sentence reads through the break.
    @Test func joinsParagraphsCutByPageBreaks() throws {
        let text = """
            **主要な商業取引**：我々は、シリコンバレーにおいて日本のスタートアップ企業を支援するジャパン・イノベーション・キ

            キャンパスの設立を歓迎する。

            次の段落である。
            """
        let x = try extract(text)
        #expect(x.items.count == 2)
        #expect(x.sentences.count == 2)
        #expect(x.sentences.first?.modality == .welcome)
        #expect(x.items.first?.span.end == text.unicodeScalars.firstIndex(of: "。").map { text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0) + 1 })
    }

    /// A due date comes from the end of the named period.
    @Test(arguments: [
        ("本年6月までに", "2024-06-30"), ("2026年3月までに", "2026-03-31"), ("来年末までに", "2025-12-31"),
        ("令和7年度末までに", "2026-03-31"), ("今後2年間で", "2026-04-10"), ("7月中旬までに", "2024-07-20"),
    ])
    func dueDates(phrase: String, due: String) throws {
        let t = try #require(try extract(phrase).times.first)
        #expect(t.dueDay(anchor: Day(iso: "2024-04-10"))?.iso == due)
    }
}
