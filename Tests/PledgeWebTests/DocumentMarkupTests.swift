import Testing

@testable import PledgeWeb

/// The markup of read documents, line by line: what each line marks and which characters
/// are markers, in scalar offsets from the line's start.
@Suite struct DocumentMarkupTests {
    typealias Row = (line: String, blocks: [(DocumentMarkup.Kind, Range<Int>)], markers: [Range<Int>])

    static let rows: [Row] = [
        // As the HTML reader writes headings, bullets and bold.
        ("### **防衛・安全保障協力**", [(.heading(3), 4..<17), (.bold, 6..<15)], [0..<4, 4..<6, 15..<17]),
        ("# Joint Statement", [(.heading(1), 2..<17)], [0..<2]),
        ("- Japan will host the summit.", [(.bullet, 2..<29)], [0..<2]),
        ("* Upgrading command", [(.bullet, 2..<19)], [0..<2]),
        ("• a third bullet", [(.bullet, 2..<16)], [0..<2]),
        // Japanese bullets need no space; a 中黒 inside a line is a word's.
        ("・日米両国は協力する。", [(.bullet, 1..<11)], [0..<1]),
        ("防衛・安全保障協力を強化する。", [], []),
        ("**同盟の指揮・統制の向上**：日米両国は", [(.bold, 2..<13)], [0..<2, 13..<15]),
        ("Trailing spaces are not marked:   ", [], []),
        ("  - indented bullet  ", [(.bullet, 4..<19)], [0..<4]),
        // Not markup: a hash without a space, seven hashes, a lone star, an empty pair, one open pair.
        ("#hashtag diplomacy", [], []),
        ("####### too deep", [], []),
        ("5 * 3 = 15", [], []),
        ("**** nothing bold", [], []),
        ("**open only", [], []),
        ("", [], []),
    ]

    @Test(arguments: rows.indices)
    func readsEachLine(_ index: Int) {
        let row = Self.rows[index]
        let markup = DocumentMarkup(row.line)
        #expect(markup.blocks.map { "\($0.kind) \($0.range)" }.sorted() == row.blocks.map { "\($0.0) \($0.1)" }.sorted(), "\(row.line)")
        #expect(markup.markers.sorted { $0.lowerBound < $1.lowerBound } == row.markers, "\(row.line)")
    }

    @Test func linesAreCountedFromTheStartOfTheText() {
        let markup = DocumentMarkup("Title\n\n## Space\n- one\n")
        #expect(markup.blocks == [.init(kind: .heading(2), range: 10..<15), .init(kind: .bullet, range: 18..<21)])
        #expect(markup.markers == [7..<10, 16..<18])
    }

    /// The annotator leaves hidden characters out and keeps every mark.
    @Test func hiddenCharactersAreLeftOut() {
        var annotator = Annotator()
        annotator.add(0, 10, open: "<i>", close: "</i>", layer: 0)
        annotator.add(2, 6, open: "<b>", close: "</b>", layer: 1)
        annotator.hide(0..<2)
        annotator.hide(6..<8)
        #expect(annotator.render("**bold** <x") == "<i><b>bold</b> &lt;</i>x")
    }
}
