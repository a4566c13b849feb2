import Foundation
import PledgeModel

/// Holidays English texts date things by (`by Christmas`, `Thanksgiving 2025`, `before
/// Ramadan`, `Lunar New Year 2025`), each by the rule that places it in a year: a fixed day,
/// the nth weekday of a month, a distance from Easter (Western by the Gregorian computus,
/// Orthodox by the Julian), or a day of the Islamic, Hebrew or Chinese calendar, which
/// Foundation's calendars convert.
enum Holidays {
    enum Rule: Sendable, Equatable {
        case fixed(month: Int, day: Int)
        /// `nth` from 1; -1 for the month's last.
        case weekday(Int, nth: Int, month: Int)
        case easter(offset: Int)
        case orthodoxEaster(offset: Int)
        /// A month and day of another calendar: the first such day in the Gregorian year.
        case lunar(Calendar.Identifier, month: Int, day: Int)
    }

    /// Days of the Islamic (Umm al-Qura), Hebrew (months from Tishri, Adar II as 7) and Chinese calendars.
    static let lunarTable: [(String, Rule)] = {
        let islamic: [(String, Int, Int)] = [
            ("ramadan", 9, 1), ("eid al-fitr", 10, 1), ("eid ul-fitr", 10, 1), ("eid al fitr", 10, 1), ("eid-al-fitr", 10, 1),
            ("eid al-adha", 12, 10), ("eid ul-adha", 12, 10), ("id ul-adha", 12, 10), ("eid al adha", 12, 10), ("bakr id", 12, 10),
            ("sacrifice feast", 12, 10), ("islamic new year", 1, 1), ("hijri new year", 1, 1), ("amun jadid", 1, 1), ("ashura", 1, 10),
            ("day of ashura", 1, 10), ("mawlid", 3, 12), ("mawlid al-nabawi", 3, 12), ("mawlid an-nabi", 3, 12), ("laylat al-qadr", 9, 27),
            ("laylat al kadr", 9, 27), ("night of power", 9, 27), ("night of measures", 9, 27), ("isra and mi'raj", 7, 27),
            ("the prophet's ascension", 7, 27), ("the night journey", 7, 27),
        ]
        let hebrew: [(String, Int, Int)] = [
            ("rosh hashanah", 1, 1), ("rosh hashana", 1, 1), ("rosh hashanna", 1, 1), ("yom kippur", 1, 10), ("sukkot", 1, 15),
            ("succos", 1, 15), ("feast of the ingathering", 1, 15), ("shemini atzeret", 1, 22), ("simchat torah", 1, 23),
            ("hanukkah", 3, 25), ("chanukah", 3, 25), ("hanukah", 3, 25), ("hannukkah", 3, 25), ("chanukkah", 3, 25),
            ("tu bishvat", 5, 15), ("purim", 7, 14), ("shushan purim", 7, 15), ("passover", 8, 15), ("pesach", 8, 15),
            ("yom hashoah", 8, 27), ("holocaust day", 8, 27), ("yom haatzmaut", 9, 5), ("lag b'omer", 9, 18), ("lag baomer", 9, 18),
            ("shavuot", 10, 6), ("tisha b'av", 12, 9),
        ]
        let chinese = ["chinese new year", "chinese new year's day", "chinese lunar new year", "chinese lunar new year's day", "lunar new year"]
        return islamic.map { ($0.0, Rule.lunar(.islamicUmmAlQura, month: $0.1, day: $0.2)) }
            + hebrew.map { ($0.0, Rule.lunar(.hebrew, month: $0.1, day: $0.2)) }
            + chinese.map { ($0, Rule.lunar(.chinese, month: 1, day: 1)) }
    }()

    /// Lower-case names, longest first so `christmas eve` wins over `christmas`.
    static let names: [(String, Rule)] = {
        let table: [(String, Rule)] = [
            ("new year's day", .fixed(month: 1, day: 1)), ("new year's eve", .fixed(month: 12, day: 31)),
            ("christmas eve", .fixed(month: 12, day: 24)), ("christmas day", .fixed(month: 12, day: 25)),
            ("christmas", .fixed(month: 12, day: 25)), ("xmas", .fixed(month: 12, day: 25)),
            ("halloween", .fixed(month: 10, day: 31)), ("valentine's day", .fixed(month: 2, day: 14)),
            ("st. patrick's day", .fixed(month: 3, day: 17)), ("st patrick's day", .fixed(month: 3, day: 17)),
            ("saint patrick's day", .fixed(month: 3, day: 17)), ("independence day", .fixed(month: 7, day: 4)),
            ("veterans day", .fixed(month: 11, day: 11)), ("earth day", .fixed(month: 4, day: 22)),
            ("thanksgiving day", .weekday(4, nth: 4, month: 11)), ("thanksgiving", .weekday(4, nth: 4, month: 11)),
            ("martin luther king day", .weekday(1, nth: 3, month: 1)), ("mlk day", .weekday(1, nth: 3, month: 1)),
            ("presidents' day", .weekday(1, nth: 3, month: 2)), ("presidents day", .weekday(1, nth: 3, month: 2)),
            ("memorial day", .weekday(1, nth: -1, month: 5)), ("labor day", .weekday(1, nth: 1, month: 9)),
            ("labour day", .weekday(1, nth: 1, month: 9)), ("columbus day", .weekday(1, nth: 2, month: 10)),
            ("mother's day", .weekday(7, nth: 2, month: 5)), ("father's day", .weekday(7, nth: 3, month: 6)),
            ("easter sunday", .easter(offset: 0)), ("easter monday", .easter(offset: 1)), ("easter", .easter(offset: 0)),
            ("good friday", .easter(offset: -2)), ("ash wednesday", .easter(offset: -46)), ("pentecost", .easter(offset: 49)),
            ("new years day", .fixed(month: 1, day: 1)), ("new years eve", .fixed(month: 12, day: 31)),
            ("valentine day", .fixed(month: 2, day: 14)), ("valentines day", .fixed(month: 2, day: 14)),
            ("st patricks day", .fixed(month: 3, day: 17)), ("saint patricks day", .fixed(month: 3, day: 17)),
            ("st paddy's day", .fixed(month: 3, day: 17)), ("saint paddy's day", .fixed(month: 3, day: 17)),
            ("the ides of march", .fixed(month: 3, day: 15)), ("ides of march", .fixed(month: 3, day: 15)),
            ("juneteenth", .fixed(month: 6, day: 19)), ("boss's day", .fixed(month: 10, day: 16)), ("world vegan day", .fixed(month: 11, day: 1)),
            ("king's day", .fixed(month: 4, day: 27)), ("koningsdag", .fixed(month: 4, day: 27)),
            ("international women's day", .fixed(month: 3, day: 8)), ("world environment day", .fixed(month: 6, day: 5)),
            ("international day of peace", .fixed(month: 9, day: 21)), ("united nations day", .fixed(month: 10, day: 24)),
            ("world aids day", .fixed(month: 12, day: 1)), ("human rights day", .fixed(month: 12, day: 10)),
            ("martin luther king jr. day", .weekday(1, nth: 3, month: 1)), ("martin luther king's day", .weekday(1, nth: 3, month: 1)),
            ("martin luther kings day", .weekday(1, nth: 3, month: 1)), ("mlk jr. day", .weekday(1, nth: 3, month: 1)),
            ("civil rights day", .weekday(1, nth: 3, month: 1)),
            ("maundy thursday", .easter(offset: -3)), ("holy thursday", .easter(offset: -3)), ("holy saturday", .easter(offset: -1)),
            ("palm sunday", .easter(offset: -7)), ("trinity sunday", .easter(offset: 56)), ("ascension day", .easter(offset: 39)),
            ("whit monday", .easter(offset: 50)), ("corpus christi", .easter(offset: 60)), ("shrove tuesday", .easter(offset: -47)),
            ("mardi gras", .easter(offset: -47)), ("pancake day", .easter(offset: -47)),
            ("orthodox easter", .orthodoxEaster(offset: 0)), ("orthodox easter sunday", .orthodoxEaster(offset: 0)),
            ("orthodox good friday", .orthodoxEaster(offset: -2)), ("orthodox great friday", .orthodoxEaster(offset: -2)),
            ("orthodox shrove monday", .orthodoxEaster(offset: -48)), ("clean monday", .orthodoxEaster(offset: -48)),
        ]
        return (table + lunarTable).sorted { $0.0.count > $1.0.count }
    }()

    /// `names` by their first letter, so a word is compared with the few that could match.
    static let byInitial: [Unicode.Scalar: [(String, Rule)]] = Dictionary(grouping: names) { $0.0.unicodeScalars.first! }

    /// The first words of the names, for the opener classes of the time rules.
    static let firstWords: Set<String> = Set(names.map { String($0.0.split(separator: " ")[0]) })

    /// The day a rule gives in `year`.
    static func day(_ rule: Rule, in year: Int) -> Day? {
        guard Day.years.contains(year) else { return nil }
        switch rule {
        case .fixed(let m, let d):
            return Day(checkedYear: year, month: m, day: d)
        case .weekday(let weekday, let nth, let month):
            if nth > 0 {
                let first = Day(year: year, month: month, day: 1)
                return first.adding(days: (weekday - TimePoint.isoWeekday(first) + 7) % 7 + 7 * (nth - 1))
            }
            let last = Day(year: year, month: month, day: Day.daysIn(year: year, month: month))
            return last.adding(days: -((TimePoint.isoWeekday(last) - weekday + 7) % 7))
        case .easter(let offset):
            // Anonymous Gregorian algorithm.
            let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
            let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
            let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
            let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
            return Day(year: year, month: month, day: day).adding(days: offset)
        case .orthodoxEaster(let offset):
            // Meeus's Julian algorithm, then the Julian calendar's lag behind the Gregorian.
            let a = year % 4, b = year % 7, c = year % 19
            let d = (19 * c + 15) % 30, e = (2 * a + 4 * b - d + 34) % 7
            let month = (d + e + 114) / 31, day = (d + e + 114) % 31 + 1
            let lag = year / 100 - year / 400 - 2
            return Day(year: year, month: month, day: day).adding(days: lag + offset)
        case .lunar(let identifier, let month, let day):
            return lunarDay(identifier, month: month, day: day, in: year)
        }
    }

    /// The first day of Gregorian `year` that is `month`/`day` in the other calendar.
    static func lunarDay(_ identifier: Calendar.Identifier, month: Int, day: Int, in year: Int) -> Day? {
        let utc = TimeZone(identifier: "UTC")!
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = utc
        var other = Calendar(identifier: identifier)
        other.timeZone = utc
        guard var date = gregorian.date(from: DateComponents(year: year, month: 1, day: 1)) else { return nil }
        let first = Day(year: year, month: 1, day: 1)
        // Every day of the Gregorian year is tried: a lunar year (354 days or more) holds the day once at most.
        let days = (1...12).reduce(0) { $0 + Day.daysIn(year: year, month: $1) }
        for offset in 0..<days {
            let c = other.dateComponents([.month, .day], from: date)
            if c.month == month && c.day == day && !(identifier == .chinese && other.dateComponents([.isLeapMonth], from: date).isLeapMonth == true) {
                return first.adding(days: offset)
            }
            date += 86_400
        }
        return nil
    }

    /// The holiday named at `i` (its name ended by a non-letter), and where the name ends.
    static func named(_ v: TextView, at i: Int, matching: (String, Int) -> Bool) -> (Rule, Int)? {
        let u = v.at(i)
        let initial = CharacterClass.isUpper(u) ? Unicode.Scalar(u.value + 32)! : u
        for (name, rule) in byInitial[initial] ?? [] where matching(name, i) {
            let end = i + name.unicodeScalars.count
            if CharacterClass.isLetter(v.at(end)) { continue }
            return (rule, end)
        }
        return nil
    }
}
