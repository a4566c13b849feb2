import Foundation
import PledgeModel
import PledgeTestSupport
import Testing

@testable import PledgeExtract

/// The document's date wherever a publisher states it, and what relative times resolve to.
@Suite struct DocumentDateTests {
    /// Each row: a document; its title, date and items; every time's text and value.
    @Test(arguments: [
        (
            "THE WHITE HOUSE\nBRIEFING ROOM\nSTATEMENTS AND RELEASES\n\nFACT SHEET: The United States and Ruritania Launch a Partnership\n\nMarch 3, 2025\n\nThe United States will open a new consulate next year.\n\nRuritania will host the next summit by the end of this year.\n",
            "FACT SHEET: The United States and Ruritania Launch a Partnership", "2025-03-03", 2,
            ["March 3, 2025=2025-03-03", "next year=2026", "by the end of this year=2025"]
        ),
        (
            "日米首脳電話会談\n\n日米両国は、本年中に新たな対話を立ち上げる。\n\n日本は、来年、会合を主催する。\n\n令和元年五月一日\n外務省\n",
            "日米首脳電話会談", "2019-05-01", 2, ["本年中に=2019", "来年=2020", "令和元年五月一日=2019-05-01"]
        ),
        (
            "声明\n\n両国は、本年中に協議を開始する。\n\n平成三十一年四月三十日\n",
            "声明", "2019-04-30", 1, ["本年中に=2019", "平成三十一年四月三十日=2019-04-30"]
        ),
        (
            "日豪外相会談\n令和６年９月５日\n\n両外相は、来年、次回会合を開催する。\n",
            "日豪外相会談", "2024-09-05", 1, ["令和６年９月５日=2024-09-05", "来年=2025"]
        ),
        (
            "Joint Statement\n\nThe two countries will meet again next year.\n",
            "Joint Statement", nil, 1, ["next year=null"]
        ),
        (
            "共同声明\n\n両国は、来年末までに枠組みを設け、本年6月に会合を開き、2025年4月に協議を開始する。\n",
            "共同声明", nil, 1, ["来年末までに=null", "本年6月に=null", "2025年4月に=2025-04"]
        ),
    ] as [(String, String, String?, Int, [String])])
    func dateWhereverItIsStated(text: String, title: String, date: String?, items: Int, times: [String]) throws {
        let x = try Extractor().extract(SourceDocument(name: "doc.txt", text: text))
        #expect(x.document.title == title)
        #expect(x.document.date == date)
        #expect(x.items.count == items, "\(x.items)")
        #expect(x.times.map { "\($0.text)=\($0.value ?? "null")" } == times)
    }

    /// An HTML page's date in its markup counts when its text states none; a date in the text wins.
    @Test(arguments: [
        ("<html><head><meta property=\"article:published_time\" content=\"2024-04-11T09:00:00-04:00\"><title>Joint Statement</title></head><body><p>The two countries will meet again next year.</p></body></html>", "2024-04-11", "2025"),
        ("<html><head><title>Joint Statement</title></head><body><p>Posted <time datetime=\"2023-01-13\">January 13</time></p><p>The two countries will meet again next year.</p></body></html>", "2023-01-13", "2024"),
        ("<html><head><meta name=\"date\" content=\"2020-02-02\"><title>Joint Statement</title></head><body><p>March 3, 2025</p><p>The two countries will meet again next year.</p></body></html>", "2025-03-03", "2026"),
        ("<html><head><meta name=\"data-date\" content=\"2020-02-02\"><title>Joint Statement</title></head><body><p>The two countries will meet again next year.</p></body></html>", nil, nil),
    ] as [(String, String?, String?)])
    func htmlStatesItsDate(html: String, date: String?, nextYear: String?) throws {
        let source = try DocumentReader.read(bytes: Array(html.utf8), name: "page.html")
        let x = try Extractor().extract(source)
        #expect(x.document.date == date)
        let next = try #require(x.times.first { $0.text == "next year" }, "a relative time is kept even when no date places it")
        #expect(next.value == nextYear)
    }

    @Test func extractSaysWhenItFindsNoDate() throws {
        let file = CommandLineTool.temporaryFolder().appendingPathComponent("undated.txt")
        try Data("Joint Statement\n\nThe two countries will meet again next year.\n".utf8).write(to: file)
        let undated = try CommandLineTool.run(["extract", file.path])
        #expect(undated.status == 0)
        #expect(undated.err.contains("undated.txt: no document date found"), "\(undated.err)")
        #expect(undated.out.contains("\"date\" : null") || undated.out.contains("\"date\": null"), "\(undated.out.prefix(300))")
        let json = try JSONSerialization.jsonObject(with: Data(undated.out.utf8)) as? [String: Any]
        let times = json?["times"] as? [[String: Any]] ?? []
        #expect(times.count == 1 && times.first?["text"] as? String == "next year" && times.first?["value"] is NSNull, "\(times)")
        let report = try CommandLineTool.run(["extract", file.path, "--format", "text"])
        #expect(report.out.contains("next year") && report.out.contains("(no document date)") && !report.out.contains("Optional"), "\(report.out)")
        let dated = try CommandLineTool.run(["extract", file.path, "--date", "2024-04-10"])
        #expect(dated.status == 0 && dated.err.isEmpty, "\(dated.err)")
    }
}
