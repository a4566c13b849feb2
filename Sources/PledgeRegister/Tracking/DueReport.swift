import PledgeExtract
import PledgeModel

/// What is overdue and what falls due soon, as of one day.
public struct DueReport: Sendable, Equatable {
    public var asOf: String
    public var within: Int
    /// Due before `asOf`, neither kept nor broken; most overdue first.
    public var overdue: [ItemSummary]
    /// Due from `asOf` to `asOf + within` days; soonest first.
    public var upcoming: [ItemSummary]

    public init(items: [ItemSummary], asOf: String, within: Int) {
        self.asOf = asOf
        self.within = within
        let horizon = Day(iso: asOf).map { $0.adding(days: within).iso } ?? asOf
        let dated = items.filter { $0.due != nil && !$0.withdrawn }.sorted { ($0.due!, $0.id) < ($1.due!, $1.id) }
        overdue = dated.filter { $0.isOverdue(asOf: asOf) }
        upcoming = dated.filter { $0.due! >= asOf && $0.due! <= horizon && !$0.status.isSettled }
    }

    /// Whole days from `due` to `asOf`.
    public func daysLate(_ item: ItemSummary) -> Int? {
        guard let due = item.due.flatMap(Day.init(iso:)), let today = Day(iso: asOf) else { return nil }
        return today.daysSince1970 - due.daysSince1970
    }
}

/// Compliance averages (+1 kept, 0 compromise or in the works, −1 stalled or broken)
/// by section and by party, over the items someone has rated.
public struct ComplianceSummary: Sendable, Equatable, Codable {
    public struct Group: Sendable, Equatable, Codable {
        public var name: String
        public var items: Int
        public var rated: Int
        /// `nil` until an item of the group is rated.
        public var average: Double?
        public var statuses: [String: Int]
    }

    public var bySection: [Group]
    public var byParty: [Group]
    public var overall: Group

    /// The summary of the items `query` selects, from the counts the register keeps
    /// (`ItemTally`): no item is read.
    public static func of(_ register: any Register, matching query: ItemQuery = ItemQuery()) async throws -> ComplianceSummary {
        func group(_ name: String, _ statuses: [String: Int]) -> Group {
            var rated = 0, score = 0
            for (status, count) in statuses {
                guard let compliance = Status(rawValue: status)?.compliance else { continue }
                rated += count
                score += compliance * count
            }
            return Group(name: name, items: statuses.values.reduce(0, +), rated: rated,
                         average: rated == 0 ? nil : Double(score) / Double(rated), statuses: statuses)
        }
        // Sections without a heading are grouped by id; they are all "(no heading)" here.
        var sections: [(name: String, statuses: [String: Int])] = []
        for facet in try await register.facet(.section, matching: query) {
            let name = facet.label ?? "(no heading)"
            if let i = sections.firstIndex(where: { $0.name == name }) {
                sections[i].statuses.merge(facet.statuses, uniquingKeysWith: +)
            } else {
                sections.append((name, facet.statuses))
            }
        }
        var overall: [String: Int] = [:]
        for facet in try await register.facet(.status, matching: query) { overall[facet.value] = facet.count }
        return ComplianceSummary(
            bySection: sections.map { group($0.name, $0.statuses) },
            byParty: try await register.facet(.party, matching: query).sorted { $0.value < $1.value }.map { group($0.value, $0.statuses) },
            overall: group("all", overall))
    }

    public init(bySection: [Group], byParty: [Group], overall: Group) {
        self.bySection = bySection
        self.byParty = byParty
        self.overall = overall
    }

    public init(items: [ItemSummary]) {
        let live = items.filter { !$0.withdrawn }
        func group(_ name: String, _ members: [ItemSummary]) -> Group {
            let scores = members.compactMap(\.status.compliance)
            var statuses: [String: Int] = [:]
            for m in members { statuses[m.status.rawValue, default: 0] += 1 }
            return Group(
                name: name, items: members.count, rated: scores.count,
                average: scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count), statuses: statuses)
        }
        var sectionOrder: [String] = []
        var sections: [String: [ItemSummary]] = [:]
        for item in live {
            let name = item.section ?? "(no heading)"
            if sections[name] == nil { sectionOrder.append(name) }
            sections[name, default: []].append(item)
        }
        bySection = sectionOrder.map { group($0, sections[$0]!) }
        // One group per party that any item binds, by code: each member scored on its own,
        // as the G7 Research Group scores compliance.
        var byCode: [PledgeModel.Party: [ItemSummary]] = [:]
        for item in live { for party in item.parties { byCode[party, default: []].append(item) } }
        byParty = byCode.keys.sorted().map { group($0.rawValue, byCode[$0]!) }
        overall = group("all", live)
    }
}
