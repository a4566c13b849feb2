import Foundation
import HTTPTypes
import PledgeTestSupport
import Testing

/// Editors on a shared PostgreSQL register, through `pledge serve` as a team runs it: a
/// document uploaded, a modality corrected, the same file uploaded again, and what a viewer,
/// a huge body and an image get.
extension PostgresTests {
@Suite struct Editors {
    static let statement = """
        日豪首脳共同声明

        令和7年3月3日

        **防衛**：日豪両国は、2026年までに共同演習を実施する。

        **エネルギー**：豪州政府は、水素の供給網の構築のため5億ドルを拠出する。

        **研究**：日本政府は、2025年度末までに新たな研究拠点を設置する。
        """

    @Test func anEditorAddsAndCorrectsADocumentOnASharedServer() async throws {
        let database = try await TestPostgres.freshDatabase()
        func user(_ name: String, _ role: String) async throws -> String {
            let added = try await Team.onThread { try CommandLineTool.run(["user", "add", name, "--role", role, "--database", database]) }
            try #require(added.status == 0, "\(added.err)")
            return added.out.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let editor = try await user("hanako", "editor"), viewer = try await user("ben", "viewer")
        let server = try await ServeProcess(database: database)
        let client = Team.Client(server.base)
        defer { Task { await client.close() } }
        func post(_ path: String, _ body: String, type: String = "text/plain; charset=utf-8", token: String = editor,
                  headers more: HTTPFields = [:]) async -> (Int, [String: Any]) {
            var headers: HTTPFields = [.contentType: type, .authorization: "Bearer \(token)"]
            headers.append(contentsOf: more)
            let (status, data) = await client.send(path, method: .post, headers: headers, body: body)
            return (status, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
        }

        let (created, stored) = await post("/api/v1/documents", Self.statement)
        #expect(created == 201 && stored["change"] as? String == "new" && stored["items"] as? Int == 3)
        let key = try #require(stored["key"] as? String)
        let (_, listed) = await client.send("/api/v1/items?document=\(key)")
        #expect(String(decoding: listed, as: UTF8.self).contains("水素の供給網"))

        let item = "/api/v1/items/\(key)%232"
        let (corrected, correction) = await post(item + "/corrections", #"{"field": "modality", "value": "intend", "note": "the Australian release"}"#,
                                                 type: "application/json", headers: [.ifMatch: "\"1\""])
        #expect(corrected == 201 && correction["before"] as? String == "commit" && correction["version"] as? Int == 2)
        let (stale, _) = await post(item + "/corrections", #"{"field": "modality", "value": "plan", "note": "n"}"#,
                                    type: "application/json", headers: [.ifMatch: "\"1\""])
        #expect(stale == 409)
        let (_, intended) = await client.send("/api/v1/items?modality=intend&document=\(key)")
        #expect(String(decoding: intended, as: UTF8.self).contains("\(key)#2"))

        let (again, unchanged) = await post("/api/v1/documents", Self.statement)
        #expect(again == 200 && unchanged["change"] as? String == "unchanged")
        let (_, detail) = await client.send(item)
        let read = try #require(try JSONSerialization.jsonObject(with: detail) as? [String: Any])
        #expect(read["modality"] as? String == "intend" && (read["corrections"] as? [Any])?.count == 1)

        #expect(await post("/api/v1/documents", Self.statement, token: viewer).0 == 403)
        #expect(await post("/api/v1/documents", String(repeating: "a", count: 30 << 20)).0 == 413)
        #expect(await post("/api/v1/documents", "\u{89}PNG", type: "image/png").0 == 415)
    }
}
}
