import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PledgeRegister
import PledgeTestSupport
import PledgeWeb
import Testing

/// Editors correct what Pledge read of an item; the corrected value is used everywhere, and
/// pages and exports say who corrected it.
@Suite struct CorrectionTests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    /// Uploads `UploadTests.statement` and returns its key.
    static func upload(_ client: some TestClientProtocol, _ site: WebFixture, _ text: String = UploadTests.statement) async throws -> String {
        let stored = try await UploadTests.post(client, "/api/v1/documents", Array(text.utf8), type: "text/plain", token: site.tokens[.editor]!)
        return try #require(try json(stored)["key"] as? String)
    }

    @Test func aModalityCorrectedThroughTheAPIIsUsedByFiltersAndSurvivesAReupload() async throws {
        let site = try await WebFixture()
        let editor = site.tokens[.editor]!, viewer = site.tokens[.viewer]!
        try await site.test { client in
            let key = try await Self.upload(client, site)
            let id = "\(key)#2"
            let uri = "/api/v1/items/\(key)%232/corrections"
            let body = #"{"field": "modality", "value": "intend", "note": "the Australian release says it intends to"}"#
            let seen = try await client.get("/api/v1/items/\(key)%232")
            #expect(try Self.json(seen)["modality"] as? String == "commit" && seen.headers[.eTag] == "\"1\"")

            #expect(try await client.postJSON(uri, body, headers: [.ifMatch: "\"1\""]).status == .unauthorized)
            #expect(try await client.postJSON(uri, body, headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(viewer)"]).status == .forbidden)
            #expect(try await client.postJSON(uri, body, headers: [.authorization: "Bearer \(editor)"]).status == .preconditionRequired)
            let noNote = try await client.postJSON(uri, #"{"field": "modality", "value": "intend"}"#, headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(editor)"])
            #expect(noNote.status == .unprocessableContent && noNote.text.contains("note"))
            let wrong = try await client.postJSON(uri, #"{"field": "modality", "value": "maybe", "note": "n"}"#, headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(editor)"])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("maybe"))
            #expect(try await client.postJSON(uri, #"{"field": "colour", "value": "red"}"#, headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(editor)"]).status == .badRequest)

            let corrected = try await client.postJSON(uri, body, headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(editor)"])
            #expect(corrected.status == .created && corrected.headers[.eTag] == "\"2\"")
            let made = try Self.json(corrected)
            #expect(made["before"] as? String == "commit" && made["after"] as? String == "intend" && made["author"] as? String == "editor-user")
            // A second editor who saw version 1 is told it moved on.
            #expect(try await client.postJSON(uri, body, headers: [.ifMatch: "\"1\"", .authorization: "Bearer \(editor)"]).status == .conflict)

            let item = try Self.json(try await client.get("/api/v1/items/\(key)%232"))
            #expect(item["modality"] as? String == "intend")
            #expect((item["corrections"] as? [[String: Any]])?.map { $0["field"] as? String } == ["modality"])
            let intended = try Self.json(try await client.get("/api/v1/items?document=\(key)&modality=intend"))
            #expect((intended["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let committed = try Self.json(try await client.get("/api/v1/items?document=\(key)&modality=commit"))
            #expect((committed["items"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == false)

            // The same file again changes nothing, and the correction stands.
            let again = try await UploadTests.post(client, "/api/v1/documents", Array(UploadTests.statement.utf8), type: "text/plain", token: editor)
            #expect(try Self.json(again)["change"] as? String == "unchanged")
            #expect(try await site.register.item(id: id)?.item.modality == .intend)
            // A revision that leaves the item's words as they were keeps it too.
            let revised = UploadTests.statement + "\n**宇宙**：日豪両国は、2027年までに月面探査で協力する意図を有する。\n"
            #expect(try await UploadTests.post(client, "/api/v1/documents", Array(revised.utf8), type: "text/plain", token: editor).status == .created)
            let kept = try #require(try await site.register.item(id: id))
            #expect(kept.item.modality == .intend && kept.corrections.count == 1 && !kept.corrections[0].needsReview(currentText: kept.item.text))

            // Exports say who corrected what; uncorrected items are machine-read.
            let csv = try await client.get("/export.csv").text
            let row = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix(id + ",") })
            #expect(row.hasSuffix(",modality corrected by editor-user on \(String(made["recordedAt"] as! String).prefix(10))"))
            #expect(csv.split(separator: "\r\n").first { $0.hasPrefix("\(key)#1,") }?.hasSuffix(",machine-read") == true)
        }
    }

    @Test func anEditorCorrectsADueDateOnTheItemPageAndReadersSeeWhoDid() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            let key = try await Self.upload(client, site)
            let path = "/items/\(key)%233"
            let (cookie, csrf) = try await client.signIn(token: site.tokens[.editor]!)
            let page = try await client.get(path, headers: [.cookie: cookie])
            #expect(page.text.contains("Correct what was read") && page.text.contains("<label for=\"correct-note\""))
            #expect(page.text.contains("machine-read"))

            // Without a note the page says why, and nothing changes.
            let refused = try await client.post(path + "/corrections", form: [("csrf", csrf), ("version", "1"), ("field", "due"), ("value", "2026-06-30"), ("note", "")],
                                                headers: [.cookie: cookie])
            #expect(refused.status == .unprocessableContent && refused.text.contains("needs a note"))
            let done = try await client.post(
                path + "/corrections",
                form: [("csrf", csrf), ("version", "1"), ("field", "due"), ("value", "2026-06-30"), ("note", "MOFA <b>schedule</b>")],
                headers: [.cookie: cookie])
            #expect(done.status == .seeOther)
            #expect(try await site.register.item(id: "\(key)#3")?.item.due == "2026-06-30")

            // Anyone reading sees the corrected date, who corrected it, and the machine's reading in the history.
            let seen = try await client.get(path).text
            #expect(seen.contains("2026-06-30") && seen.contains("corrected by editor-user on"))
            #expect(seen.contains("Corrected due date: 2026-03-31 → 2026-06-30"))
            #expect(seen.contains("MOFA &lt;b&gt;schedule&lt;/b&gt;") && !seen.contains("<b>schedule"))
            #expect(!seen.contains("Correct what was read"), "only editors get the form")
            let due = try await client.get("/api/v1/due?as_of=2026-04-01&within=120").text
            #expect(due.contains("\(key)#3"))
            let calendar = try await client.get("/calendar.ics").text
            #expect(calendar.contains("DTSTART;VALUE=DATE:20260630") && calendar.contains("due date corrected by editor-user"))
        }
    }
}
