import Foundation
import GRDB
import PledgeExtract
import PledgeModel
import PledgeSeed
@testable import PledgeRegister
import Testing

func temporaryPath(_ name: String = "register.sqlite") -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pledge-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name).path
}

@Suite struct SQLiteConformanceTests {
    @Test(arguments: RegisterConformance.allCases)
    func conforms(_ check: RegisterConformance) async throws {
        try await check.run { try await SQLiteRegister.open(path: temporaryPath(), seed: false) }
    }
}

@Suite struct SQLiteRegisterTests {
    /// `Fixtures/previous-version.sqlite` was made by the Pledge before parties were
    /// countries (`Fixtures/README.md` says how): a US–Philippines release read as `OTHER`
    /// and `JP+US`, a US fiscal year due in Japan's, and tracking on two items. Opening it
    /// re-reads every party and due date and keeps everything recorded.
    @Test func aRegisterOfThePreviousVersionIsReadAgainAsCountries() async throws {
        let path = temporaryPath()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/previous-version.sqlite")
        try FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: path))
        let old = try DatabaseQueue(path: path)
        let oldParties = try await old.read { try String.fetchAll($0, sql: "SELECT parties FROM item ORDER BY id") }
        #expect(oldParties.filter { $0.contains("OTHER") }.count == 4, "the fixture is what the previous version wrote")
        try old.close()

        let register = try await SQLiteRegister.open(path: path)
        func parties(_ id: String) async throws -> [String] { try await register.item(id: id)?.item.parties.map(\.rawValue) ?? [] }
        let ph = "2024-04-30-philippines-en", au = "2024-04-30-australia-japan"
        #expect(try await parties("\(ph)#1") == ["PH", "US"], "our two countries")
        #expect(try await parties("\(ph)#2") == ["PH"])
        #expect(try await parties("\(ph)#3") == ["US"])
        #expect(try await parties("\(ph)#4") == ["JP", "PH"])
        #expect(try await parties("\(au)#1") == ["AU", "JP"])
        #expect(try await parties("\(au)#2") == ["AU"])
        #expect(try await register.items(matching: ItemQuery(party: .OTHER)).isEmpty)
        #expect(try await register.item(id: "\(ph)#2")?.sentences.first?.parties == ["PH"])
        // The Coast Guard money is due when the U.S. fiscal year 2025 ends, no longer Japan's.
        let coastGuard = try #require(try await register.item(id: "\(ph)#3"))
        #expect(coastGuard.item.due == "2025-09-30")
        #expect(coastGuard.item.status == .in_the_works && coastGuard.item.version == 2)
        #expect(coastGuard.history.map(\.note) == ["budget request filed"] && coastGuard.history.first?.author == "hanako")
        let hydrogen = try #require(try await register.item(id: "\(au)#2"))
        #expect(hydrogen.item.status == .kept && hydrogen.history.first?.evidenceURL == "https://example.org/h2")
        #expect(try await register.events().count == 2)
        #expect(try await register.pendingUpgrades().isEmpty)
        // Once only: a second opening finds nothing to do and changes nothing.
        let generation = try await register.generation()
        let again = try await SQLiteRegister.open(path: path)
        #expect(try await again.generation() == generation)
        #expect(try await again.documents().map(\.key) == [au, ph], "keys and ids stay as they were")
        // Two documents of one day in two languages, but not one text: neither is paired.
        #expect(try await again.documents().allSatisfy { $0.translationOf == nil })
        #expect(try await again.count(matching: ItemQuery(language: .en)) == (try await again.count(matching: ItemQuery())))
    }

    /// A register that holds a document and its translation as two documents, both tracked,
    /// as every register did before translations were recognised: opening it pairs them and
    /// merges each commitment's two histories in the order they were recorded.
    @Test func anExistingRegisterIsPairedAndItsHistoriesMerged() async throws {
        let path = temporaryPath()
        let before = try await SQLiteRegister.open(path: path, seed: false)
        let (ja, en) = try await RegisterConformance.bilingual(before)
        try await before.record(RegisterConformance.event(.in_the_works, note: "ja, first"), item: "\(ja)#2")
        try await before.record(RegisterConformance.event(.stalled, note: "en, second"), item: "\(en)#3")
        try await before.record(RegisterConformance.event(.kept, note: "ja, third"), item: "\(ja)#2")
        try await before.record(RegisterConformance.event(.broken, note: "en only"), item: "\(en)#4")
        #expect(try await before.count(matching: ItemQuery()) == 9, "unpaired, as an older Pledge kept them")
        // What the schema migration asks of a register made before it.
        try await DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT OR REPLACE INTO meta VALUES ('upgrade:translations', 'pending')") }

        let after = try await SQLiteRegister.open(path: path)
        #expect(try await after.document(key: en)?.translationOf == ja)
        #expect(try await after.count(matching: ItemQuery()) == 5)
        #expect(try await after.events().count == 4, "nothing recorded is lost")
        let minerals = try #require(try await after.item(id: "\(en)#3"))
        #expect(minerals.history.map(\.note) == ["ja, first", "en, second", "ja, third"])
        #expect(minerals.item.status == .kept)
        #expect(try await after.item(id: "\(en)#4")?.history.map(\.note) == ["en only"])
        #expect(try await after.pendingUpgrades().isEmpty)
    }

    @Test func aWriteIsSeenAtOnceByItsProcessAndSoonByOthers() async throws {
        let path = temporaryPath()
        try await RegisterConformance.writesAreSeen(
            by: try await SQLiteRegister.open(path: path), andBy: try await SQLiteRegister.open(path: path, seed: false))
    }

    @Test func aNewRegisterOpensOnTheBundledFactSheet() async throws {
        let path = temporaryPath()
        let register = try await SQLiteRegister.open(path: path)
        let documents = try await register.documents()
        #expect(documents.map(\.key) == ["2024-04-10-japan-us", "2024-04-10-japan-us-en"])
        #expect(try await register.count(matching: ItemQuery(document: "2024-04-10-japan-us")) == 97)
        // Opening again does not load the seed twice.
        let again = try await SQLiteRegister.open(path: path)
        // The English text is a translation of the Japanese one: 97 commitments, not 194.
        #expect(try await again.count(matching: ItemQuery()) == 97)
        #expect(try await again.count(matching: ItemQuery(language: .en)) == 97)
        #expect(try await again.document(key: "2024-04-10-japan-us-en")?.translationOf == "2024-04-10-japan-us")
        #expect(try await again.documents().allSatisfy { $0.revision == 1 })
    }

    @Test func writeAheadLogAndAppendOnlyHistory() async throws {
        let path = temporaryPath()
        let register = try await SQLiteRegister.open(path: path)
        try await register.record(NewEvent(status: .kept, date: "2024-05-01", author: "a"), item: "2024-04-10-japan-us#1")
        let db = try DatabaseQueue(path: path)
        #expect(try await db.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        await #expect(throws: DatabaseError.self) { try await db.write { try $0.execute(sql: "UPDATE event SET status = 'broken'") } }
        await #expect(throws: DatabaseError.self) { try await db.write { try $0.execute(sql: "DELETE FROM event") } }
        #expect(try await db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event") } == 1)
    }

    @Test func refusesFilesThatAreNotRegisters() async throws {
        let text = temporaryPath("notes.sqlite")
        try Data("meeting notes, not a database\n".utf8).write(to: URL(fileURLWithPath: text))
        await #expect(throws: RegisterError.notARegister(location: text, reason: "the file is not a SQLite database")) {
            try await SQLiteRegister.open(path: text)
        }
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "meeting notes, not a database\n", "left untouched")

        let foreign = temporaryPath("other.sqlite")
        try await DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE contacts(name TEXT)") }
        await #expect(throws: RegisterError.notARegister(location: foreign, reason: "a SQLite database of another program")) {
            try await SQLiteRegister.open(path: foreign)
        }

        let folder = FileManager.default.temporaryDirectory.path
        await #expect(throws: RegisterError.notARegister(location: folder, reason: "it is a folder")) {
            try await SQLiteRegister.open(path: folder)
        }

        // A register truncated half-way through its first page.
        let good = temporaryPath()
        _ = try await SQLiteRegister.open(path: good, seed: false)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        let damaged = temporaryPath("damaged.sqlite")
        var broken = bytes
        broken.replaceSubrange(16..<min(bytes.count, 4096), with: Data(repeating: 0xFF, count: min(bytes.count, 4096) - 16))
        try broken.write(to: URL(fileURLWithPath: damaged))
        await #expect(throws: RegisterError.self) { try await SQLiteRegister.open(path: damaged) }
    }

    /// A register this process may not write (read-only media, someone else's file) is read
    /// through a read-only connection: `list` and `show` work, writes are refused by name, and
    /// nothing in the file changes.
    @Test func aRegisterThatCannotBeWrittenIsStillRead() async throws {
        let path = temporaryPath()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/previous-version.sqlite")
        try FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: path))
        // Not yet upgraded to this version: reading it as it stands would misread it.
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        await #expect(throws: RegisterError.readOnly(location: path, operation: "upgrade the register to this version of Pledge")) {
            try await SQLiteRegister.open(path: path, readOnly: true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "left as it was found")

        let writable = try await SQLiteRegister.open(path: path)
        let items = try await writable.items(matching: ItemQuery()).map(\.id)
        let id = try #require(items.first)
        let register = try await SQLiteRegister.open(path: path, readOnly: true)
        #expect(register.readOnly)
        #expect(try await register.items(matching: ItemQuery()).map(\.id) == items)
        #expect(try await register.item(id: id)?.item.id == id)
        #expect(try await register.documents().count == 2)
        #expect(try await register.signingKey().count >= 32, "the web app can start on it")
        await #expect(throws: RegisterError.readOnly(location: path, operation: "write to it")) {
            try await register.record(NewEvent(status: .kept, date: "2024-05-01", author: "a"), item: id)
        }
        let record = try DocumentLoader.record(SourceDocument(name: "extra.txt", text: "両国は協力する。\n"), key: "extra", label: "extra.txt")
        await #expect(throws: RegisterError.readOnly(location: path, operation: "add documents to it")) {
            try await register.ingest(record)
        }
        #expect(try await writable.events().count == 2, "nothing was recorded")
        #expect(RegisterError.readOnly(location: path, operation: "write to it").description.contains("can only be read here"))
    }

    @Test func refusesARegisterFromANewerPledge() async throws {
        let path = temporaryPath()
        _ = try await SQLiteRegister.open(path: path, seed: false)
        try await DatabaseQueue(path: path).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: something new')")
        }
        await #expect(throws: RegisterError.notARegister(location: path, reason: "written by a newer version of Pledge")) {
            try await SQLiteRegister.open(path: path)
        }
    }
}

@Suite struct SearchTests {
    @Test func pagesOfSearchResultsAcrossManyDocuments() async throws {
        let register = try await SQLiteRegister.open(path: temporaryPath())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pledge-variants-\(UUID().uuidString)")
        _ = try await Ingester(register: register).ingest(paths: try SeedVariants.write(count: 12, to: folder))
        let all = try await register.items(matching: ItemQuery())
        // The two seed texts are one document: 13 documents' commitments.
        #expect(all.count == 13 * 97)
        for search in ["量子", "宇宙飛行士", "quantum", "AI", "日本 宇宙", "semiconduct", "zyxwv", "ための"] {
            let every = try await register.items(matching: ItemQuery(search: search)).map(\.id)
            // The index only narrows: the answer is every item whose text the search matches.
            #expect(every == all.filter { SearchQuery(search).matches(($0.title ?? "") + " " + $0.text) }.map(\.id), "\(search)")
            for offset in [0, 40] {
                let page = try await register.items(matching: ItemQuery(search: search, limit: 25, offset: offset)).map(\.id)
                #expect(page == Array(every.dropFirst(offset).prefix(25)), "\(search) from \(offset)")
            }
            #expect(try await register.count(matching: ItemQuery(search: search)) == every.count)
        }
    }

    @Test func theFastTokeniserAgreesWithTheReadableOne() async throws {
        let register = try await SQLiteRegister.open(path: temporaryPath())
        for item in try await register.items(matching: ItemQuery()) {
            let text = (item.title ?? "") + " " + item.text
            var seen = Set<String>()
            let reference = SearchText.tokens(text).filter { SearchText.isIndexed($0) && seen.insert($0).inserted }
            #expect(SearchText.indexTokens(text) == reference.joined(separator: " "), "\(item.id)")
        }
        #expect(SearchText.tokens("ＡＩと量子、Semiconductors!") == ["ai", "と量", "量子", "semiconductors"])
        #expect(SearchText.indexTokens("the AI and 量子の研究") == "ai 量子 研究")
    }

    @Test func fullWidthLettersAreFoundByTheirPlainForm() async throws {
        let register = try await SQLiteRegister.open(path: temporaryPath(), seed: false)
        let text = "日米ＡＩ協力に関する共同声明\n2025年1月10日\n\n**ＡＩ安全性：**日米両国は、２０２６年までにＡＩの安全性評価を共同で実施する。\n"
        let record = try DocumentLoader.record(SourceDocument(name: "wide.txt", text: text), key: "wide", label: "wide.txt")
        _ = try await register.ingest(record)
        #expect(try await register.items(matching: ItemQuery(search: "AI")).count == 1)
        #expect(try await register.items(matching: ItemQuery(search: "2026")).count == 1)
        #expect(try await register.items(matching: ItemQuery(search: "安全性")).count == 1)
    }

    @Test func wordsAreFoundWhereTheyBegin() {
        #expect(SearchQuery("semiconductor").matches("Semiconductors and chips"))
        #expect(!SearchQuery("conductor").matches("semiconductors"))
        #expect(SearchQuery("AI").matches("on AI safety") && SearchQuery("AI").matches("ＡＩの安全"))
        #expect(!SearchQuery("AI").matches("he said it") && !SearchQuery("AI").matches("aims"))
        #expect(SearchQuery("量子 quantum").matches("量子技術 (quantum)") && !SearchQuery("量子 quantum").matches("量子技術"))
        #expect(SearchQuery("$2.9").matches("invest $2.9 billion") && !SearchQuery("$2.9").matches("2.9"))
        // Letters with case beyond ASCII are folded too.
        #expect(SearchQuery("école").matches("L'ÉCOLE normale") && SearchQuery("ÉCOLE").matches("une école"))
    }

    @Test func searchQueriesTellIndexFromSubstring() {
        let q = SearchQuery("Quantum AI 宇宙飛行士 $2.9 ための")
        #expect(q.tokens.map(\.text) == ["quantum", "ai", "宇宙", "宙飛", "飛行", "行士", "2", "9"])
        #expect(q.tokens.map(\.prefix) == [true, false, false, false, false, false, false, false])
        #expect(q.substrings == ["宇宙飛行士", "$2.9", "ための"])
        #expect(SearchQuery("the").indexQuery == nil && SearchQuery("the").substrings == ["the"])
    }
}
