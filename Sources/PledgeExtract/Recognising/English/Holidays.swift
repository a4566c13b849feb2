import PledgeModel

/// Holidays English texts date things by (`by Christmas`, `Thanksgiving 2025`), each by the
/// rule that places it in a year: a fixed day, the nth weekday of a month, or a distance
/// from Easter (Western, by the Gregorian computus).
enum Holidays {
    enum Rule: Sendable, Equatable {
        case fixed(month: Int, day: Int)
        /// `nth` from 1; -1 for the month's last.
        case weekday(Int, nth: Int, month: Int)
        case easter(offset: Int)
    }

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
        ]
        return table.sorted { $0.0.count > $1.0.count }
    }()

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
        }
    }

    /// The holiday named at `i` (its name ended by a non-letter), and where the name ends.
    static func named(_ v: TextView, at i: Int, matching: (String, Int) -> Bool) -> (Rule, Int)? {
        for (name, rule) in names where matching(name, i) {
            let end = i + name.unicodeScalars.count
            if CharacterClass.isLetter(v.at(end)) { continue }
            return (rule, end)
        }
        return nil
    }
}
