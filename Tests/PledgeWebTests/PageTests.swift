import Foundation
import Hummingbird
import HummingbirdTesting
import PledgeExtract
import PledgeRegister
import PledgeTestSupport
import PledgeWeb
import Testing

@testable import PledgeWeb

/// What a reader sees on each page of `pledge serve`.
@Suite struct PageTests {
    @Test func dashboardShowsCountsLateItemsAndCharts() async throws {
        let site = try await WebFixture()
        let overdue = try await site.register.count(matching: ItemQuery(overdueOn: WebFixture.today))
        try await site.test { client in
            let page = try await client.get("/")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("Commitments as of \(WebFixture.today)"))
            #expect(html.contains("<strong>\(overdue)</strong> overdue"))
            // 本年6月までに: #8 is due 2024-06-30 and is overdue on the fixture's day.
            #expect(html.contains("2024-04-10-japan-us#8</a> <span class=\"due late\">2024-06-30</span>"))
            // Inline SVG: the timeline's bars count every dated item once, the money charts bars.
            let dated = try await site.register.count(matching: ItemQuery(dueBefore: "9999-12-31"))
            let counted = html.matches(of: /<title>[0-9-]+: ([0-9]+) (overdue|open|kept or broken)<\/title>/).map { Int($0.1)! }
            #expect(counted.reduce(0, +) == dated && counted.count > 3)
            #expect(html.contains("aria-label=\"Due dates of \(dated) items from 2024 to 2050 by year, \(overdue) overdue\""))
            #expect(html.contains("aria-label=\"Money by actor (USD)\""))
            #expect(html.contains(">マイクロソフト社</text>"))
            #expect(html.contains("$2.9 bn"))
            #expect(html.contains("aria-label=\"Money by section (USD)\""))
            #expect(!html.contains("<script"))
        }
    }

    @Test func japaneseSearchListsExactlyTheMatchingItems() async throws {
        let site = try await WebFixture()
        let expected = try await site.register.items(matching: ItemQuery(search: "量子")).map(\.id)
        #expect(expected.count >= 2)
        try await site.test { client in
            let page = try await client.get("/items?q=" + formEncode("量子"))
            let html = page.text
            #expect(html.contains("\(expected.count) items"))
            for id in expected { #expect(html.contains(">\(id)</a>")) }
            let listed = html.components(separatedBy: "class=\"item-row\"").count - 1
            #expect(listed == expected.count)
            // Every listed excerpt holds the word.
            #expect(html.components(separatedBy: "<p lang=").dropFirst().allSatisfy { $0.contains("量子") })
        }
    }

    @Test func facetsCountWhatEachFilterWouldGive() async throws {
        let site = try await WebFixture()
        let committed = try await site.register.count(matching: ItemQuery(modality: .commit))
        let japanCommitted = try await site.register.count(matching: ItemQuery(modality: .commit, party: .JP))
        try await site.test { client in
            let all = try await client.get("/items").text
            #expect(all.contains("<a href=\"/items?modality=commit\">committed</a> <span class=\"count\">\(committed)</span>"))
            let filtered = try await client.get("/items?modality=commit&party=JP").text
            #expect(filtered.contains("\(japanCommitted) items"))
            // The party facet keeps the modality filter; its own value is marked chosen.
            #expect(filtered.contains("<li class=\"selected\"><a href=\"/items?modality=commit&amp;party=JP\">Japan · 日本</a> <span class=\"count\">\(japanCommitted)</span>"))
            #expect(filtered.contains("<a class=\"filter\" href=\"/items?party=JP\""))
            // Paging: 50 a page.
            #expect(all.contains("page 1 of \((try await site.register.count(matching: ItemQuery()) + 49) / 50)"))
            let second = try await client.get("/items?page=2").text
            let total = try await site.register.count(matching: ItemQuery())
            #expect(second.contains("51–\(min(100, total)) shown"))
            let bad = try await client.get("/items?modality=promised")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("unknown modality"))
        }
    }

    @Test func itemPageMarksAmountsTimesAndAbbreviations() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let page = try await client.get(itemPath("2024-04-10-japan-us#24"))
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<mark class=\"amount\" title=\"$2.9 bn\">29億ドル</mark>"))
            #expect(html.contains("<mark class=\"time\" title=\"duration P2Y, due 2026-04-10\">今後2年間で</mark>"))
            #expect(html.contains("actor: マイクロソフト社"))
            #expect(html.contains("No progress recorded yet."))
            // Anonymous readers get no form.
            #expect(!html.contains("name=\"csrf\""))
            let withTerm = try await client.get(itemPath("2024-04-10-japan-us#8")).text
            #expect(withTerm.contains("<abbr title="))
            let missing = try await client.get(itemPath("2024-04-10-japan-us#999"))
            #expect(missing.status == .notFound)
        }
    }

    /// A document read without a date says so on its page, since its relative times stay unresolved.
    @Test func anUndatedDocumentSaysSo() async throws {
        let site = try await WebFixture()
        let source = SourceDocument(name: "undated.txt", text: "Joint Statement\n\nThe two countries will meet again next year.\n")
        _ = try await site.register.ingest(try DocumentLoader.record(source, key: "undated-statement", label: "undated.txt"))
        try await site.test { client in
            let page = try await client.get("/documents/undated-statement").text
            #expect(page.contains("No date was found in this document"))
        }
    }

    @Test func documentGlossaryAndSideBySide() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let document = try await client.get("/documents/2024-04-10-japan-us").text
            #expect(document.components(separatedBy: "<span class=\"item\"").count - 1 == 97)
            #expect(!document.contains("No date was found"), "the fact sheet states its date")
            #expect(document.contains("href=\"/items/2024-04-10-japan-us%2317\">#17</a>"))
            #expect(document.contains("<mark class=\"amount\""))
            let glossary = try await client.get("/glossary").text
            #expect(glossary.contains(">DSTCG</a>"))
            let pairs = try await client.get("/documents/2024-04-10-japan-us/side-by-side").text
            // Both seeds hold 97 items and they pair one to one.
            #expect(pairs.components(separatedBy: "<td lang=\"ja\"><a href=").count - 1 == 97)
            #expect(pairs.components(separatedBy: "<td lang=\"en\"><a href=").count - 1 == 97)
            #expect(pairs.contains("2024-04-10-japan-us#24</a>") && pairs.contains("2024-04-10-japan-us-en#24</a>"))
            let list = try await client.get("/documents").text
            #expect(list.contains("side by side"))
        }
    }

    /// Headings, bullets and bold read as such, with every item still linked and marked.
    @Test func aDocumentReadsAsADocument() async throws {
        let site = try await WebFixture()
        let text = """
            # Joint Statement on Harbours

            March 3, 2025

            #### **Maritime Cooperation**

            **Harbour Fund**: Japan will provide $5 million to the Palau harbour fund by 2027.

            - The United States will train 40 harbour pilots by 2026.
            - Both countries will review the fund each year.

            """
        let record = try DocumentLoader.record(SourceDocument(name: "harbours.en.txt", text: text), key: "2025-03-03-harbours", label: "harbours.en.txt")
        _ = try await site.register.ingest(record)
        let items = try await site.register.items(matching: ItemQuery(document: "2025-03-03-harbours"))
        #expect(items.count >= 3)
        try await site.test { client in
            let page = try await client.get("/documents/2025-03-03-harbours").text
            let body = try #require(page.components(separatedBy: "<div class=\"document-text\"").last?.components(separatedBy: "</div>").first)
            #expect(!body.contains("# ") && !body.contains("##"), "no heading markers")
            #expect(!body.contains("**") && !body.contains("\n- "), "no bold or bullet markers")
            // Levels the text skips (# then ####) are not skipped on the page.
            #expect(body.contains("role=\"heading\" aria-level=\"3\"><strong>Maritime Cooperation</strong></span>"))
            #expect(body.contains("role=\"heading\" aria-level=\"2\">Joint Statement on Harbours</span>"))
            #expect(body.contains("<strong>Harbour Fund</strong>"))
            #expect(body.components(separatedBy: "<span class=\"bullet\">").count - 1 == 2)
            #expect(body.components(separatedBy: "<span class=\"item\"").count - 1 == items.count, "every item marked")
            for item in items { #expect(body.contains("href=\"/items/2025-03-03-harbours%23\(item.number)\">#\(item.number)</a>")) }
            #expect(body.contains("<mark class=\"amount\""))
        }
    }

    @Test func exportsDownload() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let csv = try await client.get("/export.csv")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("\u{FEFF}id,"))
            let json = try await client.get("/export.json")
            let archive = try JSONExport.decode(Data(buffer: json.body), file: "export.json")
            #expect(archive.documents.count == 2)
            let ics = try await client.get("/calendar.ics").text
            #expect(ics.hasPrefix("BEGIN:VCALENDAR"))
            #expect(ics.contains("DTSTART;VALUE=DATE:20240630"))
        }
    }
}

/// Parties on the web: any country by its code, named for people, scored one by one.
@Suite struct PartyPageTests {
    static let philippines = """
        FACT SHEET: President Biden Welcomes President Marcos of the Philippines

        April 30, 2024

        Our two countries will expand cooperation on clean energy and critical minerals.

        The Philippines will host a new regional training center for maritime law enforcement by 2025.

        """

    @Test func aCountryIsFilteredNamedAndScoredOnItsOwn() async throws {
        let site = try await WebFixture()
        let stored = try await site.register.ingest(
            DocumentLoader.record(SourceDocument(name: "us-ph.txt", text: Self.philippines), key: nil, label: "us-ph.txt"))
        _ = try await site.register.record(NewEvent(status: .kept, date: "2024-12-01", author: "editor-user"), item: stored.document + "#2")
        try await site.test { client in
            let list = try await client.get("/items?party=PH")
            #expect(list.status == .ok)
            #expect(list.text.contains("2 items"))
            #expect(list.text.contains(">\(stored.document)#1</a>") && list.text.contains(">\(stored.document)#2</a>"))
            // The facet names the country in both languages.
            #expect(list.text.contains("<li class=\"selected\"><a href=\"/items?party=PH\">Philippines · フィリピン</a> <span class=\"count\">2</span>"))
            let unknown = try await client.get("/items?party=XX")
            #expect(unknown.status == .badRequest)
            let api = try await client.get("/api/v1/items?party=ph")
            #expect(api.status == .ok && api.text.contains("\"\(stored.document)#2\""))
            let dashboard = try await client.get("/").text
            #expect(dashboard.contains("<h2>Compliance by party</h2>"))
            #expect(dashboard.contains(
                "<tr><th><a href=\"/items?party=PH\">Philippines · フィリピン</a></th><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">+1.00</td>"))
            let item = try await client.get("/items/" + stored.document + "%231").text
            #expect(item.contains("Philippines · フィリピン (PH), United States · 米国 (US)"))
        }
    }
}

/// A long document is shown in parts cut at line ends, so no page grows with the document
/// and every item is on the part (or the two parts) its text lies in.
@Suite struct LongDocumentTests {
    @Test func aLongDocumentIsShownInParts() async throws {
        let path = CommandLineTool.temporaryFolder().appendingPathComponent("register.sqlite").path
        let register = try await SQLiteRegister.open(path: path, seed: false)
        let lines = (1...300).map { "\($0). The United States will provide $\($0) million for harbour project \($0) in Palau." }
        let text = "Long Fact Sheet\n\n" + lines.joined(separator: "\n") + "\n"
        _ = try await register.ingest(DocumentLoader.record(SourceDocument(name: "long.en.txt", text: text), key: "long", label: "long.en.txt"))
        var options = WebOptions(today: { WebFixture.today })
        options.documentPartLength = 2_000
        let app = try await WebApp(register: register, options: options)
        try await Application(router: app.router()).test(.router) { client in
            let first = try await client.get("/documents/long")
            #expect(first.status == .ok)
            let label = try #require(first.text.firstMatch(of: /Part 1 of (\d+)/), "the page says it is a part")
            let count = try #require(Int(label.1))
            #expect(count >= 10, "about 25,000 characters in parts of about 2,000")
            #expect(first.text.contains("harbour project 1 in Palau") && !first.text.contains("harbour project 300 in Palau"))
            var seen = Set<Int>()
            for part in 1...count {
                let page = try await client.get(part == 1 ? "/documents/long" : "/documents/long?part=\(part)")
                #expect(page.status == .ok)
                #expect(page.text.contains("<strong aria-current=\"page\">\(part)</strong>"))
                #expect(page.body.readableBytes < 20_000, "part \(part) stays small: \(page.body.readableBytes) bytes")
                for match in page.text.matches(of: /<a class="number" href="[^"]*">#(\d+)<\/a>/) { seen.insert(Int(match.1)!) }
            }
            #expect(seen == Set(1...300), "every item is linked from a part")
            let last = try await client.get("/documents/long?part=\(count)")
            #expect(last.text.contains("harbour project 300 in Palau") && !last.text.contains("harbour project 1 in Palau"))
            #expect(try await client.get("/documents/long?part=\(count + 1)").status == .notFound)
            #expect(try await client.get("/documents/long?part=0").status == .badRequest)
            #expect(try await client.get("/documents/long?part=two").status == .badRequest)
        }
    }

    /// A document that is one long paragraph is one long item: its page shows the first part
    /// and at most 200 of each list, and says so.
    @Test func aVeryLongItemIsShownInPart() async throws {
        let path = CommandLineTool.temporaryFolder().appendingPathComponent("register.sqlite").path
        let register = try await SQLiteRegister.open(path: path, seed: false)
        let paragraph = (1...300).map { "The United States will provide $\($0) million for harbour project \($0) in Palau." }.joined(separator: " ")
        _ = try await register.ingest(DocumentLoader.record(SourceDocument(name: "one.en.txt", text: "One Paragraph\n\n" + paragraph + "\n"), key: "one", label: "one.en.txt"))
        let items = try await register.items(matching: ItemQuery(document: "one"))
        let id = try #require(items.count == 1 ? items.first?.id : nil)
        var options = WebOptions(today: { WebFixture.today })
        options.documentPartLength = 2_000
        let app = try await WebApp(register: register, options: options)
        try await Application(router: app.router()).test(.router) { client in
            let page = try await client.get("/items/" + id.replacingOccurrences(of: "#", with: "%23"))
            #expect(page.status == .ok)
            #expect(page.text.contains("the first 2000 are shown, with at most 200 of its 300 sentences"))
            #expect(page.text.contains("harbour project 1 in Palau") && !page.text.contains("harbour project 300 in Palau"))
            #expect(page.text.components(separatedBy: "<li><p lang=").count - 1 == 200)
            #expect(page.body.readableBytes < 120_000, "\(page.body.readableBytes) bytes")
        }
    }

    @Test func aShortDocumentIsOnePage() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let page = try await client.get("/documents/2024-04-10-japan-us")
            #expect(page.status == .ok && !page.text.contains("Part 1 of"))
            #expect(try await client.get("/documents/2024-04-10-japan-us?part=2").status == .notFound)
        }
    }
}
