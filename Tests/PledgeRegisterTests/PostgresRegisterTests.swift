import Foundation
@testable import PledgePostgres
import PledgeModel
import PledgeRegister
import PledgeTestSupport
import Testing

/// Everything that uses the test server, one test at a time: some stop and restart it.
@Suite(.serialized, .enabled(if: TestPostgres.configured, Comment(rawValue: TestPostgres.skipMessage)))
struct PostgresTests {}

/// The PostgreSQL register against a real server: the conformance suite unchanged, then what
/// only a shared server has to get right.
extension PostgresTests {
@Suite struct Register {
    /// One check at a time: two dozen fresh databases made, migrated and written at once on a
    /// loaded 2-core machine kept answers past any sensible deadline.
    @Test(.serialized, arguments: RegisterConformance.allCases)
    func conforms(_ check: RegisterConformance) async throws {
        // A loaded 2-core CI machine can keep a fresh database's first answer past the default
        // 8 s; what the checks prove does not depend on the deadline.
        try await check.run { try await PostgresRegister.open(url: try await TestPostgres.freshDatabase(), seed: false, patience: .seconds(60)) }
    }

    @Test func serversStartingTogetherMigrateAndSeedOnce() async throws {
        let url = try await TestPostgres.freshDatabase()
        let registers = try await withThrowingTaskGroup(of: PostgresRegister.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresRegister.open(url: url) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for register in registers {
            #expect(try await register.documents().map(\.key) == ["2024-04-10-japan-us", "2024-04-10-japan-us-en"])
            // Two texts of one fact sheet: 97 commitments, however many servers paired them.
            #expect(try await register.count(matching: ItemQuery()) == 97)
            #expect(try await register.count(matching: ItemQuery(language: .en)) == 97)
            #expect(try await register.document(key: "2024-04-10-japan-us-en")?.translationOf == "2024-04-10-japan-us")
        }
        #expect(try await registers[0].events().isEmpty)
    }

    /// The generation is remembered briefly, but a process sees its own writes at once and
    /// another's soon after.
    @Test func aWriteIsSeenAtOnceByItsProcessAndSoonByOthers() async throws {
        let url = try await TestPostgres.freshDatabase()
        try await RegisterConformance.writesAreSeen(
            by: try await PostgresRegister.open(url: url), andBy: try await PostgresRegister.open(url: url, seed: false))
    }

    /// A search reads its candidates in batches; small batches give the same pages.
    @Test func aSearchReadInSmallBatchesFindsTheSameItems() async throws {
        let register = try await PostgresRegister.open(url: try await TestPostgres.freshDatabase())
        defer { register.close() }
        for (search, language) in [("協力", nil), ("will", Language.en), ("日本 米国", nil)] {
            let all = try await register.items(matching: ItemQuery(search: search, language: language))
            #expect(all.count > 20, "\(search)")
            for (limit, offset) in [(50, 0), (5, 7), (20, 15)] {
                let query = ItemQuery(search: search, language: language, limit: limit, offset: offset)
                let whole = try await register.items(matching: query)
                #expect(whole == Array(all.dropFirst(offset).prefix(limit)), "\(search)")
                let batched = try await register.read { connection in
                    try await register.selected(connection, query, paged: true, batch: 3).map(PostgresRegister.itemSummary)
                }
                #expect(batched == whole, "\(search), \(limit) from \(offset)")
                let ids = try await register.read { connection in
                    try await register.selected(connection, query, columns: "id", paged: true, batch: 2).map { try $0.string("id") }
                }
                #expect(ids == whole.map(\.id), "\(search), \(limit) from \(offset), ids only")
            }
        }
    }

    @Test func anUnreachableServerIsNamedInTheError() async throws {
        let started = ContinuousClock.now
        do {
            _ = try await PostgresRegister.open(url: "postgres://pledge@127.0.0.1:9/none", patience: .seconds(3))
            Issue.record("opened a register on a closed port")
        } catch let error as RegisterError {
            guard case .unavailable(let location, _) = error else { Issue.record("\(error)"); return }
            #expect(location.contains("127.0.0.1:9"))
            #expect(error.description.contains("unavailable"))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    /// A refused password is said at once, not taken for a server that does not answer.
    /// (`.ci/postgres` makes the role `pledge_password`, whose password is `right`.)
    @Test func aWrongPasswordIsNamed() async throws {
        let url = try await TestPostgres.freshDatabase()
        // The role is made by `.ci/postgres`; another server may lack it.
        let admin = try await PostgresRegister.open(url: url, seed: false, patience: .seconds(60))
        let role = try await admin.read { connection in try await admin.rows(connection, "SELECT 1 FROM pg_roles WHERE rolname = 'pledge_password'") }
        if role.isEmpty {
            if OptionalTool.required { Issue.record("the test server has no role pledge_password; start it with .ci/postgres") }
            else { print("skipped: needs the role pledge_password with password 'right' (.ci/postgres makes it)") }
            return
        }
        let wrong = url.replacingOccurrences(of: "postgres://pledge@", with: "postgres://pledge_password:s3cret@") + "?sslmode=disable"
        let started = ContinuousClock.now
        do {
            _ = try await PostgresRegister.open(url: wrong, patience: .seconds(20))
            Issue.record("opened a register with a wrong password")
        } catch let error as RegisterError {
            #expect(error.description.contains("password authentication failed"), "\(error)")
            #expect(!error.description.contains("s3cret") && !error.description.contains("no answer"), "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(10), "told at once, not after the deadline")
        let right = url.replacingOccurrences(of: "postgres://pledge@", with: "postgres://pledge_password:right@") + "?sslmode=disable"
        let register = try await PostgresRegister.open(url: right, seed: false, patience: .seconds(60))
        #expect(try await register.documents().isEmpty, "the right password opens it")
    }

    /// Work that outlives its deadline is rolled back: the caller was told the server did
    /// not answer, so nothing may appear done behind its back.
    @Test func workPastTheDeadlineIsRolledBack() async throws {
        let url = try await TestPostgres.freshDatabase()
        let register = try await PostgresRegister.open(url: url, seed: false, patience: .seconds(60))
        let hurried = try await PostgresRegister.open(url: url, seed: false, patience: .seconds(3))
        await #expect(throws: RegisterError.self) {
            try await hurried.transaction { connection in
                try await hurried.execute(connection, "INSERT INTO meta VALUES ('late', 'yes')")
                try await hurried.execute(connection, "SELECT pg_sleep(5)")
            }
        }
        try await Task.sleep(for: .seconds(4))
        let late = try await register.read { connection in try await register.rows(connection, "SELECT value FROM meta WHERE key = 'late'") }
        #expect(late.isEmpty)
    }

    @Test func passwordsAreNotShownInMessages() throws {
        let location = try PostgresLocation("postgres://desk:s3cret@db.example:5433/pledge?sslmode=disable")
        #expect(!location.display.contains("s3cret"))
        #expect(location.configuration.port == 5433 && location.configuration.database == "pledge")
        #expect(throws: RegisterError.self) { try PostgresLocation("postgres:///nohost") }
        #expect(throws: RegisterError.self) { try PostgresLocation("postgres://h/db?sslmode=sometimes") }
    }

    @Test func migrateCopiesALaptopRegisterToTheServerAndBack() async throws {
        let folder = CommandLineTool.temporaryFolder()
        let laptop = folder.appendingPathComponent("laptop.sqlite").path
        // A register with history: seeded, one item tracked twice, one document revised.
        #expect(try CommandLineTool.run(["track", "2024-04-10-japan-us#8", "--status", "in_the_works", "--note", "説明 <b>",
                                         "--evidence", "https://example.org/?a=1&b=2", "--on", "2024-06-20", "--database", laptop]).status == 0)
        #expect(try CommandLineTool.run(["track", "2024-04-10-japan-us#8", "--status", "kept", "--on", "2024-07-01",
                                         "--expect-version", "2", "--database", laptop]).status == 0)
        let server = try await TestPostgres.freshDatabase()
        let there = try CommandLineTool.run(["migrate", "--from", "sqlite:" + laptop, "--to", server])
        #expect(there.status == 0, "\(there.err)")
        #expect(there.out.contains("copied 2 documents, 194 items, 2 events"))
        let back = folder.appendingPathComponent("back.sqlite").path
        let home = try CommandLineTool.run(["migrate", "--from", server, "--to", "sqlite:" + back])
        #expect(home.status == 0, "\(home.err)")
        let original = try CommandLineTool.run(["export", "--format", "json", "--database", laptop])
        let roundTrip = try CommandLineTool.run(["export", "--format", "json", "--database", back])
        #expect(original.status == 0 && !original.out.isEmpty)
        #expect(roundTrip.out == original.out)
        // The copy is a working register: the server continues the history.
        let tracked = try CommandLineTool.run(["track", "2024-04-10-japan-us#8", "--status", "broken", "--on", "2024-08-01",
                                               "--expect-version", "3", "--database", server])
        #expect(tracked.status == 0, "\(tracked.err)")
        // Only an empty register takes a copy.
        let again = try CommandLineTool.run(["migrate", "--from", "sqlite:" + laptop, "--to", server])
        #expect(again.status == 1 && again.err.contains("not empty"))
        // The indexes set aside and the triggers turned off while the copy was loaded are all
        // back, as a new register has them.
        func indexes(_ url: String) async throws -> [String] {
            let register = try await PostgresRegister.open(url: url, seed: false)
            defer { register.close() }
            return try await register.read { connection in
                try await register.rows(connection, """
                    SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema()
                    UNION ALL SELECT tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY d
                    """).map { try $0.string("d") }
            }
        }
        let copied = try await indexes(server), fresh = try await indexes(try await TestPostgres.freshDatabase())
        #expect(copied.contains { $0.contains("gin_trgm_ops") } && copied == fresh)
    }
}
}


/// The remembered generation, without a server.
@Suite struct GenerationMemoTests {
    @Test func aReadIsKeptUntilAWriteEndsOrItGrowsOld() async throws {
        let memo = GenerationMemo(freshness: .seconds(3600))
        #expect(memo.recall().value == nil)
        let (_, writes) = memo.recall()
        memo.keep(5, readAfter: writes, at: .now)
        #expect(memo.recall().value == 5)
        memo.forget()
        #expect(memo.recall().value == nil, "a write of this process forgets it")
        memo.keep(5, readAfter: writes, at: .now)
        #expect(memo.recall().value == nil, "a read begun before the write may be older than the write")
        memo.keep(6, readAfter: memo.recall().writes, at: .now)
        #expect(memo.recall().value == 6)

        let brief = GenerationMemo(freshness: .milliseconds(50))
        brief.keep(7, readAfter: 0, at: .now - .seconds(1))
        #expect(brief.recall().value == nil, "an old read is asked again")
    }

    @Test func tallyFoldingIsLookedAtOnceAGeneration() {
        let memo = GenerationMemo(freshness: .seconds(1))
        #expect(memo.compacting(at: 3))
        #expect(!memo.compacting(at: 3))
        #expect(memo.compacting(at: 4))
    }
}
