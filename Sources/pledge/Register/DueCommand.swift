import PledgeExtract
import PledgeModel
import Foundation
import ArgumentParser
import PledgeRegister

struct Due: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List overdue items and those due soon.",
        discussion: "An item's due date is the earliest deadline among its sentences; a period counts to its end "
            + "(本年6月までに → June 30) and a duration from the document's date. Kept and broken items are never overdue.")

    enum Format: String, ExpressibleByArgument { case table, json }

    @OptionGroup var register: RegisterOptions
    @Option(name: .customLong("as-of"), help: "The day to judge from (YYYY-MM-DD, default today).") var asOf: Day?
    @Option(help: "How many days ahead count as upcoming.") var within = 90
    @Option(help: "Only this document (its key).") var document: String?
    @Option(help: "Output: table or json.") var format: Format = .table

    func validate() throws {
        if within < 0 { throw ValidationError("--within must be zero or more days") }
    }

    func run() async throws {
        let store = try await register.open()
        let items = try await failing { try await store.items(matching: ItemQuery(document: document)) }
        let report = DueReport(items: items, asOf: asOf?.iso ?? today(), within: within)
        var out = StandardOutput()
        if format == .json {
            struct Listing: Encodable { var asOf: String; var within: Int; var overdue: [ItemSummary]; var upcoming: [ItemSummary] }
            out.write(try jsonString(Listing(asOf: report.asOf, within: within, overdue: report.overdue, upcoming: report.upcoming)))
        } else {
            out.write("Overdue as of \(report.asOf): \(report.overdue.count)\n")
            out.write(table(report.overdue, report: report, late: true))
            out.write("\nDue in the next \(within) days: \(report.upcoming.count)\n")
            out.write(table(report.upcoming, report: report, late: false))
        }
        out.flush()
    }

    func table(_ items: [ItemSummary], report: DueReport, late: Bool) -> String {
        guard !items.isEmpty else { return "" }
        var t = TextTable(["due", late ? "days late" : "days left", "id", "status", "item"], limits: [nil, nil, nil, nil, 60])
        for i in items {
            let days = report.daysLate(i) ?? 0
            t.add([i.due ?? "", String(late ? days : -days), i.id, i.status.rawValue, i.title ?? i.text])
        }
        return t.render()
    }
}

struct Summary: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compliance averages by party and by section (+1 kept, 0 compromise or in the works, −1 stalled or broken).")

    enum Format: String, ExpressibleByArgument { case table, json }

    @OptionGroup var register: RegisterOptions
    @Option(help: "Only this document (its key).") var document: String?
    @Option(help: "Output: table or json.") var format: Format = .table

    func run() async throws {
        let store = try await register.open()
        let items = try await failing { try await store.items(matching: ItemQuery(document: document)) }
        let summary = ComplianceSummary(items: items)
        var out = StandardOutput()
        if format == .json {
            out.write(try jsonString(summary))
        } else {
            var t = TextTable(["group", "items", "rated", "compliance", "kept", "in works", "compromise", "stalled", "broken"],
                              limits: [40, nil, nil, nil, nil, nil, nil, nil, nil])
            let parties = Set(summary.byParty.map(\.name))
            for g in [summary.overall] + summary.byParty + summary.bySection {
                // A party's row says which country it is: `PH Philippines`.
                let name = parties.contains(g.name) ? Party(rawValue: g.name).map { "\($0.rawValue) \(PartyNames.name(of: $0, in: .en))" } ?? g.name : g.name
                t.add([name, String(g.items), String(g.rated), g.average.map { String(format: "%+.2f", $0) } ?? "–",
                       String(g.statuses["kept"] ?? 0), String(g.statuses["in_the_works"] ?? 0),
                       String(g.statuses["compromise"] ?? 0), String(g.statuses["stalled"] ?? 0), String(g.statuses["broken"] ?? 0)])
            }
            out.write(t.render())
        }
        out.flush()
    }
}
