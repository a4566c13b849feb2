import PledgeModel

/// Japanese amounts: `約150億ドル`, `3,000人超`, `1 億 700 万ドル`, `三千人`,
/// `最大370億ドル`, `300万人を超える`, `USD 500万`, `¥1,000億`.
public struct JapaneseAmountRules: AmountRules {
    public init() {}

    /// Currency words after a number, longest first so `米ドル` wins over `ドル` (`Currencies`).
    static var currencies: [(String, String)] { Currencies.japanese }

    /// Currency words by their first code point, so a number is followed by a short search.
    static let currenciesByInitial: [Unicode.Scalar: [(String, String)]] = Dictionary(grouping: Currencies.japanese) { $0.0.unicodeScalars.first! }

    static func currency(_ v: TextView, at i: Int) -> (String, String)? {
        Self.currenciesByInitial[CharacterClass.narrow(v.at(i))]?.first { v.matches($0.0, at: i) }
            ?? Self.currenciesByInitial[v.at(i)]?.first { v.matches($0.0, at: i) }
    }
    /// Currency marks before a number.
    static let prefixes: [(String, String)] = [
        ("US$", "USD"), ("USD", "USD"), ("JPY", "JPY"), ("EUR", "EUR"), ("GBP", "GBP"), ("AUD", "AUD"),
        ("$", "USD"), ("¥", "JPY"), ("￥", "JPY"), ("€", "EUR"), ("£", "GBP"),
        // Shift_JIS puts the yen sign where ASCII has the backslash; text converted blindly keeps it.
        ("\\", "JPY"),
    ]
    /// Qualifier words in front of the number.
    static let leading: [(String, Qualifier)] = [
        ("おおよそ", .approx), ("およそ", .approx), ("凡そ", .approx), ("約", .approx),
        ("少なくとも", .at_least), ("最低でも", .at_least), ("最低", .at_least),
        ("最大で", .up_to), ("最大", .up_to), ("最高", .up_to), ("上限", .up_to),
    ]
    /// Qualifier words after the unit.
    static let trailing: [(String, Qualifier)] = [
        ("を超える", .over), ("を越える", .over), ("を上回る", .over), ("を超え", .over), ("を越え", .over), ("超え", .over),
        ("超", .over), ("余り", .over), ("あまり", .over), ("強", .over), ("以上", .at_least), ("程度", .approx),
        ("前後", .approx), ("を上限とする", .up_to), ("を限度とする", .up_to), ("以下", .up_to), ("未満", .up_to),
    ]
    static let people: [String] = ["人分", "人", "名"]

    public func amounts(in view: TextView) -> [Amount] {
        var found: [Amount] = []
        var i = 0
        let n = view.count
        while i < n {
            guard JapaneseNumber.canStart(view, i), let amount = amount(in: view, numberAt: i) else {
                i += 1
                continue
            }
            found.append(amount.0)
            i = amount.1
        }
        return found
    }

    /// The amount whose number starts at `i`, with the view position it ends at.
    func amount(in v: TextView, numberAt i: Int) -> (Amount, Int)? {
        // Indefinite and relative quantities are not amounts: 何百万人, 数千人, 十数人.
        let before = v.at(i - 1)
        if before == "何" || before == "数" || before == "幾" { return nil }
        guard let number = JapaneseNumber.parse(v, at: i) else { return nil }
        if v.at(number.end) == "数" { return nil }
        var start = i
        var end = number.end
        var unit: String?
        var kind = AmountKind.money
        var subunitValue = 0.0

        // A currency mark in front: `$3億`, `USD 500万`.
        let markEnd = v.skipSpacesBackward(from: i)
        for (mark, code) in Self.prefixes where v.matches(mark, endingAt: markEnd) {
            unit = code
            start = markEnd - mark.unicodeScalars.count
            break
        }
        let after = v.skipSpaces(from: end)
        if unit == nil {
            if let (word, code) = Self.currency(v, at: after) {
                if !acceptsCurrency(word, number: number, in: v, after: after + word.unicodeScalars.count) { return nil }
                unit = code
                end = after + word.unicodeScalars.count
                // `2ドル3セント`, `10円5銭`: the subunit adds its fraction.
                // `545ドルと5セント`: joined by と as well.
                let s = v.at(end) == "と" ? end + 1 : end
                if let sub = Currencies.japaneseSubunits.first(where: { word.hasSuffix($0.unit) }), s < v.count, JapaneseNumber.canStart(v, s),
                    let cents = JapaneseNumber.parse(v, at: s), cents.value < sub.per, v.matches(sub.subunit, at: cents.end)
                {
                    subunitValue = cents.value / sub.per
                    end = cents.end + sub.subunit.unicodeScalars.count
                }
            } else if let word = Self.people.first(where: { v.matches($0, at: after) }) {
                let next = v.at(after + word.unicodeScalars.count)
                // 3人目, 一人ひとり, 1人当たり are not head counts; neither is a lone kanji 一.
                if next == "目" || next == "ひ" || next == "当" || v.matches("あたり", at: after + word.unicodeScalars.count) || next == "称" || next == "前" || next == "間" { return nil }
                if number.kanji && number.value < 2 { return nil }
                if word == "名" && (next == "義" || next == "誉" || next == "目" || next == "称" || next == "簿") { return nil }
                unit = "person"
                kind = .people
                end = after + word.unicodeScalars.count
            }
        } else if let (word, _) = Self.currency(v, at: after), word.hasPrefix("ドル") {
            end = after + word.unicodeScalars.count  // `US$1億ドル` style doubling
        }
        guard let unit else { return nil }
        // A sign before the number: `-1.5億円`, `マイナス50円`, and the ▲ and △ of Japanese budget tables.
        var sign = 1.0
        if let signStart = Self.negativeSign(in: v, before: start) {
            sign = -1
            start = signStart
        }

        var qualifier: Qualifier?
        let leadEnd = v.skipSpacesBackward(from: start)
        for (word, q) in Self.leading where v.matches(word, endingAt: leadEnd) {
            qualifier = q
            start = leadEnd - word.unicodeScalars.count
            break
        }
        for (word, q) in Self.trailing where v.matches(word, at: end) {
            // 強 qualifies only when nothing follows it that makes a word (強化, 強固).
            if word == "強", CharacterClass.isKanji(v.at(end + 1)) { break }
            if qualifier == nil || qualifier == q { qualifier = q }
            end += word.unicodeScalars.count
            break
        }
        let span = v.span(start, end)
        let amount = Amount(
            span: span, text: v.source(span), kind: kind, value: sign * (number.value + subunitValue), unit: unit, qualifier: qualifier)
        return (amount, end)
    }

    /// Where a minus sign before `i` starts. A hyphen counts only glued to the number and
    /// not after a digit or letter (`2019-04`, `COP-28`), and not as a bullet (`- 100万円`).
    static func negativeSign(in v: TextView, before i: Int) -> Int? {
        switch v.at(i - 1) {
        case "-", "−":
            let p = v.at(i - 2)
            return CharacterClass.isDigit(p) || CharacterClass.isLetter(p) || p == "-" ? nil : i - 1
        case "▲", "△": return i - 1
        default:
            let end = v.skipSpacesBackward(from: i)
            return v.matches("マイナス", endingAt: end) ? end - 4 : nil
        }
    }

    /// Whether a number and the subunit of `word` follow at `i`: `三角` after `五元`.
    static func subunitFollows(_ word: String, in v: TextView, at i: Int) -> Bool {
        guard let sub = Currencies.japaneseSubunits.first(where: { $0.unit == word }), let n = JapaneseNumber.parse(v, at: i) else { return false }
        return v.matches(sub.subunit, at: n.end)
    }

    /// Rejects words that only look like a currency after a number: 一元化, 二元論, 一円 (throughout).
    func acceptsCurrency(_ word: String, number: NumberMatch, in v: TextView, after: Int) -> Bool {
        // 一円 (throughout) and 一元化 are words; 一ドル and 三ユーロ are sums.
        // A bare 元 after a kanji digit is a word (二元論) unless its 角 follows (五元三角); 人民元 is always a sum.
        if number.kanji && !number.scaled && (word == "円" ? number.value == 1 : word == "元" && number.value < 10),
            !(word == "元" && Self.subunitFollows(word, in: v, at: after))
        {
            return false
        }
        if word == "元" {
            let next = v.at(after)
            if next == "化" || next == "論" || next == "的" || next == "管" || next == "号" { return false }
        }
        if word == "ドン" || word == "ランド" || word == "レアル" || word == "フラン" {
            // Katakana words that begin these (ドンバス, ランドマーク) must end here.
            if CharacterClass.isKatakana(v.at(after)) { return false }
        }
        return true
    }
}
