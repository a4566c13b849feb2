import PledgeModel

/// Times of day, in either language: `15:30`, `3:15 pm`, `noon`, `午後3時半`, `23時59分`.
///
/// Their values are ISO 8601 times without a day (`T15:30`): a clock time in these
/// documents places an event within a day the text names elsewhere, and never decides
/// a commitment's due date.
enum ClockTimes {
    /// `H:MM` or `H:MM:SS` (full-width colons too), and where it ends.
    static func colon(_ v: TextView, at i: Int) -> (TimePoint, Int)? {
        guard let (h, he) = NumericDates.digits(v, at: i, max: 2), h <= 29, isColon(v.at(he)),
            let (m, me) = NumericDates.digits(v, at: he + 1, max: 2), me == he + 3, m < 60
        else { return nil }
        // A verse, a ratio or a score goes on or came before: 3:16:2, 12:00:00:00.
        if isColon(v.at(i - 1)) { return nil }
        if isColon(v.at(me)), let (s, se) = NumericDates.digits(v, at: me + 1, max: 2), se == me + 3, s < 60 {
            if isColon(v.at(se)) { return nil }
            return (.clock(h, m, s), se)
        }
        return (.clock(h, m, nil), me)
    }

    static func isColon(_ u: Unicode.Scalar) -> Bool { u == ":" || u == "：" }

    /// The hour on a 24-hour clock, given a 12-hour one and whether it is after noon.
    static func twentyFour(_ h: Int, afternoon: Bool) -> Int {
        afternoon ? (h < 12 ? h + 12 : h) : (h == 12 ? 0 : h)
    }
}
