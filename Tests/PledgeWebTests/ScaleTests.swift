import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PledgeExtract
import PledgeModel
import PledgeRegister
import Testing

/// Pages stay the same size however many documents the register holds: lists come a page at
/// a time with counts and links to the rest.
@Suite struct ScaleTests {
    /// The seeded site plus `count` small statements, each with an abbreviation, a pledge
    /// overdue on the fixture's today and one due within 90 days of it.
    static func crowded(_ count: Int) async throws -> WebFixture {
        let site = try await WebFixture()
        var records: [DocumentRecord] = []
        for n in 1...count {
            let date = String(format: "2019-%02d-%02d", n % 12 + 1, n % 28 + 1)
            let text = """
                # Joint Statement on Coastal Security \(n)

                1. Japan will deliver \(n) patrol boats to the Coast Guard Agency (CGA) by March 2020.
                2. The United States will provide $\(n) million to the CGA by 31 March 2025.
                3. \(company(n)) Corporation will invest $\(n * 10) million in the CGA.

                """
            let extraction = try Extractor(options: ExtractionOptions(date: Day(iso: date), language: .en))
                .extract(SourceDocument(name: "statement-\(n).txt", text: text))
            records.append(DocumentRecord(key: "\(date)-statement-\(n)", source: "statement-\(n).txt", text: text, extraction: extraction))
        }
        _ = try await site.register.ingest(records)
        return site
    }

    /// A company name of its own for each number, of letters only (Kalo, Miru, Kaneto).
    static func company(_ n: Int) -> String {
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi"]
        var word = "", rest = n
        repeat {
            word += syllables[rest % 8]
            rest /= 8
        } while rest > 0
        return word.prefix(1).uppercased() + word.dropFirst() + "ben"
    }

    /// How many times `marker` occurs in `html`.
    static func occurrences(_ marker: String, in html: String) -> Int { html.components(separatedBy: marker).count - 1 }

    @Test func documentsAndGlossaryComeAPageAtATime() async throws {
        let site = try await Self.crowded(60)
        try await site.test { client in
            let first = try await client.get("/documents").text
            #expect(Self.occurrences("<td class=\"num\">", in: first) == 50)
            #expect(first.contains("62 documents, newest first") && first.contains("page 1 of 2"))
            #expect(first.contains("href=\"/documents?page=2\""))
            let second = try await client.get("/documents?page=2").text
            #expect(Self.occurrences("<td class=\"num\">", in: second) == 12 && !second.contains("rel=\"next\""))
            #expect(try await client.get("/documents?page=0").status == .badRequest)

            let glossary = try await client.get("/glossary").text
            let terms = try await site.register.glossaryCount(document: nil)
            #expect(terms > 60)
            #expect(Self.occurrences("<tr><th><a", in: glossary) == 50 && glossary.contains("\(terms) abbreviations"))
            #expect(glossary.contains("href=\"/glossary?page=2\""))

            let api = try await client.get("/api/v1/documents?limit=10&offset=20")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [[String: Any]])
            #expect(rows.count == 10 && api.headers[HTTPField.Name("X-Total-Count")!] == "62")
            #expect(api.headers[HTTPField.Name("Link")!] == "</api/v1/documents?limit=10&offset=30>; rel=\"next\"")
            #expect(try await client.get("/api/v1/documents?limit=5000").status == .badRequest)
        }
    }

    /// A search's pages are the register's matches in order, and its counts are theirs.
    @Test func aSearchPagesThroughItsMatches() async throws {
        let site = try await Self.crowded(60)
        let matches = try await site.register.items(matching: ItemQuery(search: "patrol"))
        #expect(matches.count == 60)
        try await site.test { client in
            for (page, range) in [(1, 0..<50), (2, 50..<60)] {
                let html = try await client.get("/items?q=patrol&page=\(page)").text
                let shown = html.matches(of: /<a class="id" href="[^"]*">([^<]*)<\/a>/).map { String($0.1) }
                #expect(shown == matches[range].map(\.id), "page \(page)")
                #expect(html.contains("60 items"))
            }
        }
    }

    @Test func theDashboardListsTheFirstOfEachAndCountsTheRest() async throws {
        let site = try await Self.crowded(30)
        try await site.test { client in
            let page = try await client.get("/").text
            let overdue = try #require(page.components(separatedBy: "id=\"overdue\"").last?.components(separatedBy: "</section>").first)
            let late = try await site.register.count(matching: ItemQuery(overdueOn: WebFixture.today))
            #expect(late > 30)
            #expect(Self.occurrences("<li>", in: overdue) == 20)
            #expect(overdue.contains("All \(late) overdue items"))
            // The totals are the register's counts.
            #expect(page.contains("<strong>32</strong> documents"))
            #expect(page.contains("<strong>\(late)</strong> overdue"))
            // Money: the 15 largest spenders and the rest in one bar.
            let money = try #require(page.components(separatedBy: "id=\"money-by-company\"").last?.components(separatedBy: "</section>").first)
            #expect(Self.occurrences("<rect", in: money) == 16)
            #expect(money.contains(">\(Self.company(30)) Corporation</text>") && !money.contains(">\(Self.company(15)) Corporation</text>"))
            let spenders = try await site.register.money(by: .actor).filter { $0.currency == "USD" }.count
            #expect(spenders > 30 && money.contains(">\(spenders - 15) others</text>"))
            let upcoming = try #require(page.components(separatedBy: "id=\"upcoming\"").last?.components(separatedBy: "</section>").first)
            #expect(Self.occurrences("<li>", in: upcoming) == 20 && upcoming.contains("items due within 90 days"))
        }
    }

    /// A long history comes 50 events a page, newest first, numbered as the whole history.
    @Test func anItemsHistoryComesAPageAtATime() async throws {
        let site = try await WebFixture()
        let item = try #require(try await site.register.items(matching: ItemQuery(limit: 1)).first)
        for n in 1...120 {
            try await site.register.record(
                NewEvent(status: n % 2 == 0 ? .kept : .in_the_works, note: "report \(n)", date: "2024-05-01", author: "hanako"),
                item: item.id)
        }
        try await site.test { client in
            let path = "/items/" + item.id.replacingOccurrences(of: "#", with: "%23")
            func notes(_ html: String) -> [String] { html.matches(of: /<p class="note">report (\d+)<\/p>/).map { String($0.1) } }
            let first = try await client.get(path).text
            #expect(notes(first) == (71...120).reversed().map(String.init))
            #expect(first.contains("120 events, newest first") && first.contains("reversed start=\"120\""))
            #expect(first.contains("href=\"\(path)?history=2#history\"") && first.contains("page 1 of 3"))
            let last = try await client.get(path + "?history=3").text
            #expect(notes(last) == (1...20).reversed().map(String.init))
            #expect(last.contains("reversed start=\"20\"") && !last.contains("older →"))
            #expect(try await client.get(path + "?history=4").status == .notFound)
            #expect(try await client.get(path + "?history=0").status == .badRequest)
        }
    }

    /// Twice the documents, all lists past their first page either way, and no page grows by
    /// more than its counts' digits.
    @Test func noPageGrowsWithTheRegister() async throws {
        var sizes: [[String: Int]] = []
        for count in [60, 120] {
            let site = try await Self.crowded(count)
            sizes.append(try await site.test { client in
                var sizes: [String: Int] = [:]
                for uri in ["/", "/documents", "/glossary", "/items", "/items?due=overdue", "/api/v1/due?limit=20", "/api/v1/documents?limit=20"] {
                    let answer = try await client.get(uri)
                    #expect(answer.status == .ok, "\(uri)")
                    sizes[uri] = answer.body.readableBytes
                }
                return sizes
            })
        }
        for (uri, small) in sizes[0] {
            let large = sizes[1][uri]!
            #expect(Double(large) < Double(small) * 1.1, "\(uri): \(small) bytes with 62 documents, \(large) with 122")
        }
    }
}
