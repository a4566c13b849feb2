import PledgeModel

/// A resolved calendar reference at the granularity it was written.
public enum TimePoint: Equatable, Sendable {
    case year(Int)
    case month(Int, Int)
    case day(Int, Int, Int)
    /// TIMEX3 season codes: SP, SU, FA, WI.
    case season(Int, String)
    /// A fiscal year named by its starting calendar year (`2025年度` → FY2025).
    case fiscalYear(Int)
    /// A calendar quarter (`本四半期`, `Q3 2025`): `2025-Q3`.
    case quarter(Int, Int)
    /// A half year (`2025年上半期`, `the first half of 2025`): `2025-H1`.
    case half(Int, Int)
    /// A quarter or half of a fiscal year (`2025年度第1四半期`, `2025年度下期`): `FY2025-Q1`, `FY2025-H2`.
    case fiscalQuarter(Int, Int)
    case fiscalHalf(Int, Int)
    /// A time of day without its day (`15:30`, `午後3時`): `T15:30`, `T15:30:05`.
    case clock(Int, Int, Int?)
    /// An ISO 8601 week (`来週`, `next week`): `2024-W16`.
    case week(Int, Int)
    /// A decade by its first year (`2020年代`, `the 2020s`): `202X`, as ISO 8601-2 writes an unspecified digit.
    case decade(Int)

    public var iso: String {
        switch self {
        case .year(let y): return Day.format4(y)
        case .month(let y, let m): return Day.format4(y) + "-" + Day.pad2(m)
        case .day(let y, let m, let d): return Day.format4(y) + "-" + Day.pad2(m) + "-" + Day.pad2(d)
        case .season(let y, let s): return Day.format4(y) + "-" + s
        case .fiscalYear(let y): return "FY" + Day.format4(y)
        case .quarter(let y, let q): return Day.format4(y) + "-Q\(q)"
        case .half(let y, let h): return Day.format4(y) + "-H\(h)"
        case .fiscalQuarter(let y, let q): return "FY" + Day.format4(y) + "-Q\(q)"
        case .fiscalHalf(let y, let h): return "FY" + Day.format4(y) + "-H\(h)"
        case .decade(let y): return String(Day.format4(y).dropLast()) + "X"
        case .week(let y, let w): return Day.format4(y) + "-W" + Day.pad2(w)
        case .clock(let h, let m, let s): return "T" + Day.pad2(h) + ":" + Day.pad2(m) + (s.map { ":" + Day.pad2($0) } ?? "")
        }
    }

    public var year: Int {
        switch self {
        case .year(let y), .month(let y, _), .day(let y, _, _), .season(let y, _), .fiscalYear(let y), .quarter(let y, _),
            .half(let y, _), .fiscalQuarter(let y, _), .fiscalHalf(let y, _), .decade(let y), .week(let y, _):
            return y
        case .clock: return 0  // a time of day names no year
        }
    }
}

extension TimePoint {
    /// The ISO week that holds `day`, `weeks` weeks on: weeks run Monday to Sunday, and
    /// belong to the year that holds their Thursday.
    static func week(of day: Day, plus weeks: Int = 0) -> TimePoint {
        let d = day.adding(days: 7 * weeks)
        let thursday = d.adding(days: 4 - isoWeekday(d))
        let dayOfYear = thursday.daysSince1970 - Day(year: thursday.year, month: 1, day: 1).daysSince1970
        return .week(thursday.year, dayOfYear / 7 + 1)
    }

    /// 1 for Monday through 7 for Sunday (1970-01-01 was a Thursday).
    static func isoWeekday(_ d: Day) -> Int { ((d.daysSince1970 % 7 + 7 + 3) % 7) + 1 }

    /// The Sunday that ends ISO week `w` of year `y`.
    static func lastDay(ofWeek w: Int, year y: Int) -> Day? {
        guard (1...53).contains(w), Day.years.contains(y) else { return nil }
        let january4 = Day(year: y, month: 1, day: 4)
        return january4.adding(days: 1 - isoWeekday(january4) + 7 * (w - 1) + 6)
    }
}

/// A length of time: `P2Y`, `P6M`, `P3W`, `P90D`.
public struct TimeDuration: Equatable, Sendable {
    public enum Unit: String, Sendable {
        case year = "Y", month = "M", week = "W", day = "D", hour = "H", minute = "MIN", second = "S"
        /// Units below a day follow ISO 8601's `T`: `PT2H`, `PT30M`.
        var isTime: Bool { self == .hour || self == .minute || self == .second }
        var letter: String { self == .minute ? "M" : rawValue }
    }
    public var amount: Int
    public var unit: Unit
    /// `2年半`: a year count and six months (`1時間半`: an hour count and thirty minutes).
    public var halfYear = false
    /// `1年2か月`: months written after a count of years.
    public var extraMonths = 0
    public var iso: String {
        if unit.isTime { return "PT\(amount)\(unit.letter)" + (halfYear ? "30M" : "") }
        let months = extraMonths + (halfYear ? 6 : 0)
        return "P\(amount)\(unit.rawValue)" + (months > 0 ? "\(months)M" : "")
    }
}

extension TimeExpression {
    /// Stands in for an unknown document date, so that relative expressions (`next year`,
    /// `本年6月`) are still found; their values are then left out rather than guessed.
    static let placeholderAnchor = Day(year: 2000, month: 1, day: 31)

    /// An expression found against the placeholder date, with its value dropped.
    static func unplaced(_ found: (TimeExpression, Int)?) -> (TimeExpression, Int)? {
        guard var (time, end) = found else { return nil }
        time.value = nil
        return (time, end)
    }

    /// The last day an expression allows, used for due dates: `本年6月までに` → 2024-06-30,
    /// `2025年度末` → 2026-03-31 (Japan's fiscal year), `今後2年間` → two years from `anchor`.
    public func dueDay(anchor: Day?) -> Day? {
        if role == .duration {
            guard let anchor, let value, value.hasPrefix("P") else { return nil }
            // P2Y, P6M, P2Y6M, P3W, P90D.
            var years = 0, months = 0, days = 0
            var number = 0
            for c in value.dropFirst() {
                // No duration in a document runs past the calendar's last year.
                if let d = c.wholeNumberValue { number = number * 10 + d; if number > 100_000 { return nil }; continue }
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
            guard Day.years.contains(y) else { return nil }
            return Day(year: y, month: m, day: min(anchor.day, Day.daysIn(year: y, month: m))).adding(days: days)
        }
        guard let value else { return nil }
        let last = value.split(separator: "/").last.map(String.init) ?? value
        return TimeExpression.lastDay(of: last, part: part, fiscalYear: fiscalYearOf.map(FiscalYear.of) ?? .japan)
    }

    static func lastDay(of iso: String, part: PeriodPart?, fiscalYear: FiscalYear) -> Day? {
        let parts = iso.split(separator: "-")
        if iso.hasPrefix("FY"), let y = Int(parts[0].dropFirst(2)), Day.years.contains(y) {
            guard parts.count == 2 else { return fiscalYear.lastDay(ofYearNamed: y) }
            // A fiscal quarter or half ends 3 or 6 months per step after the year's first month.
            guard let first = fiscalYear.lastDay(ofYearNamed: y).map({ $0.year * 12 + $0.month - 12 }),
                let n = Int(parts[1].dropFirst()), parts[1].first == "Q" ? (1...4).contains(n) : (1...2).contains(n)
            else { return nil }
            let last = first + (parts[1].first == "Q" ? 3 : 6) * n - 1
            let (ly, lm) = (last / 12, last % 12 + 1)
            return Day(checkedYear: ly, month: lm, day: Day.daysIn(year: ly, month: lm))
        }
        // A decade ends on the last day of its tenth year.
        if iso.count == 4, iso.hasSuffix("X"), let d = Int(iso.dropLast()) { return Day(checkedYear: d * 10 + 9, month: 12, day: 31) }
        // The last year keeps one spare, for a winter that ends in February of the next.
        guard let y = parts.first.flatMap({ Int($0) }), Day.years.contains(y), y < Day.years.upperBound else { return nil }
        if parts.count == 1 {
            switch part {
            case .beginning: return Day(year: y, month: 3, day: 31)
            case .middle: return Day(year: y, month: 8, day: 31)
            default: return Day(year: y, month: 12, day: 31)
            }
        }
        if parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) {
            let last = Day.daysIn(year: y, month: m)
            switch part {
            case .beginning: return Day(year: y, month: m, day: 10)
            case .middle: return Day(year: y, month: m, day: 20)
            default: return Day(year: y, month: m, day: last)
            }
        }
        if parts.count == 2, parts[1].hasPrefix("Q"), let q = Int(parts[1].dropFirst()), (1...4).contains(q) {
            return Day(year: y, month: q * 3, day: Day.daysIn(year: y, month: q * 3))
        }
        if parts.count == 2, parts[1].hasPrefix("W"), let w = Int(parts[1].dropFirst()) { return TimePoint.lastDay(ofWeek: w, year: y) }
        if parts.count == 2, parts[1].hasPrefix("H"), let h = Int(parts[1].dropFirst()), (1...2).contains(h) {
            return Day(year: y, month: h * 6, day: 30 + (h - 1))
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
        if parts.count == 3, let m = Int(parts[1]), let d = Int(parts[2]) { return Day(checkedYear: y, month: m, day: d) }
        return nil
    }
}
