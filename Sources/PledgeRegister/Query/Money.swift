import Foundation
import PledgeModel

/// Money the listed items of a register state, added up by the database per currency and
/// per spender or section (`Register.money(by:)`).
///
/// Sums are kept per currency and never converted: the document's figures are what a reader
/// can check.
public struct MoneyTotal: Sendable, Equatable, Codable {
    public var currency: String
    /// The spender, or the section's heading (`""` for items under none).
    public var name: String
    public var value: Double
    /// How many amounts add up to it.
    public var amounts: Int

    public init(currency: String, name: String, value: Double, amounts: Int) {
        self.currency = currency
        self.name = name
        self.value = value
        self.amounts = amounts
    }
}

/// What money is added up by.
public enum MoneyGrouping: String, Sendable {
    /// The sentence's actor, when it names someone who can spend (`ItemMoney.spender`).
    case actor
    case section
}

/// The money amounts of one item as the register keeps them for adding up: one row per
/// amount of money, with who spends it. Written with the item by every store
/// (`item_money`), and added up as they are written (`money_tally`, one row per currency,
/// spender and section of listed items), so that totals read neither items nor amounts.
public enum ItemMoney {
    public struct Row: Sendable, Equatable {
        public var seq: Int
        public var currency: String
        public var value: Double
        public var spender: String?
    }

    /// The rows of an item's amounts of money: whose money it is is the actor of the sentence
    /// that holds the amount; `同社` and "the company" stand for the company named before in
    /// the same item.
    public static func rows(sentences: [StoredSentence], amounts: [StoredAmount]) -> [Row] {
        var rows: [Row] = []
        var lastCompany: String?
        for (seq, amount) in amounts.enumerated() where amount.kind == .money {
            let actor = sentences.first { $0.span.contains(amount.span) }?.actor
            var company = actor.flatMap(spender)
            if company == nil, let actor, isBackReference(actor) { company = lastCompany }
            if let company { lastCompany = company }
            rows.append(Row(seq: seq, currency: amount.unit, value: amount.value, spender: company))
        }
        return rows
    }

    /// The actor, when it names someone who can spend: any company, government, agency or
    /// person, whatever its legal form (Microsoft, Toyota, トヨタ, クオンティニウム社). Pronouns
    /// and collective words (we, 両国) name no one in particular and are left out.
    public static func spender(_ actor: String) -> String? {
        var name = actor.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !isBackReference(name) else { return nil }
        // 米国の量子コンピュータメーカーであるクオンティニウム社 → クオンティニウム社
        if let range = name.range(of: "である", options: .backwards), range.upperBound < name.endIndex { name = String(name[range.upperBound...]) }
        let lower = name.lowercased()
        if collective.contains(lower) || collective.contains(where: { lower.hasPrefix($0 + ",") }) { return nil }
        if ["the two ", "our ", "both ", "this ", "these "].contains(where: lower.hasPrefix) { return nil }
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

    /// The grouping both stores run over `money_tally`: totals per currency and spender or
    /// section, of listed items (neither withdrawn nor the translation of another's item).
    public static func sql(by grouping: MoneyGrouping) -> String {
        let name = grouping == .actor ? "spender" : "section"
        return """
            SELECT currency, \(name) AS name, sum(total) AS total, CAST(sum(amounts) AS BIGINT) AS amounts FROM money_tally
            \(grouping == .actor ? "WHERE spender <> ''" : "") GROUP BY currency, \(name) HAVING sum(amounts) > 0
            """
    }
}
