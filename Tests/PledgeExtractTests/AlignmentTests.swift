import Foundation
import PledgeModel
import Testing

@testable import PledgeExtract

/// The aligner against the hand-made pairing of the seed's two versions, as published and
/// perturbed the ways real translations differ: sections moved, items dropped on one side,
/// a paragraph split in two or two merged into one. Each perturbed pair reorders or removes
/// enough that an aligner pairing item k with item k fails it.
@Suite struct AlignmentTests {
    /// A version of a document: its text and extraction, and for each item the items of the
    /// published version it holds (several where two were merged).
    struct Version {
        var text: String
        var extraction: Extraction
        var origins: [String: [String]]
    }

    static func published(_ name: String) throws -> (text: String, extraction: Extraction) {
        let document = try DocumentReader.read(bytes: [UInt8](Data(contentsOf: fixtureURL(name + ".txt"))), name: name)
        return (document.text, try Extractor().extract(document))
    }

    static func itemText(_ text: String, _ span: SourceSpan) -> String {
        let scalars = Array(text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[span.start..<span.end])).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Reads `text` and traces each of its items back to the items of `original` by their words:
    /// an item whose text holds an original item's text, or is held in it.
    static func version(_ text: String, of original: (text: String, extraction: Extraction)) throws -> Version {
        let x = try Extractor().extract(SourceDocument(name: "v", text: text))
        let old = original.extraction.items.map { ($0.id, itemText(original.text, $0.span)) }
        var origins: [String: [String]] = [:]
        for item in x.items {
            let t = itemText(text, item.span)
            origins[item.id] = old.filter { $0.1.contains(t) || t.contains($0.1) }.map(\.0)
        }
        return Version(text: text, extraction: x, origins: origins)
    }

    /// The text with the given spans cut out (each with the line break after it) and the
    /// given sections moved to the end, in that order.
    static func edited(_ text: String, removing removed: [SourceSpan], moving moved: [SourceSpan] = [],
                       splittingAt splits: [Int] = [], joiningAt joins: [Int] = []) -> String {
        let scalars = Array(text.unicodeScalars)
        var keep = Array(repeating: true, count: scalars.count)
        for span in removed + moved {
            var end = span.end
            while end < scalars.count, scalars[end] == "\n" { end += 1 }
            for k in span.start..<end { keep[k] = false }
        }
        var out = String.UnicodeScalarView()
        for k in scalars.indices {
            if splits.contains(k) { out.append(contentsOf: "\n\n".unicodeScalars) }
            if joins.contains(k) {
                // Joining: the line breaks between two items go.
                continue
            }
            if keep[k] { out.append(scalars[k]) }
        }
        for span in moved { out.append(contentsOf: "\n\n".unicodeScalars); out.append(contentsOf: scalars[span.start..<span.end]) }
        return String(out)
    }

    static func handPairs() throws -> [(ja: String, en: String)] {
        let table = try String(contentsOf: fixtureURL("alignment.ja-en.tsv"), encoding: .utf8)
        return table.split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: "\t").map(String.init)
            return cells.count >= 2 && cells[1] != "-" ? (cells[0], cells[1]) : nil
        }
    }

    struct Score {
        var right: Int
        var expected: Int
        var wrong: [String]
        var share: Double { expected == 0 ? 1 : Double(right) / Double(expected) }
    }

    /// Pairs found against pairs expected, with every pair found that is not expected.
    static func score(_ ja: Version, _ en: Version) throws -> Score {
        let hand = try handPairs()
        var expected = Set<String>()
        for item in ja.extraction.items {
            for enItem in en.extraction.items {
                let jaOrigins = ja.origins[item.id] ?? [], enOrigins = en.origins[enItem.id] ?? []
                if hand.contains(where: { jaOrigins.contains($0.ja) && enOrigins.contains($0.en) }) { expected.insert("\(item.id)-\(enItem.id)") }
            }
        }
        let found = Aligner.align(ja.extraction, text: ja.text, en.extraction, text: en.text)
            .compactMap { p in p.first.flatMap { a in p.second.map { "\(a)-\($0)" } } }
        return Score(right: Set(found).intersection(expected).count, expected: expected.count,
                     wrong: found.filter { !expected.contains($0) })
    }

    @Test func pairsThePublishedVersionsAsByHand() throws {
        let ja = try Self.published(seedName), en = try Self.published(englishSeedName)
        let s = try Self.score(Self.version(ja.text, of: ja), Self.version(en.text, of: en))
        #expect(s.expected >= 90)
        #expect(s.share >= 0.97, "\(s.right) of \(s.expected) paired as by hand")
        #expect(s.wrong.count <= 2, "pairs not made by hand: \(s.wrong)")
    }

    /// Five English items dropped and the first section moved to the end: the Japanese items
    /// whose counterparts went stay single, and the moved section is still found.
    @Test func survivesItemsDroppedAndASectionMoved() throws {
        let ja = try Self.published(seedName), en = try Self.published(englishSeedName)
        let items = en.extraction.items
        let dropped = [items[5], items[20], items[41], items[60], items[88]]
        let firstSection = en.extraction.sections.first { $0.heading != nil }!
        let text = Self.edited(en.text, removing: dropped.map(\.span), moving: [firstSection.span])
        let jaVersion = try Self.version(ja.text, of: ja), enVersion = try Self.version(text, of: en)
        let s = try Self.score(jaVersion, enVersion)
        #expect(s.expected >= 85)
        #expect(s.share >= 0.95, "\(s.right) of \(s.expected) paired as by hand")
        // The Japanese counterparts of the dropped items pair with nothing.
        let hand = try Self.handPairs()
        let orphans = Set(dropped.compactMap { d in hand.first { $0.en == d.id }?.ja })
        let pairs = Aligner.align(jaVersion.extraction, text: ja.text, enVersion.extraction, text: text)
        let falsePairs = pairs.filter { p in p.first.map(orphans.contains) == true && p.second != nil }
        #expect(falsePairs.isEmpty, "dropped items' counterparts paired: \(falsePairs)")
        #expect(s.wrong.count <= 2, "pairs not made by hand: \(s.wrong)")
    }

    /// Sections in another order on each side: the last two sections swapped in Japanese, and
    /// the second moved to the end in English.
    @Test func survivesSectionsReordered() throws {
        let ja = try Self.published(seedName), en = try Self.published(englishSeedName)
        let jaSections = ja.extraction.sections.filter { $0.heading != nil }
        let enSections = en.extraction.sections.filter { $0.heading != nil }
        let jaText = Self.edited(ja.text, removing: [], moving: [jaSections[jaSections.count - 2].span])
        let enText = Self.edited(en.text, removing: [], moving: [enSections[1].span, enSections[0].span])
        let s = try Self.score(Self.version(jaText, of: ja), Self.version(enText, of: en))
        #expect(s.share >= 0.95, "\(s.right) of \(s.expected) paired as by hand")
        #expect(s.wrong.count <= 2, "pairs not made by hand: \(s.wrong)")
    }

    /// One English paragraph split in two, and two Japanese paragraphs merged into one: both
    /// halves pair with their whole.
    @Test func pairsASplitParagraphWithBothHalves() throws {
        let ja = try Self.published(seedName), en = try Self.published(englishSeedName)
        // An English item of several sentences, split before its second sentence.
        let long = en.extraction.items.first { item in
            en.extraction.sentences.filter { $0.item == item.id }.count >= 3 && item.kind == .titled
        }!
        let second = en.extraction.sentences.filter { $0.item == long.id }[1]
        let enText = Self.edited(en.text, removing: [], splittingAt: [second.span.start])
        // Two neighbouring titled Japanese items of one section, joined into one paragraph.
        let jaItems = ja.extraction.items
        let k = jaItems.indices.first { $0 >= 30 && jaItems[$0].kind == .titled && jaItems[$0 + 1].kind == .titled && jaItems[$0].section == jaItems[$0 + 1].section }!
        let gap = Array(jaItems[k].span.end..<jaItems[k + 1].span.start)
        let jaText = Self.edited(ja.text, removing: [], joiningAt: gap)
        let jaVersion = try Self.version(jaText, of: ja), enVersion = try Self.version(enText, of: en)
        #expect(enVersion.extraction.items.count == en.extraction.items.count + 1)
        #expect(jaVersion.extraction.items.count == ja.extraction.items.count - 1)
        let s = try Self.score(jaVersion, enVersion)
        #expect(s.share >= 0.95, "\(s.right) of \(s.expected) paired as by hand")
        let pairs = Aligner.align(jaVersion.extraction, text: jaText, enVersion.extraction, text: enText)
        let halves = enVersion.origins.filter { $0.value == [long.id] }.map(\.key)
        #expect(halves.count == 2)
        for half in halves { #expect(pairs.contains { $0.second == half && $0.first != nil }, "\(half) of the split paragraph unpaired") }
        let merged = jaVersion.origins.first { $0.value.count == 2 }!.key
        #expect(pairs.filter { $0.first == merged && $0.second != nil }.count == 2, "the merged paragraph pairs with both")
    }

    /// Two different documents of one day are not translations of each other.
    @Test func tellsATranslationFromAnotherDocument() throws {
        let ja = try Self.published(seedName), en = try Self.published(englishSeedName)
        #expect(Aligner.agreement(ja.extraction, text: ja.text, en.extraction, text: en.text) >= 0.6)
        let other = try Self.published("links/2023-01-13-us-japan-joint-statement.en")
        #expect(Aligner.agreement(ja.extraction, text: ja.text, other.extraction, text: other.text) < 0.3)
    }

    @Test func findsAnAmountThatTheTranslationGotWrong() throws {
        let ja = try Self.published(seedName), en = try Self.published(englishSeedName)
        let damaged = en.text.replacingOccurrences(of: "$2.9 billion", with: "$2.6 billion")
        let xb = try Extractor().extract(SourceDocument(name: "en", text: damaged))
        let problems = Aligner.check(Aligner.align(ja.extraction, text: ja.text, xb, text: damaged), ja.extraction, xb)
        #expect(problems.contains { $0.kind == .amount && $0.secondText == "$2.6 billion" })
        #expect(problems.contains { $0.kind == .amount && $0.firstText == "29億ドル" })
        // The faithful translation has none.
        #expect(Aligner.check(Aligner.align(ja.extraction, text: ja.text, en.extraction, text: en.text), ja.extraction, en.extraction).isEmpty)
    }
}
