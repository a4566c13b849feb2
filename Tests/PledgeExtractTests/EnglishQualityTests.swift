import Foundation
import PledgeModel
import Testing

@testable import PledgeExtract

let englishSeedName = "2024-04-10-japan-us-fact-sheet.en"

func englishSeed() throws -> (Extraction, SourceDocument) {
    let data = try [UInt8](Data(contentsOf: fixtureURL(englishSeedName + ".txt")))
    let document = try DocumentReader.read(bytes: data, name: englishSeedName)
    return (try Extractor().extract(document), document)
}

/// Holds the extraction of the English original to the bars the project set, with the
/// shared scorer's matching rules against its hand-made gold annotation.
@Suite struct EnglishQualityTests {
    @Test func detectsTheLanguage() throws {
        #expect(try englishSeed().0.document.language == .en)
        #expect(try seedExtraction().document.language == .ja)
    }

    @Test func meetsEveryBarOnTheGold() throws {
        let gold = try JSONDecoder().decode(GoldScorer.Gold.self, from: Data(contentsOf: fixtureURL(englishSeedName + ".json")))
        let f = GoldScorer.score(try englishSeed().0, gold)
        #expect(f.sections >= 1.0, "sections F1 \(f.sections)")
        #expect(f.itemsStrict >= 0.97, "items (strict) F1 \(f.itemsStrict)")
        #expect(f.sentences >= 0.97, "sentences F1 \(f.sentences)")
        #expect(f.amountsStrict >= 0.95, "amounts (strict) F1 \(f.amountsStrict)")
        #expect(f.timesStrict >= 0.90, "times (strict) F1 \(f.timesStrict)")
        #expect(f.terms >= 0.90, "terms F1 \(f.terms)")
        #expect(f.modality >= 0.80, "modality accuracy \(f.modality)")
        #expect(f.parties >= 0.80, "parties accuracy \(f.parties)")
    }

    @Test func readsTheReleaseHeader() throws {
        let x = try englishSeed().0
        #expect(x.document.title == "FACT SHEET: Japan Official Visit with State Dinner to the United States")
        #expect(x.document.date == "2024-04-10")
    }

    @Test(arguments: [
        ("The U.S. Navy will work with U.S. Congress. The two countries plan to meet.", 2),
        ("Japan has provided approximately $2.9 billion. Microsoft Corp. will invest in Japan.", 2),
        ("Representatives met in Washington, D.C. on Monday and e.g. agreed to meet again.", 1),
    ])
    func splitsSentencesAroundAbbreviations(text: String, count: Int) throws {
        let x = try Extractor(options: ExtractionOptions(date: Day(iso: "2024-04-10"), language: .en))
            .extract(SourceDocument(name: "s", text: "Title\n\n" + text))
        #expect(x.sentences.count == count)
    }
}

/// Pairs items of the Japanese and English fact sheets, checked against a pairing made by hand.
