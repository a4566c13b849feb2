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
        /// Sections beyond those shown.
        var moreSections: Int?
        var parties: [PartyRow]
        var moreParties: Int?
        var modalities: [Count]
        var statuses: [Count]
        var overdue: [ItemRow]
        var upcoming: [ItemRow]
        /// The lists show the first `listed` of each; the counts say how many there are.
        var moreOverdue: Bool
        var moreUpcoming: Bool
        var timeline: String
        var moneyByActor: String
        var moneyBySection: String
        var currency: String
        var otherCurrencies: String?
    }

    /// Bars of a money chart: the largest totals, and the rest added up in one bar.
    static let moneyBars = 15

    /// The `moneyBars` largest totals as bars, labelled and linked by `label`, and one bar for
    /// all the others together.
    static func topBars(_ totals: [MoneyTotal], currency: String, _ t: Catalogue, label: (String) -> (String, String?)) -> [Charts.Bar] {
        var bars = totals.prefix(moneyBars).map { total in
            let (name, link) = label(total.name)
            return Charts.Bar(label: name, value: total.value, valueLabel: MoneySummary.formatted(total.value, currency, t.language), link: link)
        }
        let rest = totals.dropFirst(moneyBars)
        if !rest.isEmpty {
            let value = rest.reduce(0) { $0 + $1.value }
            bars.append(Charts.Bar(label: t("chart.others", ["count": String(rest.count)]), value: value, valueLabel: MoneySummary.formatted(value, currency, t.language), link: nil))
        }
        return bars
    }

    /// Rows of each table and list of the dashboard, whatever the register's size.
    static let dashboardRows = 20

    /// Where a register stands today: counts, what is late, what falls due, money. Every
    /// figure is counted by the register (`ItemTally`, `DueBin`, `MoneyTotal`); the lists
    /// read `dashboardRows` items each.
    func dashboard(visitor: Visitor, csrf: String?) async throws -> Rendered {
        let t = words(visitor)
        let today = options.today()
        let rows = Self.dashboardRows
        let everything = ItemQuery()
        var overdueQuery = ItemQuery(overdueOn: today)
        var upcomingQuery = ItemQuery(dueBefore: Day(iso: today).map { $0.adding(days: 90).iso } ?? today)
        upcomingQuery.dueFrom = today
        upcomingQuery.unsettled = true
        let overdueCount = try await register.count(matching: overdueQuery)
        let upcomingCount = try await register.count(matching: upcomingQuery)
        overdueQuery.order = .due
        overdueQuery.limit = rows
        upcomingQuery.order = .due
        upcomingQuery.limit = rows
        let compliance = try await ComplianceSummary.of(register, matching: everything)
        let modalities = try await register.facet(.modality, matching: everything)
        let money = MoneySummary(byActor: try await register.money(by: .actor), bySection: try await register.money(by: .section))
        let parties = compliance.byParty.sorted { ($1.items, $0.name) < ($0.items, $1.name) }

        let model = Dashboard(
            today: t.day(today), documents: try await register.documentCount(), items: compliance.overall.items,
            overdueCount: overdueCount, upcomingCount: upcomingCount,
            sections: compliance.bySection.sorted { ($1.items, $0.name) < ($0.items, $1.name) }.prefix(rows).map { g in
                SectionRow(
                    name: g.name, items: g.items, link: "/items?section=" + HTML.queryValue(g.name),
                    kept: g.statuses["kept", default: 0],
                    inWorks: g.statuses["in_the_works", default: 0] + g.statuses["compromise", default: 0],
                    stalled: g.statuses["stalled", default: 0] + g.statuses["broken", default: 0],
                    unrated: g.statuses["not_yet_rated", default: 0])
            },
            moreSections: compliance.bySection.count > rows ? compliance.bySection.count - rows : nil,
            parties: parties.prefix(rows).map { g in
                PartyRow(
                    name: Party(rawValue: g.name).map(Self.partyName) ?? g.name, code: g.name, items: g.items, rated: g.rated,
                    compliance: g.average.map { String(format: "%+.2f", $0) } ?? "–", link: "/items?party=" + HTML.queryValue(g.name),
                    kept: g.statuses["kept", default: 0],
                    inWorks: g.statuses["in_the_works", default: 0] + g.statuses["compromise", default: 0],
                    stalled: g.statuses["stalled", default: 0] + g.statuses["broken", default: 0])
            },
            moreParties: parties.count > rows ? parties.count - rows : nil,
            modalities: modalities.map {
                Count(label: Modality(rawValue: $0.value).map { t.modality($0) } ?? $0.value, count: $0.count,
                      link: "/items?modality=" + $0.value, key: $0.value)
            },
            statuses: compliance.overall.statuses.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
                Count(label: Status(rawValue: $0.key).map { t.status($0) } ?? $0.key, count: $0.value,
                      link: "/items?status=" + $0.key, key: $0.key)
            },
            overdue: try await register.items(matching: overdueQuery).map { row($0, today: today, t) },
            upcoming: try await register.items(matching: upcomingQuery).map { row($0, today: today, t) },
            moreOverdue: overdueCount > rows, moreUpcoming: upcomingCount > rows,
            timeline: Charts.timeline(try await register.dueBins(matching: everything, asOf: today), today: today, t),
            moneyByActor: Charts.bars(
                Self.topBars(money.byActor, currency: money.currency, t) { name in
                    (name, "/items?q=" + HTML.queryValue(name))
                }, title: t("chart.moneyByActor", ["currency": money.currency])),
            moneyBySection: Charts.bars(
                Self.topBars(money.bySection, currency: money.currency, t) { name in
                    name.isEmpty ? (t["chart.noHeading"], nil) : (name, "/items?section=" + HTML.queryValue(name))
                }, title: t("chart.moneyBySection", ["currency": money.currency])),
            currency: money.currency,
            otherCurrencies: money.otherCurrencies.isEmpty ? nil
                : money.otherCurrencies.sorted { $0.key < $1.key }.map { t("chart.inCurrency", ["count": String($0.value), "currency": $0.key]) }.joined(separator: ", "))
        return framed("dashboard", model, title: t["title.dashboard"], visitor: visitor, csrf: csrf)
    }
}
