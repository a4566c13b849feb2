import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PledgeRegister
import PledgeTestSupport
import PledgeWeb
import Testing

/// Editors add documents from the browser and through the API: a preview first, then the
/// register stores it as `pledge ingest` would, a new version keeping its items' tracking.
@Suite struct UploadTests {
    /// A short joint statement, as an editor might paste it.
    static let statement = """
        日豪首脳共同声明

        令和7年3月3日

        **防衛**：日豪両国は、2026年までに共同演習を実施する。

        **エネルギー**：豪州政府は、水素の供給網の構築のため5億ドルを拠出する。

        **研究**：日本政府は、2025年度末までに新たな研究拠点を設置する。
        """

    /// Its next version: one item reworded, one gone, one new.
    static let revision = """
        日豪首脳共同声明

        令和7年3月3日

        **防衛**：日豪両国は、2026年までに共同演習を毎年実施する。

        **研究**：日本政府は、2025年度末までに新たな研究拠点を設置する。

        **宇宙**：日豪両国は、2027年までに月面探査で協力する意図を有する。
        """

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, _ body: some Collection<UInt8>, type: String?, token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let type { headers[.contentType] = type }
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: Array(body)))
    }

    @Test func anEditorAddsADocumentThroughTheAPIAndOthersAreToldWhyNot() async throws {
        let site = try await WebFixture()
        let editor = site.tokens[.editor]!, viewer = site.tokens[.viewer]!
        let documentsBefore = try await site.register.documentCount()
        try await site.test { client in
            let text = Array(Self.statement.utf8)
            // Who may, and what may be sent.
            #expect(try await Self.post(client, "/api/v1/documents", text, type: "text/plain", token: nil).status == .unauthorized)
            #expect(try await Self.post(client, "/api/v1/documents", text, type: "text/plain", token: viewer).status == .forbidden)
            let image = try await Self.post(client, "/api/v1/documents", [0x89, 0x50, 0x4E, 0x47], type: "image/png", token: editor)
            #expect(image.status == .unsupportedMediaType)
            #expect(image.text.contains("image/png"))
            let huge = try await Self.post(client, "/api/v1/documents", [UInt8](repeating: 0x41, count: 30 << 20), type: "text/plain", token: editor)
            #expect(huge.status == .contentTooLarge && huge.text.contains("20 MB"))
            let binary = try await Self.post(client, "/api/v1/documents", [0, 1, 2, 0, 0, 255, 0, 3], type: "text/plain", token: editor)
            #expect(binary.status == .unprocessableContent && binary.text.contains("binary data"))
            let fakePDF = try await Self.post(client, "/api/v1/documents", text, type: "application/pdf", token: editor)
            #expect(fakePDF.status == .unprocessableContent && fakePDF.text.contains("not a PDF"))
            #expect(try await Self.post(client, "/api/v1/documents?key=a%20b", text, type: "text/plain", token: editor).status == .badRequest)
            #expect(try await Self.post(client, "/api/v1/documents?date=2025-02-30", text, type: "text/plain", token: editor).status == .badRequest)
            let unknown = try await Self.post(client, "/api/v1/documents?translation_of=nothing", text, type: "text/plain", token: editor)
            #expect(unknown.status == .unprocessableContent)
            #expect(try await site.register.documentCount() == documentsBefore, "nothing refused was stored")

            // A dry run reads the document and stores nothing.
            let dry = try await Self.post(client, "/api/v1/documents?dry_run=1", text, type: "text/plain; charset=utf-8", token: editor)
            #expect(dry.status == .ok)
            let preview = try Self.json(dry)
            #expect(preview["dryRun"] as? Bool == true && preview["change"] as? String == "new" && preview["items"] as? Int == 3)
            let key = try #require(preview["key"] as? String)
            let read = try #require((preview["preview"] as? [String: Any])?["items"] as? [[String: Any]])
            #expect(read.map { $0["title"] as? String } == ["防衛", "エネルギー", "研究"])
            #expect(read.map { $0["modality"] as? String } == ["commit", "commit", "commit"])
            #expect(read.map { $0["parties"] as? [String] } == [["AU", "JP"], ["AU"], ["JP"]])
            #expect(read.map { $0["due"] as? String } == ["2026-12-31", nil, "2026-03-31"])
            #expect(read.map { $0["amounts"] as? [String] } == [[], ["5億ドル"], []])
            #expect((preview["warnings"] as? [String])?.isEmpty == true)
            #expect(try await site.register.documentCount() == documentsBefore)

            // Stored: 201, and its items are the register's.
            let stored = try await Self.post(client, "/api/v1/documents", text, type: "text/plain", token: editor)
            #expect(stored.status == .created)
            let result = try Self.json(stored)
            #expect(result["key"] as? String == key && result["change"] as? String == "new" && result["items"] as? Int == 3)
            #expect(stored.headers[.location] == "/api/v1/documents/\(key)")
            let items = try await site.register.items(matching: ItemQuery(document: key))
            #expect(items.map(\.due) == ["2026-12-31", nil, "2026-03-31"] && items.map(\.parties.count) == [2, 1, 1])
            #expect(try await client.get("/api/v1/items?document=\(key)").text.contains("水素の供給網"))

            // Tracking, then the same file again: nothing changes.
            try await site.register.record(
                NewEvent(status: .in_the_works, note: "planning began", date: "2025-04-01", author: "editor-user"), item: "\(key)#3")
            let again = try await Self.post(client, "/api/v1/documents", text, type: "text/plain", token: editor)
            let unchanged = try Self.json(again)["change"] as? String
            #expect(again.status == .ok && unchanged == "unchanged")

            // A new version: what it changes is previewed item by item, then stored with the tracking kept.
            let next = Array(Self.revision.utf8)
            let dryRevision = try Self.json(try await Self.post(client, "/api/v1/documents?dry_run=1", next, type: "text/plain", token: editor))
            #expect(dryRevision["change"] as? String == "revised" && dryRevision["key"] as? String == key)
            let changes = try #require((dryRevision["preview"] as? [String: Any])?["changes"] as? [[String: Any]])
            #expect(changes.map { "\($0["kind"]!) \($0["number"]!)" }.sorted() == ["changed 1", "new 4", "withdrawn 2"])
            let revised = try await Self.post(client, "/api/v1/documents", next, type: "text/plain", token: editor)
            #expect(revised.status == .created)
            let counts = try Self.json(revised)
            #expect(counts["change"] as? String == "revised")
            #expect([counts["added"], counts["changed"], counts["withdrawn"]].map { $0 as? Int } == [1, 1, 1])
            let research = try #require(try await site.register.item(id: "\(key)#3"))
            #expect(research.history.map(\.note) == ["planning began"] && research.item.status == .in_the_works)
            #expect(try await site.register.item(id: "\(key)#2")?.item.withdrawn == true)
        }
    }

    /// A release as a government publishes it: the Japan–US leaders' statement of 7 February 2025, as HTML.
    @Test func aRealReleaseIsReadFromItsHTML() async throws {
        let site = try await WebFixture()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../PledgeExtractTests/Fixtures/real/2025-02-07-us-japan-joint-leaders-statement.en.html")
        let html = try Data(contentsOf: url)
        try await site.test { client in
            var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .authorization: "Bearer \(site.tokens[.editor]!)"]
            headers[.contentDisposition] = "attachment; filename=\"../statements/joint-statement.html\""
            let stored = try await client.execute(uri: "/api/v1/documents", method: .post, headers: headers, body: ByteBuffer(data: html))
            #expect(stored.status == .created)
            let result = try Self.json(stored)
            let key = try #require(result["key"] as? String)
            #expect(result["items"] as? Int == 16 && result["change"] as? String == "new")
            let document = try #require(try await site.register.document(key: key))
            #expect(document.date == "2025-02-07" && document.source == "joint-statement.html")
            let parties = Set(try await site.register.items(matching: ItemQuery(document: key)).flatMap(\.parties).map(\.rawValue))
            #expect(parties == ["JP", "US"])
        }
    }

    @Test(.enabled(if: OptionalTool.shouldRun([.program("pdftotext")]), Comment(rawValue: OptionalTool.skipMessage([.program("pdftotext")]))))
    func aPDFIsReadFromItsBytes() async throws {
        try OptionalTool.require([.program("pdftotext")])
        let site = try await WebFixture()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../PledgeExtractTests/Fixtures/pdf/fact-sheet.en.pdf")
        let pdf = try [UInt8](Data(contentsOf: url))
        try await site.test { client in
            let stored = try await Self.post(client, "/api/v1/documents?key=fact-sheet-pdf", pdf, type: "application/pdf", token: site.tokens[.editor]!)
            #expect(stored.status == .created)
            #expect(try Self.json(stored)["key"] as? String == "fact-sheet-pdf")
            let items = try await site.register.items(matching: ItemQuery(document: "fact-sheet-pdf"))
            #expect(!items.isEmpty && items.allSatisfy { !$0.text.isEmpty })
            #expect(try await site.register.document(key: "fact-sheet-pdf")?.source == "upload.pdf")
        }
    }
}

/// A multipart/form-data body, as a browser sends a form with a file.
struct MultipartForm {
    let boundary = "----PledgeTestBoundary7MA4YWxkTrZu0gW"
    var body: [UInt8] = []

    mutating func field(_ name: String, _ value: String) {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }

    mutating func file(_ name: String, fileName: String, type: String, _ bytes: [UInt8]) {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        body += bytes + Array("\r\n".utf8)
    }

    var closed: [UInt8] { body + Array("--\(boundary)--\r\n".utf8) }
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}

extension UploadTests {
    @Test func anEditorPreviewsAStatementInTheBrowserThenStoresIt() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            // Strangers are sent to sign in, viewers told they may not.
            let anonymous = try await client.get("/documents/new")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/signin?next=%2Fdocuments%2Fnew")
            let viewer = try await client.signIn(token: site.tokens[.viewer]!)
            #expect(try await client.get("/documents/new", headers: [.cookie: viewer.cookie]).status == .forbidden)

            let (cookie, _) = try await client.signIn(token: site.tokens[.editor]!)
            let page = try await client.get("/documents/new", headers: [.cookie: cookie])
            #expect(page.status == .ok && page.text.contains("enctype=\"multipart/form-data\""))
            let csrf = try #require(hiddenValue("csrf", in: page.text))
            for field in ["file", "text", "key", "date", "translation_of"] {
                #expect(page.text.contains("<label for=\"\(field)\""), "the \(field) field has a label")
            }

            func send(_ form: MultipartForm) async throws -> TestResponse {
                try await client.execute(uri: "/documents/new", method: .post, headers: [.cookie: cookie, .contentType: form.contentType],
                                         body: ByteBuffer(bytes: form.closed))
            }
            // A form from elsewhere is refused; an empty one is shown again, saying what is missing.
            var forged = MultipartForm()
            forged.field("csrf", "forged")
            forged.field("text", Self.statement)
            #expect(try await send(forged).status == .forbidden)
            var empty = MultipartForm()
            empty.field("csrf", csrf)
            empty.file("file", fileName: "", type: "application/octet-stream", [])
            let nothing = try await send(empty)
            #expect(nothing.status == .unprocessableContent && nothing.text.contains("choose a file"))

            // The file is read and previewed, its text escaped; nothing is stored yet.
            let documents = try await site.register.documentCount()
            var form = MultipartForm()
            form.field("csrf", csrf)
            form.file("file", fileName: "jp-au.txt", type: "text/plain",
                      Array((Self.statement + "\n**備考**：日本政府は、<script>alert(1)</script>を2026年までに公表する。\n").utf8))
            form.field("text", "")
            form.field("key", "jp-au-2025")
            let preview = try await send(form)
            #expect(preview.status == .ok)
            #expect(preview.text.contains("水素の供給網") && preview.text.contains("5億ドル") && preview.text.contains("2026-03-31"))
            #expect(preview.text.contains("&lt;script&gt;") && !preview.text.contains("<script>"))
            #expect(preview.text.contains("jp-au-2025") && preview.text.contains("a new document"))
            #expect(try await site.register.documentCount() == documents)
            let action = try #require(preview.text.range(of: "action=\"/documents/new/").map { range in
                String(preview.text[range.upperBound...].prefix { $0 != "\"" })
            })

            // Stored on the editor's word, once.
            let store = try await client.post("/documents/new/\(action)", form: [("csrf", csrf), ("decision", "store")], headers: [.cookie: cookie])
            #expect(store.status == .seeOther && store.headers[.location] == "/documents/jp-au-2025")
            #expect(try await site.register.items(matching: ItemQuery(document: "jp-au-2025")).count == 4)
            let twice = try await client.post("/documents/new/\(action)", form: [("csrf", csrf), ("decision", "store")], headers: [.cookie: cookie])
            #expect(twice.status == .gone)

            // A pasted revision shows what it changes; set aside, it changes nothing.
            var pasted = MultipartForm()
            pasted.field("csrf", csrf)
            pasted.field("text", Self.revision)
            pasted.field("key", "jp-au-2025")
            let changes = try await send(pasted)
            #expect(changes.status == .ok && changes.text.contains("What this version changes"))
            #expect(changes.text.contains("reworded") && changes.text.contains("withdrawn") && changes.text.contains("月面探査"))
            let second = try #require(changes.text.range(of: "action=\"/documents/new/").map { range in
                String(changes.text[range.upperBound...].prefix { $0 != "\"" })
            })
            let cancel = try await client.post("/documents/new/\(second)", form: [("csrf", csrf), ("decision", "cancel")], headers: [.cookie: cookie])
            #expect(cancel.status == .seeOther && cancel.headers[.location] == "/documents/new")
            #expect(try await site.register.document(key: "jp-au-2025")?.revision == 1)
        }
    }
}
