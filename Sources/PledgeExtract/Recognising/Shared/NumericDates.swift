import PledgeModel

/// Dates written in digits, read the same way in both languages: `2021/3/25`, `2021.03.25`,
/// `2015-03-03` (year first, the order both write); `3/25/2021` in English (month first, as
/// American texts write it) and `25.3.2021` where the day cannot be a month.
enum NumericDates {
    /// A run of ASCII digits at `i` (after narrowing full-width ones), its value and end.
    static func digits(_ v: TextView, at i: Int, max: Int) -> (Int, Int)? {
        var value = 0
        var j = i
        while j < v.count, j - i < max, CharacterClass.isDigit(CharacterClass.narrow(v[j])) {
            value = value * 10 + Int(CharacterClass.narrow(v[j]).value - 0x30)
            j += 1
        }
        guard j > i, !CharacterClass.isDigit(CharacterClass.narrow(v.at(j))) else { return nil }
        return (value, j)
    }

    /// The day written at `i`, and where it ends.
    static func date(_ v: TextView, at i: Int, monthFirst: Bool) -> (TimePoint, Int)? {
        guard let (a, ae) = digits(v, at: i, max: 4) else { return nil }
        let separator = CharacterClass.narrow(v.at(ae))
        guard separator == "/" || separator == "." || separator == "-",
            let (b, be) = digits(v, at: ae + 1, max: 2), CharacterClass.narrow(v.at(be)) == separator,
            let (c, ce) = digits(v, at: be + 1, max: 4)
        else { return nil }
        // A version or an amount goes on: 1.2.3.4, 2021.3.25.1.
        if CharacterClass.isDigit(CharacterClass.narrow(v.at(ce + 1))) && CharacterClass.narrow(v.at(ce)) == separator { return nil }
        if ae - i == 4 {
            guard let day = Day(checkedYear: a, month: b, day: c), ce - (be + 1) <= 2 else { return nil }
            return (.day(day.year, day.month, day.day), ce)
        }
        // Two-digit years only with slashes in month-first writing (`10/31/74`, `3/3/15`), the
        // century the nearer one: 00–49 this one, 50–99 the last.
        let shortYear = ce - (be + 1) == 2 && monthFirst && separator == "/"
        guard ce - (be + 1) == 4 || shortYear, separator != "-" else { return nil }
        let year = shortYear ? (c < 50 ? 2000 + c : 1900 + c) : c
        // Month first where the text's convention is, or where the first number cannot be a day.
        let (month, day) = monthFirst && a <= 12 ? (a, b) : (b, a)
        guard let d = Day(checkedYear: year, month: month, day: day) else { return nil }
        // 3.4.2021 could be either: only the writer's convention (or a day over 12) decides.
        if !monthFirst && a <= 12 && b <= 12 && separator == "." { return nil }
        return (.day(d.year, d.month, d.day), ce)
    }

    /// A date written short with slashes: a month of a year (`2021/7`), or a day of a month
    /// in the document's year (`7/18`, month first). Fractions (`1/3 of`, `24/7`) and
    /// longer runs (`2021/7/18/2`) are left alone.
    /// `spaced` reads `2 / 15` as well.
    static func short(_ v: TextView, at i: Int, year: Int?, spaced: Bool = false) -> (TimePoint, Int)? {
        guard let (a, ae) = digits(v, at: i, max: 4) else { return nil }
        let slash = spaced ? ae + 1 : ae
        guard CharacterClass.narrow(v.at(slash)) == "/", !spaced || v.at(ae) == " " && v.at(slash + 1) == " ",
            let (b, be) = digits(v, at: slash + (spaced ? 2 : 1), max: 2)
        else { return nil }
        let after = CharacterClass.narrow(v.at(be))
        if after == "/" || after == "%" || CharacterClass.isLetter(after) && after.value < 0x80 { return nil }
        if after == "." && CharacterClass.isDigit(CharacterClass.narrow(v.at(be + 1))) { return nil }
        if CharacterClass.narrow(v.at(i - 1)) == "/" || v.matches(" of", at: be) { return nil }
        if ae - i == 4 {
            guard (1...12).contains(b), Day.years.contains(a) else { return nil }
            return (.month(a, b), be)
        }
        guard let year, (1...12).contains(a), let d = Day(checkedYear: year, month: a, day: b) else { return nil }
        return (.day(d.year, d.month, d.day), be)
    }

    /// The day `amount` units before (negative) or after the anchor, at the unit's precision.
    static func offset(_ anchor: Day, amount: Int, unit: TimeDuration.Unit) -> TimePoint {
        switch unit {
        case .day, .week, .hour, .minute, .second:
            // Hours count as the days they make up; minutes and seconds stay within the day.
            let days = unit == .hour ? amount / 24 : unit.isTime ? 0 : amount * (unit == .week ? 7 : 1)
            let d = anchor.adding(days: days)
            return .day(d.year, d.month, d.day)
        case .month:
            let total = anchor.year * 12 + anchor.month - 1 + amount
            return .month(total / 12, total % 12 + 1)
        case .year:
            return .year(anchor.year + amount)
        }
    }
}
