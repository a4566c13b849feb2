import Foundation
import PledgeModel
import Testing

@testable import PledgeExtract

/// Documents as their publishers put them out, not shaped after the seed: White House
/// pages saved as HTML and Diet speeches as the record prints them (`Fixtures/real/README.md`
/// names the sources). Each expectation was read off the document by hand.
@Suite struct RealDocumentTests {
    func read(_ name: String, date: String? = nil) throws -> (Extraction, [Unicode.Scalar]) {
        let source = try DocumentReader.read(path: fixtureURL("real/\(name)").path)
        let x = try Extractor(options: ExtractionOptions(date: date.flatMap(Day.init(iso:)))).extract(source)
        return (x, Array(source.text.unicodeScalars))
    }

    func text(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String { String(String.UnicodeScalarView(scalars[start..<end])) }

    /// A fact sheet whose headings are bold and underlined and whose initiatives are bulleted
    /// with a bold lead, closed by `###`.
    @Test func quadFactSheetAsAWebPage() throws {
        let (x, _) = try read("2021-09-24-fact-sheet-quad-leaders-summit.en.html")
        #expect(x.document.title == "Fact Sheet: Quad Leaders’ Summit")
        #expect(x.document.date == "2021-09-24")
        #expect(x.document.parties == ["AU", "IN", "JP", "US"])
        #expect(x.sections.compactMap(\.heading) == [
            "COVID and Global Health", "Infrastructure", "Climate", "People-to-People Exchange and Education",
            "Critical and Emerging Technologies", "Cybersecurity", "Space",
        ])
        #expect(x.items.count == 26)
        #expect(x.items.compactMap(\.title) == [
            "Help Vaccinate the World", "Save Lives Now", "Build Back Better Health Security", "Launch the Quad Infrastructure Coordination Group",
            "Lead on High-Standards Infrastructure", "Form a Green-Shipping Network", "Establish a Clean-Hydrogen Partnership",
            "Enhance Climate Adaptation, Resilience, and Preparedness", "Launch the Quad Fellowship", "Publish a Quad Statement of Principles",
            "Establish Technical Standards Contact Groups", "Launch a Semiconductor Supply Chain Initiative", "Support 5G Deployment and Diversification",
            "Monitor Biotechnology Scanning", "Launch a Quad Senior Cyber Group", "Share Satellite Data to Protect the Earth and its Waters",
            "Enable Capacity-Building for Sustainable Development", "Consult on Norms and Guidelines",
        ])
        #expect(x.amounts.map { "\($0.text)=\(ExtractionJSON.number($0.value)) \($0.unit)" } == [
            "$3.3 billion=3300000000 USD", "$212 million=212000000 USD", "$219 million=219000000 USD",
            "approximately $100 million=100000000 USD", "more than $48 billion=48000000000 USD", "100 students=100 person",
        ])
        let times = Set(x.times.map { "\($0.text)=\($0.role.rawValue) \($0.value ?? "null")" })
        for expected in [
            "On September 24=point 2021-09-24", "by the end of 2022=deadline 2022", "beginning in October 2021=start 2021-10",
            "within 100 days=duration P100D", "in the 2020s=point 202X", "by 2030=deadline 2030", "this fall=point 2021-FA",
        ] {
            #expect(times.contains(expected), "\(expected) in \(times.sorted())")
        }
    }

    /// A leaders' statement in numbered paragraphs; `COP 26` names a conference, not a sum in Colombian pesos.
    @Test func quadStatementInNumberedParagraphs() throws {
        let (x, _) = try read("2021-03-12-quad-leaders-joint-statement-spirit-of-the-quad.en.html")
        #expect(x.document.date == "2021-03-12")
        #expect(x.document.parties == ["AU", "IN", "JP", "US"])
        #expect(x.items.count == 5)
        #expect(x.amounts.isEmpty, "\(x.amounts.map(\.text))")
        #expect(x.times.map { "\($0.text)=\($0.value ?? "null")" } == [
            "2004=2004", "Today=2021-03-12", "March 12, 2021=2021-03-12", "Today=2021-03-12", "by the end of 2021=2021",
        ])
    }

    @Test func jointLeadersStatementWithBoldHeadings() throws {
        let (x, _) = try read("2025-02-07-us-japan-joint-leaders-statement.en.html")
        #expect(x.document.date == "2025-02-07")
        #expect(x.document.parties == ["JP", "US"])
        #expect(x.sections.compactMap(\.heading) == [
            "U.S.-Japan Cooperation for Peace", "U.S.-Japan Cooperation for Growth and Prosperity",
            "U.S.-Japan Coordination in the Indo-Pacific", "Invitation to Visit Japan",
        ])
        #expect(x.items.count == 16)
        #expect(x.times.map { "\($0.text)=\($0.role.rawValue) \($0.value ?? "null")" } == [
            "today=point 2025-02-07", "2015=point 2015", "by FY 2027=deadline FY2027", "beyond FY 2027=start FY2027",
        ])
    }

    /// A policy speech as the Diet record prints it: one paragraph a line, indented with an
    /// ideographic space, CRLF line ends; the Prime Minister speaks for Japan.
    @Test func policySpeechFromTheDietRecord() throws {
        let (x, scalars) = try read("2024-11-29-ishiba-shoshin-hyomei-enzetsu.ja.txt", date: "2024-11-29")
        #expect(x.items.count == 74)
        #expect(x.document.issuer == "JP")
        let sentences = x.sentences.map { (text(scalars, $0.span.start, $0.span.end), $0) }
        for (ending, modality) in [
            ("三つの重要政策課題への対応を進めます。", Modality.commit),
            ("日米韓三か国の首脳会談も行いました。", .done),
            ("この三つの取組を強力に進めてまいります。", .commit),
            ("大阪・関西万博の機会も最大限に活用いたします。", .commit),
            ("十年間で五十兆円を超える官民投資を引き出します。", .commit),
            ("給付金の支援を行います。", .commit),
            ("共に取り組んでいく所存であります。", .intend),
            ("外交と防衛は車の両輪です。", .other),
            ("報復の応酬は未だに終わりが見えません。", .other),
        ] {
            let found = sentences.first { $0.0.hasSuffix(ending) }
            #expect(found?.1.modality == modality, "\(ending): \(found.map { $0.1.modality.rawValue } ?? "no sentence")")
        }
        let amounts = x.amounts.map { "\($0.text)=\(ExtractionJSON.number($0.value)) \($0.unit)" }
        #expect(amounts.contains("十兆円以上=10000000000000 JPY") && amounts.contains("五十兆円を超える=50000000000000 JPY"), "\(amounts)")
    }

    @Test func foreignPolicySpeechFromTheDietRecord() throws {
        let (x, _) = try read("2023-01-23-hayashi-gaiko-enzetsu.ja.txt", date: "2023-01-23")
        #expect(x.items.count == 40)
        #expect(x.document.issuer == "JP")
        #expect(x.items.allSatisfy { $0.title == nil })
    }
}
