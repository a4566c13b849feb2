import Foundation
import HTTPTypes
import HummingbirdTesting
import PledgeExtract
import PledgeRegister
import PledgeWeb
import Testing

/// A later statement reports two of the fact sheet's commitments done or begun: the item pages
/// and the API offer each as an event, which an editor accepts or dismisses; nothing is
/// recorded without one.
@Suite struct SuggestionTests {
    static let later = """
        Joint Statement on Space Cooperation

        March 20, 2025

        Japan launched the second QZSS satellite hosting a payload from the Department of Defense in February 2025, completing the pair.

        The United States and Japan signed the space technology safeguards agreement, the legal and technical framework for U.S. commercial space launch from Japan.
        """

    struct Listed: Decodable {
        struct Offer: Decodable { var id: String; var item: String; var status: String; var cue: String; var note: String; var reportDocument: String }
        var item: String
        var suggestions: [Offer]
    }

    static func site() async throws -> WebFixture {
        let site = try await WebFixture()
        let record = try DocumentLoader.record(SourceDocument(name: "space.txt", text: later), key: "2025-03-20-space", label: "space.txt")
        _ = try await site.register.ingest(record)
        try await DocumentLinks.link(record, in: site.register)
        return site
    }

    @Test func laterReportsAreOfferedAcceptedAndDismissed() async throws {
        let site = try await Self.site()
        let editor = site.tokens[.editor]!, viewer = site.tokens[.viewer]!
        try await site.test { client in
            // Promised to launch two satellites, reported launched: kept.
            let satellites = try JSONDecoder().decode(Listed.self, from: Data(try await client.get("/api/v1/items/2024-04-10-japan-us%2321/suggestions").body.readableBytesView))
            #expect(satellites.item == "2024-04-10-japan-us#21")
            #expect(satellites.suggestions.map(\.status) == ["kept"] && satellites.suggestions.map(\.cue) == ["launched"])
            #expect(satellites.suggestions.first?.reportDocument == "2025-03-20-space")
            #expect(satellites.suggestions.first?.note.contains("Japan launched the second QZSS satellite") == true)
            // The English text's id offers the same, for the one commitment.
            let english = try JSONDecoder().decode(Listed.self, from: Data(try await client.get("/api/v1/items/2024-04-10-japan-us-en%2321/suggestions").body.readableBytesView))
            #expect(english.item == "2024-04-10-japan-us#21" && english.suggestions.map(\.id) == satellites.suggestions.map(\.id))
            // Negotiations commenced, then the agreement signed: under way.
            let safeguards = try JSONDecoder().decode(Listed.self, from: Data(try await client.get("/api/v1/items/2024-04-10-japan-us%2318/suggestions").body.readableBytesView))
            #expect(safeguards.suggestions.map(\.status) == ["in_the_works"] && safeguards.suggestions.map(\.cue) == ["signed"])
            #expect(try await client.get("/api/v1/items/nope%231/suggestions").status == .notFound)

            // A reader sees the offer and no buttons.
            let page = try await client.get("/items/2024-04-10-japan-us%2321").text
            #expect(page.contains("<h2>Suggested by later documents</h2>") && page.contains("Japan launched the second QZSS satellite"))
            #expect(!page.contains("class=\"accept\"") && !page.contains("class=\"dismiss\""))

            // Accepted through the API: an event that names it, the rest the suggestion's.
            let offer = try #require(satellites.suggestions.first)
            let noToken = try await client.postJSON("/api/v1/items/2024-04-10-japan-us%2321/events", #"{"suggestion": "\#(offer.id)"}"#,
                                                    headers: [.ifMatch: "\"1\""])
            #expect(noToken.status == .unauthorized)
            let accepted = try await client.postJSON(
                "/api/v1/items/2024-04-10-japan-us%2321/events", #"{"suggestion": "\#(offer.id)"}"#,
                headers: [.authorization: "Bearer \(editor)", .ifMatch: "\"1\""])
            #expect(accepted.status == .created, "\(accepted.text)")
            let rover = try #require(try await site.register.item(id: "2024-04-10-japan-us#21"))
            #expect(rover.item.status == .kept && rover.history.map(\.note) == [offer.note] && rover.history.first?.author == "editor-user")
            #expect(rover.history.first?.date == "2025-03-20" && rover.history.first?.evidenceTitle == "Joint Statement on Space Cooperation")
            let after = try JSONDecoder().decode(Listed.self, from: Data(try await client.get("/api/v1/items/2024-04-10-japan-us%2321/suggestions").body.readableBytesView))
            #expect(after.suggestions.isEmpty)
            let again = try await client.postJSON(
                "/api/v1/items/2024-04-10-japan-us%2321/events", #"{"suggestion": "\#(offer.id)"}"#,
                headers: [.authorization: "Bearer \(editor)", .ifMatch: "\"2\""])
            #expect(again.status == .conflict, "accepted once only")

            // Dismissed in the browser: a viewer may not, an editor may, once.
            let dismiss = try #require(safeguards.suggestions.first)
            let path = "/api/v1/items/2024-04-10-japan-us%2318/suggestions/\(dismiss.id)/dismiss"
            #expect(try await client.postJSON(path, "", headers: [.authorization: "Bearer \(viewer)"]).status == .forbidden)
            let session = try await client.signIn(token: editor)
            let form = try await client.get("/items/2024-04-10-japan-us%2318", headers: [.cookie: session.cookie]).text
            #expect(form.contains("class=\"accept\"") && form.contains("action=\"/items/2024-04-10-japan-us%2318/suggestions/\(dismiss.id)/dismiss\""))
            let noCSRF = try await client.post("/items/2024-04-10-japan-us%2318/suggestions/\(dismiss.id)/dismiss", form: [],
                                               headers: [.cookie: session.cookie])
            #expect(noCSRF.status == .forbidden)
            let dismissed = try await client.post("/items/2024-04-10-japan-us%2318/suggestions/\(dismiss.id)/dismiss",
                                                  form: [("csrf", session.csrf)], headers: [.cookie: session.cookie])
            #expect(dismissed.status == .seeOther)
            let gone = try await client.get("/items/2024-04-10-japan-us%2318", headers: [.cookie: session.cookie]).text
            #expect(!gone.contains("Suggested by later documents") && gone.contains("No progress recorded yet."))
            #expect(try await client.postJSON(path, "", headers: [.authorization: "Bearer \(editor)"]).status == .conflict)
            let decisions = try await site.register.suggestionDecisions(item: "2024-04-10-japan-us-en#18")
            #expect(decisions.map(\.decision) == [.dismissed] && decisions.map(\.author) == ["editor-user"])
        }
    }
}
