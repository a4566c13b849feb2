import Foundation
import GRDB
import PledgeExtract
import PledgeModel
@testable import PledgeRegister
import Testing

/// How the SQLite register lays an ingest out: parts in their item's row, the search index
/// filled in batches, and registers written by earlier versions carried over.
@Suite struct SQLiteStorageTests {
    /// A small Japanese statement numbered `n`, whose one item names `word`.
    func statement(_ n: Int, word: String) throws -> DocumentRecord {
        let text = "日米協力に関する共同声明\n2025年1月\(n % 28 + 1)日\n\n**協力：**日米両国は、\(word)の研究を2026年3月までに推進する。\n"
        return try DocumentLoader.record(SourceDocument(name: "s\(n).txt", text: text), key: "statement-\(n)", label: "s\(n).txt")
    }

    @Test func searchFindsDocumentsBeforeAndAfterTheyEnterTheIndex() async throws {
        let register = try await SQLiteRegister.open(path: temporaryPath(), seed: false)
        let count = SQLiteSearchIndex.batchSize + 6
        for n in 0..<count { _ = try await register.ingest(try statement(n, word: n == 0 ? "量子暗号" : "宇宙開発")) }
        let waiting = try await register.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_pending") }
        #expect(waiting == 6, "one batch went into the index, the rest wait")

        // Found whether indexed (statement 0) or waiting (the last six).
        #expect(try await register.items(matching: ItemQuery(search: "量子暗号")).map(\.document) == ["statement-0"])
        #expect(try await register.count(matching: ItemQuery(search: "宇宙開発")) == count - 1)

        // A revised document leaves the index with the tokens it entered with, and is found by its new words only.
        _ = try await register.ingest(try statement(0, word: "海洋観測"))
        _ = try await register.ingest(try statement(count - 1, word: "量子暗号"))
        #expect(try await register.items(matching: ItemQuery(search: "量子暗号")).map(\.document) == ["statement-\(count - 1)"])
        #expect(try await register.items(matching: ItemQuery(search: "海洋観測")).map(\.document) == ["statement-0"])
        #expect(try await register.count(matching: ItemQuery(search: "宇宙開発")) == count - 2)
        try await register.pool.write { db in
            try db.execute(sql: "INSERT INTO document_search(document_search) VALUES ('integrity-check')")
        }
    }

    /// A list's deep page counts past index entries, not rows: whatever the list's usual
    /// filters, its page is chosen from one index without reading a row.
    @Test func aListsPageIsChosenFromAnIndexAlone() async throws {
        let register = try await SQLiteRegister.open(path: temporaryPath(), seed: false)
        for n in 0..<3 { _ = try await register.ingest(try statement(n, word: "量子")) }
        var due = ItemQuery(dueBefore: "2030-01-01", includeWithdrawn: true)
        due.order = .due
        let lists = [
            ItemQuery(), ItemQuery(modality: .commit), ItemQuery(status: .kept), ItemQuery(language: .ja),
            ItemQuery(document: "statement-1"), ItemQuery(modality: .intend, status: .in_the_works, includeWithdrawn: true), due,
        ]
        for var query in lists {
            (query.limit, query.offset) = (50, 10_000)
            let (sql, arguments) = SQLiteRegister.itemsSQL(query)
            let plan = try await register.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }
            // The rows themselves are read by rowid, the page's fifty only.
            let scans = plan.filter { $0.hasPrefix("SCAN item") || $0.hasPrefix("SEARCH item") && !$0.contains("rowid=?") }
            #expect(scans.count == 1 && scans.allSatisfy { $0.contains("USING COVERING INDEX item_by_") }, "\(query): \(plan)")
        }
    }

    @Test func partsKeptInTheItemRowReadBackWhole() async throws {
        let register = try await SQLiteRegister.open(path: temporaryPath(), seed: false)
        _ = try await register.ingest(try statement(1, word: "約150億ドルの量子"))
        let item = try #require(try await register.items(matching: ItemQuery()).first)
        let detail = try #require(try await register.item(id: item.id))
        #expect(detail.sentences.map(\.text) == ["日米両国は、約150億ドルの量子の研究を2026年3月までに推進する。"])
        #expect(detail.sentences.first?.actor == "日米両国")
        #expect(detail.amounts.map(\.text) == ["約150億ドル"] && detail.amounts.first?.value == 15_000_000_000)
        #expect(detail.times.map(\.due) == ["2026-03-31"])
        let amounts = try await register.amounts(matching: ItemQuery())
        #expect(amounts.map(\.actor) == ["日米両国"] && amounts.map(\.item) == [item.id])
    }

    @Test func theJSONOfPartsIsWhatADecoderReads() throws {
        let awkward = "\"quoted\" \\ back\\slash\nnew line\t\u{1}\u{1F} 絵文字🙂"
        let parts = ItemParts(
            sentences: [StoredSentence(text: "", span: SourceSpan(3, 9), modality: .commit, actor: awkward, parties: [.JP, .US])],
            amounts: [
                StoredAmount(text: awkward, span: SourceSpan(4, 6), kind: .money, value: 15_000_000_000, unit: "USD", qualifier: .approx),
                StoredAmount(text: "0.5セント", span: SourceSpan(7, 9), kind: .money, value: 0.005, unit: "USD", qualifier: nil),
            ],
            times: [StoredTime(text: "本年6月", span: SourceSpan(1, 3), role: .deadline, value: "2024-06", part: nil, due: "2024-06-30")])
        #expect(try ItemParts.decode(parts.encoded()) == parts)
        // The same value as Foundation writes it.
        let foundation = try JSONDecoder().decode(ItemParts.self, from: JSONEncoder().encode(parts))
        #expect(try ItemParts.decode(parts.encoded()) == foundation)
        #expect(ItemParts(sentences: [], amounts: [], times: []).encoded() == #"{"sentences":[],"amounts":[],"times":[]}"#)
    }

    /// Registers store fingerprints: a digest that changed between versions would make every
    /// item of a re-ingested document look edited.
    @Test func fingerprintsStayTheSameAcrossVersions() {
        let record = ItemRecord(
            extractedID: "i1", sectionID: "s1", section: "宇宙", kind: .paragraph, title: "月面探査", text: "日米両国は月面探査で協力する。",
            span: SourceSpan(100, 115), modality: .commit, parties: [.JP, .US], due: "2026-03-31",
            sentences: [StoredSentence(text: "", span: SourceSpan(100, 115), modality: .commit, actor: "日米両国", parties: [.JP, .US])],
            amounts: [StoredAmount(text: "約150億ドル", span: SourceSpan(105, 112), kind: .money, value: 1.5e10, unit: "USD", qualifier: .approx)],
            times: [StoredTime(text: "2026年3月までに", span: SourceSpan(101, 111), role: .deadline, value: "2026-03", part: nil, due: "2026-03-31")])
        #expect(record.fingerprint == "6817ee5264f6002d")
    }

    @Test func aVersionTwoRegisterKeepsEveryPartWhenOpened() async throws {
        let path = temporaryPath()
        let queue = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "v2: users, and a generation number for readers' caches")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO meta VALUES ('seeded', 'no');
                INSERT INTO document VALUES ('old', 'Old', '2024-04-10', 'ja', 'abc', 'old.txt', 1, '2024-04-10T00:00:00Z');
                INSERT INTO document_text VALUES ('old', 'xx日米両国は約150億ドルを2026年3月までに投じる。');
                INSERT INTO item(id, document, number, ordinal, extracted_id, section_id, kind, text, start, end, modality,
                    parties, version, fingerprint, wide_latin)
                VALUES ('old#1', 'old', 1, 0, 'i1', 's0', 'paragraph', '日米両国は約150億ドルを2026年3月までに投じる。', 2, 29,
                    'commit', 'JP,US', 2, '0123456789abcdef', 0);
                INSERT INTO sentence VALUES ('old#1', 0, 2, 29, 'commit', '日米両国', 'JP,US');
                INSERT INTO amount VALUES ('old#1', 0, '約150億ドル', 7, 14, 'money', 15000000000, 'USD', 'approx');
                INSERT INTO time_expression VALUES ('old#1', 0, '2026年3月までに', 15, 25, 'deadline', '2026-03', NULL, '2026-03-31');
                INSERT INTO item(id, document, number, ordinal, extracted_id, section_id, kind, text, start, end, modality,
                    parties, version, fingerprint, wide_latin)
                VALUES ('old#2', 'old', 2, 1, 'i2', 's0', 'paragraph', '約3億円', 30, 35, 'other', '', 1, '1', 0),
                    ('old#10', 'old', 10, 2, 'i3', 's0', 'paragraph', '本年6月', 40, 44, 'other', '', 1, '2', 0),
                    ('old#11', 'old', 11, 3, 'i4', 's0', 'paragraph', '以上', 45, 47, 'other', '', 1, '3', 0);
                INSERT INTO amount VALUES ('old#2', 0, '約3億円', 30, 35, 'money', 300000000, 'JPY', 'approx');
                INSERT INTO time_expression VALUES ('old#10', 0, '本年6月', 40, 44, 'point', '2024-06', NULL, NULL);
                INSERT INTO event(item, version, status, note, date, author, recorded_at)
                VALUES ('old#1', 2, 'in_progress', 'under way', '2024-05-01', 'ana', '2024-05-01T00:00:00Z');
                """)
        }
        let register = try await SQLiteRegister.open(path: path)
        let detail = try #require(try await register.item(id: "old#1"))
        #expect(detail.sentences.map(\.text) == ["日米両国は約150億ドルを2026年3月までに投じる。"])
        #expect(detail.sentences.map(\.actor) == ["日米両国"] && detail.sentences.map(\.parties) == [[.JP, .US]])
        #expect(detail.amounts.map(\.value) == [15_000_000_000] && detail.amounts.map(\.qualifier) == [.approx])
        #expect(detail.times.map(\.due) == ["2026-03-31"] && detail.times.map(\.part) == [nil])
        #expect(detail.history.map(\.note) == ["under way"] && detail.item.version == 2)
        #expect(try await register.amounts(matching: ItemQuery()).map(\.amount.text) == ["約150億ドル", "約3億円"])
        // Items with some parts or none, whose keys interleave (old#10 sorts before old#2).
        let (two, ten, eleven) = (try await register.item(id: "old#2"), try await register.item(id: "old#10"), try await register.item(id: "old#11"))
        #expect(two?.amounts.map(\.value) == [300_000_000] && two?.sentences == [] && two?.times == [])
        #expect(ten?.times.map(\.text) == ["本年6月"] && ten?.amounts == [])
        #expect(eleven?.sentences == [] && eleven?.amounts == [] && eleven?.times == [])
    }

    @Test(arguments: [
        ("日米首脳共同声明", Language.ja, "2024-04-10-japan-us"),
        ("日米豪印首脳会合", .ja, "2024-04-10-australia-india-japan-us"),
        ("United States-Japan Joint Leaders' Statement", .en, "2024-04-10-japan-us-en"),
        // Latin names count as whole words only: USB and Japanese-made are not the US and Japan.
        ("USB standards forum", .en, "2024-04-10-usb-en"),
        ("Quad Leaders' Summit", .en, "2024-04-10-quad-en"),
        ("欧州連合との協議", .ja, "2024-04-10-eu-japan"),
    ])
    func documentKeysComeFromDateAndCountries(title: String, language: Language, key: String) {
        let info = DocumentInfo(title: title, date: "2024-04-10", language: language, sha256: "", length: 0)
        let file = title.hasPrefix("USB") ? "usb.txt" : "statement.txt"
        #expect(DocumentKey.derive(info: info, fileName: file) == key)
    }
}
