/// A calendar day (proleptic Gregorian): due dates, document dates, "as of" days.
///
/// Years run from 1 to 9999, the years an ISO date writes in four digits. Every day that
/// comes from outside (a command-line option, a query string, an imported archive, a
/// document's text) is parsed by `init?(iso:)` or checked by `init?(checkedYear:month:day:)`,
/// so arithmetic on days can never overflow.
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let years: ClosedRange<Int> = 1...9999

    public var year: Int
    public var month: Int
    public var day: Int

    /// A day the caller knows to be valid (a year in `Day.years`, a real month and day).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// A day from untrusted numbers, or `nil` when they name no day between 0001-01-01 and 9999-12-31.
    public init?(checkedYear year: Int, month: Int, day: Int) {
        guard Day.years.contains(year), (1...12).contains(month), day >= 1, day <= Day.daysIn(year: year, month: month) else {
            return nil
        }
        self.init(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` (a four-digit year; month and day of one or two digits, so
    /// `2024-6-1` is 2024-06-01). Anything else, or a day that does not exist, is `nil`.
    public init?(iso: some StringProtocol) {
        let parts = iso.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            let y = Day.digits(parts[0]), let m = Day.digits(parts[1]), let d = Day.digits(parts[2])
        else { return nil }
        self.init(checkedYear: y, month: m, day: d)
    }

    private static func digits<S: Collection>(_ bytes: S) -> Int? where S.Element == UInt8 {
        var value = 0
        for b in bytes {
            guard (0x30...0x39).contains(b) else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    /// `YYYY-MM-DD`.
    public var iso: String { Day.format4(year) + "-" + Day.pad2(month) + "-" + Day.pad2(day) }
    public var description: String { iso }

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

    /// Days since 1970-01-01, for differences between days (Howard Hinnant's `days_from_civil`).
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `daysSince1970` days after 1970-01-01 (`civil_from_days`).
    public init(daysSince1970 n: Int) {
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The day `n` days later (earlier for negative `n`), kept within 0001-01-01…9999-12-31.
    public func adding(days n: Int) -> Day {
        let first = Day(year: 1, month: 1, day: 1).daysSince1970, last = Day(year: 9999, month: 12, day: 31).daysSince1970
        let here = daysSince1970
        // Clamp before adding, so that no `n` overflows.
        let target = n >= 0 ? here + min(n, last - here) : here - min(n == .min ? .max : -n, here - first)
        return Day(daysSince1970: target)
    }

    /// Two digits, as ISO dates write months and days.
    public static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Four digits, as ISO dates write years.
    public static func format4(_ n: Int) -> String {
        if n >= 1000 { return "\(n)" }
        let s = "\(n)"
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
