import PledgeModel

/// A calendar day, the anchor that relative expressions resolve against.
public struct Day: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses ISO `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= Day.daysIn(year: y, month: m)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var iso: String { String(format4(year)) + "-" + pad2(month) + "-" + pad2(day) }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day `n` days later (or earlier for negative `n`).
    /// Days since 1970-01-01 (proleptic Gregorian), for differences between days.
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public func adding(days n: Int) -> Day {
        var d = self
        var left = n
        while left > 0 {
            if d.day < Day.daysIn(year: d.year, month: d.month) { d.day += 1 } else {
                d.day = 1
                if d.month == 12 { d.month = 1; d.year += 1 } else { d.month += 1 }
            }
            left -= 1
        }
        while left < 0 {
            if d.day > 1 { d.day -= 1 } else {
                if d.month == 1 { d.month = 12; d.year -= 1 } else { d.month -= 1 }
                d.day = Day.daysIn(year: d.year, month: d.month)
            }
            left += 1
        }
        return d
    }
}

/// A resolved calendar reference at the granularity it was written.
public enum TimePoint: Equatable, Sendable {
    case year(Int)
    case month(Int, Int)
    case day(Int, Int, Int)
    /// TIMEX3 season codes: SP, SU, FA, WI.
    case season(Int, String)
    /// A fiscal year named by its starting calendar year (`2025年度` → FY2025).
    case fiscalYear(Int)

    public var iso: String {
        switch self {
        case .year(let y): return format4(y)
        case .month(let y, let m): return format4(y) + "-" + pad2(m)
        case .day(let y, let m, let d): return format4(y) + "-" + pad2(m) + "-" + pad2(d)
        case .season(let y, let s): return format4(y) + "-" + s
        case .fiscalYear(let y): return "FY" + format4(y)
        }
    }

    public var year: Int {
        switch self {
        case .year(let y), .month(let y, _), .day(let y, _, _), .season(let y, _), .fiscalYear(let y): return y
        }
    }
}

/// A length of time: `P2Y`, `P6M`, `P3W`, `P90D`.
public struct TimeDuration: Equatable, Sendable {
    public enum Unit: String, Sendable { case year = "Y", month = "M", week = "W", day = "D" }
    public var amount: Int
    public var unit: Unit
    /// `2年半`: a year count and six months.
    public var halfYear = false
    public var iso: String { "P\(amount)\(unit.rawValue)" + (halfYear ? "6M" : "") }
}

func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

func format4(_ n: Int) -> String {
    if n >= 1000 { return "\(n)" }
    let s = "\(n)"
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}

extension TimeExpression {
    /// The last day an expression allows, used for due dates: `本年6月までに` → 2024-06-30,
    /// `2025年度末` → 2026-03-31 (Japan's fiscal year), `今後2年間` → two years from `anchor`.
    public func dueDay(anchor: Day?, fiscalYearStartMonth: Int = 4) -> Day? {
        if role == .duration {
            guard let anchor, value.hasPrefix("P") else { return nil }
            // P2Y, P6M, P2Y6M, P3W, P90D.
            var years = 0, months = 0, days = 0
            var number = 0
            for c in value.dropFirst() {
                if let d = c.wholeNumberValue { number = number * 10 + d; continue }
                switch c {
                case "Y": years = number
                case "M": months = number
                case "W": days += 7 * number
                case "D": days += number
                default: return nil
                }
                number = 0
            }
            let total = anchor.month - 1 + months + 12 * years
            let y = anchor.year + total / 12, m = total % 12 + 1
            return Day(year: y, month: m, day: min(anchor.day, Day.daysIn(year: y, month: m))).adding(days: days)
        }
        let last = value.split(separator: "/").last.map(String.init) ?? value
        return TimeExpression.lastDay(of: last, part: part, fiscalYearStartMonth: fiscalYearStartMonth)
    }

    static func lastDay(of iso: String, part: PeriodPart?, fiscalYearStartMonth: Int) -> Day? {
        if iso.hasPrefix("FY"), let y = Int(iso.dropFirst(2)) {
            // A fiscal year starting in April ends in March of the next calendar year.
            let endMonth = fiscalYearStartMonth == 1 ? 12 : fiscalYearStartMonth - 1
            let endYear = fiscalYearStartMonth == 1 ? y : y + 1
            return Day(year: endYear, month: endMonth, day: Day.daysIn(year: endYear, month: endMonth))
        }
        let parts = iso.split(separator: "-")
        guard let y = parts.first.flatMap({ Int($0) }) else { return nil }
        if parts.count == 1 {
            switch part {
            case .beginning: return Day(year: y, month: 3, day: 31)
            case .middle: return Day(year: y, month: 8, day: 31)
            default: return Day(year: y, month: 12, day: 31)
            }
        }
        if parts.count == 2, let m = Int(parts[1]) {
            let last = Day.daysIn(year: y, month: m)
            switch part {
            case .beginning: return Day(year: y, month: m, day: 10)
            case .middle: return Day(year: y, month: m, day: 20)
            default: return Day(year: y, month: m, day: last)
            }
        }
        if parts.count == 2 {
            // Seasons: the last day of the season's final month.
            switch parts[1] {
            case "SP": return Day(year: y, month: 5, day: 31)
            case "SU": return Day(year: y, month: 8, day: 31)
            case "FA": return Day(year: y, month: 11, day: 30)
            case "WI": return Day(year: y + 1, month: 2, day: Day.daysIn(year: y + 1, month: 2))
            default: return nil
            }
        }
        if parts.count == 3, let m = Int(parts[1]), let d = Int(parts[2]) { return Day(year: y, month: m, day: d) }
        return nil
    }
}
