import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PledgeExtract
import PledgeRegister
import Testing

/// The bundled fact sheet is one document in Japanese and English: the web lists each
/// commitment once, in the language asked, tracks it under either id, and shows both texts.
@Suite struct TranslationTests {
    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func aCommitmentInTwoTextsIsListedOnceAndTrackedOnce() async throws {
        let site = try await WebFixture()
        let editor = site.tokens[.editor]!
        try await site.test { client in
            let japanese = try json(try await client.get("/api/v1/items?limit=200"))
            #expect(japanese["total"] as? Int == 97)
            let ids = (japanese["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            #expect(ids.count == 97 && ids.allSatisfy { $0.hasPrefix("2024-04-10-japan-us#") })
            let english = try json(try await client.get("/api/v1/items?limit=200&lang=en"))
            let englishItems = english["items"] as? [[String: Any]] ?? []
            #expect(english["total"] as? Int == 97 && englishItems.allSatisfy { ($0["id"] as? String)?.hasPrefix("2024-04-10-japan-us-en#") == true })
            #expect(englishItems.first?["commitment"] as? String == "2024-04-10-japan-us#1")
            #expect(try await client.get("/api/v1/items?lang=fr").status == .badRequest)
            #expect(try await client.get("/items?lang=en").text.contains("2024-04-10-japan-us-en#8"))

            // Recorded through the English id, at the version the Japanese one shows.
            let uri = "/api/v1/items/2024-04-10-japan-us-en%238/events"
            let body = #"{"status": "in_the_works", "note": "working group met", "date": "2024-06-20"}"#
            let stored = try await client.postJSON(uri, body, headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(editor)"])
            #expect(stored.status == .created)
            let ja = try json(try await client.get("/api/v1/items/2024-04-10-japan-us%238"))
            #expect(ja["status"] as? String == "in_the_works" && ja["version"] as? Int == 2)
            #expect((ja["history"] as? [[String: Any]])?.map { $0["note"] as? String } == ["working group met"])
            #expect((ja["versions"] as? [[String: Any]])?.map { $0["id"] as? String } == ["2024-04-10-japan-us-en#8"])
            let stale = try await client.postJSON("/api/v1/items/2024-04-10-japan-us%238/events", body,
                                                  headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(editor)"])
            #expect(stale.status == .conflict)

            // The item page shows both texts, each marked, with a link to the other.
            let page = try await client.get("/items/2024-04-10-japan-us%238").text
            #expect(page.contains("<blockquote class=\"source\" lang=\"ja\">") && page.contains("<blockquote class=\"source\" lang=\"en\">"))
            #expect(page.contains("href=\"/items/2024-04-10-japan-us-en%238\""))
            #expect(page.contains("Maintenance and Repair") || page.contains("maintenance and repair"))
            #expect(page.contains("<mark class=\"time\"") && page.components(separatedBy: "<mark class=\"time\"").count > 2,
                    "times marked in both texts")
            #expect(page.contains("working group met"))
            let englishPage = try await client.get("/items/2024-04-10-japan-us-en%238").text
            #expect(englishPage.contains("in the works") && englishPage.contains("working group met"))

            // The dashboard and summary count the commitment once.
            let summary = try json(try await client.get("/api/v1/summary"))
            #expect((summary["overall"] as? [String: Any])?["items"] as? Int == 97)
        }
    }

    /// An item of a document in two texts that has no counterpart says so.
    @Test func anItemInOneTextOnlySaysSo() async throws {
        let site = try await WebFixture()
        let text = try #require(try await site.register.documentText(key: "2024-04-10-japan-us-en"))
        // A revised English text with one paragraph more than the Japanese.
        let added = text + "\n\nThe United States and Japan will open a joint office for quantum standards in Boulder in 2026.\n"
        var record = try DocumentLoader.record(SourceDocument(name: "en.txt", text: added), key: "2024-04-10-japan-us-en", label: "en.txt")
        record.keyIsChosen = true
        _ = try await site.register.ingest(record)
        _ = try await Translations.pair("2024-04-10-japan-us-en", in: site.register)
        let newest = try #require(try await site.register.items(matching: ItemQuery(document: "2024-04-10-japan-us-en")).last)
        #expect(newest.counterpart == nil && newest.text.contains("quantum standards"))
        try await site.test { client in
            let page = try await client.get("/items/" + newest.id.replacingOccurrences(of: "#", with: "%23")).text
            #expect(page.contains("This item is in one text only"))
            #expect(!page.contains("<blockquote class=\"source\" lang=\"ja\">"))
        }
        // Listed in either language, once.
        #expect(try await site.register.items(matching: ItemQuery()).contains { $0.id == newest.id })
        #expect(try await site.register.items(matching: ItemQuery(language: .ja)).contains { $0.id == newest.id })
        #expect(try await site.register.count(matching: ItemQuery()) == 98)
    }
}

/// Items linked across documents are shown on the item page with the other document's sentence.
@Suite struct LinkPageTests {
    @Test func anItemShowsWhereItIsFollowedUp() async throws {
        let site = try await WebFixture()
        // A later statement reporting on the fact sheet's lunar rover arrangement.
        let text = """
            Joint Statement on Space

            December 2, 2024

            We welcome the signing of the Implementing Arrangement on the pressurized rover for lunar surface exploration, under which Japan will design, develop and operate the pressurized rover, and NASA will provide launch and delivery to the Moon for Artemis missions.
            """
        let record = try DocumentLoader.record(SourceDocument(name: "space.txt", text: text), key: "2024-12-02-space", label: "space.txt")
        _ = try await site.register.ingest(record)
        try await DocumentLinks.link(record, in: site.register)
        let rover = try #require(try await site.register.item(id: "2024-04-10-japan-us#17"))
        #expect(rover.links.contains { $0.other == "2024-12-02-space#1" && $0.relation == "progress" }, "\(rover.links)")
        try await site.test { client in
            let page = try await client.get("/items/2024-04-10-japan-us%2317").text
            #expect(page.contains("<h2>Followed up in</h2>"))
            #expect(page.contains("href=\"/items/2024-12-02-space%231\"") && page.contains("pressurized rover for lunar surface exploration"))
            let later = try await client.get("/items/2024-12-02-space%231").text
            #expect(later.contains("<h2>Follows up</h2>") && later.contains("2024-04-10-japan-us"))
        }
    }
}
