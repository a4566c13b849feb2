import PledgeModel

/// Japanese time expressions: `2026年3月までに`, `令和7年度末`, `本年6月`, `昨年10月`,
/// `来年末までに`, `年内に`, `今夏`, `7月中旬`, `今後2年間で`, `90 日以内`, `50年ぶりに`,
/// `2023年10月7日以降`, `4月3日から4日にかけて`.
public struct JapaneseTimeRules: TimeRules {
    public init() {}

    /// What a time phrase names before its role particle is read.
    enum Core {
        /// `within` marks 年内/本年中/今月中: a deadline by itself.
        case point(TimePoint, part: PeriodPart?, within: Bool)
        case duration(TimeDuration)
        /// A range written compactly with one unit: 21～23日.
        case range(TimePoint, TimePoint)
    }

    static let eras: [(ScalarString, Int)] = [("令和", 2018), ("平成", 1988), ("昭和", 1925), ("大正", 1911), ("明治", 1867)]
    static let relativeYears: [(ScalarString, Int)] = [
        ("一昨年", -2), ("おととし", -2), ("再来年", 2), ("本年", 0), ("今年", 0), ("ことし", 0), ("昨年", -1), ("去年", -1), ("来年", 1), ("翌年", 1),
        ("当年", 0), ("前の年", -1), ("先の年", -1),
    ]
    static let relativeMonths: [(ScalarString, Int)] = [
        ("今月", 0), ("本月", 0), ("先々月", -2), ("先月", -1), ("前月", -1), ("来月", 1), ("翌月", 1), ("再来月", 2),
        ("当月", 0), ("前の月", -1), ("次の月", 1),
    ]
    static let eventRelativeDays: [ScalarString] = ["翌々日", "翌日", "前日"]
    static let relativeWeeks: [(ScalarString, Int)] = [("今週", 0), ("本週", 0), ("先々週", -2), ("先週", -1), ("来週", 1), ("翌週", 1), ("再来週", 2),
        ("当週", 0), ("この週", 0), ("前週", -1), ("前の週", -1), ("先の週", -1), ("次の週", 1)]
    static let relativeDays: [(ScalarString, Int)] = [
        ("本日", 0), ("今日", 0), ("きょう", 0), ("一昨々日", -3), ("一昨昨日", -3), ("一昨日", -2), ("おととい", -2), ("昨日", -1), ("きのう", -1), ("明後日", 2),
        ("あさって", 2), ("明日", 1), ("あす", 1),
    ]
    static let seasons: [(Unicode.Scalar, String)] = [("春", "SP"), ("夏", "SU"), ("秋", "FA"), ("冬", "WI")]
    static let seasonPrefixes: [(ScalarString, Int)] = [("この", 0), ("今", 0), ("昨", -1), ("来", 1)]
    static let durationPrefixes: [ScalarString] = ["今後", "向こう", "過去", "直近", "この", "ここ", "約"]

    public func times(in v: TextView, anchor: Day?) -> [TimeExpression] {
        var found: [TimeExpression] = []
        var i = 0
        while i < v.count {
            if Self.mayStart(v[i]), Self.mayStart(v, i),
                let (time, end) = expression(in: v, at: i, anchor: anchor)
                    ?? (anchor == nil ? TimeExpression.unplaced(expression(in: v, at: i, anchor: TimeExpression.placeholderAnchor)) : nil)
            {
                found.append(time)
                i = end
            } else {
                i += 1
            }
        }
        return found
    }

    /// A cheap first test so that most positions are passed over at once.
    @inline(__always) static func mayStart(_ u: Unicode.Scalar) -> Bool {
        if CharacterClass.isDigit(u) || JapaneseNumber.isKanjiNumeral(u) { return true }
        switch u {
        case "令", "平", "昭", "大", "明", "本", "今", "昨", "去", "来", "翌", "再", "先", "前", "向", "過", "こ", "直", "約", "当", "現",
            "年", "月", "き", "あ", "お", "新", "第", "午", "朝", "夜", "深", "早", "正", "A", "P", "a", "p", "火", "水", "木", "金", "土", "日", "(", "（", "上", "中", "下", "初", "春", "夏", "秋", "冬", "半", "次", "R", "H", "S", "Ｒ", "Ｈ", "Ｓ":
            return true
        default: return false
        }
    }

    /// The second test, for the marks that open a time only before a particular next one
    /// (日 of 日曜, A of AM, 第 of 第3四半期): 日本 and 日米 are passed over here.
    @inline(__always) static func mayStart(_ v: TextView, _ i: Int) -> Bool {
        let next = v.at(i + 1)
        switch v[i] {
        case "火", "水", "木", "金", "土", "日": return next == "曜"
        case "(", "（": return weekdays.contains(next) && (v.at(i + 2) == ")" || v.at(i + 2) == "）")
        case "A", "P", "a", "p": return next == "M" || next == "m"
        case "午": return next == "前" || next == "後"
        case "朝", "夜": return CharacterClass.isDigit(next) || JapaneseNumber.isKanjiNumeral(next)
        case "深": return next == "夜"
        case "早": return next == "朝"
        case "正": return next == "午"
        case "第": return CharacterClass.isDigit(next) || JapaneseNumber.isKanjiNumeral(next)
        case "お": return next == "と"
        case "当": return next == "年" || next == "月" || next == "週" || next == "四"
        case "次": return next == "の" || next == "四"
        case "現": return next == "四" || next == "在"
        default: return true
        }
    }

    func expression(in v: TextView, at i: Int, anchor: Day?) -> (TimeExpression, Int)? {
        let p = v.at(i - 1)
        // Digits glued to Latin letters or a preceding 第 are names and ordinals: COP28, 第4回.
        if CharacterClass.isDigit(v[i]) && (CharacterClass.isASCIILetter(p) || p == "-" || p == "第" || p == "+") {
            return nil
        }
        if JapaneseNumber.isKanjiNumeral(v[i]) && (JapaneseNumber.isKanjiNumeral(p) || p == "第" || p == "数") {
            return nil
        }
        // Decimals are quantities: 23.5時, 1.5倍.
        if CharacterClass.isDigit(v[i]) && p == "." && CharacterClass.isDigit(v.at(i - 2)) { return nil }
        // Frequencies are not times: 毎年, 毎月末.
        if p == "毎" || CharacterClass.isDigit(p) { return nil }
        // 翌日, 前日: the day after or before an event the text names, not the document's date;
        // found, but left without a value.
        if let w = v.firstMatch(Self.eventRelativeDays, at: i) {
            var end = i + w.count
            if takesParticle(v, end) { end += 1 }
            let span = v.span(i, end)
            return (TimeExpression(span: span, text: v.source(span), role: .point, value: nil), end)
        }
        guard let (core, coreEnd) = core(in: v, at: i, anchor: anchor) else { return nil }
        var end = coreEnd
        let role: TimeRole
        var value: String
        var part: PeriodPart?
        switch core {
        case .range(let a, let b):
            let span = v.span(i, end)
            return (TimeExpression(span: span, text: v.source(span), role: .range, value: a.iso + "/" + b.iso), end)
        case .duration(let d):
            role = .duration
            value = d.iso
            end = durationTail(v, end)
        case .point(let point, let p, let within):
            part = p
            value = point.iso
            let j = v.skipSpaces(from: end)
            if let (second, secondEnd) = rangeEnd(v, at: j, first: point, anchor: anchor) {
                value = point.iso + "/" + second.iso
                let span = v.span(i, secondEnd)
                return (TimeExpression(span: span, text: v.source(span), role: .range, value: value), secondEnd)
            }
            if let w = v.firstMatch(["までに", "まで", "よりも前", "より前", "以前"], at: j) {
                role = .deadline
                end = j + w.unicodeScalars.count
            } else if let w = v.firstMatch(["よりも後", "より後", "以後"], at: j) {
                role = .start
                end = j + w.unicodeScalars.count
            } else if let w = v.firstMatch(["以降", "以来", "以來", "から", "より", "来"], at: j), startWord(w, v, j) {
                role = .start
                end = j + w.unicodeScalars.count
                if takesParticle(v, end) { end += 1 }
            } else if within {
                role = .deadline
                if takesParticle(v, end) { end += 1 }
            } else {
                // `2019年の…立ち上げ以来`: a point the sentence counts from.
                role = countsFrom(v, end) ? .start : .point
                if takesParticle(v, end) { end += 1 }
            }
        }
        let span = v.span(i, end)
        return (TimeExpression(span: span, text: v.source(span), role: role, value: value, part: part), end)
    }

    /// The words that close a duration: `で`, `にわたり`, `以内`, `ぶりに`, `の間に`.
    func durationTail(_ v: TextView, _ end: Int) -> Int {
        for w in ["にわたって", "にわたり", "にわたる", "の間に", "の間", "ぶりに", "ぶり", "以内に", "以内", "内に", "で"]
        where v.matches(w, at: end) {
            return end + w.unicodeScalars.count
        }
        return takesParticle(v, end) ? end + 1 : end
    }

    /// Whether the に at `end` is the expression's own particle (`2月に`, `今後5年間に`) rather
    /// than part of a following phrase (`に向けて`, `にも`, `における`, `になる`).
    func takesParticle(_ v: TextView, _ end: Int) -> Bool {
        guard v.at(end) == "に" else { return false }
        for w in [
            "にも", "には", "におい", "におけ", "になっ", "になる", "になり", "に向け", "に向か", "に関し", "に関す", "に基づ", "に対し",
            "に対す", "によっ", "により", "による", "によれ", "にわた", "にかけ", "にとっ", "につい", "につき", "に合わ", "に入っ",
            "に入る", "に入り", "に及",
        ]
        where v.matches(w, at: end) {
            return false
        }
        return true
    }

    /// より and 来 mark a start only after a time (`4月より`, `昨年来`), not a comparison (`今年度より多い`).
    func startWord(_ w: String, _ v: TextView, _ j: Int) -> Bool {
        let next = v.at(j + w.unicodeScalars.count)
        if w == "より" {
            return !(CharacterClass.isDigit(next) || "多少高低大小早遅長短強弱前後も".unicodeScalars.contains(next))
        }
        if w == "来" { return !(next == "年" || next == "月" || next == "週" || next == "日" || next == "春" || next == "夏" || next == "秋" || next == "冬" || next == "期" || CharacterClass.isKanji(next)) }
        return true
    }

    /// `2019 年の JUMPP 立ち上げ以来`: the point names what a span counts from.
    func countsFrom(_ v: TextView, _ end: Int) -> Bool {
        guard v.at(end) == "の" else { return false }
        var k = end + 1
        while k < v.count, k - end < 25 {
            let u = v[k]
            if u == "、" || u == "。" || u == "," || CharacterClass.isDigit(u) { return false }
            if v.matches("以来", at: k) || v.matches("以來", at: k) || v.matches("以降", at: k) { return true }
            k += 1
        }
        return false
    }

    /// The second half of `AからBにかけて`, `A〜B`, `AからBまで`.
    func rangeEnd(_ v: TextView, at j: Int, first: TimePoint, anchor: Day?) -> (TimePoint, Int)? {
        var k: Int
        if v.matches("から", at: j) { k = j + 2 } else if v.at(j) == "〜" || v.at(j) == "~" || v.at(j) == "～" || v.at(j) == "-" || v.at(j) == "–" {
            k = j + 1
        } else {
            return nil
        }
        k = v.skipSpaces(from: k)
        var second: TimePoint
        var after: Int
        if let (n, e) = integer(v, at: k), v.at(v.skipSpaces(from: e)) == "日", case .day(let y, let m, let d) = first,
            n > d, n <= Day.daysIn(year: y, month: m)
        {
            // A bare day takes the first half's month: 4月3日から4日.
            second = .day(y, m, n)
            after = v.skipSpaces(from: e) + 1
        } else if let (core, e) = core(in: v, at: k, anchor: anchor), case .point(let p, _, _) = core {
            second = p
            after = e
            // A bare month inherits the first half's year.
            if case .month(_, let m) = p, case .day(let y, _, _) = first { second = .month(y, m) }
        } else {
            return nil
        }
        // A second half written without its year takes the first half's: 4月から6月.
        let written = v.string(k, after)
        if !written.contains("年"), case .month(let y1, _) = first, case .month(_, let m2) = second { second = .month(y1, m2) }
        let t = v.skipSpaces(from: after)
        for w in ["にかけて", "までの間", "までに", "まで"] where v.matches(w, at: t) {
            return (second, t + w.unicodeScalars.count)
        }
        return (second, takesParticle(v, after) ? after + 1 : after)
    }

    // MARK: - Cores

    func core(in v: TextView, at i: Int, anchor: Day?) -> (Core, Int)? {
        // A range's second half may be looked for past the text's end (`…6月から`).
        guard i < v.count else { return nil }
        if let r = numeric(v, at: i, anchor: anchor) { return r }
        if let r = relative(v, at: i, anchor: anchor) { return r }
        if let r = duration(v, at: i) { return r }
        if let r = clock(v, at: i) { return r }
        if let r = calendar(v, at: i, anchor: anchor) { return r }
        return nil
    }

    static let eraLetters: [Unicode.Scalar: Int] = ["R": 2018, "H": 1988, "S": 1925]
    static let relativeQuarters: [(ScalarString, Int)] = [
        ("本四半期", 0), ("今四半期", 0), ("当四半期", 0), ("現四半期", 0), ("今の四半期", 0), ("現在の四半期", 0), ("前四半期", -1),
        ("先四半期", -1), ("前の四半期", -1), ("先の四半期", -1), ("昨四半期", -1),
        ("来四半期", 1), ("次四半期", 1), ("次の四半期", 1),
    ]
    static let offsetUnits: [(ScalarString, TimeDuration.Unit)] = [
        ("週間", .week), ("週", .week), ("時間", .hour), ("分", .minute), ("秒", .second), ("か月", .month), ("ヶ月", .month), ("カ月", .month), ("ケ月", .month), ("ヵ月", .month), ("箇月", .month),
        ("日", .day), ("年", .year),
    ]

    /// Dates in digits (`2021/3/25`, `2021.3.25`, `R3.3.25`), era years in letters (`H15年度`),
    /// offsets from the document's date (`3日後`, `2週間前`, `半月前`) and quarters (`本四半期`).
    func numeric(_ v: TextView, at i: Int, anchor: Day?) -> (Core, Int)? {
        let first = CharacterClass.narrow(v[i])
        if let base = Self.eraLetters[first], !CharacterClass.isASCIILetter(CharacterClass.narrow(v.at(i - 1))),
            let (n, e) = NumericDates.digits(v, at: i + 1, max: 2), n >= 1
        {
            let year = base + n
            if CharacterClass.narrow(v.at(e)) == ".", let (m, me) = NumericDates.digits(v, at: e + 1, max: 2),
                CharacterClass.narrow(v.at(me)) == ".", let (d, de) = NumericDates.digits(v, at: me + 1, max: 2),
                let day = Day(checkedYear: year, month: m, day: d)
            {
                return (.point(.day(day.year, day.month, day.day), part: nil, within: false), de)
            }
            if v.matches("年度", at: e) { return yearTail(v, e + 2, point: .fiscalYear(year)) }
            if v.at(e) == "年" { return yearTail(v, e, point: .year(year)) }
            return nil
        }
        if CharacterClass.isDigit(first), let (point, end) = NumericDates.date(v, at: i, monthFirst: false) ?? NumericDates.short(v, at: i, year: anchor?.year) {
            return (.point(point, part: nil, within: false), end)
        }
        guard let anchor else { return nil }
        // A quarter of the document's year: 第3四半期.
        if v.at(i) == "第", let (q, e) = integer(v, at: i + 1), (1...4).contains(q), v.matches("四半期", at: e) {
            return (.point(.quarter(anchor.year, q), part: nil, within: false), e + 3)
        }
        for (word, delta) in Self.relativeQuarters where (v.at(i + 1) == "四" || v.at(i + 2) == "四" || v.at(i + 3) == "四") && v.matches(word, at: i) {
            let total = anchor.year * 4 + (anchor.month - 1) / 3 + delta
            return (.point(.quarter(total / 4, total % 4 + 1), part: nil, within: false), i + word.unicodeScalars.count)
        }
        // Offsets: a count of units, then 後 (after) or 前 (before).
        var amount: Int
        var k: Int
        var unit: TimeDuration.Unit
        if let (length, e) = halfLength(v, at: i) {
            (amount, unit, k) = (length.amount, length.unit, e)
        } else {
            guard let (n, e) = integer(v, at: i), n > 0, n < 1000 else { return nil }
            let j = v.skipSpaces(from: e)
            if v.matches("世紀", at: j) {
                (amount, unit, k) = (100 * n, .year, j + 2)
            } else {
                guard let (word, u) = Self.offsetUnits.first(where: { v.matches($0.0, at: j) }) else { return nil }
                (amount, unit, k) = (n, u, j + word.unicodeScalars.count)
            }
        }
        // `1年ほど前`, `3か月近く後`: an approximate count.
        if let w = v.firstMatch(Self.approximately, at: k) { k += w.unicodeScalars.count }
        if v.matches("まえ", at: k) || v.matches("あと", at: k) {
            let point = NumericDates.offset(anchor, amount: v.at(k) == "ま" ? -amount : amount, unit: unit)
            return (.point(point, part: nil, within: false), k + 2)
        }
        // `2ヶ月経過後`, `2分経ったら`, `2ヶ月過ぎたら`: once the length has passed.
        if let w = v.firstMatch(Self.afterPassing, at: k) {
            return (.point(NumericDates.offset(anchor, amount: amount, unit: unit), part: nil, within: false), k + w.unicodeScalars.count)
        }
        guard v.at(k) == "後" || v.at(k) == "前", !CharacterClass.isKanji(v.at(k + 1)) || v.at(k + 1) == "に" else { return nil }
        let point = NumericDates.offset(anchor, amount: v.at(k) == "前" ? -amount : amount, unit: unit)
        return (.point(point, part: nil, within: false), k + 1)
    }

    static let afterPassing: [ScalarString] = ["経過後", "経過してから", "経過したら", "経ってから", "経ったら", "過ぎたら"]
    static let timeUnits: [(ScalarString, TimeDuration.Unit)] = [("時間", .hour), ("分間", .minute), ("分", .minute), ("秒間", .second), ("秒", .second)]

    /// Words before an hour that say which half of the day it is in; `true` after noon.
    static let dayParts: [(ScalarString, Bool)] = [
        ("午前", false), ("午後", true), ("今朝", false), ("早朝", false), ("朝", false), ("今夜", true), ("深夜", false),
        ("夜", true), ("AM", false), ("PM", true), ("am", false), ("pm", true),
    ]

    /// `23時59分`, `午後3時半`, `夜6時`, `12:00`, `正午`.
    func clock(_ v: TextView, at i: Int) -> (Core, Int)? {
        let u = v[i]
        switch u {
        case "正", "午", "今", "早", "朝", "夜", "深", "A", "a", "P", "p": break
        default: guard CharacterClass.isDigit(u) || JapaneseNumber.isKanjiNumeral(u) else { return nil }
        }
        if v.matches("正午", at: i) { return (.point(.clock(12, 0, nil), part: nil, within: false), i + 2) }
        var k = i
        var afternoon: Bool?
        if let (word, pm) = Self.dayParts.first(where: { v.matches($0.0, at: i) }) {
            // AM and PM only as words of their own (not in `JAPAN`, `SPM`).
            if word.unicodeScalars.first!.value < 0x80, CharacterClass.isASCIILetter(v.at(i - 1)) { return nil }
            k = v.skipSpaces(from: i + word.unicodeScalars.count)
            afternoon = pm
        }
        if let (point, e) = ClockTimes.colon(v, at: k), case .clock(let h, let m, let s) = point {
            let hour = afternoon.map { ClockTimes.twentyFour(h, afternoon: $0) } ?? h
            return (.point(.clock(hour, m, s), part: nil, within: false), e)
        }
        guard let (h, e) = integer(v, at: k), h <= 29, v.at(e) == "時" else { return nil }
        var j = e + 1
        // 時間, 時期, 時点, 時代 and the like are other words.
        if CharacterClass.isKanji(v.at(j)) && v.at(j) != "半" && v.at(j) != "頃" && !JapaneseNumber.isKanjiNumeral(v.at(j)) { return nil }
        // A kanji hour needs a half of the day or minutes: 一時 alone is `for a while`.
        var minute = 0
        var second: Int?
        if v.at(j) == "半" {
            minute = 30
            j += 1
        } else if let (m, me) = integer(v, at: j), m < 60, v.at(me) == "分",
            !(v.at(me + 1) == "の" && (CharacterClass.isDigit(v.at(me + 2)) || JapaneseNumber.isKanjiNumeral(v.at(me + 2))))
        {
            minute = m
            j = me + 1
            if let (s, se) = integer(v, at: j), s < 60, v.at(se) == "秒" {
                second = s
                j = se + 1
            }
        } else if afternoon == nil && JapaneseNumber.isKanjiNumeral(v[k]) {
            return nil
        }
        let hour = afternoon.map { ClockTimes.twentyFour(h, afternoon: $0) } ?? h
        // `15時ちょうど`: on the hour exactly.
        if let w = v.firstMatch(Self.exactly, at: j) { j += w.unicodeScalars.count }
        return (.point(.clock(hour, minute, second), part: nil, within: false), j)
    }

    static let exactly: [ScalarString] = ["ちょうど", "きっかり", "ぴったり"]
    static let weekdays: [Unicode.Scalar] = ["月", "火", "水", "木", "金", "土", "日"]

    /// `月曜日`, `金曜`, `（土）`: a day of the week, 1 for Monday, and where it ends.
    static func weekday(_ v: TextView, at i: Int) -> (Int, Int)? {
        let open = v.at(i) == "(" || v.at(i) == "（"
        let k = open ? i + 1 : i
        guard let n = weekdays.firstIndex(of: v.at(k)) else { return nil }
        var e = k + 1
        if v.at(e) == "曜" {
            e += v.at(e + 1) == "日" ? 2 : 1
        } else if !open {
            return nil
        }
        if open {
            guard v.at(e) == ")" || v.at(e) == "）" else { return nil }
            e += 1
        }
        return (n + 1, e)
    }

    /// Words that make a count approximate: `1年ほど`, `3か月近く`, `2週間前後`.
    static let approximately: [ScalarString] = ["くらい", "ぐらい", "ほど", "ばかり", "近く", "余り", "あまり"]

    /// Lengths named without a count: 半月, 半年, 半世紀, 四半世紀.
    func halfLength(_ v: TextView, at i: Int) -> (TimeDuration, Int)? {
        guard v.at(i) == "四" || v.at(i) == "半" else { return nil }
        if v.matches("四半世紀", at: i) { return (TimeDuration(amount: 25, unit: .year), i + 4) }
        guard v.at(i) == "半" else { return nil }
        if v.matches("世紀", at: i + 1) { return (TimeDuration(amount: 50, unit: .year), i + 3) }
        if v.at(i + 1) == "月" { return (TimeDuration(amount: 15, unit: .day), i + 2) }
        if v.at(i + 1) == "年" { return (TimeDuration(amount: 6, unit: .month), i + 2) }
        if v.at(i + 1) == "日" { return (TimeDuration(amount: 12, unit: .hour), i + 2) }
        return nil
    }

    /// `本年`, `昨年10月`, `来年末`, `今年度`, `本日`, `今月中`, `今夏`, `年内`, `年度末`.
    /// The first marks of every word `relative` reads: any other position is passed over at once.
    @inline(__always) static func mayStartRelative(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "本", "今", "き", "一", "お", "昨", "明", "あ", "先", "来", "翌", "再", "前", "新", "月", "上", "中", "下", "初", "春", "夏", "秋",
            "冬", "こ", "去", "年", "火", "水", "木", "金", "土", "日", "(", "（", "当", "次", "現":
            return true
        default: return false
        }
    }

    func relative(_ v: TextView, at i: Int, anchor: Day?) -> (Core, Int)? {
        guard let anchor, Self.mayStartRelative(v[i]) else { return nil }
        for (word, delta) in Self.relativeDays where v.matches(word, at: i) {
            let d = anchor.adding(days: delta)
            return (.point(.day(d.year, d.month, d.day), part: nil, within: false), i + word.unicodeScalars.count)
        }
        for (word, delta) in Self.relativeWeeks where v.matches(word, at: i) {
            let k = i + word.unicodeScalars.count
            // 来週の月曜日: that day of the week.
            if let (weekday, e) = Self.weekday(v, at: v.at(k) == "の" ? k + 1 : k) {
                let d = anchor.adding(days: 7 * delta + weekday - TimePoint.isoWeekday(anchor))
                return (.point(.day(d.year, d.month, d.day), part: nil, within: false), e)
            }
            return (.point(TimePoint.week(of: anchor, plus: delta), part: nil, within: v.at(k) == "中"), k + (v.at(k) == "中" ? 1 : 0))
        }
        // A day of the week alone: the next one after the document's date.
        if let (weekday, e) = Self.weekday(v, at: i) {
            let d = anchor.adding(days: (weekday - TimePoint.isoWeekday(anchor) + 6) % 7 + 1)
            return (.point(.day(d.year, d.month, d.day), part: nil, within: false), e)
        }
        for (word, delta) in Self.relativeMonths where v.matches(word, at: i) {
            let total = anchor.year * 12 + anchor.month - 1 + delta
            let (year, month) = (total / 12, total % 12 + 1)
            var k = v.skipSpaces(from: i + word.unicodeScalars.count)
            if v.at(k) == "の", CharacterClass.isDigit(CharacterClass.narrow(v.at(k + 1))) || JapaneseNumber.isKanjiNumeral(v.at(k + 1)) { k += 1 }
            if let r = day(v, at: k, year: year, month: month) { return r }
            return monthTail(v, i + word.unicodeScalars.count, year: year, month: month)
        }
        // 本15日: a day of the document's month, in official releases.
        if v.at(i) == "本", let r = day(v, at: i + 1, year: anchor.year, month: anchor.month) { return r }
        if v.matches("新年度", at: i) { return yearTail(v, i + 3, point: .fiscalYear(anchor.year)) }
        // Decades of a named century: 今世紀の20年代, 前世紀の90年代.
        if let (word, delta) = [("今世紀", 0), ("前世紀", -100)].first(where: { v.matches($0.0, at: i) }) {
            var k = i + word.unicodeScalars.count
            if v.at(k) == "の" { k += 1 }
            guard let (n, e) = integer(v, at: k), n < 100, n % 10 == 0, v.matches("年代", at: v.skipSpaces(from: e)) else { return nil }
            return yearTail(v, v.skipSpaces(from: e) + 2, point: .decade(anchor.year / 100 * 100 + delta + n))
        }
        // Parts of the current month or year written alone: 下旬に, 月内に, 年内, 年末.
        if v.at(i) == "月", v.at(i + 1) == "内" || v.at(i + 1) == "末" {
            return monthTail(v, i + 1, year: anchor.year, month: anchor.month)
        }
        if let part = v.firstMatch(["上旬", "中旬", "下旬", "初旬"], at: i), !CharacterClass.isKanji(v.at(i - 1)) {
            _ = part
            return monthTail(v, i, year: anchor.year, month: anchor.month)
        }
        // A season alone, as a time (夏の参院選, 秋に): the document's year.
        if let season = Self.seasons.first(where: { $0.0 == v[i] }), !CharacterClass.isKanji(v.at(i - 1)),
            !CharacterClass.isKatakana(v.at(i - 1)), "のにはまから、".unicodeScalars.contains(v.at(i + 1))
        {
            return (.point(.season(anchor.year, season.1), part: nil, within: false), i + 1)
        }
        // Seasons with a relative prefix: 今夏, 昨秋, 来春, この夏.
        for (prefix, delta) in Self.seasonPrefixes where v.matches(prefix, at: i) {
            let k = i + prefix.unicodeScalars.count
            if let season = Self.seasons.first(where: { $0.0 == v.at(k) }) {
                return (.point(.season(anchor.year + delta, season.1), part: nil, within: false), k + 1)
            }
        }
        for (word, delta) in Self.relativeYears where v.matches(word, at: i) {
            var k = i + word.unicodeScalars.count
            let year = anchor.year + delta
            if v.at(k) == "度" {
                let fy = (anchor.month >= 4 ? anchor.year : anchor.year - 1) + delta
                return yearTail(v, k + 1, point: .fiscalYear(fy))
            }
            k = v.skipSpaces(from: k)
            if v.at(k) == "の", let season = Self.seasons.first(where: { $0.0 == v.at(k + 1) }) {
                return (.point(.season(year, season.1), part: nil, within: false), k + 2)
            }
            if let season = Self.seasons.first(where: { $0.0 == v.at(k) }) {
                return (.point(.season(year, season.1), part: nil, within: false), k + 1)
            }
            if let r = monthAndDay(v, at: k, year: year) { return r }
            return yearTail(v, i + word.unicodeScalars.count, point: .year(year))
        }
        // Bare period words meaning the current one: 年内, 年末, 年度内, 年度末, 月内, 月末.
        if v.matches("年度", at: i), v.at(i + 2) == "末" || v.at(i + 2) == "内" {
            let fy = anchor.month >= 4 ? anchor.year : anchor.year - 1
            return yearTail(v, i + 2, point: .fiscalYear(fy))
        }
        if v.at(i) == "年", v.at(i + 1) == "内" || v.at(i + 1) == "末" {
            return yearTail(v, i + 1, point: .year(anchor.year))
        }
        return nil
    }

    /// `今後2年間`, `3年間`, `90 日以内`, `50年ぶり`, `この10年間`, `6か月`.
    func duration(_ v: TextView, at i: Int) -> (Core, Int)? {
        var k = i
        var prefixed = false
        if let prefix = v.firstMatch(Self.durationPrefixes, at: i) {
            k = v.skipSpaces(from: i + prefix.unicodeScalars.count)
            prefixed = true
        }
        // 半年間, 半世紀ぶり, 四半世紀にわたり.
        if let (length, e) = halfLength(v, at: k) {
            // A half needs no closing word: 半年, 半世紀 are lengths as they stand.
            var j = e
            if v.at(j) == "間" { j += 1 }
            if let w = v.firstMatch(Self.approximately + ["前後"], at: j) { j += w.count }
            return (.duration(length), j)
        }
        guard let (n, afterNumber) = integer(v, at: k), n > 0 else { return nil }
        var j = v.skipSpaces(from: afterNumber)
        let unit: TimeDuration.Unit
        var halfYear = false
        var extraMonths = 0
        if v.at(j) == "年" {
            unit = .year
            j += 1
            if v.at(j) == "半" {
                halfYear = true
                j += 1
            } else if let (m, me) = integer(v, at: j), m > 0, m < 12,
                let w = v.firstMatch(["か月", "ヶ月", "カ月", "ケ月", "ヵ月", "箇月"], at: v.skipSpaces(from: me))
            {
                // 1年2か月: one length in two units.
                extraMonths = m
                j = v.skipSpaces(from: me) + w.unicodeScalars.count
            }
        } else if let w = v.firstMatch(["か月", "ヶ月", "カ月", "ケ月", "ヵ月", "箇月", "ヶ月"], at: j) {
            unit = .month
            j += w.unicodeScalars.count
        } else if v.matches("週間", at: j) {
            unit = .week
            j += 1
        } else if v.at(j) == "週", v.firstMatch(Self.approximately + ["前後"], at: j + 1) != nil {
            unit = .week  // 1週近く
            j += 1
        } else if v.matches("世紀", at: j), v.firstMatch(Self.approximately + ["前後", "間", "ぶり"], at: j + 2) != nil {
            // 1世紀近く, 半世紀ぶり: a century counted as years.
            var e = j + 2
            if v.at(e) == "間" { e += 1 }
            if let w = v.firstMatch(Self.approximately + ["前後"], at: e) { e += w.count }
            return (.duration(TimeDuration(amount: 100 * n, unit: .year)), e)
        } else if let (word, u) = Self.timeUnits.first(where: { v.matches($0.0, at: j) }) {
            // 2時間, 30分間, 1時間半: lengths below a day (a bare 分 is also a fraction, 3分の1).
            // 8分野, 3分の1, 十分: a bare 分 or 秒 before a kanji or の is another word.
            if word.unicodeScalars.count == 1, v.at(j + 1) == "の" || CharacterClass.isKanji(v.at(j + 1)) && v.at(j + 1) != "間" || JapaneseNumber.isKanjiNumeral(v[k]) {
                return nil
            }
            if word == "時間", v.at(j + 2) == "半" {
                return (.duration(TimeDuration(amount: n, unit: .hour, halfYear: true)), j + 3)
            }
            return (.duration(TimeDuration(amount: n, unit: u)), j + word.unicodeScalars.count)
        } else if v.at(j) == "日" {
            unit = .day
            j += 1
        } else {
            return nil
        }
        var closed = prefixed
        if v.at(j) == "間" {
            j += 1
            closed = true
        }
        // A calendar-looking year (`2025年`) is a date, not a length, unless marked as one.
        if unit == .week { closed = true }
        if unit == .month && !closed { closed = !(v.at(j) == "目") }
        if !closed {
            closed = v.matches("ぶり", at: j) || v.matches("以内", at: j) || v.matches("にわた", at: j)
                || (unit != .year && v.matches("内に", at: j))
        }
        // `1年近く`, `3か月ほど`, `2年前後`: an approximate length (but `1年ほど前` is an offset, read before).
        if let w = v.firstMatch(Self.approximately + ["前後"], at: j) {
            closed = true
            j += w.unicodeScalars.count
        }
        if halfYear || extraMonths > 0 { closed = true }
        guard closed else { return nil }
        if unit == .year && n >= 1000 && !prefixed { return nil }
        if halfYear { return (.duration(TimeDuration(amount: n, unit: .year, halfYear: true)), j) }
        if extraMonths > 0 { return (.duration(TimeDuration(amount: n, unit: .year, extraMonths: extraMonths)), j) }
        return (.duration(TimeDuration(amount: n, unit: unit)), j)
    }

    /// `2024年4月10日`, `令和6年度`, `2021年7月末`, `4月3日`, `2月`, `二〇二四年`.
    func calendar(_ v: TextView, at i: Int, anchor: Day?) -> (Core, Int)? {
        // Era years: 令和6年, 令和元年.
        for (era, base) in Self.eras where v.matches(era, at: i) {
            let k = v.skipSpaces(from: i + 2)
            var year: Int
            var j: Int
            if v.at(k) == "元" {
                year = base + 1
                j = k + 1
            } else if let (n, e) = integer(v, at: k), n >= 1, n <= 99 {
                year = base + n
                j = e
            } else {
                return nil
            }
            if let r = compactRange(v, at: j, first: year - base, base: base, anchor: anchor) { return r }
            j = v.skipSpaces(from: j)
            guard v.at(j) == "年" else { return nil }
            return yearBody(v, j + 1, year: year)
        }
        guard let (n, e) = integer(v, at: i) else { return nil }
        if let r = compactRange(v, at: e, first: n, base: 0, anchor: anchor) { return r }
        let j = v.skipSpaces(from: e)
        // Decades: 2020年代; 90年代 is the latest such decade that has begun by the document's date.
        if v.matches("年代", at: j), n % 10 == 0 {
            if n >= 1000, n <= 2990 { return yearTail(v, j + 2, point: .decade(n)) }
            if n < 100, let anchor {
                let century = anchor.year / 100 * 100
                return yearTail(v, j + 2, point: .decade(century + n > anchor.year ? century - 100 + n : century + n))
            }
            return nil
        }
        if v.at(j) == "年", n >= 1000, n <= 2999 {
            return yearBody(v, j + 1, year: n)
        }
        // A season after a bare year, as headlines write it: 2021秋.
        if n >= 1000, n <= 2999, let season = Self.seasons.first(where: { $0.0 == v.at(j) }), !CharacterClass.isKanji(v.at(j + 1)) {
            return (.point(.season(n, season.1), part: nil, within: false), j + 1)
        }
        // A month of the document's year: 2月に, 4月3日.
        if let anchor, v.at(j) == "月", (1...12).contains(n), !(v.at(i - 1) == "か" || v.at(i - 1) == "ヶ") {
            return monthAndDay(v, at: i, year: anchor.year)
        }
        // A day of the document's month, as news writes it: 首相は4日、.
        if let anchor, let r = day(v, at: i, year: anchor.year, month: anchor.month) { return r }
        return nil
    }

    /// `N日` as a day of the given month, but not a length (`3日間`, `5日以内`) or a count (`2日目`).
    func day(_ v: TextView, at i: Int, year: Int, month: Int) -> (Core, Int)? {
        guard let (d, e) = integer(v, at: i), d >= 1, d <= Day.daysIn(year: year, month: month) else { return nil }
        let j = v.skipSpaces(from: e)
        guard v.at(j) == "日" else { return nil }
        let next = v.at(j + 1)
        if next == "間" || next == "目" || next == "分" || next == "連" || v.matches("以内", at: j + 1) || v.matches("ぶり", at: j + 1)
            || v.firstMatch(Self.approximately + ["前後", "半"], at: j + 1) != nil
        {
            return nil
        }
        return (.point(.day(year, month, d), part: nil, within: false), j + 1)
    }

    /// `21～23日`, `令和5～9年度`, `2024～2026年`: two numbers sharing one unit.
    func compactRange(_ v: TextView, at e: Int, first: Int, base: Int, anchor: Day?) -> (Core, Int)? {
        let dash = v.at(e)
        guard dash == "～" || dash == "〜" || dash == "~", let (second, e2) = integer(v, at: e + 1), second > first else { return nil }
        if v.matches("年度", at: e2) {
            return (.range(.fiscalYear(base + first), .fiscalYear(base + second)), e2 + 2)
        }
        if v.at(e2) == "年", base > 0 || first >= 1000 {
            return (.range(.year(base + first), .year(base + second)), e2 + 1)
        }
        if v.at(e2) == "日", base == 0, let anchor, second <= Day.daysIn(year: anchor.year, month: anchor.month) {
            return (.range(.day(anchor.year, anchor.month, first), .day(anchor.year, anchor.month, second)), e2 + 1)
        }
        return nil
    }

    /// After `Y年`: fiscal year (度), a month, a season, or parts of the year.
    func yearBody(_ v: TextView, _ k: Int, year: Int) -> (Core, Int)? {
        if v.at(k) == "度" { return yearTail(v, k + 1, point: .fiscalYear(year)) }
        let m = v.skipSpaces(from: k)
        if let r = monthAndDay(v, at: m, year: year) { return r }
        if let season = Self.seasons.first(where: { $0.0 == v.at(k) }) {
            return (.point(.season(year, season.1), part: nil, within: false), k + 1)
        }
        if v.at(k) == "の", let season = Self.seasons.first(where: { $0.0 == v.at(k + 1) }),
            !CharacterClass.isKanji(v.at(k + 2))
        {
            return (.point(.season(year, season.1), part: nil, within: false), k + 2)
        }
        return yearTail(v, k, point: .year(year))
    }

    /// Parts of a year: 末, 初め, 前半, 半ば, 内, 中; its halves and quarters (上半期, 第3四半期).
    func yearTail(_ v: TextView, _ k: Int, point: TimePoint) -> (Core, Int)? {
        if let r = halfOrQuarter(v, v.at(k) == "の" ? k + 1 : k, of: point) { return r }
        let parts: [(String, PeriodPart?, Bool)] = [
            ("末", .end, false), ("初め", .beginning, false), ("初頭", .beginning, false), ("前半", .middle, false),
            ("後半", .end, false), ("半ば", .middle, false), ("終わり", .end, false), ("おわり", .end, false), ("内", nil, true),
            ("中", nil, true), ("頃", nil, false), ("ごろ", nil, false),
        ]
        for (w, part, within) in parts where v.matches(w, at: k) {
            // 年中 as in 年中行事 is rare in these documents; 本年中/年度中 are the forms meant.
            if w == "中" && CharacterClass.isKanji(v.at(k + 1)) { continue }
            return (.point(point, part: part, within: within), k + w.unicodeScalars.count)
        }
        return (.point(point, part: nil, within: false), k)
    }

    static let halves: [(ScalarString, Int)] = [("上半期", 1), ("下半期", 2), ("前半期", 1), ("後半期", 2), ("上期", 1), ("下期", 2)]

    /// `2025年上半期`, `2025年度下期`, `本年度第1四半期`: a half or quarter of a calendar or fiscal year.
    func halfOrQuarter(_ v: TextView, _ k: Int, of point: TimePoint) -> (Core, Int)? {
        let (y, fiscal): (Int, Bool)
        switch point {
        case .year(let n): (y, fiscal) = (n, false)
        case .fiscalYear(let n): (y, fiscal) = (n, true)
        default: return nil
        }
        for (word, h) in Self.halves where v.matches(word, at: k) {
            return (.point(fiscal ? .fiscalHalf(y, h) : .half(y, h), part: nil, within: false), k + word.unicodeScalars.count)
        }
        if v.at(k) == "第", let (q, e) = integer(v, at: k + 1), (1...4).contains(q), v.matches("四半期", at: e) {
            return (.point(fiscal ? .fiscalQuarter(y, q) : .quarter(y, q), part: nil, within: false), e + 3)
        }
        return nil
    }

    /// `N月`, `N月D日`, and parts of a month (上旬, 中旬, 下旬, 末, 初め, 中).
    func monthAndDay(_ v: TextView, at i: Int, year: Int) -> (Core, Int)? {
        guard let (m, e) = integer(v, at: i), (1...12).contains(m) else { return nil }
        let j = v.skipSpaces(from: e)
        guard v.at(j) == "月" else { return nil }
        let k = v.skipSpaces(from: j + 1)
        if let (d, de) = integer(v, at: k), d >= 1, d <= Day.daysIn(year: year, month: m) {
            let dj = v.skipSpaces(from: de)
            if v.at(dj) == "日" && v.at(dj + 1) != "間" {
                // 7月18日（月）: the day of the week belongs to the date.
                let end = Self.weekday(v, at: dj + 1)?.1 ?? dj + 1
                return (.point(.day(year, m, d), part: nil, within: false), end)
            }
        }
        return monthTail(v, j + 1, year: year, month: m)
    }

    func monthTail(_ v: TextView, _ k: Int, year: Int, month: Int) -> (Core, Int)? {
        let parts: [(String, PeriodPart?, Bool)] = [
            ("上旬", .beginning, false), ("初旬", .beginning, false), ("初め", .beginning, false), ("初頭", .beginning, false),
            ("中旬", .middle, false), ("半ば", .middle, false), ("下旬", .end, false), ("末", .end, false),
            ("終わり", .end, false), ("おわり", .end, false), ("内", nil, true), ("中", nil, true), ("頃", nil, false), ("ごろ", nil, false),
        ]
        for (w, part, within) in parts where v.matches(w, at: k) {
            if w == "中" && CharacterClass.isKanji(v.at(k + 1)) && !v.matches("中旬", at: k) { continue }
            return (.point(.month(year, month), part: part, within: within), k + w.unicodeScalars.count)
        }
        return (.point(.month(year, month), part: nil, within: false), k)
    }

    /// A whole number in Arabic or kanji numerals (no separators: these are years, months, days).
    func integer(_ v: TextView, at i: Int) -> (Int, Int)? {
        if CharacterClass.isDigit(v.at(i)) {
            var n = 0
            var j = i
            while CharacterClass.isDigit(v.at(j)), n < 100_000 {
                n = n * 10 + Int(v[j].value - 0x30)
                j += 1
            }
            if v.at(j) == "." || v.at(j) == "," { return nil }
            return (n, j)
        }
        if JapaneseNumber.isKanjiNumeral(v.at(i)), let (value, j) = JapaneseNumber.parseKanji(v, at: i) {
            return (Int(value), j)
        }
        return nil
    }
}
