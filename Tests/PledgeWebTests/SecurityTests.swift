import Foundation
import HTTPTypes
import HummingbirdTesting
import PledgeExtract
import PledgeModel
import PledgeRegister
import Testing

@testable import PledgeWeb

/// Sign-in, forms bound to the visitor, roles, private reads, escaping and headers.
@Suite struct SecurityTests {
    @Test func everyResponseCarriesSecurityHeaders() async throws {
        let site = try await WebFixture()
        try await site.test { client in
            for uri in ["/", "/items", "/api/v1/items", "/no-such-page", "/export.csv"] {
                let response = try await client.get(uri)
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(uri)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
            }
        }
    }

    @Test func browserSignInAndRecordingWithFormTokens() async throws {
        let site = try await WebFixture()
        let item = itemPath("2024-04-10-japan-us#17")
        try await site.test { client in
            // The session cookie cannot be read by scripts and stays on this site.
            let form = try await client.get("/signin")
            let csrf = try #require(hiddenValue("csrf", in: form.text))
            let visitor = try #require(form.cookies["pledge_visitor"])
            let wrong = try await client.post("/signin", form: [("csrf", csrf), ("token", "pledge_wrong")], headers: [.cookie: "pledge_visitor=\(visitor)"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("not known"))
            let forged = try await client.post("/signin", form: [("csrf", "forged"), ("token", site.tokens[.editor]!)], headers: [.cookie: "pledge_visitor=\(visitor)"])
            #expect(forged.status == .forbidden)
            let good = try await client.post("/signin", form: [("csrf", csrf), ("token", site.tokens[.editor]!), ("next", "//evil.example/")],
                                             headers: [.cookie: "pledge_visitor=\(visitor)"])
            #expect(good.status == .seeOther)
            #expect(good.headers[.location] == "/")
            let setCookie = good.headers[values: .setCookie].first { $0.hasPrefix("pledge_session=") } ?? ""
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))

            let (cookie, token) = try await client.signIn(token: site.tokens[.editor]!)
            let page = try await client.get(item, headers: [.cookie: cookie]).text
            #expect(page.contains("Signed in as <strong>editor-user</strong>"))
            #expect(page.contains("action=\"/items/2024-04-10-japan-us%2317/events\""))

            let event: [(String, String)] = [("status", "in_the_works"), ("version", "1"), ("date", "2024-05-01"),
                                              ("note", "Agreement <b>signed</b>"), ("evidence_url", "https://example.org/rover?a=1&b=2")]
            let noToken = try await client.post(item + "/events", form: event, headers: [.cookie: cookie])
            #expect(noToken.status == .forbidden)
            let otherToken = try await client.post(item + "/events", form: event + [("csrf", site.app.gatekeeper.csrfToken(nonce: "someone-else"))], headers: [.cookie: cookie])
            #expect(otherToken.status == .forbidden)
            let recorded = try await client.post(item + "/events", form: event + [("csrf", token)], headers: [.cookie: cookie])
            #expect(recorded.status == .seeOther)
            let after = try await client.get(item, headers: [.cookie: cookie]).text
            #expect(after.contains("by editor-user"))
            #expect(after.contains("Agreement &lt;b&gt;signed&lt;/b&gt;"))
            #expect(after.contains("href=\"https://example.org/rover?a=1&amp;b=2\""))
            // A stale form is refused with the page and the reason.
            let stale = try await client.post(item + "/events", form: event + [("csrf", token)], headers: [.cookie: cookie])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("now at version 2"))
            let script = try await client.post(item + "/events", form: [("status", "kept"), ("version", "2"), ("csrf", token),
                                                                          ("evidence_url", "javascript:alert(1)")], headers: [.cookie: cookie])
            #expect(script.status == .unprocessableContent)
            #expect(!script.text.contains("href=\"javascript:"))
        }
        #expect(try await site.register.item(id: "2024-04-10-japan-us#17")?.history.count == 1)
    }

    @Test func viewersAndStrangersCannotRecord() async throws {
        let site = try await WebFixture()
        let item = itemPath("2024-04-10-japan-us#17")
        try await site.test { client in
            let (cookie, token) = try await client.signIn(token: site.tokens[.viewer]!)
            let page = try await client.get(item, headers: [.cookie: cookie]).text
            #expect(!page.contains("Record progress"))
            let refused = try await client.post(item + "/events", form: [("status", "kept"), ("csrf", token)], headers: [.cookie: cookie])
            #expect(refused.status == .forbidden)
            let stranger = try await client.post(item + "/events", form: [("status", "kept")])
            #expect(stranger.status == .forbidden)
            // Signing out ends the session: the cookie is cleared, and a copy of it kept
            // elsewhere no longer signs anyone in.
            let out = try await client.post("/signout", form: [("csrf", token)], headers: [.cookie: cookie])
            #expect(out.status == .seeOther)
            #expect(out.headers[values: .setCookie].contains { $0.hasPrefix("pledge_session=;") })
            let replayed = try await client.get("/", headers: [.cookie: cookie]).text
            #expect(!replayed.contains("Signed in as"))
        }
        #expect(try await site.register.item(id: "2024-04-10-japan-us#17")?.history.isEmpty == true)
    }

    @Test func privateReadsNeedSignInOrToken() async throws {
        let site = try await WebFixture(privateReads: true)
        try await site.test { client in
            let page = try await client.get("/items")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location]?.hasPrefix("/signin?next=") == true)
            #expect(try await client.get("/api/v1/items").status == .unauthorized)
            #expect(try await client.get("/export.csv").status == .seeOther)
            #expect(try await client.get("/api/v1/items", headers: [.authorization: "Bearer \(site.tokens[.viewer]!)"]).status == .ok)
            let (cookie, _) = try await client.signIn(token: site.tokens[.viewer]!)
            #expect(try await client.get("/items", headers: [.cookie: cookie]).status == .ok)
        }
    }

    @Test func untrustedTextIsEscapedEverywhere() async throws {
        let site = try await WebFixture()
        let hostile = """
            <script>alert("doc")</script> 日米両国は、2026年3月までに<img src=x onerror=alert(1)>を実施する。
            """
        let source = SourceDocument(name: "hostile.txt", text: "# Hostile \"title\" <i>\n\n" + hostile + "\n")
        let extraction = try Extractor(options: ExtractionOptions(date: Day(iso: "2025-01-01"), language: .ja)).extract(source)
        let record = DocumentRecord(key: "2025-01-01-hostile", source: "hostile.txt", text: source.text, extraction: extraction)
        _ = try await site.register.ingest(record)
        try await site.test { client in
            for uri in ["/items?q=" + formEncode("<script>"), "/documents/2025-01-01-hostile", "/items?document=2025-01-01-hostile", "/",
                        "/documents", itemPath("2025-01-01-hostile#1")] {
                let html = try await client.get(uri).text
                #expect(!html.contains("<script"), "\(uri)")
                #expect(!html.contains("<img"), "\(uri)")
            }
            let search = try await client.get("/items?q=" + formEncode("\"><b>x")).text
            #expect(search.contains("value=\"&quot;&gt;&lt;b&gt;x\""))
        }
    }
}
