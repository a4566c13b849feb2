import PledgeRegister

/// Money in a register's items, added up by company and by section for the dashboard.
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
    var byCompany: [Total]
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
            var company = a.actor.flatMap(Self.company)
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
        byCompany = ranked(companies)
        bySection = ranked(sections)
    }

    /// The actor, when it names a company: a legal form or a word companies are named with,
    /// in Japanese (社, 株式会社, カンパニー) or English (Inc., Corporation, Company).
    static func company(_ actor: String) -> String? {
        let name = actor.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !isBackReference(name) else { return nil }
        let japaneseMarks = ["株式会社", "有限会社", "合同会社", "カンパニー", "コーポレーション", "ホールディングス", "グループ", "銀行", "製薬", "自動車", "重工", "電機", "商事"]
        if name.hasSuffix("社") && name.count > 2 || japaneseMarks.contains(where: name.contains) {
            // 米国の量子コンピュータメーカーであるクオンティニウム社 → クオンティニウム社
            if let range = name.range(of: "である", options: .backwards) { return String(name[range.upperBound...]) }
            return name
        }
        let words = name.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters).lowercased() }
        let englishMarks: Set<String> = ["inc", "corp", "corporation", "company", "co", "ltd", "llc", "plc", "group", "holdings", "motors", "bank"]
        if words.contains(where: englishMarks.contains) { return name }
        return nil
    }

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
