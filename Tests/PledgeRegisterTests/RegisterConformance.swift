import Foundation
import PledgeExtract
import PledgeModel
import PledgeRegister
import PledgeSeed
import Testing

/// The behaviour every `Register` must show, whatever it stores in. Each store's test
/// suite runs every check against a fresh, empty register of its own kind, unchanged.
enum RegisterConformance: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case ingestGivesStableIDs
    case ingestingTwiceChangesNothing
    case correctedDocumentKeepsIDsAndHistory
    case filtersCombine
    case searchFindsJapaneseAndEnglish
    case trackingAppendsAndRefusesStaleVersions
    case concurrentWritersLoseNothing
    case dueDatesAndOverdue
    case glossary
    case archiveRoundTrip
    case facetsCountEachValue
    case amountsCarryTheirActors
    case usersKeepOnlyTokenHashes
    case generationMovesWithEveryWrite
    case importRefusesABadArchiveWhole
    case userNamesAreOneWhateverTheirForm
    case hostileQueriesAndTextsAreRefused
    case anotherDocumentOfTheSameDayGetsItsOwnKey
    case partiesAreCountries
    case rereadingKeepsTracking
    case undatedTimesAreKept
    case aTranslationIsOneCommitment
    case translatedHistoriesMerge
    case itemsLinkAcrossDocuments
    case laterReportsAreSuggestedUntilDecided
    case countsFollowEveryWrite
    case listsComeInPages
    case correctionsAreUsedEverywhereAndKept

    var testDescription: String { rawValue }

    /// Runs the check; `make` opens a new, empty register each time it is called.
    func run(_ make: @Sendable () async throws -> any Register) async throws {
        let register = try await make()
        switch self {
        case .ingestGivesStableIDs: try await Self.ingestGivesStableIDs(register)
        case .ingestingTwiceChangesNothing: try await Self.ingestingTwiceChangesNothing(register)
        case .correctedDocumentKeepsIDsAndHistory: try await Self.correctedDocumentKeepsIDsAndHistory(register)
        case .filtersCombine: try await Self.filtersCombine(register)
        case .searchFindsJapaneseAndEnglish: try await Self.searchFindsJapaneseAndEnglish(register)
        case .trackingAppendsAndRefusesStaleVersions: try await Self.trackingAppendsAndRefusesStaleVersions(register)
        case .concurrentWritersLoseNothing: try await Self.concurrentWritersLoseNothing(register)
        case .dueDatesAndOverdue: try await Self.dueDatesAndOverdue(register)
        case .glossary: try await Self.glossary(register)
        case .archiveRoundTrip: try await Self.archiveRoundTrip(register, empty: try await make())
        case .facetsCountEachValue: try await Self.facetsCountEachValue(register)
        case .amountsCarryTheirActors: try await Self.amountsCarryTheirActors(register)
        case .usersKeepOnlyTokenHashes: try await Self.usersKeepOnlyTokenHashes(register)
        case .generationMovesWithEveryWrite: try await Self.generationMovesWithEveryWrite(register)
        case .importRefusesABadArchiveWhole: try await Self.importRefusesABadArchiveWhole(register, empty: try await make())
        case .userNamesAreOneWhateverTheirForm: try await Self.userNamesAreOneWhateverTheirForm(register)
        case .hostileQueriesAndTextsAreRefused: try await Self.hostileQueriesAndTextsAreRefused(register)
        case .anotherDocumentOfTheSameDayGetsItsOwnKey: try await Self.anotherDocumentOfTheSameDayGetsItsOwnKey(register)
        case .partiesAreCountries: try await Self.partiesAreCountries(register)
        case .rereadingKeepsTracking: try await Self.rereadingKeepsTracking(register)
        case .undatedTimesAreKept: try await Self.undatedTimesAreKept(register)
        case .aTranslationIsOneCommitment: try await Self.aTranslationIsOneCommitment(register, empty: try await make())
        case .translatedHistoriesMerge: try await Self.translatedHistoriesMerge(register)
        case .itemsLinkAcrossDocuments: try await Self.itemsLinkAcrossDocuments(register)
        case .laterReportsAreSuggestedUntilDecided: try await Self.laterReportsAreSuggestedUntilDecided(register, empty: try await make())
        case .countsFollowEveryWrite: try await Self.countsFollowEveryWrite(register, empty: try await make())
        case .listsComeInPages: try await Self.listsComeInPages(register)
        case .correctionsAreUsedEverywhereAndKept: try await Self.correctionsAreUsedEverywhereAndKept(register, empty: try await make())
        }
    }

    // MARK: Fixtures

    static let ja = Seed.japanUSFactSheetJA
    static let en = Seed.japanUSFactSheetEN

    static func text(_ seed: Seed.Document) throws -> String {
        try DocumentReader.read(path: seed.url.path).text
    }

    static func record(_ seed: Seed.Document, text: String? = nil) throws -> DocumentRecord {
        if text == nil, let read = seedReadings[seed.key] { return read }
        let source = SourceDocument(name: seed.fileName, text: try text ?? Self.text(seed))
        return try DocumentLoader.record(source, key: seed.key, label: seed.fileName)
    }

    /// The seed texts read once for every check: two dozen checks reading them again at once
    /// keep a 2-core machine's threads so busy that a database's answer waits past its deadline.
    static let seedReadings: [String: DocumentRecord] = {
        var readings: [String: DocumentRecord] = [:]
        for seed in [ja, en] {
            guard let text = try? Self.text(seed),
                  let read = try? DocumentLoader.record(SourceDocument(name: seed.fileName, text: text), key: seed.key, label: seed.fileName)
            else { continue }
            readings[seed.key] = read
        }
        return readings
    }()

    static func event(_ status: Status, note: String? = nil, version: Int? = nil, author: String = "tester") -> NewEvent {
        NewEvent(status: status, note: note, evidenceURL: "https://example.org/evidence?a=1&b=<2>", evidenceTitle: "Report",
                 date: "2024-05-01", author: author, expectedVersion: version)
    }

    static func id(_ n: Int, _ seed: Seed.Document = ja) -> String { "\(seed.key)#\(n)" }

    /// A short fact sheet in two languages: four items in both, and one in English only.
    static let bilingualJA = """
        ファクトシート：日豪パートナーシップ

        2025年3月3日

        **宇宙協力**：日豪両国は、2028年までにSOLAR-Cミッションを打ち上げ、地上局のために4000万ドルを拠出する。

        **重要鉱物**：両国は、2026年3月までにJOGMECを通じてリチウム事業に200億円を投資する意図を有する。

        **教育**：日本は、2025年にJETプログラムの下で豪州の学生500人を受け入れる。

        **防衛**：日豪両国は、2025年8月にRAAFとともに武士道ガーディアン演習を実施する。
        """
    static let bilingualEN = """
        FACT SHEET: Japan-Australia Partnership

        March 3, 2025

        **Education**: Japan will host 500 Australian students under the JET Programme in 2025.

        **Space Cooperation**: Japan and Australia will launch the SOLAR-C mission by 2028 and provide $40 million for ground stations.

        **Critical Minerals**: The two countries intend to invest ¥20 billion in lithium projects through JOGMEC by March 2026.

        **Tourism**: Australia welcomes Japanese visitors to its national parks.

        **Defense**: Japan and Australia will hold the Bushido Guardian exercise with the RAAF in August 2025.
        """

    static func bilingual(_ r: any Register) async throws -> (ja: String, en: String) {
        let ja = try DocumentLoader.record(SourceDocument(name: "ja.txt", text: bilingualJA), key: "2025-03-03-jp-au", label: "ja.txt")
        let en = try DocumentLoader.record(SourceDocument(name: "en.txt", text: bilingualEN), key: "2025-03-03-jp-au-en", label: "en.txt")
        _ = try await r.ingest(ja)
        _ = try await r.ingest(en)
        return (ja.key, en.key)
    }

    // MARK: Checks

    /// Two texts of one document: each commitment is listed once, in the language asked,
    /// tracked once whichever id is used, and shown with its other text.
    static func aTranslationIsOneCommitment(_ r: any Register, empty: any Register) async throws {
        let (ja, en) = try await bilingual(r)
        // Another English document of the same day is not taken for a translation.
        let other = try DocumentLoader.record(
            SourceDocument(name: "other.txt", text: "Joint Statement\n\nMarch 3, 2025\n\nWe discussed the weather and agreed to meet again.\n"),
            key: "2025-03-03-other", label: "other.txt")
        _ = try await r.ingest(other)
        #expect(try await Translations.pair(other.key, in: r) == nil)
        let pairing = try await Translations.pair(en, in: r)
        #expect(pairing == Translations.Pairing(translation: en, original: ja))
        #expect(try await r.document(key: en)?.translationOf == ja)

        // Once each: four commitments in both texts, the English-only one, and the other document's.
        let all = try await r.items(matching: ItemQuery())
        #expect(all.map(\.id) == ["\(ja)#1", "\(ja)#2", "\(ja)#3", "\(ja)#4", "\(en)#4", "\(other.key)#1"])
        #expect(try await r.count(matching: ItemQuery()) == 6)
        let english = try await r.items(matching: ItemQuery(language: .en)).map(\.id)
        #expect(english == ["\(en)#1", "\(en)#2", "\(en)#3", "\(en)#4", "\(en)#5", "\(other.key)#1"])
        // Paired by content, not position: the English text puts education first.
        let counterparts = Dictionary(uniqueKeysWithValues: try await r.items(matching: ItemQuery(document: en)).map { ($0.id, $0.counterpart) })
        #expect(counterparts == ["\(en)#1": "\(ja)#3", "\(en)#2": "\(ja)#1", "\(en)#3": "\(ja)#2", "\(en)#4": nil, "\(en)#5": "\(ja)#4"])
        // A document asked for by key shows all of its own items.
        #expect(try await r.count(matching: ItemQuery(document: en)) == 5)

        // Tracked on the English id, seen on the Japanese one, with one history.
        try await r.record(event(.in_the_works, note: "launch contract signed", version: 1), item: "\(en)#2")
        let space = try #require(try await r.item(id: "\(ja)#1"))
        #expect(space.item.status == .in_the_works && space.item.version == 2)
        #expect(space.history.map(\.note) == ["launch contract signed"])
        #expect(space.versions.map(\.item.id) == ["\(en)#2"])
        #expect(space.versions.first?.amounts.contains { $0.unit == "USD" && $0.value == 4e7 } == true)
        let spaceEN = try #require(try await r.item(id: "\(en)#2"))
        #expect(spaceEN.item.status == .in_the_works && spaceEN.item.version == 2 && spaceEN.history.count == 1)
        #expect(spaceEN.versions.map(\.item.id) == ["\(ja)#1"])
        #expect(try await r.items(matching: ItemQuery(status: .in_the_works, language: .en)).map(\.id) == ["\(en)#2"])
        // A stale version is refused through either id.
        await #expect(throws: RegisterError.staleVersion(item: "\(ja)#1", expected: 1, current: 2)) {
            try await r.record(event(.kept, version: 1), item: "\(ja)#1")
        }
        // The English-only item stays single.
        let tourism = try #require(try await r.item(id: "\(en)#4"))
        #expect(tourism.item.counterpart == nil && tourism.versions.isEmpty)

        // Kept through an archive.
        let archive = try await r.archive()
        try await empty.restore(try JSONExport.decode(try JSONExport.encode(archive), file: "export.json"))
        #expect(try await empty.archive() == archive)
        #expect(try await empty.items(matching: ItemQuery()).map(\.id) == all.map(\.id))
        #expect(try await empty.item(id: "\(en)#2")?.history.count == 1)
    }

    /// A later statement that reports a commitment launched or signed offers it as an event on
    /// the commitment, until an editor accepts it (an event naming it) or dismisses it; the
    /// decisions travel in archives.
    static func laterReportsAreSuggestedUntilDecided(_ r: any Register, empty: any Register) async throws {
        for (key, text) in [("2025-06-01-fact-sheet", """
            FACT SHEET: Partnership for Growth

            June 1, 2025

            **Fighting the Climate Crisis**: The two countries will cooperate to tackle the climate crisis through clean energy.

            **Luzon Economic Corridor**: The United States and Japan will support the Luzon Economic Corridor (LEC), connecting Subic Bay, Clark, Manila and Batangas with investment in ports and rail.

            **Open RAN**: The two countries will sign a Memorandum on Open RAN (ORAN) field trials in Manila and Cebu.
            """), ("2025-12-01-statement", """
            Joint Statement

            December 1, 2025

            We will address the climate crisis and accelerate the clean energy transition in our countries.

            We launched the Luzon Economic Corridor (LEC) this month: the first ports in Subic Bay and Batangas are open.

            The two countries signed the Memorandum on Open RAN (ORAN) field trials in Manila and Cebu in October.
            """)] {
            let record = try DocumentLoader.record(SourceDocument(name: key, text: text), key: key, label: key + ".txt")
            _ = try await r.ingest(record)
            try await DocumentLinks.link(record, in: r)
        }
        let corridor = try await Suggestions.of("2025-06-01-fact-sheet#2", in: r)
        let launched = "We launched the Luzon Economic Corridor (LEC) this month: the first ports in Subic Bay and Batangas are open."
        #expect(corridor == [Suggestion(
            id: Suggestions.id(report: "2025-12-01-statement#2", commitment: "2025-06-01-fact-sheet#2"), item: "2025-06-01-fact-sheet#2",
            status: .in_the_works, note: "Reported in Joint Statement (2025-12-01): “\(launched)”", evidenceURL: nil,
            evidenceTitle: "Joint Statement", date: "2025-12-01", reportItem: "2025-12-01-statement#2",
            reportDocument: "2025-12-01-statement", sentence: launched, cue: "launched")])
        // Promised to sign, reported signed: kept.
        let memorandum = try await Suggestions.of("2025-06-01-fact-sheet#3", in: r)
        #expect(memorandum.map(\.status) == [.kept] && memorandum.map(\.cue) == ["signed"])
        #expect(try await Suggestions.of("2025-06-01-fact-sheet#1", in: r).isEmpty, "a theme is no report")
        #expect(try await Suggestions.of("2025-12-01-statement#2", in: r).isEmpty, "the report itself is not followed up")

        // Accepted: an event like any other, which names the suggestion; not offered again.
        let offer = try #require(corridor.first)
        let event = try await r.record(offer.event(author: "hanako", expectedVersion: 1, today: "2026-01-05"), item: offer.item)
        #expect(event.status == .in_the_works && event.note == offer.note && event.date == "2025-12-01" && event.evidenceTitle == "Joint Statement")
        #expect(try await Suggestions.of(offer.item, in: r).isEmpty)
        await #expect(throws: RegisterError.self, "a suggestion is accepted once") {
            try await r.record(offer.event(author: "taro", expectedVersion: nil, today: "2026-01-05"), item: offer.item)
        }
        #expect(try await r.item(id: offer.item)?.history.count == 1, "the refused second acceptance recorded nothing")

        // Dismissed: nothing recorded, not offered again.
        let dismissed = try #require(memorandum.first)
        try await r.dismissSuggestion(dismissed.id, item: dismissed.item, author: "taro")
        #expect(try await Suggestions.of(dismissed.item, in: r).isEmpty)
        #expect(try await r.item(id: dismissed.item)?.history.isEmpty == true)
        await #expect(throws: RegisterError.self) { try await r.dismissSuggestion(dismissed.id, item: dismissed.item, author: "taro") }
        await #expect(throws: RegisterError.self, "a suggestion's name is checked") {
            try await r.dismissSuggestion("s'; DROP TABLE item", item: dismissed.item, author: "taro")
        }
        await #expect(throws: RegisterError.itemNotFound("nope#1")) { try await r.dismissSuggestion(dismissed.id, item: "nope#1", author: "taro") }
        let decisions = try await r.suggestionDecisions(item: "2025-06-01-fact-sheet#2") + r.suggestionDecisions(item: "2025-06-01-fact-sheet#3")
        #expect(decisions.map(\.decision) == [.accepted, .dismissed] && decisions.map(\.author) == ["hanako", "taro"])

        // An archive carries the decisions.
        let archive = try await r.archive()
        #expect(archive.decisions.count == 2)
        try await empty.restore(archive)
        #expect(try await empty.archive().decisions == archive.decisions)
    }

    /// A later statement's items link to the fact sheet items about the same initiative, with
    /// what they share; a shared theme alone does not link, and a revision links afresh.
    static func itemsLinkAcrossDocuments(_ r: any Register) async throws {
        func stored(_ text: String, key: String) async throws -> DocumentRecord {
            let record = try DocumentLoader.record(SourceDocument(name: key, text: text), key: key, label: key + ".txt")
            _ = try await r.ingest(record)
            try await DocumentLinks.link(record, in: r)
            return record
        }
        _ = try await stored("""
            FACT SHEET: Partnership for Growth

            June 1, 2025

            **Fighting the Climate Crisis**: The two countries will cooperate to tackle the climate crisis through clean energy.

            **Launching the Luzon Economic Corridor**: The United States and Japan will support the Luzon Economic Corridor (LEC), connecting Subic Bay, Clark, Manila and Batangas with investment in ports and rail.

            **Expanding Open RAN**: The two countries intend to fund Open RAN field trials in the region.
            """, key: "2025-06-01-fact-sheet")
        _ = try await stored("""
            Joint Statement

            December 1, 2025

            We will address the climate crisis and accelerate the clean energy transition in our countries.

            We launched the Luzon Economic Corridor (LEC) this month: the first ports in Subic Bay and Batangas are open.
            """, key: "2025-12-01-statement")
        let corridor = try #require(try await r.item(id: "2025-12-01-statement#2"))
        #expect(corridor.links.map(\.other) == ["2025-06-01-fact-sheet#2"])
        let link = try #require(corridor.links.first)
        #expect(link.from == "2025-12-01-statement#2" && link.to == "2025-06-01-fact-sheet#2")
        #expect(link.relation == "progress", "six months later: it reports on the commitment")
        #expect(link.evidence.contains("LEC") && link.otherDocument == "2025-06-01-fact-sheet")
        #expect(link.otherText?.contains("Launching the Luzon Economic Corridor") == true)
        // Read from the other side, the same link.
        let promise = try #require(try await r.item(id: "2025-06-01-fact-sheet#2"))
        #expect(promise.links.map(\.other) == ["2025-12-01-statement#2"] && promise.links.first?.from == link.from)
        #expect(try await r.item(id: "2025-12-01-statement#1")?.links.isEmpty == true, "a theme is not a link")
        #expect(try await r.item(id: "2025-06-01-fact-sheet#3")?.links.isEmpty == true)
        // A revision that drops the corridor drops its link.
        _ = try await stored("""
            Joint Statement

            December 1, 2025

            We will address the climate crisis and accelerate the clean energy transition in our countries.

            We discussed ports and rail.
            """, key: "2025-12-01-statement")
        #expect(try await r.item(id: "2025-06-01-fact-sheet#2")?.links.isEmpty == true)

        // A name two dozen documents use finds none of them; one two documents use finds the other.
        for n in 1...(DocumentLinks.usersKept + 2) {
            let text = "Statement \(n)\n\nJanuary \(n), 2026\n\nThe two countries will fund the GLOBEX programme\(n == 1 ? " and the RAREX pilot" : "").\n"
            let key = "2026-01-\(String(format: "%02d", n))-statement"
            _ = try await r.ingest(try DocumentLoader.record(SourceDocument(name: key, text: text), key: key, label: key + ".txt"))
        }
        let common = try await r.linkCandidates(for: "2026-01-05-statement", lookUp: ["GLOBEX"], common: DocumentLinks.commonName, limit: 5)
        #expect(common == LinkCandidates(documents: [], common: ["GLOBEX"]))
        let rare = try await r.linkCandidates(for: "2025-12-01-statement", lookUp: ["LEC"], common: DocumentLinks.commonName, limit: 5)
        #expect(rare == LinkCandidates(documents: ["2025-06-01-fact-sheet"], common: []))
    }

    /// Both texts of a commitment tracked before they were known to be one: nothing is lost,
    /// and the histories merge in the order they were recorded.
    static func translatedHistoriesMerge(_ r: any Register) async throws {
        let (ja, en) = try await bilingual(r)
        try await r.record(event(.in_the_works, note: "first, on the Japanese text"), item: "\(ja)#2")
        try await r.record(event(.stalled, note: "second, on the English text"), item: "\(en)#3")
        try await r.record(event(.kept, note: "third, on the Japanese text"), item: "\(ja)#2")
        try await r.record(event(.broken, note: "on the English-only item"), item: "\(en)#4")
        let before = try await r.events().count
        _ = try await Translations.pair(en, in: r)
        #expect(try await r.events().count == before)
        let minerals = try #require(try await r.item(id: "\(en)#3"))
        #expect(minerals.history.map(\.note) == ["first, on the Japanese text", "second, on the English text", "third, on the Japanese text"])
        #expect(minerals.history.allSatisfy { $0.item == "\(ja)#2" })
        let versions = minerals.history.map(\.version)
        #expect(versions == versions.sorted() && Set(versions).count == 3)
        #expect(minerals.item.status == .kept && minerals.item.version == versions.last)
        #expect(try await r.item(id: "\(ja)#2")?.item.version == versions.last)
        // Writing goes on from the merged version.
        let next = try await r.record(event(.compromise, version: versions.last), item: "\(ja)#2")
        #expect(next.version == versions.last! + 1)
        #expect(try await r.item(id: "\(en)#4")?.history.map(\.status) == [.broken])
        // The history stays append-only once merged.
        #expect(try await r.events().count == before + 1)
    }

    static func ingestGivesStableIDs(_ r: any Register) async throws {
        let outcome = try await r.ingest(record(ja))
        #expect(outcome.change == .added)
        #expect(outcome.added == 97)
        let items = try await r.items(matching: ItemQuery())
        #expect(items.map(\.id) == (1...97).map { id($0) })
        #expect(items.map(\.ordinal) == Array(0..<97))
        let rover = try #require(try await r.item(id: id(17)))
        #expect(rover.item.title?.contains("与圧ローバ") == true)
        #expect(rover.item.parties == [.JP, .US])
        #expect(rover.item.version == 1 && rover.item.status == .not_yet_rated && rover.history.isEmpty)
        #expect(rover.sentences.first?.text.hasPrefix("日米両国は") == true)
        let source = try #require(try await r.documentText(key: ja.key))
        let scalars = Array(source.unicodeScalars)
        // Every stored span points at the text stored with it.
        for s in rover.sentences {
            #expect(String(String.UnicodeScalarView(scalars[s.span.start..<s.span.end])) == s.text)
        }
        let microsoft = try #require(try await r.item(id: id(24)))
        #expect(microsoft.amounts.contains { $0.unit == "USD" && $0.value == 2.9e9 })
        let documents = try await r.documents()
        #expect(documents.map(\.key) == [ja.key])
        #expect(documents.first?.itemCount == 97 && documents.first?.date == "2024-04-10" && documents.first?.revision == 1)
        #expect(try await r.sections(document: ja.key).count >= 7)
        #expect(try await r.item(id: "\(ja.key)#98") == nil)
    }

    static func ingestingTwiceChangesNothing(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        try await r.record(event(.in_the_works), item: id(3))
        let before = try await r.archive()
        let again = try await r.ingest(record(ja))
        #expect(again.change == .unchanged)
        #expect(again.kept == 97 && again.added == 0)
        #expect(try await r.archive() == before)
    }

    /// A corrected document: one item reworded, one paragraph inserted, one removed.
    static func correctedDocumentKeepsIDsAndHistory(_ r: any Register) async throws {
        let original = try text(ja)
        // A preview says what an ingest would do, and stores nothing.
        let first = try await r.preview(record(ja, text: original))
        #expect(first.change == .added && first.added == 97 && first.changes.isEmpty)
        let stored = try await r.documentCount(), listed = try await r.items(matching: ItemQuery())
        #expect(stored == 0 && listed.isEmpty)
        #expect(try await r.ingest(record(ja, text: original)) == first)
        for n in [5, 17, 60, 90] {
            try await r.record(event(.in_the_works, note: "progress on \(n)"), item: id(n))
        }
        let old5 = try #require(try await r.item(id: id(5))).item
        let old17 = try #require(try await r.item(id: id(17))).item
        let old60 = try #require(try await r.item(id: id(60))).item
        let old90 = try #require(try await r.item(id: id(90))).item

        var edited = original.replacingOccurrences(of: old60.text + "\n", with: "")
        #expect(edited != original, "the removed paragraph is in the text")
        let reworded = old17.text.replacingOccurrences(of: "署名した。", with: "署名し、両国で公表した。")
        #expect(reworded != old17.text)
        edited = edited.replacingOccurrences(of: old17.text, with: reworded)
        let inserted = "**日米共同の新たな取組：**日米両国は、2025年末までに共同作業部会を設置する意図を有する。\n\n"
        edited = edited.replacingOccurrences(of: old5.text, with: inserted + old5.text)

        let generation = try await r.generation()
        let previewed = try await r.preview(record(ja, text: edited))
        let (generationAfter, revision) = (try await r.generation(), try await r.document(key: ja.key)?.revision)
        #expect(generationAfter == generation && revision == 1, "a preview stores nothing")
        let (sixty, ninetyEight) = (try await r.item(id: id(60)), try await r.item(id: id(98)))
        #expect(sixty?.item.withdrawn == false && ninetyEight == nil)
        let outcome = try await r.ingest(record(ja, text: edited))
        #expect(outcome == previewed)
        #expect(outcome.change == .revised)
        #expect(outcome.added == 1 && outcome.withdrawn == 1 && outcome.changed >= 1)
        // Item by item, what the revision did: what an editor sees before confirming it.
        #expect(outcome.changes.filter { $0.kind == .new } == [ItemChange(kind: .new, number: 98, after: inserted.trimmingCharacters(in: .newlines))])
        #expect(outcome.changes.filter { $0.kind == .withdrawn } == [ItemChange(kind: .withdrawn, number: 60, before: old60.text)])
        #expect(outcome.changes.contains(ItemChange(kind: .changed, number: 17, before: old17.text, after: reworded)))
        #expect(outcome.changes.filter { $0.kind == .changed }.count == outcome.changed)

        let new5 = try #require(try await r.item(id: id(5)))
        #expect(new5.item.text == old5.text && new5.item.ordinal == old5.ordinal + 1)
        #expect(new5.history.map(\.note) == ["progress on 5"])
        #expect(new5.item.version == old5.version, "moving down a place is not a change")

        let new17 = try #require(try await r.item(id: id(17)))
        #expect(new17.item.text == reworded)
        #expect(new17.history.map(\.note) == ["progress on 17"] && new17.item.status == .in_the_works)
        #expect(new17.item.version == old17.version + 1, "rewording is a change a stale writer must see")

        let new90 = try #require(try await r.item(id: id(90)))
        #expect(new90.item.text == old90.text && new90.history.count == 1)

        let gone = try #require(try await r.item(id: id(60)))
        #expect(gone.item.withdrawn && gone.history.map(\.note) == ["progress on 60"])
        #expect(try await r.items(matching: ItemQuery()).contains { $0.id == id(60) } == false)
        #expect(try await r.items(matching: ItemQuery(includeWithdrawn: true)).contains { $0.id == id(60) })

        let added = try #require(try await r.item(id: id(98)))
        #expect(added.item.title == "日米共同の新たな取組" && added.item.ordinal == old5.ordinal)
        #expect(added.item.due == "2025-12-31" && added.item.modality == .intend)
        #expect(try await r.count(matching: ItemQuery()) == 97)
        #expect(try await r.document(key: ja.key)?.revision == 2)
        #expect(try await r.events().count == 4)

        // Putting the paragraph back brings the withdrawn item back, history and all.
        let restored = try await r.ingest(record(ja, text: original))
        #expect(restored.withdrawn == 1, "the inserted item goes")
        let back = try #require(try await r.item(id: id(60)))
        #expect(!back.item.withdrawn && back.history.count == 1)
    }

    static func correctionsAreUsedEverywhereAndKept(_ r: any Register, empty: any Register) async throws {
        let original = try text(ja)
        _ = try await r.ingest(record(ja, text: original))
        let amount = try #require(try await r.amounts(matching: ItemQuery()).first { $0.amount.unit == "USD" })
        let moneyItem = amount.item
        let place = try #require(try await r.item(id: moneyItem)?.amounts.firstIndex(of: amount.amount))
        let target = id(8)
        let before = try #require(try await r.item(id: target)).item
        let other: Modality = before.modality == .commit ? .intend : .commit
        func fix(_ field: CorrectedField, _ value: String, amount: Int? = nil, item: String = target, note: String = "the release says so",
                 version: Int? = nil) async throws -> Correction {
            try await r.correct(NewCorrection(field: field, value: value, amount: amount, note: note, author: "hanako", expectedVersion: version),
                                item: item)
        }

        // Refused before anything is written: no note, a value the field cannot hold, a stale version, no such item.
        for (field, value, note) in [(CorrectedField.modality, other.rawValue, " "), (.modality, "promised", "n"), (.parties, "JP,Narnia", "n"),
                                     (.due, "2025-02-30", "n"), (.amountValue, "12", "n")] {
            await #expect(throws: RegisterError.self) { try await fix(field, value, note: note) }
        }
        await #expect(throws: RegisterError.staleVersion(item: target, expected: before.version + 5, current: before.version)) {
            try await fix(.modality, other.rawValue, version: before.version + 5)
        }
        await #expect(throws: RegisterError.itemNotFound("nothing#1")) { try await fix(.modality, "commit", item: "nothing#1") }
        #expect(try await r.item(id: target)?.corrections.isEmpty == true)

        // Each correction is one more version, keeps what the item said before, and is used by every reading.
        let modality = try await fix(.modality, other.rawValue, version: before.version)
        #expect(modality.version == before.version + 1 && modality.before == before.modality.rawValue && modality.after == other.rawValue)
        #expect(modality.author == "hanako" && modality.note == "the release says so" && modality.sourceText == before.text)
        _ = try await fix(.parties, "jp, au")
        _ = try await fix(.due, "2025-06-30")
        _ = try await fix(.title, "Corrected title")
        let money = try await fix(.amountValue, "2500000000", amount: place, item: moneyItem)
        #expect(money.before == CSVExport.formatValue(amount.amount.value) && money.after == "2500000000")

        let now = try #require(try await r.item(id: target))
        #expect(now.item.modality == other && now.item.parties == ["AU", "JP"] && now.item.due == "2025-06-30")
        #expect(now.item.title == "Corrected title" && now.item.version == before.version + 4)
        #expect(now.corrections.map(\.field) == [.modality, .parties, .due, .title])
        #expect(now.corrections.map(\.version) == Array((before.version + 1)...(before.version + 4)))
        #expect(try await r.items(matching: ItemQuery(modality: other)).contains { $0.id == target })
        #expect(try await r.items(matching: ItemQuery(modality: before.modality)).contains { $0.id == target } == false)
        #expect(try await r.items(matching: ItemQuery(party: "AU")).contains { $0.id == target })
        #expect(try await r.items(matching: ItemQuery(overdueOn: "2025-07-01")).contains { $0.id == target })
        let facet = try await r.facet(.modality, matching: ItemQuery())
        let listed = try await r.items(matching: ItemQuery())
        #expect(facet.first { $0.value == other.rawValue }?.count == listed.filter { $0.modality == other }.count)
        #expect(try await r.item(id: moneyItem)?.amounts[place].value == 2_500_000_000)
        let usd = try await r.money(by: .section).filter { $0.currency == "USD" }.map(\.value).reduce(0, +)
        let expected = try await r.amounts(matching: ItemQuery()).filter { $0.amount.unit == "USD" && $0.amount.kind == .money }.map(\.amount.value).reduce(0, +)
        #expect(abs(usd - expected) < 1, "money totals add the corrected value")

        // Carried whole by an export and an import.
        let archive = try await r.archive()
        #expect(archive.corrections.count == 5)
        try await empty.restore(archive)
        #expect(try await empty.archive() == archive)
        #expect(try await empty.item(id: target)?.corrections == now.corrections)

        // A new version of the document keeps every correction: applied where the item reads as
        // before, and applied but flagged for review where its words changed.
        let reworded = original.replacingOccurrences(of: before.text, with: before.text.replacingOccurrences(of: "。", with: "、着実に。"))
        #expect(reworded != original)
        let outcome = try await r.ingest(record(ja, text: reworded))
        #expect(outcome.change == .revised)
        let after = try #require(try await r.item(id: target))
        #expect(after.item.text != before.text)
        #expect(after.item.modality == other && after.item.parties == ["AU", "JP"] && after.item.due == "2025-06-30")
        #expect(after.corrections.count == 4 && after.corrections.allSatisfy { $0.needsReview(currentText: after.item.text) })
        let kept = try #require(try await r.item(id: moneyItem))
        #expect(kept.amounts[place].value == 2_500_000_000 && kept.corrections.allSatisfy { !$0.needsReview(currentText: kept.item.text) })
        // Read again unchanged, a corrected item is no new version.
        let again = try await r.ingest(record(ja, text: original))
        #expect(again.changes.filter { $0.number == kept.item.number }.isEmpty)
        #expect(try await r.item(id: moneyItem)?.item.version == kept.item.version)
    }

    static func filtersCombine(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        _ = try await r.ingest(record(en))
        let all = try await r.items(matching: ItemQuery())
        #expect(all.count == 194)
        try await r.record(event(.kept), item: id(17))
        try await r.record(event(.stalled), item: id(21))
        try await r.record(event(.kept), item: id(21, en))

        // Every filter agrees with the same condition checked item by item, alone and combined.
        let cases: [(ItemQuery, (ItemSummary) -> Bool)] = [
            (ItemQuery(document: en.key), { $0.document == en.key }),
            (ItemQuery(section: "宇宙"), { $0.section?.contains("宇宙") == true }),
            (ItemQuery(section: "space"), { $0.section?.lowercased().contains("space") == true }),
            (ItemQuery(modality: .intend), { $0.modality == .intend }),
            (ItemQuery(party: .OTHER), { $0.parties.contains(.OTHER) }),
            (ItemQuery(status: .kept), { $0.status == .kept }),
            (ItemQuery(dueBefore: "2026-03-31"), { ($0.due ?? "9999") <= "2026-03-31" }),
            (ItemQuery(overdueOn: "2026-06-01"), { $0.isOverdue(asOf: "2026-06-01") }),
            (ItemQuery(document: ja.key, modality: .commit, party: .US), {
                $0.document == ja.key && $0.modality == .commit && $0.parties.contains(.US)
            }),
            (ItemQuery(section: "宇宙", status: .kept), { $0.section?.contains("宇宙") == true && $0.status == .kept }),
        ]
        let now = try await r.items(matching: ItemQuery())
        for (query, condition) in cases {
            let found = try await r.items(matching: query)
            #expect(found.map(\.id) == now.filter(condition).map(\.id), "\(query)")
            #expect(try await r.count(matching: query) == found.count)
            #expect(!found.isEmpty, "each case selects something: \(query)")
            var paged = query
            (paged.limit, paged.offset) = (3, 1)
            #expect(try await r.items(matching: paged).map(\.id) == found.dropFirst().prefix(3).map(\.id), "\(paged)")
            paged.offset = found.count
            #expect(try await r.items(matching: paged).isEmpty, "past the last page: \(paged)")
        }
        #expect(try await r.items(matching: ItemQuery(status: .kept)).map(\.id) == [id(17), id(21, en)].sorted())
        let page = try await r.items(matching: ItemQuery(limit: 10, offset: 90))
        #expect(page.map(\.id) == Array(now[90..<100]).map(\.id))
    }

    static func searchFindsJapaneseAndEnglish(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        _ = try await r.ingest(record(en))
        let all = try await r.items(matching: ItemQuery())
        // What a reader expects, written out plainly: a word of Latin letters finds the words
        // it begins (whole words when it is one or two letters long); anything else, with
        // Japanese or symbols in it, is found where it occurs as written. Case never matters.
        func words(_ text: String) -> [String] {
            text.lowercased().split { c in !(c.isLetter || c.isNumber) || c.unicodeScalars.contains { $0.value >= 0x3000 } }.map(String.init)
        }
        func finds(_ term: String, in text: String) -> Bool {
            let t = term.lowercased()
            let latinWord = t.allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII }
            guard latinWord else { return text.lowercased().contains(t) }
            return words(text).contains { t.count < 3 ? $0 == t : $0.hasPrefix(t) }
        }
        func expected(_ terms: [String]) -> [String] {
            all.filter { item in terms.allSatisfy { finds($0, in: (item.title ?? "") + " " + item.text) } }.map(\.id)
        }
        // Two characters, three or more, katakana, English in any case, several terms, symbols.
        for search in ["量子", "半導体", "宇宙飛行士", "サプライチェーン", "quantum", "QUANTUM Computer", "AI", "semiconductor",
                       "月面 日本人", "$2.9 billion", "100%", "ための", "Japan"] {
            let found = try await r.items(matching: ItemQuery(search: search)).map(\.id)
            let want = expected(search.split(separator: " ").map(String.init))
            #expect(found == want, "search '\(search)'")
            #expect(!want.isEmpty || search == "100%", "'\(search)' occurs in the seed")
            let page = try await r.items(matching: ItemQuery(search: search, limit: 5, offset: 1)).map(\.id)
            #expect(page == Array(want.dropFirst().prefix(5)), "a page of '\(search)'")
        }
        #expect(try await r.items(matching: ItemQuery(search: "ai")).allSatisfy { words($0.text).contains("ai") }, "AI is a whole word")
        let quantum = try await r.items(matching: ItemQuery(search: "量子"))
        #expect(quantum.allSatisfy { $0.document == ja.key } && quantum.count >= 2)
        #expect(try await r.items(matching: ItemQuery(search: "\"; DROP TABLE item; --")).isEmpty)
        #expect(try await r.count(matching: ItemQuery()) == 194)
        let filtered = try await r.items(matching: ItemQuery(document: en.key, search: "Japan"))
        #expect(filtered.map(\.id) == expected(["Japan"]).filter { $0.hasPrefix(en.key + "#") })
        // A word begins matches: "semiconductor" finds "semiconductors".
        #expect(try await r.items(matching: ItemQuery(search: "semiconduct")).count == expected(["semiconductor"]).count)
    }

    static func trackingAppendsAndRefusesStaleVersions(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        let first = try await r.record(event(.in_the_works, note: "started", version: 1), item: id(8))
        #expect(first.version == 2 && first.status == .in_the_works && first.author == "tester")
        await #expect(throws: RegisterError.staleVersion(item: id(8), expected: 1, current: 2)) {
            try await r.record(event(.kept, version: 1), item: id(8))
        }
        let second = try await r.record(event(.kept, note: "done", version: 2), item: id(8))
        #expect(second.sequence > first.sequence)
        let detail = try #require(try await r.item(id: id(8)))
        #expect(detail.history.map(\.note) == ["started", "done"])
        #expect(detail.history.map(\.version) == [2, 3])
        #expect(detail.item.status == .kept && detail.item.version == 3)
        #expect(detail.history.first?.evidenceURL == "https://example.org/evidence?a=1&b=<2>")
        #expect(detail.history.first?.recordedAt.hasSuffix("Z") == true)

        await #expect(throws: RegisterError.itemNotFound("nope#1")) { try await r.record(event(.kept), item: "nope#1") }
        for bad in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>", "ftp://x", "not a url"] {
            var e = event(.kept)
            e.evidenceURL = bad
            await #expect(throws: RegisterError.self, "\(bad)") { try await r.record(e, item: id(8)) }
        }
        var badDate = event(.kept)
        badDate.date = "2024-13-40"
        await #expect(throws: RegisterError.self) { try await r.record(badDate, item: id(8)) }
        #expect(try await r.events().count == 2, "refused writes leave nothing behind")
    }

    static func concurrentWritersLoseNothing(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        // Blind writers: every event is stored, each on its own version.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for n in 0..<15 { try await r.record(event(.in_the_works, note: "\(writer)-\(n)", author: "w\(writer)"), item: id(30)) }
                }
            }
            try await group.waitForAll()
        }
        let blind = try #require(try await r.item(id: id(30)))
        #expect(blind.history.count == 120)
        #expect(Set(blind.history.map(\.note)).count == 120)
        #expect(blind.history.map(\.version) == Array(2...121))

        // Careful writers: each carries the version it read; each event is stored or refused, never lost.
        let outcomes = try await withThrowingTaskGroup(of: (stored: Int, refused: Int).self) { group in
            for writer in 0..<8 {
                group.addTask {
                    var stored = 0, refused = 0
                    for n in 0..<15 {
                        let seen = try #require(try await r.item(id: id(31))).item.version
                        do {
                            try await r.record(event(.in_the_works, note: "\(writer)-\(n)", version: seen), item: id(31))
                            stored += 1
                        } catch RegisterError.staleVersion {
                            refused += 1
                        }
                    }
                    return (stored, refused)
                }
            }
            return try await group.reduce(into: (stored: 0, refused: 0)) { $0.stored += $1.stored; $0.refused += $1.refused }
        }
        let careful = try #require(try await r.item(id: id(31)))
        #expect(outcomes.stored + outcomes.refused == 120)
        #expect(careful.history.count == outcomes.stored && outcomes.stored > 0)
        #expect(careful.history.map(\.version) == Array(2...(outcomes.stored + 1)))
    }

    static func dueDatesAndOverdue(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        let items = try await r.items(matching: ItemQuery())
        func due(_ n: Int) -> String? { items.first { $0.id == id(n) }?.due }
        #expect(due(8) == "2024-06-30", "本年6月までに: the end of June of the document's year")
        #expect(due(21) == "2026-03-31", "2026年3月までに")
        #expect(due(24) == "2026-04-10", "今後2年間で: two years from the document's date")
        #expect(due(38) == "2025-12-31", "来年末までに")
        #expect(due(83) == nil, "過去170年 is no deadline")
        let july = DueReport(items: items, asOf: "2024-07-01", within: 365)
        #expect(july.overdue.map(\.id) == [id(8)])
        #expect(july.daysLate(july.overdue[0]) == 1)
        #expect(july.upcoming.compactMap(\.due) == july.upcoming.compactMap(\.due).sorted())
        #expect(july.upcoming.contains { $0.id == id(37) } && july.upcoming.allSatisfy { $0.due! <= "2025-07-01" })
        try await r.record(event(.kept), item: id(8))
        let after = DueReport(items: try await r.items(matching: ItemQuery()), asOf: "2024-07-01", within: 365)
        #expect(after.overdue.isEmpty, "kept items are not overdue")
        try await r.record(event(.stalled), item: id(21))
        let summary = ComplianceSummary(items: try await r.items(matching: ItemQuery()))
        #expect(summary.overall.rated == 2 && summary.overall.average == 0)
        #expect(summary.byParty.first { $0.name == "JP" }?.rated == 2)
    }

    static func glossary(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        _ = try await r.ingest(record(en))
        let all = try await r.glossary(document: nil)
        let english = try await r.glossary(document: en.key)
        #expect(english.allSatisfy { $0.document == en.key } && !english.isEmpty)
        #expect(all.count == english.count + (try await r.glossary(document: ja.key)).count)
        #expect(english.contains { $0.short == "NASA" || $0.short == "JAXA" || $0.short == "AI" })
    }

    static func archiveRoundTrip(_ r: any Register, empty: any Register) async throws {
        _ = try await r.ingest(record(ja))
        _ = try await r.ingest(record(en))
        try await r.record(event(.kept, note: "引渡し完了 <b>&</b>"), item: id(17))
        try await r.record(event(.broken), item: id(3, en))
        let original = try text(ja)
        let old40 = try #require(try await r.item(id: id(40))).item
        _ = try await r.ingest(record(ja, text: original.replacingOccurrences(of: old40.text + "\n", with: "")))
        let archive = try await r.archive()
        #expect(archive.documents.count == 2 && archive.events.count == 2)
        #expect(archive.documents.flatMap(\.items).contains { $0.item.id == id(40) && $0.item.withdrawn })

        let data = try JSONExport.encode(archive)
        let decoded = try JSONExport.decode(data, file: "export.json")
        #expect(decoded == archive)
        do {
            try await r.restore(decoded)
            Issue.record("restoring into a register that holds documents must fail")
        } catch RegisterError.notEmpty {}

        try await empty.restore(decoded)
        #expect(try await empty.archive() == archive)
        let rover = try #require(try await empty.item(id: id(17)))
        #expect(rover.history.map(\.note) == ["引渡し完了 <b>&</b>"] && rover.item.status == .kept)
        // The copy goes on where the original stopped: versions and event order continue.
        let next = try await empty.record(event(.compromise, version: rover.item.version), item: id(17))
        #expect(next.sequence > archive.events.map(\.sequence).max()! && next.version == rover.item.version + 1)
        #expect(try await empty.items(matching: ItemQuery(search: "量子")).count == (try await r.items(matching: ItemQuery(search: "量子"))).count)
    }

    // MARK: Facets, amounts, users, generation

    static func facetsCountEachValue(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        _ = try await r.ingest(record(en))
        let all = try await r.items(matching: ItemQuery())
        for query in [ItemQuery(), ItemQuery(party: .US), ItemQuery(search: "宇宙"), ItemQuery(document: en.key, modality: .commit),
                      ItemQuery(overdueOn: "2025-01-01")] {
            let items = try await r.items(matching: query)
            func tally(_ values: [String]) -> [String: Int] { values.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
            func counts(_ field: FacetField) async throws -> [String: Int] {
                let facet = try await r.facet(field, matching: query)
                #expect(facet.map(\.count) == facet.map(\.count).sorted(by: >), "most frequent first: \(field) \(query)")
                return Dictionary(uniqueKeysWithValues: facet.map { ($0.value, $0.count) })
            }
            #expect(try await counts(.document) == tally(items.map(\.document)), "\(query)")
            // Sections by heading across documents (ids repeat from one to the next), by id within one.
            let sections = items.map { query.document == nil ? $0.section.flatMap { $0.isEmpty ? nil : $0 } ?? $0.sectionID : $0.sectionID }
            #expect(try await counts(.section) == tally(sections), "\(query)")
            #expect(try await counts(.modality) == tally(items.map(\.modality.rawValue)), "\(query)")
            #expect(try await counts(.party) == tally(items.flatMap { $0.parties.map(\.rawValue) }), "\(query)")
            #expect(try await counts(.status) == tally(items.map(\.status.rawValue)), "\(query)")
            // Read together, each facet says what it says alone.
            let together = try await r.facets(FacetField.allCases, matching: query)
            for field in FacetField.allCases {
                #expect(together[field] == (try await r.facet(field, matching: query)), "\(field) \(query)")
            }
        }
        let sections = try await r.facet(.section, matching: ItemQuery(document: ja.key))
        #expect(sections.contains { $0.label == "宇宙協力" })
        let documents = try await r.facet(.document, matching: ItemQuery())
        #expect(documents.first { $0.value == en.key }?.label?.hasPrefix("FACT SHEET") == true)
        #expect(all.count == 194)
    }

    /// The counts a register keeps (`ItemTally`, `item_money`) say what reading the items
    /// says, after every kind of write: ingest, tracking, pairing, revision, restore.
    static func countsFollowEveryWrite(_ r: any Register, empty: any Register) async throws {
        _ = try await r.ingest(record(ja))
        _ = try await r.ingest(record(en))
        func tally(_ values: [String]) -> [String: Int] { values.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        func check(_ r: any Register, _ stage: String) async throws {
            let queries = [
                ItemQuery(), ItemQuery(party: .US), ItemQuery(modality: .commit), ItemQuery(status: .kept), ItemQuery(language: .en),
                ItemQuery(includeWithdrawn: true), ItemQuery(section: "宇宙"), ItemQuery(modality: .commit, party: .JP, language: .ja),
            ]
            for query in queries {
                let items = try await r.items(matching: query)
                #expect(try await r.count(matching: query) == items.count, "\(stage) \(query)")
                let statuses = try await r.facet(.status, matching: query)
                #expect(Dictionary(uniqueKeysWithValues: statuses.map { ($0.value, $0.count) }) == tally(items.map(\.status.rawValue)), "\(stage) \(query)")
                for party in try await r.facet(.party, matching: query) {
                    let bound = items.filter { $0.parties.map(\.rawValue).contains(party.value) }
                    #expect(party.count == bound.count && party.statuses == tally(bound.map(\.status.rawValue)), "\(stage) \(party.value) \(query)")
                }
                for section in try await r.facet(.section, matching: query) {
                    let under = items.filter { ($0.section.flatMap { $0.isEmpty ? nil : $0 } ?? $0.sectionID) == section.value }
                    #expect(section.count == under.count && section.statuses == tally(under.map(\.status.rawValue)), "\(stage) \(section.value)")
                }
            }
            // Money by spender and by section, as the rule reads the listed items' amounts.
            var byActor: [String: (value: Double, amounts: Int, items: Set<String>)] = [:]
            var bySection: [String: (value: Double, amounts: Int, items: Set<String>)] = [:]
            for item in try await r.items(matching: ItemQuery()) {
                let detail = try #require(try await r.item(id: item.id))
                for row in ItemMoney.rows(sentences: detail.sentences, amounts: detail.amounts) {
                    if let spender = row.spender {
                        byActor["\(row.currency) \(spender)", default: (0, 0, [])].value += row.value
                        byActor["\(row.currency) \(spender)"]!.amounts += 1
                        byActor["\(row.currency) \(spender)"]!.items.insert(item.id)
                    }
                    let key = "\(row.currency) \(item.section ?? "")"
                    bySection[key, default: (0, 0, [])].value += row.value
                    bySection[key]!.amounts += 1
                    bySection[key]!.items.insert(item.id)
                }
            }
            for (grouping, expected) in [(MoneyGrouping.actor, byActor), (.section, bySection)] {
                let totals = try await r.money(by: grouping)
                #expect(totals.count == expected.count, "\(stage) \(grouping)")
                #expect(!totals.isEmpty, "\(stage): the fact sheet states money")
                for total in totals {
                    let want = try #require(expected["\(total.currency) \(total.name)"], "\(stage) \(total.name)")
                    #expect(abs(total.value - want.value) < 0.5 && total.amounts == want.amounts, "\(stage) \(grouping) \(total.name)")
                }
            }
            // Due dates by day.
            let asOf = "2024-07-01"
            var bins: [String: DueBin] = [:]
            for item in try await r.items(matching: ItemQuery()) {
                guard let due = item.due else { continue }
                var bin = bins[due] ?? DueBin(day: due, overdue: 0, open: 0, settled: 0)
                if item.status.isSettled { bin.settled += 1 } else if due < asOf { bin.overdue += 1 } else { bin.open += 1 }
                bins[due] = bin
            }
            #expect(try await r.dueBins(matching: ItemQuery(), asOf: asOf) == bins.values.sorted { $0.day < $1.day }, "\(stage)")
            #expect(!bins.isEmpty)
        }
        try await check(r, "ingested")
        try await r.record(event(.kept), item: id(3))
        try await r.record(event(.broken), item: id(5))
        try await r.record(event(.in_the_works), item: id(8, en))
        try await check(r, "tracked")
        #expect(try await Translations.pair(en.key, in: r) != nil)
        try await check(r, "paired")
        let original = try text(ja)
        let dropped = try #require(try await r.item(id: id(60))).item.text
        _ = try await r.ingest(record(ja, text: original.replacingOccurrences(of: dropped + "\n", with: "")))
        #expect(try await r.item(id: id(60))?.item.withdrawn == true)
        try await check(r, "revised")
        try await empty.restore(try await r.archive())
        try await check(empty, "restored")
    }

    /// Documents, terms, counts and items a page at a time, whatever the register holds.
    static func listsComeInPages(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        _ = try await r.ingest(record(en))
        let other = try DocumentLoader.record(
            SourceDocument(name: "later.txt", text: "Joint Statement\n\nMarch 3, 2025\n\nJapan will fund the Trilateral Bridge Board (TBB) by 2030.\n"),
            key: "2025-03-03-later", label: "later.txt")
        _ = try await r.ingest(other)
        #expect(try await r.documentCount() == 3)
        #expect(try await r.documents(limit: 2, offset: 0).map(\.key) == ["2025-03-03-later", ja.key])
        #expect(try await r.documents(limit: 2, offset: 2).map(\.key) == [en.key])
        // Several documents by key in one read: those held, each as `document(key:)` gives it.
        let named = try await r.documents(keys: ["2025-03-03-later", "no-such-document", ja.key, "it's \"quoted\""])
        #expect(named.sorted { $0.key < $1.key } == [try await r.document(key: ja.key)!, try await r.document(key: "2025-03-03-later")!].sorted { $0.key < $1.key })
        #expect(try await r.documents(keys: []).isEmpty)
        let terms = try await r.glossary(document: nil)
        #expect(try await r.glossaryCount(document: nil) == terms.count)
        #expect(try await r.glossary(document: nil, limit: 5, offset: 3) == Array(terms[3..<8]))
        #expect(try await r.glossaryCount(document: other.key) == 1)

        // Counting stops where asked; facets count among the first items.
        let search = ItemQuery(search: "協力")
        let found = try await r.items(matching: search)
        #expect(found.count > 10)
        #expect(try await r.count(matching: search, atMost: 10) == 10)
        #expect(try await r.count(matching: search, atMost: 1000) == found.count)
        let firstTen = try await r.facet(.modality, matching: search, atMost: 10)
        #expect(Dictionary(uniqueKeysWithValues: firstTen.map { ($0.value, $0.count) })
                == found.prefix(10).reduce(into: [:]) { $0[$1.modality.rawValue, default: 0] += 1 })
        var page = search
        page.limit = 5
        page.offset = 5
        #expect(try await r.items(matching: page) == Array(found[5..<10]))

        // Soonest due first.
        var due = ItemQuery(dueBefore: "9999-12-31")
        due.order = .due
        let byDue = try await r.items(matching: due)
        #expect(byDue.count > 3 && byDue.map { $0.due! } == byDue.map { $0.due! }.sorted())
        due.dueFrom = "2025-01-01"
        due.unsettled = true
        #expect(try await r.items(matching: due) == byDue.filter { $0.due! >= "2025-01-01" })

        // The items and amounts of a part of a document: those whose spans overlap it.
        let all = try await r.items(matching: ItemQuery(document: ja.key))
        var part = ItemQuery(document: ja.key)
        part.overlapping = 1_000..<3_000
        let inPart = all.filter { $0.span.end > 1_000 && $0.span.start < 3_000 }
        #expect(inPart.count > 3 && inPart.count < all.count - 3)
        #expect(try await r.items(matching: part) == inPart)
        #expect(try await r.count(matching: part) == inPart.count)
        let ids = Set(inPart.map(\.id))
        #expect(try await r.amounts(matching: part) == (try await r.amounts(matching: ItemQuery(document: ja.key))).filter { ids.contains($0.item) })

        // A history read a window at a time, counted from the newest event, by either text's id.
        let statuses: [Status] = [.in_the_works, .kept, .in_the_works, .broken, .kept]
        for (n, status) in statuses.enumerated() { try await r.record(event(status, note: "event \(n + 1)"), item: id(7)) }
        let whole = try #require(try await r.item(id: id(7))).history
        #expect(whole.map(\.note) == (1...5).map { "event \($0)" })
        let newest = try #require(try await r.item(id: id(7), events: EventWindow(limit: 2)))
        #expect(newest.history == Array(whole[3...]) && newest.historyCount == 5)
        let older = try #require(try await r.item(id: id(7), events: EventWindow(limit: 2, offset: 2)))
        #expect(older.history == Array(whole[1..<3]) && older.historyCount == 5)
        #expect(try await r.item(id: id(7), events: EventWindow(limit: 2, offset: 4))?.history == [whole[0]])
        #expect(try await r.item(id: id(8), events: EventWindow(limit: 2))?.historyCount == 0)
    }

    /// Two registers open on one store, as two processes: each remembers the generation
    /// briefly, but sees its own writes at once and the other's soon after.
    static func writesAreSeen(by mine: any Register, andBy theirs: any Register) async throws {
        let item = try #require(try await mine.items(matching: ItemQuery(limit: 1)).first).id
        for n in 1...5 {
            let before = try await mine.generation()
            try await mine.record(NewEvent(status: .in_the_works, note: "mine \(n)", date: "2024-05-01", author: "desk"), item: item)
            #expect(try await mine.generation() > before, "round \(n): this process's own write")
            let seen = try await mine.generation()
            try await theirs.record(NewEvent(status: .kept, note: "theirs \(n)", date: "2024-05-01", author: "desk"), item: item)
            let deadline = ContinuousClock.now + .seconds(5)
            while try await mine.generation() == seen, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(try await mine.generation() > seen, "round \(n): another process's write")
        }
    }

    static func amountsCarryTheirActors(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        let amounts = try await r.amounts(matching: ItemQuery())
        var expected: [ItemAmount] = []
        for item in try await r.items(matching: ItemQuery()) {
            let detail = try #require(try await r.item(id: item.id))
            for amount in detail.amounts {
                let sentence = detail.sentences.first { $0.span.start <= amount.span.start && amount.span.end <= $0.span.end }
                expected.append(ItemAmount(item: item.id, section: item.section, amount: amount, actor: sentence?.actor))
            }
        }
        #expect(amounts == expected)
        #expect(amounts.contains { $0.item == id(24) && $0.amount.text == "29億ドル" && $0.actor == "マイクロソフト社" })
        let found = Set(try await r.items(matching: ItemQuery(search: "マイクロソフト")).map(\.id))
        let searched = try await r.amounts(matching: ItemQuery(search: "マイクロソフト", limit: 1))
        #expect(searched == amounts.filter { found.contains($0.item) }, "the search selects, paging does not")
        #expect(searched.contains { $0.item == id(24) })
    }

    static func usersKeepOnlyTokenHashes(_ r: any Register) async throws {
        #expect(try await r.users().isEmpty)
        try await r.addUser(User(name: "Aiko", role: .editor, createdAt: "2025-01-01T00:00:00Z"), tokenHash: "hash-a")
        try await r.addUser(User(name: "Ben", role: .viewer, createdAt: "2025-01-02T00:00:00Z"), tokenHash: "hash-b")
        await #expect(throws: RegisterError.userExists("Aiko")) {
            try await r.addUser(User(name: "Aiko", role: .admin, createdAt: "2025-01-03T00:00:00Z"), tokenHash: "hash-c")
        }
        #expect(try await r.user(tokenHash: "hash-a") == User(name: "Aiko", role: .editor, createdAt: "2025-01-01T00:00:00Z"))
        #expect(try await r.user(tokenHash: "hash-c") == nil)
        #expect(try await r.users().map(\.name) == ["Aiko", "Ben"])
        // Sessions ended by signing out, on every server of the register.
        #expect(try await r.isSessionRevoked("session-1") == false)
        try await r.revokeSession("session-1", expires: Int(Date().timeIntervalSince1970) + 3600)
        try await r.revokeSession("session-1", expires: Int(Date().timeIntervalSince1970) + 3600)
        #expect(try await r.isSessionRevoked("session-1"))
        #expect(try await r.isSessionRevoked("session-2") == false)
        let key = try await r.signingKey()
        #expect(key.count == 32)
        #expect(try await r.signingKey() == key, "the key is made once")
    }

    static func generationMovesWithEveryWrite(_ r: any Register) async throws {
        let start = try await r.generation()
        _ = try await r.ingest(record(ja))
        let afterIngest = try await r.generation()
        #expect(afterIngest != start)
        _ = try await r.ingest(record(ja))
        #expect(try await r.generation() == afterIngest, "an unchanged document changes nothing")
        try await r.record(event(.kept), item: id(3))
        let afterEvent = try await r.generation()
        #expect(afterEvent != afterIngest)
        _ = try await r.items(matching: ItemQuery(search: "宇宙"))
        #expect(try await r.generation() == afterEvent, "reading changes nothing")
    }

    // MARK: Hostile input

    /// Each way an archive can lie is refused with the problem named, and nothing of the
    /// archive is stored.
    static func importRefusesABadArchiveWhole(_ r: any Register, empty: any Register) async throws {
        _ = try await r.ingest(record(ja))
        try await r.record(event(.in_the_works), item: id(17))
        try await r.record(event(.kept), item: id(17))
        try await r.record(event(.stalled), item: id(3))
        let good = try await r.archive()
        typealias Lie = (name: String, expected: String, edit: (inout RegisterArchive) -> Void)
        let lies: [Lie] = [
            ("javascript evidence", "evidence must be an http or https address", { $0.events[0].evidenceURL = "javascript:alert(1)" }),
            ("event date", "not-a-date", { $0.events[1].date = "not-a-date" }),
            ("due date far away", "is not a date", { $0.documents[0].items[16].item.due = "9223372036854775807-12-31" }),
            ("time due far away", "is not a date", { $0.documents[0].items[0].times.append(StoredTime(
                text: "x", span: SourceSpan(0, 1), role: .deadline, value: "99999", part: nil, due: "99999-12-31")) }),
            ("item span", "lies outside the document's text", { $0.documents[0].items[2].item.span = SourceSpan(5, 10_000_000) }),
            ("amount span", "lies outside", { $0.documents[0].items[2].amounts.append(StoredAmount(
                text: "1", span: SourceSpan(-1, 3), kind: .money, value: 1, unit: "JPY", qualifier: nil)) }),
            ("CRLF in a key", "control characters", { archive in
                archive.documents[0].document.key = "evil\r\nkey"
            }),
            ("CRLF in an id", "an item id is its document's key", { $0.documents[0].items[4].item.id = "\(ja.key)#5\r\nX" }),
            ("versions out of order", "does not follow", { archive in
                archive.events[1].version = 1
            }),
            ("event on no item", "no item of that id", { $0.events[2].item = "nowhere#1" }),
            ("NUL in a note", "NUL", { $0.events[0].note = "a\u{0}b" }),
            ("another format", "not a Pledge register export", { $0.format = "something/2" }),
        ]
        for lie in lies {
            var archive = good
            lie.edit(&archive)
            do {
                try await empty.restore(archive)
                Issue.record("an archive with a bad \(lie.name) was imported")
            } catch let error as RegisterError {
                #expect(error.description.contains(lie.expected), "\(lie.name): \(error.description)")
            }
            let documents = try await empty.documents(), events = try await empty.events()
            #expect(documents.isEmpty && events.isEmpty, "nothing of \(lie.name) stays")
        }
        try await empty.restore(good)
        #expect(try await empty.archive() == good, "the archive as exported still imports whole")
    }

    /// `René` typed precomposed and as `e` + combining accent is one user: the second is
    /// refused, and either spelling is stored in one form.
    static func userNamesAreOneWhateverTheirForm(_ r: any Register) async throws {
        try await r.addUser(User(name: "Rene\u{301}", role: .editor, createdAt: "2025-01-01T00:00:00Z"), tokenHash: "hash-e")
        await #expect(throws: RegisterError.userExists("Ren\u{E9}")) {
            try await r.addUser(User(name: "Ren\u{E9}", role: .viewer, createdAt: "2025-01-02T00:00:00Z"), tokenHash: "hash-v")
        }
        let stored = try #require(try await r.user(tokenHash: "hash-e"))
        #expect(Array(stored.name.unicodeScalars) == Array("Ren\u{E9}".unicodeScalars))
        #expect(try await r.user(tokenHash: "hash-v") == nil)
        // Removing a user, named either way, ends their token; naming no user is refused.
        try await r.removeUser(name: "Ren\u{E9}")
        #expect(try await r.user(tokenHash: "hash-e") == nil)
        #expect(try await r.users().isEmpty)
        await #expect(throws: RegisterError.invalid("no user named 'Ren\u{E9}'")) { try await r.removeUser(name: "Rene\u{301}") }
        await #expect(throws: RegisterError.self) {
            try await r.addUser(User(name: "a\u{0}b", role: .viewer, createdAt: "2025-01-02T00:00:00Z"), tokenHash: "hash-n")
        }
    }

    static func hostileQueriesAndTextsAreRefused(_ r: any Register) async throws {
        _ = try await r.ingest(record(ja))
        let thousandWords = (1...1000).map { "word\($0)" }.joined(separator: " ")
        for query in [ItemQuery(search: thousandWords), ItemQuery(dueBefore: "9223372036854775807-12-31"), ItemQuery(overdueOn: "2024-6-1")] {
            await #expect(throws: RegisterError.self, "\(query)") { _ = try await r.items(matching: query) }
            await #expect(throws: RegisterError.self, "\(query)") { _ = try await r.count(matching: query) }
            await #expect(throws: RegisterError.self, "\(query)") { _ = try await r.facet(.status, matching: query) }
        }
        #expect(try await r.items(matching: ItemQuery(search: (1...32).map { _ in "量子" }.joined(separator: " "))).count > 0)
        for note in ["before\u{0}after"] {
            await #expect(throws: RegisterError.self) { try await r.record(event(.kept, note: note), item: id(3)) }
        }
        #expect(try await r.item(id: id(3))?.history.isEmpty == true, "a refused event leaves no trace")
    }

    /// A joint statement issued the same day as the fact sheet derives the same key; it is
    /// stored beside it, not as a revision that would withdraw the fact sheet's items. A
    /// corrected fact sheet still revises the original.
    static func anotherDocumentOfTheSameDayGetsItsOwnKey(_ r: any Register) async throws {
        func derived(_ name: String, _ text: String) throws -> DocumentRecord {
            try DocumentLoader.record(SourceDocument(name: name, text: text), key: nil, label: name)
        }
        let factSheet = try derived("fact-sheet.txt", try text(en))
        let key = factSheet.key
        #expect(try await r.ingest(factSheet).change == .added)
        let statement = try derived("statement.txt", """
            # United States-Japan Joint Leaders' Statement

            April 10, 2024

            Today, the President of the United States and the Prime Minister of Japan affirm their global partnership.

            The United States and Japan will convene a new dialogue on economic security by the end of the year.

            Japan will contribute $100 million to a regional resilience fund by 2026.

            """)
        #expect(statement.key == key, "both derive one key from the date and the countries")
        let stored = try await r.ingest(statement)
        #expect(stored.document == key + "-2" && stored.change == .added)
        #expect(stored.note?.contains(key + "-2") == true)
        #expect(try await r.count(matching: ItemQuery(document: key)) == factSheet.items.count, "the fact sheet keeps every item")
        #expect(try await r.count(matching: ItemQuery(document: key + "-2")) == statement.items.count)
        #expect(try await r.ingest(statement).change == .unchanged, "the statement again finds its own key")

        let original = try text(en)
        let firstItem = factSheet.items[3].text
        let corrected = try derived("fact-sheet.txt", original.replacingOccurrences(of: firstItem, with: firstItem + " (corrected)"))
        let revised = try await r.ingest(corrected)
        #expect(revised.document == key && revised.change == .revised && revised.changed == 1 && revised.note == nil)
    }

    // MARK: Parties

    /// A US–Philippines release and a Japan–Australia statement, as their governments write them.
    static let philippines = """
        FACT SHEET: President Biden Welcomes President Marcos of the Philippines

        April 30, 2024

        Our two countries will expand cooperation on clean energy and critical minerals.

        The Philippines will host a new regional training center for maritime law enforcement by 2025.

        The United States will provide $100 million to the Philippine Coast Guard by the end of FY2025.

        Japan and the Philippines welcome the signing of the Reciprocal Access Agreement.

        """

    static let australia = """
        日豪首脳共同声明

        令和6年4月30日

        両首脳は、防衛協力の進展を歓迎した。

        豪州政府は、水素の供給網の構築を支援する。

        日本政府は、2025年度末までに新たな研究拠点を設置する。

        """

    static func partiesRecord(_ text: String, _ name: String) throws -> DocumentRecord {
        try DocumentLoader.record(SourceDocument(name: name, text: text), key: nil, label: name)
    }

    /// Items bind countries by their codes: filters, facets and compliance speak of each.
    static func partiesAreCountries(_ r: any Register) async throws {
        let ph = try await r.ingest(partiesRecord(philippines, "us-ph.txt"))
        let au = try await r.ingest(partiesRecord(australia, "jp-au.txt"))
        #expect(ph.document == "2024-04-30-philippines-us-en" && au.document == "2024-04-30-australia-japan")
        func ids(_ query: ItemQuery) async throws -> [String] { try await r.items(matching: query).map(\.id) }
        let phKey = ph.document, auKey = au.document
        #expect(try await ids(ItemQuery(party: "PH")) == ["\(phKey)#1", "\(phKey)#2", "\(phKey)#4"])
        #expect(try await ids(ItemQuery(party: "AU")) == ["\(auKey)#1", "\(auKey)#2"])
        #expect(try await ids(ItemQuery(party: .US)) == ["\(phKey)#1", "\(phKey)#3"])
        #expect(try await ids(ItemQuery(party: .OTHER)).isEmpty, "every party is named")
        let facet = try await r.facet(.party, matching: ItemQuery())
        #expect(Dictionary(uniqueKeysWithValues: facet.map { ($0.value, $0.count) }) == ["PH": 3, "US": 2, "JP": 3, "AU": 2])
        // The Coast Guard money is due at the end of the U.S. fiscal year 2025, the research
        // centre at the end of Japan's.
        #expect(try await r.item(id: "\(phKey)#3")?.item.due == "2025-09-30")
        #expect(try await r.item(id: "\(auKey)#3")?.item.due == "2026-03-31")
        _ = try await r.record(event(.kept), item: "\(phKey)#2")
        _ = try await r.record(event(.broken), item: "\(phKey)#3")
        let summary = ComplianceSummary(items: try await r.items(matching: ItemQuery()))
        let byParty = Dictionary(uniqueKeysWithValues: summary.byParty.map { ($0.name, $0) })
        #expect(summary.byParty.map(\.name) == ["AU", "JP", "PH", "US"])
        #expect(byParty["PH"]?.average == 1.0 && byParty["PH"]?.rated == 1)
        #expect(byParty["US"]?.average == -1.0 && byParty["JP"]?.rated == 0)
    }

    /// A document of unknown date keeps its relative times, with no value and no due date,
    /// beside the dates it states in full.
    static func undatedTimesAreKept(_ r: any Register) async throws {
        let text = "Joint Statement\n\nThe two countries will open the office by next year and hold talks by June 4, 2025.\n"
        let stored = try await r.ingest(partiesRecord(text, "undated.txt"))
        let item = try #require(try await r.item(id: "\(stored.document)#1"))
        #expect(item.times.map(\.text) == ["by next year", "by June 4, 2025"])
        #expect(item.times.map(\.value) == [nil, "2025-06-04"])
        #expect(item.times.map(\.due) == [nil, "2025-06-04"])
        #expect(item.item.due == "2025-06-04")
    }

    /// A newer reading changes an item's parties and due date, never its id, version,
    /// status or history; readers are told (the generation moves).
    static func rereadingKeepsTracking(_ r: any Register) async throws {
        let stored = try await r.ingest(partiesRecord(philippines, "us-ph.txt"))
        let id = "\(stored.document)#3"
        _ = try await r.record(event(.in_the_works, note: "budget request"), item: id)
        let before = try #require(try await r.item(id: id))
        let generation = try await r.generation()
        // As a register made before parties were countries held it.
        let old = ItemReading(
            id: id, parties: [.OTHER, .US], sentences: before.sentences.map { ($0.span, [Party.OTHER, .US]) }, due: "2026-03-31",
            times: before.times.map { ($0.span, $0.due == nil ? nil : "2026-03-31") })
        try await r.reread([old])
        let after = try #require(try await r.item(id: id))
        #expect(after.item.parties == [.OTHER, .US] && after.sentences.allSatisfy { $0.parties == [.OTHER, .US] })
        #expect(after.item.due == "2026-03-31" && after.times.contains { $0.due == "2026-03-31" })
        #expect(after.item.version == before.item.version && after.item.status == .in_the_works)
        #expect(after.history == before.history)
        #expect(after.sentences.map(\.text) == before.sentences.map(\.text))
        #expect(try await r.generation() != generation)
        #expect(try await r.items(matching: ItemQuery(party: .OTHER)).map(\.id) == [id])
    }
}
