import PledgeExtract
import PledgeModel
import PledgeRegister

extension Pages {
    struct Count {
        var label: String
        var count: Int
        var link: String
        var key: String
    }

    struct SectionRow {
        var name: String
        var items: Int
        var link: String
        var kept: Int
        var inWorks: Int
        var stalled: Int
        var unrated: Int
    }

    /// Compliance of one party, as the G7 Research Group scores each member.
    struct PartyRow {
        var name: String
        var code: String
        var items: Int
        var rated: Int
        var compliance: String
        var link: String
        var kept: Int
        var inWorks: Int
        var stalled: Int
    }

    struct Dashboard {
        var today: String
        var documents: Int
        var items: Int
        var overdueCount: Int
        var upcomingCount: Int
        var sections: [SectionRow]
        var parties: [PartyRow]
        var modalities: [Count]
        var statuses: [Count]
        var overdue: [ItemRow]
        var upcoming: [ItemRow]
        var timeline: String
        var moneyByActor: String
        var moneyBySection: String
        var currency: String
        var otherCurrencies: String?
        var translationsLeftOut: Bool
    }

    /// Where a register stands today: counts, what is late, what falls due, money.
    func dashboard(visitor: Visitor, csrf: String?) async throws -> Rendered {
        let today = options.today()
        let everything = ItemQuery()
        let dated = try await register.items(matching: ItemQuery(dueBefore: "9999-12-31"))
        let report = DueReport(items: dated, asOf: today, within: 90)
        let sections = try await register.facet(.section, matching: everything)
        let compliance = ComplianceSummary(items: try await register.items(matching: everything))
        let perSection = compliance.bySection
        let statusesBySection = Dictionary(perSection.map { ($0.name, $0.statuses) }, uniquingKeysWith: { a, _ in a })
        let modalities = try await register.facet(.modality, matching: everything)
        let statuses = try await register.facet(.status, matching: everything)
        // A document and its translation state the same money: count each pledge once, in
        // the document's own language.
        let keys = Set(try await register.documents().map(\.key))
        let translations = Set(keys.filter { $0.hasSuffix("-en") && keys.contains(String($0.dropLast(3))) })
        let money = MoneySummary(try await register.amounts(matching: everything).filter {
            !translations.contains(String($0.item.prefix { $0 != "#" }))
        })

        let model = Dashboard(
            today: today, documents: keys.count, items: try await register.count(matching: everything),
            overdueCount: report.overdue.count, upcomingCount: report.upcoming.count,
            sections: sections.map { s in
                let counts = statusesBySection[s.label ?? ""] ?? [:]
                return SectionRow(
                    name: s.label ?? s.value, items: s.count, link: "/items?section=" + HTML.queryValue(s.value),
                    kept: counts["kept", default: 0],
                    inWorks: counts["in_the_works", default: 0] + counts["compromise", default: 0],
                    stalled: counts["stalled", default: 0] + counts["broken", default: 0],
                    unrated: counts["not_yet_rated", default: 0])
            },
            parties: compliance.byParty.sorted { ($1.items, $0.name) < ($0.items, $1.name) }.map { g in
                PartyRow(
                    name: Party(rawValue: g.name).map(Self.partyName) ?? g.name, code: g.name, items: g.items, rated: g.rated,
                    compliance: g.average.map { String(format: "%+.2f", $0) } ?? "–", link: "/items?party=" + HTML.queryValue(g.name),
                    kept: g.statuses["kept", default: 0],
                    inWorks: g.statuses["in_the_works", default: 0] + g.statuses["compromise", default: 0],
                    stalled: g.statuses["stalled", default: 0] + g.statuses["broken", default: 0])
            },
            modalities: modalities.map {
                Count(label: Modality(rawValue: $0.value).flatMap { Self.modalityNames[$0] } ?? $0.value, count: $0.count,
                      link: "/items?modality=" + $0.value, key: $0.value)
            },
            statuses: statuses.map {
                Count(label: Status(rawValue: $0.value).flatMap { Self.statusNames[$0] } ?? $0.value, count: $0.count,
                      link: "/items?status=" + $0.value, key: $0.value)
            },
            overdue: report.overdue.prefix(50).map { row($0, today: today) },
            upcoming: report.upcoming.prefix(50).map { row($0, today: today) },
            timeline: Charts.timeline(
                dated.map {
                    Charts.Point(id: $0.id, due: $0.due!, label: $0.title ?? String($0.text.prefix(60)),
                                 overdue: $0.isOverdue(asOf: today), settled: $0.status.isSettled)
                }, today: today),
            moneyByActor: Charts.bars(
                money.byActor.prefix(15).map {
                    Charts.Bar(label: $0.name, value: $0.value, valueLabel: MoneySummary.formatted($0.value, money.currency),
                               link: $0.items.count == 1 ? HTML.itemPath($0.items.first!) : nil)
                }, title: "Money by actor (\(money.currency))"),
            moneyBySection: Charts.bars(
                money.bySection.prefix(15).map {
                    Charts.Bar(label: $0.name, value: $0.value, valueLabel: MoneySummary.formatted($0.value, money.currency),
                               link: nil)
                }, title: "Money by section (\(money.currency))"),
            currency: money.currency,
            otherCurrencies: money.otherCurrencies.isEmpty ? nil
                : money.otherCurrencies.sorted { $0.key < $1.key }.map { "\($0.value) in \($0.key)" }.joined(separator: ", "),
            translationsLeftOut: !translations.isEmpty)
        return framed("dashboard", model, title: "Dashboard", visitor: visitor, csrf: csrf)
    }
}

import Foundation
