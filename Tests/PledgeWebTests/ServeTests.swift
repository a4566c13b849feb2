import Foundation
import FoundationNetworking
import HummingbirdTesting
import PledgeRegister
import PledgeTestSupport
import Testing

@testable import PledgeWeb

/// `pledge serve` and `pledge user` as a user runs them, and pages kept fresh across processes.
@Suite struct ServeTests {
    @Test func pagesFollowWritesFromAnotherProcess() async throws {
        let site = try await WebFixture()
        let uri = itemPath("2024-04-10-japan-us#30")
        try await site.test { client in
            #expect(try await client.get(uri).text.contains("not yet rated"))
            // Another program (here a second connection, as `pledge track` would be) records.
            let other = try await SQLiteRegister.open(path: site.path)
            try await other.record(NewEvent(status: .kept, date: "2024-12-01", author: "desk"), item: "2024-04-10-japan-us#30")
            let page = try await client.get(uri).text
            #expect(page.contains("<span class=\"status kept\">kept</span> on 2024-12-01 by desk"))
            let list = try await client.get("/items?status=kept").text
            #expect(list.contains("1 items"))
        }
    }

    @Test func userAddPrintsATokenOnceAndKeepsOnlyItsHash() async throws {
        let database = CommandLineTool.temporaryFolder().appendingPathComponent("r.sqlite").path
        let added = try CommandLineTool.run(["user", "add", "Aiko Tanaka", "--role", "editor", "--database", database])
        #expect(added.status == 0)
        let token = added.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("pledge_") && token.count > 40)
        #expect(added.err.contains("shown once"))
        let file = try Data(contentsOf: URL(fileURLWithPath: database))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: database + "-wal"))) ?? Data()
        #expect(file.range(of: Data(token.utf8)) == nil && wal.range(of: Data(token.utf8)) == nil)
        let register = try await SQLiteRegister.open(path: database)
        #expect(try await register.user(tokenHash: AccessToken.hash(token))?.role == .editor)

        let again = try CommandLineTool.run(["user", "add", "Aiko Tanaka", "--database", database])
        #expect(again.status == 1)
        #expect(again.err.contains("exists already"))
        let badRole = try CommandLineTool.run(["user", "add", "x", "--role", "owner", "--database", database])
        #expect(badRole.status == 2)
        let list = try CommandLineTool.run(["user", "list", "--database", database])
        #expect(list.out.contains("Aiko Tanaka\teditor"))

        let removed = try CommandLineTool.run(["user", "remove", "Aiko Tanaka", "--database", database])
        #expect(removed.status == 0 && removed.err.contains("Removed Aiko Tanaka"), "\(removed.err)")
        #expect(try await register.user(tokenHash: AccessToken.hash(token)) == nil)
        let unknown = try CommandLineTool.run(["user", "remove", "Nobody", "--database", database])
        #expect(unknown.status == 1 && unknown.err.contains("no user named 'Nobody'"))
    }

    @Test func serveOpensAFreshRegisterAndPrintsItsAddress() async throws {
        let folder = CommandLineTool.temporaryFolder()
        let database = folder.appendingPathComponent("fresh.sqlite").path
        let server = try await ServeProcess(database: database)
        let base = server.base
        let (data, response) = try await URLSession.shared.data(from: URL(string: base + "/items?document=2024-04-10-japan-us")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("97 items"))
    }
}
