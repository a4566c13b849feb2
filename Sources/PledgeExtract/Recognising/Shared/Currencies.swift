import Foundation

/// Currency codes and names, from Foundation's copy of the CLDR data rather than typed lists:
/// every ISO 4217 code, and each currency's English and Japanese name (`Malaysian Ringgit`,
/// `マレーシア リンギット`). Built once per process.
enum Currencies {
    /// Every ISO 4217 code Foundation knows (308 of them).
    static let codes: Set<String> = Set(Locale.Currency.isoCurrencies.map(\.identifier))

    /// Codes common enough to be written glued to their number (`USD500`); any other code
    /// needs a space (`42 KWD`, `KWD 42`), so `COP28` and `G20` stay names.
    static let glued: Set<String> = [
        "USD", "JPY", "EUR", "GBP", "AUD", "CAD", "CNY", "KRW", "PHP", "INR", "NZD", "SGD", "CHF", "HKD", "TWD", "MYR", "THB", "IDR", "VND",
        "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK",
    ]

    /// The currency a short name stands for where several share it: `dollar` is the US
    /// dollar, `pound` sterling, `peso` the Philippine peso, as the documents Pledge reads use them.
    static let preferred: [String: String] = [
        "dollar": "USD", "pound": "GBP", "peso": "PHP", "franc": "CHF", "rupee": "INR", "yuan": "CNY", "renminbi": "CNY",
        "krona": "SEK", "krone": "NOK", "won": "KRW", "dinar": "KWD", "riyal": "SAR", "rial": "IRR",
        "rand": "ZAR", "lira": "TRY", "shekel": "ILS", "ruble": "RUB", "rouble": "RUB", "rupiah": "IDR", "ringgit": "MYR",
        "baht": "THB", "dong": "VND", "euro": "EUR", "yen": "JPY", "buck": "USD",
    ]

    /// Lower-cased English names, singular and plural, whole (`swiss franc`, `new taiwan dollars`)
    /// and by their last word where that word names one currency (`ringgit`, `baht`).
    static let english: [String: String] = {
        var names: [String: String] = [:]
        var lastWords: [String: Set<String>] = [:]
        let en = Locale(identifier: "en")
        for code in codes {
            guard let name = en.localizedString(forCurrencyCode: code)?.lowercased(), !name.contains("("), !name.contains("–") else { continue }
            names[name] = code
            names[plural(name)] = code
            names[name + "s"] = names[name + "s"] ?? code  // `ringgits`, `bahts`: the plural some texts use
            if let last = name.split(separator: " ").last.map(String.init) {
                lastWords[last, default: []].insert(code)
                // `malaysia ringgit` beside CLDR's `malaysian ringgit`: the issuing country's name.
                if name.contains(" "), let country = en.localizedString(forRegionCode: String(code.prefix(2)))?.lowercased(),
                    !country.contains(" "), !country.contains("(")
                {
                    names[country + " " + last] = names[country + " " + last] ?? code
                    names[country + " " + plural(last)] = names[country + " " + plural(last)] ?? code
                    names[country + " " + last + "s"] = names[country + " " + last + "s"] ?? code
                }
            }
        }
        for (word, codes) in lastWords where codes.count == 1 && word.count >= 3 {
            names[word] = names[word] ?? codes.first!
            names[plural(word)] = names[plural(word)] ?? codes.first!
        }
        for (word, code) in preferred {
            names[word] = code
            names[plural(word)] = code
        }
        return names
    }()

    /// Japanese names, longest first so that `シンガポールドル` wins over `ドル`: CLDR's names
    /// (`マレーシア リンギット`) written as texts write them (`マレーシア・リンギット`,
    /// `マレーシアリンギット`), and the names texts use besides (`ニュー台湾ドル`).
    static let japanese: [(String, String)] = {
        var names: [String: String] = [:]
        var lastWords: [String: Set<String>] = [:]
        let ja = Locale(identifier: "ja")
        for code in codes {
            guard let name = ja.localizedString(forCurrencyCode: code), !name.contains("("), !name.contains("（") else { continue }
            let parts = name.split(separator: " ").map(String.init)
            for form in [parts.joined(), parts.joined(separator: "・")] where names[form] == nil { names[form] = code }
            if parts.count > 1, let last = parts.last { lastWords[last, default: []].insert(code) }
        }
        // A last word that names one currency only stands for it alone: ナイラ, リンギット, バルボア.
        for (word, codes) in lastWords where codes.count == 1 && word.unicodeScalars.count >= 3 && names[word] == nil {
            names[word] = codes.first!
        }
        for (name, code) in japaneseInUse { names[name] = code }
        return names.sorted { ($0.key.unicodeScalars.count, $0.key) > ($1.key.unicodeScalars.count, $1.key) }.map { ($0.key, $0.value) }
    }()

    /// Names in use that CLDR spells otherwise, and the short names of the commonest currencies.
    static let japaneseInUse: [(String, String)] = [
        ("ニュー台湾ドル", "TWD"), ("台湾ドル", "TWD"), ("NTドル", "TWD"), ("豪ドル", "AUD"), ("NZドル", "NZD"), ("USドル", "USD"),
        ("米ドル", "USD"), ("ドル", "USD"), ("日本円", "JPY"), ("円", "JPY"), ("ユーロ", "EUR"), ("英ポンド", "GBP"), ("ポンド", "GBP"),
        ("人民元", "CNY"), ("元", "CNY"), ("ウォン", "KRW"), ("ルピー", "INR"), ("ルピア", "IDR"), ("ペソ", "PHP"), ("バーツ", "THB"),
        ("ドン", "VND"), ("リンギット", "MYR"), ("スイスフラン", "CHF"), ("フラン", "CHF"), ("ルーブル", "RUB"), ("レアル", "BRL"),
        ("ランド", "ZAR"), ("USD", "USD"), ("JPY", "JPY"), ("EUR", "EUR"), ("GBP", "GBP"), ("AUD", "AUD"), ("CNY", "CNY"),
        ("KRW", "KRW"), ("PHP", "PHP"), ("INR", "INR"), ("CAD", "CAD"),
    ]

    /// Subunits: `2ドル3セント`, `10円5銭`.
    static let japaneseSubunits: [(unit: String, subunit: String, per: Double)] = [
        ("ドル", "セント", 100), ("円", "銭", 100), ("ユーロ", "セント", 100), ("元", "角", 10),
    ]

    /// The first words of the English names: any other word after a number names no currency.
    static let englishFirstWords: Set<String> = Set(english.keys.compactMap { $0.split(separator: " ").first.map(String.init) })

    /// The most words an English currency name has (`bosnia-herzegovina convertible mark`).
    static let longestEnglishName = english.keys.map { $0.split(separator: " ").count }.max() ?? 1

    static func plural(_ name: String) -> String {
        if name.hasSuffix("s") || name.hasSuffix("yen") || name.hasSuffix("won") || name.hasSuffix("baht")
            || name.hasSuffix("yuan") || name.hasSuffix("renminbi") || name.hasSuffix("rupiah") || name.hasSuffix("ringgit")
            || name.hasSuffix("dong") || name.hasSuffix("rand")
        {
            return name
        }
        if name.hasSuffix("y") { return String(name.dropLast()) + "ies" }
        return name + "s"
    }
}
