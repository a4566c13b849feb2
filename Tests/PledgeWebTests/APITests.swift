import Foundation
import HummingbirdTesting
import PledgeRegister
import Testing

@testable import PledgeWeb

/// `/api/v1/`: reads, the tracking write with its version check, errors as JSON.
@Suite struct APITests {
    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func itemsTakeTheSameFiltersAsTheList() async throws {
        let site = try await WebFixture()
        let expected = try await site.register.items(matching: ItemQuery(modality: .commit, party: .US, search: "宇宙"))
        try await site.test { client in
            let response = try await client.get("/api/v1/items?modality=commit&party=US&q=" + formEncode("宇宙") + "&limit=3")
            #expect(response.status == .ok)
            let body = try json(response)
            #expect(body["total"] as? Int == expected.count)
            let ids = (body["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == expected.prefix(3).map(\.id))
            let bad = try await client.get("/api/v1/items?limit=0")
            #expect(bad.status == .badRequest)
            let error = try json(bad)["error"] as? [String: Any]
            #expect((error?["message"] as? String)?.contains("limit") == true)
            #expect(error?["status"] as? Int == 400)
        }
    }

    @Test func itemDetailCarriesItsVersionAsETag() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let response = try await client.get("/api/v1/items/2024-04-10-japan-us%2324")
            #expect(response.headers[.eTag] == "\"1\"")
            let body = try json(response)
            #expect(body["id"] as? String == "2024-04-10-japan-us#24")
            #expect((body["amounts"] as? [[String: Any]])?.contains { $0["text"] as? String == "29億ドル" } == true)
            let missing = try await client.get("/api/v1/items/nothing%2399")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test func recordingNeedsAnEditorTokenAndTheCurrentVersion() async throws {
        let site = try await WebFixture()
        let uri = "/api/v1/items/2024-04-10-japan-us%238/events"
        let body = #"{"status": "in_the_works", "note": "Council met", "evidenceURL": "https://example.org/a", "date": "2024-07-01"}"#
        let editor = site.tokens[.editor]!, viewer = site.tokens[.viewer]!
        try await site.test { client in
            #expect(try await client.postJSON(uri, body, headers: [.ifMatch: "\"1\""]).status == .unauthorized)
            #expect(try await client.postJSON(uri, body, headers: [.ifMatch: "\"1\"", .authorization: "Bearer nonsense"]).status == .unauthorized)
            #expect(try await client.postJSON(uri, body, headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(viewer)"]).status == .forbidden)
            #expect(try await client.postJSON(uri, body, headers: [.authorization: "Bearer \(editor)"]).status == .preconditionRequired)

            let stored = try await client.postJSON(uri, body, headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(editor)"])
            #expect(stored.status == .created)
            #expect(stored.headers[.eTag] == "\"2\"")
            #expect(try json(stored)["author"] as? String == "editor-user")

            // A second writer who also saw version 1 is refused and told the current one.
            let stale = try await client.postJSON(uri, body, headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(editor)"])
            #expect(stale.status == .conflict)
            let message = (try json(stale)["error"] as? [String: Any])?["message"] as? String
            #expect(message?.contains("version 2") == true)

            let script = #"{"status": "kept", "evidenceURL": "javascript:alert(1)"}"#
            let refused = try await client.postJSON(uri, script, headers: [.ifMatch: "\"2\"", .authorization: "Bearer \(editor)"])
            #expect(refused.status == .unprocessableContent)
            #expect(try await client.postJSON(uri, "{}", headers: [.ifMatch: "\"2\"", .authorization: "Bearer \(editor)"]).status == .badRequest)
        }
        let history = try #require(try await site.register.item(id: "2024-04-10-japan-us#8")).history
        #expect(history.map(\.version) == [2])
        #expect(history.first?.evidenceURL == "https://example.org/a")
    }

    @Test func documentsGlossarySummaryAndDue() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let documents = try JSONSerialization.jsonObject(with: Data(buffer: try await client.get("/api/v1/documents").body)) as? [[String: Any]]
            #expect(documents?.map { $0["key"] as? String } == ["2024-04-10-japan-us", "2024-04-10-japan-us-en"])
            let document = try json(try await client.get("/api/v1/documents/2024-04-10-japan-us"))
            #expect((document["text"] as? String)?.contains("本年 6 月までに") == true)
            let due = try json(try await client.get("/api/v1/due?as_of=2024-06-01&within=30"))
            #expect((due["upcoming"] as? [[String: Any]])?.contains { $0["id"] as? String == "2024-04-10-japan-us#8" } == true)
            #expect(try await client.get("/api/v1/due?as_of=June").status == .badRequest)
            let summary = try json(try await client.get("/api/v1/summary"))
            // The fact sheet in two languages: 97 commitments.
            #expect((summary["overall"] as? [String: Any])?["items"] as? Int == 97)
        }
    }

    @Test func openAPIDocumentDescribesEveryRoute() async throws {
        let site = try await WebFixture()
        let data = try Templates.resource("openapi.json")
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["openapi"] as? String == "3.0.3")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let described = Set(paths.flatMap { path, operations in
            operations.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { "\($0.uppercased()) /api/v1\(path)" }
        })
        #expect(described == Set(site.app.apiRoutes()))
        // Every reference points at a schema that exists.
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let text = String(decoding: data, as: UTF8.self)
        for match in text.matches(of: /"#\/components\/schemas\/([A-Za-z]+)"/) {
            #expect(schemas[String(match.1)] != nil, "missing schema \(match.1)")
        }
        try await site.test { client in
            let served = try await client.get("/api/v1/openapi.json")
            #expect(Data(buffer: served.body) == data)
        }
    }
}
