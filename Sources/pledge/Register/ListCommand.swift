import ArgumentParser
import Foundation
import PledgeModel
import PledgeRegister

/// The filters `list` and `export` share.
struct ItemFilterOptions: ParsableArguments {
    @Option(help: "Only this document (its key).") var document: String?
    @Option(help: "Only sections whose id or heading contains this text.") var section: String?
    @Option(help: "Only items of this modality (commit, intend, plan, explore, welcome, affirm, done, other).")
    var modality: Modality?
    @Option(help: "Only items binding this party: a country's ISO 3166 code (JP, PH, GB) or an organisation's (EU, UN, NATO).")
    var party: Party?
    @Option(help: "Only items with this status.") var status: Status?
    @Option(name: .customLong("due-before"), help: "Only items due on or before this date (YYYY-MM-DD).")
    var dueBefore: Day?
    @Flag(help: "Only items overdue today (or on --as-of).") var overdue = false
    @Option(name: .customLong("as-of"), help: "The day --overdue is judged on (default today).") var asOf: Day?
    @Option(help: "Full-text search over titles and text, Japanese or English.") var search: String?
    @Flag(name: .customLong("include-withdrawn"), help: "Also items a later version of their document dropped.")
    var includeWithdrawn = false
    @Option(help: "Show a commitment stated in Japanese and English in this language's text (ja or en); by default in its original's.")
    var language: Language?

    var query: ItemQuery {
        ItemQuery(
            document: document, section: section, modality: modality, party: party, status: status, dueBefore: dueBefore?.iso,
            overdueOn: overdue ? (asOf?.iso ?? today()) : nil, search: search, includeWithdrawn: includeWithdrawn, language: language)
    }
}

struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List items, filtered and searched.")

    enum Format: String, ExpressibleByArgument { case table, json, csv }

    @OptionGroup var register: RegisterOptions
    @OptionGroup var filters: ItemFilterOptions
    @Option(help: "Output: table (for people), json or csv.") var format: Format = .table
    @Option(help: "Show at most this many items.") var limit: Int?

    func run() async throws {
        let store = try await register.open()
        var query = filters.query
        query.limit = limit
        let items = try await failing { try await store.items(matching: query) }
        var out = StandardOutput()
        switch format {
        case .json:
            struct Listing: Encodable { var items: [ItemSummary] }
            out.write(try jsonString(Listing(items: items)))
        case .csv:
            var rows = [["id", "document", "section", "title", "text", "modality", "parties", "due", "status", "version"]]
            for i in items {
                rows.append([i.id, i.document, i.section ?? "", i.title ?? "", i.text, i.modality.rawValue,
                             i.parties.map(\.rawValue).joined(separator: " "), i.due ?? "", i.status.rawValue, String(i.version)])
            }
            out.write(CSVExport.rows(rows))
        case .table:
            var table = TextTable(["id", "modality", "parties", "due", "status", "item"], limits: [nil, nil, nil, nil, nil, 70])
            for i in items {
                table.add([i.id, i.modality.rawValue, i.parties.map(\.rawValue).joined(separator: "+"), i.due ?? "",
                           i.status.rawValue + (i.withdrawn ? " (withdrawn)" : ""), i.title ?? i.text])
            }
            out.write(table.render())
            out.write("\(items.count) item\(items.count == 1 ? "" : "s")\n")
        }
        out.flush()
    }
}
