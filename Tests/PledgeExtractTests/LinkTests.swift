import Foundation
import PledgeModel
import PledgeTestSupport
import Testing

@testable import PledgeExtract

/// The linker against hand-made links between real documents (`Fixtures/links`, sources in
/// its `SOURCES.md`): fact sheets and the statements issued with them, and a later document
/// reporting on an earlier one. Scored as the project's link scorer scores: gold `same` and
/// `progress` pairs are to be found; a link to a pair gold calls `related` neither counts nor costs.
@Suite struct LinkTests {
    struct Score {
        var found = 0, made = 0, gold = 0
        var precision: Double { made == 0 ? 1 : Double(found) / Double(made) }
        var recall: Double { gold == 0 ? 1 : Double(found) / Double(gold) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        static func + (a: Score, b: Score) -> Score { Score(found: a.found + b.found, made: a.made + b.made, gold: a.gold + b.gold) }
    }

    struct GoldFile: Decodable {
        struct Link: Decodable { var from: String; var to: String; var relation: String }
        var links: [Link]
    }

    static func document(_ name: String) throws -> Linker.Document {
        let d = try DocumentReader.read(bytes: [UInt8](Data(contentsOf: fixtureURL(name))), name: name)
        return Linker.Document(try Extractor().extract(d), text: d.text)
    }

    static func score(_ from: String, _ to: String, gold: String) throws -> (Score, [ItemLink]) {
        let links = Linker.link(from: try document(from), to: try document(to))
        let g = try JSONDecoder().decode(GoldFile.self, from: Data(contentsOf: fixtureURL("links/" + gold)))
        let wanted = Set(g.links.filter { $0.relation != "related" }.map { "\($0.from)>\($0.to)" })
        let neutral = Set(g.links.filter { $0.relation == "related" }.map { "\($0.from)>\($0.to)" })
        let made = Set(links.map { "\($0.from)>\($0.to)" }).subtracting(neutral)
        return (Score(found: made.intersection(wanted).count, made: made.count, gold: wanted.count), links)
    }

    static let sameDay: [(String, String, String)] = [
        ("links/2023-08-18-camp-david-fact-sheet.en.txt", "links/2023-08-18-camp-david-spirit.en.txt",
         "2023-08-18-camp-david-fact-sheet--2023-08-18-camp-david-spirit.links.json"),
        ("links/2021-04-16-us-japan-core-fact-sheet.en.txt", "links/2021-04-16-us-japan-joint-leaders-statement.en.txt",
         "2021-04-16-us-japan-core-fact-sheet--2021-04-16-us-japan-joint-leaders-statement.links.json"),
        ("links/2022-05-23-quad-tokyo-fact-sheet.en.txt", "links/2022-05-24-quad-joint-leaders-statement.en.txt",
         "2022-05-23-quad-tokyo-fact-sheet--2022-05-24-quad-joint-leaders-statement.links.json"),
        ("links/2024-04-11-japan-philippines-us-joint-vision-statement.en.txt", englishSeedName + ".txt",
         "2024-04-11-joint-vision--2024-04-10-fact-sheet.links.json"),
    ]

    /// A fact sheet and the statement of the same summit share most initiatives.
    @Test(arguments: sameDay.prefix(3).map { [$0.0, $0.1, $0.2] })
    func linksAFactSheetToItsStatement(_ pair: [String]) throws {
        let (s, links) = try Self.score(pair[0], pair[1], gold: pair[2])
        #expect(s.f1 >= 0.75, "\(pair[2]): P \(s.precision) R \(s.recall)")
        // Same week: nothing is progress.
        #expect(!links.contains { $0.relation == .progress })
        #expect(links.allSatisfy { !$0.evidence.isEmpty && $0.score > 0 && $0.score <= 1 })
    }

    /// Over all pairs, including one with three links among 21 × 97 items, most of whose
    /// candidates share words and not initiatives.
    @Test func findsTheSameInitiativesAcrossAllPairs() throws {
        var total = Score()
        for (from, to, gold) in Self.sameDay + [(englishSeedName + ".txt", "links/2023-01-13-us-japan-joint-statement.en.txt",
                                                  "2024-04-10-fact-sheet--2023-01-13-joint-statement.links.json")] {
            total = total + (try Self.score(from, to, gold: gold)).0
        }
        #expect(total.f1 >= 0.72, "P \(total.precision) R \(total.recall)")
        #expect(total.precision >= 0.72)
    }

    /// The trilateral statement links to the bilateral fact sheet only where it names the same
    /// programme (the FMCT group, Open RAN), not on the many words they share.
    @Test func aPairWithFewLinksGetsFew() throws {
        let (s, links) = try Self.score(Self.sameDay[3].0, Self.sameDay[3].1, gold: Self.sameDay[3].2)
        #expect(links.count <= 8, "\(links.map { "\($0.from)>\($0.to)" })")
        #expect(s.found >= 2)
        #expect(links.contains { $0.from == "i18" && $0.to == "i75" && $0.evidence.contains("FMCT") })
    }

    /// The trilateral statement in English against the Japanese fact sheet: no word is shared,
    /// so the programme's names and abbreviations (FMCT, Open RAN) must carry the link alone,
    /// and the Japanese text's many words must not count against them.
    @Test func linksAcrossLanguagesByWhatSurvivesTranslation() throws {
        let (s, links) = try Self.score(Self.sameDay[3].0, seedName + ".txt", gold: Self.sameDay[3].2)
        #expect(s.found >= 2, "\(links.map { "\($0.from)>\($0.to) \($0.evidence)" })")
        #expect(s.precision >= 0.5)
        #expect(links.contains { $0.from == "i18" && $0.to == "i75" && $0.evidence.contains("FMCT") })
    }

    /// A document issued months later reports progress on the earlier one's commitments.
    @Test func aLaterDocumentReportsProgress() throws {
        let (s, links) = try Self.score(englishSeedName + ".txt", "links/2023-01-13-us-japan-joint-statement.en.txt",
                                        gold: "2024-04-10-fact-sheet--2023-01-13-joint-statement.links.json")
        #expect(s.found >= 3)
        // The 2024 fact sheet reaffirms the G7 Hiroshima commitments the 2023 statement worked toward.
        #expect(links.contains { $0.from == "i69" && $0.to == "i3" && $0.relation == .progress && $0.evidence.contains("hiroshima summit") })
        #expect(!links.contains { $0.relation == .same })
    }

    static func extracted(_ text: String, date: String) throws -> Linker.Document {
        var options = ExtractionOptions(language: .en)
        options.date = Day(iso: date)
        let x = try Extractor(options: options).extract(SourceDocument(name: "t", text: text))
        return Linker.Document(x, text: text)
    }

    /// One theme is not an initiative; one programme's name is, in a line or a paragraph.
    @Test func aSharedThemeIsNotALinkButANamedProgrammeIs() throws {
        let statement = try Self.extracted("""
            Joint Statement

            June 1, 2025

            We will address the climate crisis and accelerate the clean energy transition in our countries.

            We welcome the launch of the Luzon Economic Corridor, which will connect Subic Bay, Clark, Manila and Batangas.
            """, date: "2025-06-01")
        let factSheet = try Self.extracted("""
            FACT SHEET

            June 1, 2025

            **Fighting the Climate Crisis**: The two countries will cooperate to tackle the climate crisis through clean energy.

            **Launching the Luzon Economic Corridor**: The United States and Japan launched the Luzon Economic Corridor to support connectivity between Subic Bay, Clark, Manila and Batangas, with investment in ports, rail and clean energy.
            """, date: "2025-06-01")
        let links = Linker.link(from: statement, to: factSheet)
        #expect(links.map { "\($0.from)>\($0.to)" } == ["i2>i2"])
        #expect(links.first?.relation == .same)
        #expect(links.first?.evidence.contains("luzon economic") == true, "\(links)")
    }
}

/// `pledge link` and `pledge align` as a user runs them.
@Suite struct RelatingCommandLineTests {
    @Test func linkPrintsPledgeLinks() throws {
        let from = fixtureURL("links/2024-04-11-japan-philippines-us-joint-vision-statement.en.txt").path
        let to = fixtureURL(englishSeedName + ".txt").path
        let r = try CommandLineTool.run(["link", from, to])
        #expect(r.status == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "pledge-links/1")
        let fromRef = json["from"] as? [String: Any], toRef = json["to"] as? [String: Any]
        #expect(fromRef?["file"] as? String == "2024-04-11-japan-philippines-us-joint-vision-statement.en.txt")
        #expect(toRef?["sha256"] as? String == "93476aa7d682ffc3b5d7d536feceaa1a22af9db7956561ef683c08524ca73121")
        let links = try #require(json["links"] as? [[String: Any]])
        let fmct = try #require(links.first { $0["from"] as? String == "i18" && $0["to"] as? String == "i75" })
        #expect(fmct["relation"] as? String == "same")
        #expect((fmct["score"] as? Double).map { $0 > 0 && $0 <= 1 } == true)
        #expect((fmct["evidence"] as? [String])?.contains("FMCT") == true)
        let text = try CommandLineTool.run(["link", from, to, "--format", "text"])
        #expect(text.status == 0 && text.out.contains("i18   i75   same") && text.out.hasSuffix("\(links.count) links\n"))
        #expect(try CommandLineTool.run(["link", from, "/no/such/file.txt"]).status != 0)
    }

    @Test func alignListsUnpairedItemsOnBothSides() throws {
        let en = try String(contentsOf: fixtureURL(englishSeedName + ".txt"), encoding: .utf8)
        let x = try Extractor().extract(SourceDocument(name: "en", text: en))
        // The English text without its eleventh item.
        let scalars = Array(en.unicodeScalars), dropped = x.items[10].span
        let shorter = String(String.UnicodeScalarView(scalars[..<dropped.start] + scalars[dropped.end...]))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pledge-align-\(UUID().uuidString).en.txt")
        try shorter.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try CommandLineTool.run(["align", fixtureURL(seedName + ".txt").path, file.path])
        #expect(r.status == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let unpaired = try #require(json["unpaired"] as? [String: [String]])
        #expect(unpaired["ja"] == ["i11"] && unpaired["en"] == [])
        let text = try CommandLineTool.run(["align", fixtureURL(seedName + ".txt").path, file.path, "--format", "text"])
        #expect(text.out.contains("96 pairs; unpaired in Japanese: i11; unpaired in English: none"))
    }
}
