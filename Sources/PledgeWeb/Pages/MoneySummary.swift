import PledgeRegister

/// Money in a register's items, added up by who spends it (the sentence's actor) and by
/// section for the dashboard.
///
/// Sums are kept per currency and never converted: the document's figures are what a
/// reader can check. The charts show the currency that holds the most amounts.
struct MoneySummary {
    struct Total {
        var name: String
        var value: Double
        var items: Set<String>
    }

    var currency: String
    var byActor: [Total]
    var bySection: [Total]
    /// Amounts in other currencies, left out of the charts, by currency.
    var otherCurrencies: [String: Int]

    init(_ amounts: [ItemAmount]) {
        let money = amounts.filter { $0.amount.kind == .money }
        var perCurrency: [String: Int] = [:]
        for a in money { perCurrency[a.amount.unit, default: 0] += 1 }
        let currency = perCurrency.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "USD"
        self.currency = currency
        otherCurrencies = perCurrency.filter { $0.key != currency }
        var companies: [String: Total] = [:]
        var sections: [String: Total] = [:]
        var lastCompany: (item: String, name: String)?
        for a in money {
            var company = a.actor.flatMap(Self.spender)
            // 同社, "the company": the company named earlier in the same item.
            if company == nil, let actor = a.actor, Self.isBackReference(actor), let last = lastCompany, last.item == a.item {
                company = last.name
            }
            if let company { lastCompany = (a.item, company) }
            guard a.amount.unit == currency else { continue }
            if let company {
                companies[company, default: Total(name: company, value: 0, items: [])].value += a.amount.value
                companies[company]!.items.insert(a.item)
            }
            let section = a.section ?? "(no heading)"
            sections[section, default: Total(name: section, value: 0, items: [])].value += a.amount.value
            sections[section]!.items.insert(a.item)
        }
        func ranked(_ totals: [String: Total]) -> [Total] { totals.values.sorted { ($1.value, $0.name) < ($0.value, $1.name) } }
        byActor = ranked(companies)
        bySection = ranked(sections)
    }

    /// The actor, when it names someone who can spend: any company, government, agency or
    /// person, whatever its legal form (Microsoft, Toyota, トヨタ, クオンティニウム社). Pronouns
    /// and collective words (we, 両国) name no one in particular and are left out.
    static func spender(_ actor: String) -> String? {
        var name = actor.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !isBackReference(name) else { return nil }
        // 米国の量子コンピュータメーカーであるクオンティニウム社 → クオンティニウム社
        if let range = name.range(of: "である", options: .backwards), range.upperBound < name.endIndex { name = String(name[range.upperBound...]) }
        let lower = name.lowercased()
        if collective.contains(lower) || collective.contains(where: { lower.hasPrefix($0 + ",") }) { return nil }
        if lower.hasPrefix("the two ") || lower.hasPrefix("our ") || lower.hasPrefix("both ") || lower.hasPrefix("this ") || lower.hasPrefix("these ") {
            return nil
        }
        return name
    }

    /// Words that stand for the document's sides or for something already named.
    static let collective: Set<String> = [
        "we", "they", "it", "this", "these", "the leaders", "the two leaders", "the united states and japan",
        "我々", "両国", "両首脳", "日米両国", "両政府", "双方", "これ", "本件",
    ]

    static func isBackReference(_ actor: String) -> Bool {
        ["同社", "the company", "同グループ", "the firm"].contains(actor.lowercased())
    }

    static func formatted(_ value: Double, _ currency: String) -> String {
        let symbol = ["USD": "$", "JPY": "¥", "EUR": "€", "GBP": "£"][currency]
        let scaled: String
        if value >= 1e9 { scaled = String(format: "%.1f bn", value / 1e9) }
        else if value >= 1e6 { scaled = String(format: "%.1f m", value / 1e6) }
        else { scaled = String(format: "%.0f", value) }
        return symbol.map { $0 + scaled } ?? scaled + " " + currency
    }
}

import Foundation
