import Foundation
import PledgeRegister

/// Money in a register's listed items, as the register adds it up (`MoneyTotal`), for the
/// dashboard's charts.
///
/// Sums are kept per currency and never converted: the document's figures are what a
/// reader can check. The charts show the currency that holds the most amounts.
struct MoneySummary {
    var currency: String
    /// Totals in `currency`, largest first.
    var byActor: [MoneyTotal]
    var bySection: [MoneyTotal]
    /// Amounts in other currencies, left out of the charts, by currency.
    var otherCurrencies: [String: Int]

    init(byActor: [MoneyTotal], bySection: [MoneyTotal]) {
        var perCurrency: [String: Int] = [:]
        for total in bySection { perCurrency[total.currency, default: 0] += total.amounts }
        let currency = perCurrency.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "USD"
        self.currency = currency
        otherCurrencies = perCurrency.filter { $0.key != currency }
        func ranked(_ totals: [MoneyTotal]) -> [MoneyTotal] {
            totals.filter { $0.currency == currency }.sorted { ($1.value, $0.name) < ($0.value, $1.name) }
        }
        self.byActor = ranked(byActor)
        self.bySection = ranked(bySection)
    }

    /// An amount as a reader of the language writes it: `$1.5 bn`, `¥200.0 m`, `3000 KRW`;
    /// `15億米ドル`, `2000億円`, `3000韓国ウォン` (Japanese counts in 万, 億 and 兆, and names
    /// currencies by CLDR's Japanese names).
    static func formatted(_ value: Double, _ currency: String, _ language: InterfaceLanguage) -> String {
        switch language {
        case .en:
            let symbol = ["USD": "$", "JPY": "¥", "EUR": "€", "GBP": "£"][currency]
            let scaled: String
            if value >= 1e9 { scaled = String(format: "%.1f bn", value / 1e9) }
            else if value >= 1e6 { scaled = String(format: "%.1f m", value / 1e6) }
            else { scaled = String(format: "%.0f", value) }
            return symbol.map { $0 + scaled } ?? scaled + " " + currency
        case .ja:
            var scaled = String(format: "%.0f", value)
            for (unit, size) in [("兆", 1e12), ("億", 1e8), ("万", 1e4)] where value >= size {
                // One decimal at most, and none where it would be `.0`.
                let tenths = (value / size * 10).rounded()
                scaled = String(format: tenths.truncatingRemainder(dividingBy: 10) == 0 ? "%.0f" : "%.1f", tenths / 10) + unit
                break
            }
            let name = currency == "JPY" ? "円"
                : (Locale(identifier: "ja").localizedString(forCurrencyCode: currency)?.filter { !$0.isWhitespace } ?? currency)
            return scaled + name
        }
    }
}

import Foundation
