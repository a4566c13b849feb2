import Foundation
import PledgeModel
import Testing

@testable import PledgeExtract

/// One row of an example table in `Examples/`: tab-separated columns under a header.
struct ExampleRow: CustomTestStringConvertible, Sendable {
    var file: String
    var line: Int
    var columns: [String: String]
    /// The table's language, from its name (`amounts.ja.tsv`).
    var language: Language { file.contains(".en.") ? .en : .ja }

    subscript(_ key: String) -> String { columns[key] ?? "" }
    /// `-` stands for "none" in the tables.
    func optional(_ key: String) -> String? { self[key] == "-" ? nil : self[key] }

    var testDescription: String { "\(file):\(line): \(columns["phrase"] ?? columns["sentence"] ?? "")" }

    static func table(_ name: String) -> [ExampleRow] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Examples/\(name)")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.removeFirst().split(separator: "\t").map(String.init)
        return lines.enumerated().compactMap { n, line in
            guard !line.isEmpty else { return nil }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return ExampleRow(file: name, line: n + 2, columns: Dictionary(uniqueKeysWithValues: zip(header, cells)))
        }
    }
}

/// Runs the whole extractor on one phrase, as `pledge extract` would on a one-line file.
func extract(_ phrase: String, date: String? = "2024-04-10", language: Language = .ja) throws -> Extraction {
    let options = ExtractionOptions(date: date.flatMap(Day.init(iso:)), language: language)
    return try Extractor(options: options).extract(SourceDocument(name: "phrase", text: phrase))
}

/// Each recogniser is proven by a table of real phrases (mostly from documents other
/// than the seed) with the values a person expects, in the manner of Duckling's corpus.
@Suite struct RecogniserExampleTests {
    /// The languages whose rule sets are held to their tables. The English tables
    /// (`*.en.tsv`) are in place; English joins here once its rule sets pass them.
    static let languages = ["ja", "en"]

    static func tables(_ dimension: String) -> [ExampleRow] {
        languages.flatMap { ExampleRow.table("\(dimension).\($0).tsv") }
    }
    static let amounts = tables("amounts")
    static let times = tables("times")

    /// A table's rows grouped by phrase: everything one phrase holds, in the table's order.
    struct Phrase: CustomTestStringConvertible, Sendable {
        var rows: [ExampleRow]
        var testDescription: String { rows[0].testDescription }
    }

    static func phrases(_ rows: [ExampleRow]) -> [Phrase] {
        var order: [String] = []
        var groups: [String: [ExampleRow]] = [:]
        for row in rows {
            let key = row.file + "\t" + row["date"] + "\t" + row["phrase"]
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.map { Phrase(rows: groups[$0]!) }
    }
    static let terms = tables("terms")
    static let sentences = tables("modality")

    @Test(arguments: ["amounts", "times", "terms", "modality"], languages)
    func tablesAreLargeEnough(dimension: String, language: String) {
        #expect(ExampleRow.table("\(dimension).\(language).tsv").count >= 40)
    }

    @Test(arguments: amounts)
    func amount(_ row: ExampleRow) throws {
        let found = try extract(row["phrase"], language: row.language).amounts
        guard let text = row.optional("text") else {
            #expect(found.isEmpty, "expected no amount, found \(found.map(\.text))")
            return
        }
        let match = found.first { $0.text == text }
        #expect(match != nil, "expected \(text), found \(found.map(\.text))")
        guard let match else { return }
        #expect(match.kind.rawValue == row["kind"])
        #expect(match.value == Double(row["value"]), "value \(match.value)")
        #expect(match.unit == row["unit"])
        #expect(match.qualifier?.rawValue == row.optional("qualifier"))
    }

    /// Precision: a phrase yields exactly the amounts its rows list, nothing more.
    @Test(arguments: phrases(amounts))
    func everyAmountOfAPhrase(_ phrase: Phrase) throws {
        let first = phrase.rows[0]
        let found = try extract(first["phrase"], language: first.language).amounts
            .map { "\($0.text)|\($0.kind.rawValue)|\($0.value)|\($0.unit)|\($0.qualifier?.rawValue ?? "-")" }
        let expected = phrase.rows.compactMap { row in
            row.optional("text").map { "\($0)|\(row["kind"])|\(Double(row["value"]) ?? .nan)|\(row["unit"])|\(row["qualifier"])" }
        }
        #expect(found.sorted() == expected.sorted())
    }

    /// Precision: a phrase yields exactly the times its rows list, nothing more.
    @Test(arguments: phrases(times))
    func everyTimeOfAPhrase(_ phrase: Phrase) throws {
        let first = phrase.rows[0]
        let found = try extract(first["phrase"], date: first["date"], language: first.language).times
            .map { "\($0.text)|\($0.role.rawValue)|\($0.value ?? "null")" }
        let expected = phrase.rows.compactMap { row in row.optional("text").map { "\($0)|\(row["role"])|\(row["value"])" } }
        #expect(found.sorted() == expected.sorted())
    }

    @Test(arguments: times)
    func time(_ row: ExampleRow) throws {
        let found = try extract(row["phrase"], date: row["date"], language: row.language).times
        guard let text = row.optional("text") else {
            #expect(found.isEmpty, "expected no time, found \(found.map(\.text))")
            return
        }
        let match = found.first { $0.text == text }
        #expect(match != nil, "expected \(text), found \(found.map { "\($0.text)=\($0.value ?? "null")" })")
        guard let match else { return }
        #expect(match.role.rawValue == row["role"])
        #expect((match.value ?? "null") == row["value"])
    }

    @Test(arguments: terms)
    func term(_ row: ExampleRow) throws {
        let found = try extract(row["phrase"], language: row.language).terms
        guard let short = row.optional("short") else {
            #expect(found.isEmpty, "expected no term, found \(found.map { "\($0.short)=\($0.long)" })")
            return
        }
        let match = found.first { $0.short == short }
        #expect(match?.long == row["long"], "found \(found.map { "\($0.short)=\($0.long)" })")
    }

    @Test(arguments: sentences)
    func sentence(_ row: ExampleRow) throws {
        let extraction = try extract(row["sentence"], language: row.language)
        #expect(extraction.sentences.count == 1)
        guard let s = extraction.sentences.first else { return }
        #expect(s.modality.rawValue == row["modality"])
        #expect(s.actor == row.optional("actor"))
        let parties = row.optional("parties")?.split(separator: ",").map(String.init) ?? []
        #expect(s.parties.map(\.rawValue) == parties)
    }
}
