import PledgeModel

/// English time expressions: `by June 2024`, `by March 2026`, `By the end of next year`,
/// `this year`, `this summer`, `in 2025`, `beginning in 2025`, `since October 7, 2023`,
/// `over the next two years`, `within 90 days`, `on April 3-4`, `from 2024 to 2026`,
/// `FY2025`, `last October`, `Today`.
public struct EnglishTimeRules: TimeRules {
    public init() {}

    static let months: [(String, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
        ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan.", 1), ("feb.", 2),
        ("mar.", 3), ("apr.", 4), ("jun.", 6), ("jul.", 7), ("aug.", 8), ("sept.", 9), ("sep.", 9), ("oct.", 10),
        ("nov.", 11), ("dec.", 12),
    ]
    static let seasons: [(String, String)] = [("spring", "SP"), ("summer", "SU"), ("fall", "FA"), ("autumn", "FA"), ("winter", "WI")]
    /// Role words before the expression, longest first; they belong to its span.
    static let prepositions: [(String, TimeRole?)] = [
        ("by no later than ", .deadline), ("no later than ", .deadline), ("by the end of ", .deadline), ("until the end of ", .deadline), ("by ", .deadline),
        ("until ", .deadline), ("through ", .deadline), ("before ", .deadline), ("after ", .start), ("beginning in ", .start), ("starting in ", .start),
        ("beginning ", .start), ("starting ", .start), ("since ", .start), ("beyond ", .start), ("as of ", .start), ("from ", .start), ("between ", .start),
        ("in ", nil), ("on ", nil), ("during ", nil), ("at the end of ", nil), ("the end of ", nil), ("at the beginning of ", nil),
        ("at the start of ", nil),
    ]

    /// What an expression names before its role is settled.
    enum Core {
        case point(TimePoint, part: PeriodPart?)
        case duration(TimeDuration)
        case range(TimePoint, TimePoint)
    }

    public func times(in v: TextView, anchor: Day?) -> [TimeExpression] {
        var found: [TimeExpression] = []
        let words = v.words ?? WordIndex(v)
        let n = v.count
        var w = 0
        var i = 0
        @inline(__always) func mayFollow(_ p: Unicode.Scalar) -> Bool {
            !(CharacterClass.isLetter(p) || CharacterClass.isDigit(p) || p == "-" || p == "$" || p == "." || p == ",")
        }
        while i < n {
            let u = v[i]
            if CharacterClass.isASCIILetter(u) {
                // Only a word's first letter can open an expression; the rest of the word is passed over.
                while words.end(w) <= i { w += 1 }
                // `Q3 2025`: a quarter, whose name holds a digit and so is no word of the index.
                if u == "Q", mayFollow(v.at(i - 1)), CharacterClass.isDigit(v.at(i + 1)), let (t, end) = find(in: v, at: i, anchor: anchor) {
                    found.append(t)
                    i = end
                    continue
                }
                if words.start(w) == i, mayFollow(v.at(i - 1)), Self.mayStart(words, w, v), let (t, end) = find(in: v, at: i, anchor: anchor) {
                    found.append(t)
                    i = end
                } else {
                    i = words.end(w)
                }
            } else if CharacterClass.isDigit(u), mayFollow(v.at(i - 1)), let (t, end) = find(in: v, at: i, anchor: anchor) {
                found.append(t)
                i = end
            } else {
                i += 1
            }
        }
        return found
    }

    /// An expression at `i`; in a document of unknown date, a relative one without its value.
    func find(in v: TextView, at i: Int, anchor: Day?) -> (TimeExpression, Int)? {
        if let found = expression(in: v, at: i, anchor: anchor) { return found }
        guard anchor == nil else { return nil }
        return TimeExpression.unplaced(expression(in: v, at: i, anchor: TimeExpression.placeholderAnchor))
    }

    /// `mayStart` for the word `w` of the index: an opening word, and a core word, a number
    /// or a digit within seven words, read over spaces, hyphens and commas only.
    static func mayStart(_ words: WordIndex, _ w: Int, _ v: TextView) -> Bool {
        // Within two words: `end of 2012`, `first of March`, `past week`, `new year's day`.
        if words.has(w, WordIndex.Class.nearOpener) { return coreFollows(words, w, within: 3) }
        guard words.has(w, WordIndex.Class.timeOpener) else {
            // A count right before a unit: `a week ago`, `two years from now`.
            guard w + 1 < words.count, words.gap(w) == WordIndex.Gap.word, words.has(w + 1, WordIndex.Class.timeCore) else { return false }
            let s = words.start(w), length = words.end(w) - s
            return words.has(w, WordIndex.Class.number) || (length == 1 && v[s].value | 0x20 == 0x61)
                || (length == 2 && v[s].value | 0x20 == 0x61 && v[s + 1].value | 0x20 == 0x6E)
        }
        return words.has(w, WordIndex.Class.timeCore) || coreFollows(words, w, within: 7)
    }

    /// Whether a core word, a number word or a digit follows word `w` within `n` words, read
    /// over spaces, hyphens and commas only (the last word's gap is a stop).
    static func coreFollows(_ words: WordIndex, _ w: Int, within n: Int) -> Bool {
        var k = w
        for _ in 0..<n {
            switch words.gap(k) {
            case WordIndex.Gap.digit: return true
            case WordIndex.Gap.stop: return false
            default: break
            }
            k += 1
            if words.has(k, WordIndex.Class.timeCore | WordIndex.Class.number) { return true }
        }
        return false
    }

    /// The words that can open a time expression, packed five bits a letter (`WordIndex`
    /// classes them once per paragraph): most words of a text are passed over at once.
    static let openerKeys =
        keys("before after by no until through beginning starting since beyond as from in on during at the over within for this next last earlier "
            + "later today yesterday early mid late fy fiscal january february march april may june july august september "
            + "october november december jan feb mar apr jun jul aug sep sept oct nov dec spring summer fall autumn winter "
            + "between tomorrow japanese jfy noon midnight monday tuesday wednesday thursday friday saturday sunday mon tue tues "
            + "wed thu thur thurs fri sat sun christmas xmas halloween easter thanksgiving valentine independence veterans martin "
            + "mlk presidents memorial labor labour columbus mother father pentecost tonight")
            + holidayNameKeys

    /// First words of holidays that are common words too (`holy`, `world`): they open a time
    /// only with a day word near (`nearOpenerKeys`).
    static let holidayNearWords = "holy world international united human civil palm clean lunar chinese islamic king night feast sacrifice"
    /// The first words of holiday names that open a time and complete it by themselves
    /// (`Ramadan`, `Passover`): all but the common ones and those classed already (`the`, `day`).
    static let holidayNameKeys = keys(
        Holidays.firstWords.subtracting(holidayNearWords.split(separator: " ").map(String.init)).subtracting(["the", "day", "ides"])
            .sorted().joined(separator: " "))

    /// The packed keys of the space-separated words of `words` (words over twelve letters or
    /// with other marks have none).
    static func keys(_ words: String) -> [UInt64] {
        words.split(separator: " ").compactMap { key(Array($0.unicodeScalars)[...]) }
    }

    /// Common words that open a time expression only with a unit, a number or a day word
    /// right after them (`new year's day`, `first of March`, `end of 2012`, `past week`):
    /// elsewhere (`new partnership`, `first time`) they are passed over at once.
    static let nearOpenerKeys = keys(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth thirtieth past upcoming "
            + "previous current following coming end good ash saint st new earth start middle half quarter tisha lag "
            + holidayNearWords)

    static func key(_ letters: ArraySlice<Unicode.Scalar>) -> UInt64? {
        guard letters.count <= 12 else { return nil }
        var k: UInt64 = 0
        for u in letters {
            guard CharacterClass.isASCIILetter(u) else { return nil }
            k = k << 5 | UInt64((u.value | 0x20) - 0x60)
        }
        return k
    }

    /// Words without which no time expression is complete: a unit, a month, a season, a day word.
    static let coreWords = KeySet(coreKeys)
    static let coreKeys =
        keys("today tomorrow yesterday year years month months week weeks day days decade fy jfy fiscal january february march "
            + "april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov "
            + "dec spring summer fall autumn winter noon midnight monday tuesday wednesday thursday friday saturday sunday "
            + "mon tue tues wed thu thur thurs fri sat sun yesterday hour hours minute minutes quarter yr qtr christmas xmas "
            + "halloween easter thanksgiving pentecost eve mother father valentine patrick presidents independence tonight "
            + "morning afternoon evening night")
            // A holiday's own name is complete without a unit: `before Ramadan`, `at Purim`.
            + holidayNameKeys

    /// The packed key of the letters at `i`, and where they end.
    static func word(_ v: TextView, _ i: Int) -> (UInt64?, Int) {
        var k: UInt64 = 0
        var j = i
        while j < v.count, CharacterClass.isASCIILetter(v[j]) {
            if j - i < 12 { k = k << 5 | UInt64((v[j].value | 0x20) - 0x60) }
            j += 1
        }
        return (j > i && j - i <= 12 ? k : nil, j)
    }

    /// Case-insensitive match of a lower-case `word` at `i`.
    func matches(_ v: TextView, _ word: String, at i: Int) -> Bool {
        // Callers look back before a position: nothing matches before the view's start.
        guard i >= 0 else { return false }
        var j = i
        for w in word.utf8 {
            guard j < v.count else { return false }
            let u = v[j].value
            guard u < 0x80 else { return word.unicodeScalars.count > 0 && matchesSlow(v, word, at: i) }
            let lower = u &- 0x41 < 26 ? u + 32 : u
            guard lower == UInt32(w) else { return false }
            j += 1
        }
        return true
    }

    func matchesSlow(_ v: TextView, _ word: String, at i: Int) -> Bool {
        var j = i
        for w in word.unicodeScalars {
            guard j < v.count else { return false }
            let u = v[j]
            let lower = CharacterClass.isUpper(u) ? Unicode.Scalar(u.value + 32)! : u
            guard lower == w else { return false }
            j += 1
        }
        return true
    }

    /// A whole word (not the start of a longer one).
    func matchesWord(_ v: TextView, _ word: String, at i: Int) -> Bool {
        // The word's length is counted only once it has matched.
        guard matches(v, word, at: i) else { return false }
        return word.hasSuffix(" ") || !CharacterClass.isLetter(v.at(i + word.unicodeScalars.count))
    }

    func expression(in v: TextView, at i: Int, anchor: Day?) -> (TimeExpression, Int)? {
        if let (point, end) = clock(v, at: i) {
            let span = v.span(i, end)
            return (TimeExpression(span: span, text: v.source(span), role: .point, value: point.iso), end)
        }
        if let (amount, unit, end) = offset(v, at: i) {
            let span = v.span(i, end)
            let value = anchor.map { NumericDates.offset($0, amount: amount, unit: unit).iso }
            return (TimeExpression(span: span, text: v.source(span), role: .point, value: value), end)
        }
        // Lengths carry their own prepositions: `over the next two years`, `within 90 days`.
        if let (core, e) = duration(v, at: i), case .duration(let d) = core {
            let end = matches(v, " or less", at: e) ? e + 8 : e
            let span = v.span(i, end)
            return (TimeExpression(span: span, text: v.source(span), role: .duration, value: d.iso), end)
        }
        var role: TimeRole?
        var k = i
        var part: PeriodPart?
        for (words, r) in Self.prepositionTable.candidates(v, i) where matches(v, words, at: i) {
            // `beginning of 2017` is a part of the year, not a start.
            if r == .start, words.hasPrefix("beginning") || words.hasPrefix("starting"), matches(v, "of ", at: i + words.unicodeScalars.count) { continue }
            role = r
            k = i + words.unicodeScalars.count
            if words.hasSuffix("end of ") { part = .end }
            if words.hasSuffix("beginning of ") || words.hasSuffix("start of ") { part = .beginning }
            break
        }
        guard let (core, coreEnd) = core(in: v, at: k, anchor: anchor, afterPreposition: k > i) else { return nil }
        var end = coreEnd
        var value: String
        var finalRole: TimeRole
        switch core {
        case .duration(let d):
            value = d.iso
            finalRole = .duration
        case .range(let a, let b):
            value = a.iso + "/" + b.iso
            finalRole = .range
        case .point(let point, let p):
            part = part ?? p
            value = point.iso
            // `tomorrow morning`, `Monday evening`, `yesterday afternoon`: the day, its part named.
            if case .day = point, let w = Self.partsOfDay.first(where: { matchesWord(v, $0, at: end) }) { end += w.count }
            // `from 2021 to date`: a start with no end yet.
            if role == .start, matches(v, " to date", at: end) {
                let span = v.span(i, end + 8)
                return (TimeExpression(span: span, text: v.source(span), role: .start, value: value), end + 8)
            }
            // `from April 3 to 4`, `from 2024 to 2026`, `April 3-4`.
            if let (second, e) = rangeEnd(v, at: end, first: point, anchor: anchor), role == .start || role == nil {
                // `June 1–30, 2025`: a year written after the range belongs to both halves.
                let first = second.year != point.year && !containsYear(v, i, end) ? Self.withYear(point, second.year) : point
                // A range runs forward: `on June 21 and May 3` names two days.
                if !(first.iso.count == second.iso.count && first.iso > second.iso) {
                    value = first.iso + "/" + second.iso
                    let span = v.span(i, e)
                    return (TimeExpression(span: span, text: v.source(span), role: .range, value: value), e)
                }
            }
            finalRole = role ?? (countsFrom(v, before: i) ? .start : .point)
            // `between 2024 and 2026` without its second half is no start.
            if matches(v, "between ", at: i) { return nil }
        }
        let span = v.span(i, end)
        return (TimeExpression(span: span, text: v.source(span), role: finalRole, value: value, part: part), end)
    }

    /// Whether four digits in a row stand between `i` and `end`: a year written there.
    func containsYear(_ v: TextView, _ i: Int, _ end: Int) -> Bool {
        var run = 0
        for k in i..<end {
            run = CharacterClass.isDigit(v[k]) ? run + 1 : 0
            if run == 4 { return true }
        }
        return false
    }

    /// A month or day moved to year `y`.
    static func withYear(_ point: TimePoint, _ y: Int) -> TimePoint {
        switch point {
        case .month(_, let m): return .month(y, m)
        case .day(_, let m, let d): return Day(checkedYear: y, month: m, day: d).map { .day($0.year, $0.month, $0.day) } ?? point
        default: return point
        }
    }

    /// `since JUMPP's launch in 2019`: a point that a span counts from.
    func countsFrom(_ v: TextView, before i: Int) -> Bool {
        var k = i - 1
        var words = 0
        while k >= 0, words < 14 {
            if v[k] == " " { words += 1 }
            if v[k] == "." || v[k] == "," || v[k] == ";" { return false }
            if matches(v, "since ", at: k) && !CharacterClass.isLetter(v.at(k - 1)) { return true }
            k -= 1
        }
        return false
    }

    // MARK: - Cores

    func core(in v: TextView, at i: Int, anchor: Day?, afterPreposition: Bool = false) -> (Core, Int)? {
        guard i < v.count else { return nil }
        if let r = numericOrOffset(v, at: i, anchor: anchor, afterPreposition: afterPreposition) { return r }
        if let r = periodPart(v, at: i, anchor: anchor) { return r }
        if let r = nthOfMonth(v, at: i, anchor: anchor) { return r }
        if let r = relative(v, at: i, anchor: anchor) { return r }
        if let r = calendar(v, at: i, anchor: anchor, afterPreposition: afterPreposition) { return r }
        return nil
    }

    static let offsetUnits: [(String, TimeDuration.Unit)] = [
        ("days", .day), ("day", .day), ("weeks", .week), ("week", .week), ("months", .month), ("month", .month),
        ("years", .year), ("year", .year), ("hours", .hour), ("hour", .hour), ("minutes", .minute), ("minute", .minute),
    ]

    /// Dates in digits (`2021/3/25`, `3/25/2021`, `2015-03-03`), quarters (`Q3 2025`) and
    /// offsets from the document's date in digits (`3 days ago`, `6 months from now`).
    func numericOrOffset(_ v: TextView, at i: Int, anchor: Day?, afterPreposition: Bool = false) -> (Core, Int)? {
        // `from 2 pm`, `since 14:00`, `through 2:00pm`: a time of day after a preposition.
        if CharacterClass.isDigit(v[i]), let (point, end) = clock(v, at: i) { return (.point(point, part: nil), end) }
        // `3-4pm`, `11-1pm`: the first hour is in the afternoon when the second is and it comes no later.
        if CharacterClass.isDigit(v[i]), let (h, he) = NumericDates.digits(v, at: i, max: 2), (1...12).contains(h),
            v.at(he) == "-" || v.at(he) == "–", let (second, end) = clock(v, at: he + 1), case .clock(let h2, _, _) = second
        {
            let afternoon = h2 >= 12 && (h == 12 || h <= h2 - 12)
            return (.range(.clock(ClockTimes.twentyFour(h, afternoon: afternoon), 0, nil), second), end)
        }
        if CharacterClass.isDigit(v[i]), let (point, end) = NumericDates.date(v, at: i, monthFirst: true) ?? NumericDates.short(v, at: i, year: nil) {
            return (.point(point, part: nil), end)
        }
        if v[i] == "Q", let q = Int(String(v.at(i + 1))), (1...4).contains(q), v.at(i + 2) == " ",
            let (y, e) = year(v, at: i + 3, twoDigits: false)
        {
            return (.point(.quarter(y, q), part: nil), e)
        }
        // `2018Q4`, `2018 Q4`.
        if let (y, ye) = NumericDates.digits(v, at: i, max: 4), ye == i + 4, Day.years.contains(y) {
            let k = v.at(ye) == " " ? ye + 1 : ye
            if v.at(k) == "Q" || v.at(k) == "q", let q = Int(String(v.at(k + 1))), (1...4).contains(q), !CharacterClass.isLetter(v.at(k + 2)),
                !CharacterClass.isDigit(v.at(k + 2))
            {
                return (.point(.quarter(y, q), part: nil), k + 2)
            }
        }
        // `2/15`, `on 2/15`: a day of the document's year, month first, where it cannot be a
        // fraction (`3/4 majority`): after a preposition, or with a day above 12.
        if let anchor, let (point, e) = NumericDates.short(v, at: i, year: anchor.year) ?? NumericDates.short(v, at: i, year: anchor.year, spaced: true),
            case .day(_, _, let d) = point, afterPreposition || d > 12
        {
            return (.point(point, part: nil), e)
        }
        return nil
    }

    /// An offset from the document's date, as a signed count of units and where it ends:
    /// `3 days ago`, `a week ago`, `two years from now`, `in three months`.
    func offset(_ v: TextView, at i: Int) -> (Int, TimeDuration.Unit, Int)? {
        // A count (digits, `a`, a number word) or `in` opens an offset.
        switch v.at(i) {
        case "0"..."9", "a", "A", "i", "I", "o", "O", "t", "T", "f", "F", "s", "S", "e", "E", "n", "N": break
        default: return nil
        }
        var k = i
        let ahead = matches(v, "in ", at: i)
        if ahead {
            // `for the first time in 50 years` looks back over a length; it names no point.
            if matches(v, "time ", at: i - 5) { return nil }
            k = i + 3
        }
        var amount = 1
        var j: Int
        var article = false
        if matchesWord(v, "a ", at: k) || matchesWord(v, "an ", at: k) {
            j = k + (v.at(k + 1) == " " ? 2 : 3)
            article = true
        } else {
            guard let number = EnglishNumber.parse(v, at: k), number.value == number.value.rounded(), number.value > 0,
                number.value < 1000, v.at(number.end) == " "
            else { return nil }
            amount = Int(number.value)
            j = number.end + 1
        }
        guard let (word, unit) = Self.offsetUnits.first(where: { matchesWord(v, $0.0, at: j) }) else { return nil }
        let e = j + word.unicodeScalars.count
        if ahead {
            // `in three months of talks` and `in a year when` are no points ahead.
            if matches(v, " of ", at: e) || article && CharacterClass.isLetter(v.at(e + 1)) && v.at(e) == " " { return nil }
            for tail in ["'s time", "’s time", "' time", "’ time"] where matches(v, tail, at: e) {
                return (amount, unit, e + tail.unicodeScalars.count)
            }
            return (amount, unit, e)
        }
        if matches(v, " ago", at: e), !CharacterClass.isLetter(v.at(e + 4)) { return (-amount, unit, e + 4) }
        for tail in [" from now", " from today", " hence"] where matches(v, tail, at: e) && !CharacterClass.isLetter(v.at(e + tail.unicodeScalars.count)) {
            return (amount, unit, e + tail.unicodeScalars.count)
        }
        return nil
    }

    static let durationPrefixes = [
        "over the course of the next ", "over the course of the last ", "over the course of the past ", "over the next ",
        "over the past ", "over the last ", "over the coming ", "over a period of ", "over the ", "in the next ",
        "in the coming ", "for a period of ", "for the next ", "for the past ", "within the next ", "during the next ",
        "during the past ", "during the last ", "within ", "over ", "for ", "in ", "the next ", "the last ", "the past ",
        "next ", "last ", "past ", "upcoming ",
    ]

    static let prepositionTable = PhraseTable(prepositions)
    static let relativeEnds = ["next ", "past ", "last ", "coming "]
    /// Prefixes that make a length only with a count: `the next three years`, `last two months`.
    static let countedOnly: Set<String> = ["the next ", "the last ", "the past ", "next ", "last ", "past ", "upcoming "]
    static let fiscalPrefixes = ["japanese fiscal year ", "fiscal year "]
    static let fiscalInitials = Initials(fiscalPrefixes)
    static let ordinalSuffixes = ["st", "nd", "rd", "th"]
    static let durationTable = PhraseTable(durationPrefixes.map { ($0, ()) })
    static let relativeTable = PhraseTable(relativeWords)
    static let periodTable = PhraseTable(periodParts)

    static let unitWords: [(String, TimeDuration)] = [
        ("decade", TimeDuration(amount: 10, unit: .year)), ("year", TimeDuration(amount: 1, unit: .year)),
        ("month", TimeDuration(amount: 1, unit: .month)), ("week", TimeDuration(amount: 1, unit: .week)),
    ]
    static let units: [(String, TimeDuration.Unit)] = [
        ("years", .year), ("year", .year), ("months", .month), ("month", .month), ("weeks", .week), ("week", .week), ("days", .day), ("day", .day),
        ("hours", .hour), ("hour", .hour), ("minutes", .minute), ("minute", .minute),
    ]
    static let nearDays = [
        ("earlier today", 0), ("later today", 0), ("the day after tomorrow", 2), ("the day before yesterday", -2), ("tomorrow", 1),
    ]
    static let weekdays: [(String, Int)] = [
        ("monday", 1), ("tuesday", 2), ("wednesday", 3), ("thursday", 4), ("friday", 5), ("saturday", 6), ("sunday", 7),
        ("mon", 1), ("tues", 2), ("tue", 2), ("wed", 3), ("thurs", 4), ("thur", 4), ("thu", 4), ("fri", 5), ("sat", 6), ("sun", 7),
    ]
    /// Months abbreviated without a point, read only in capitals before a day or year (`Aug 8`, `Oct 1974`).
    static let shortMonths: [(String, Int)] = [
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sept", 9), ("sep", 9), ("oct", 10),
        ("nov", 11), ("dec", 12),
    ]
    static let relativeWords = [
        ("this ", 0), ("next ", 1), ("last ", -1), ("the coming ", 1), ("the past ", -1), ("earlier this ", 0), ("later this ", 0),
        ("the following ", 1), ("the previous ", -1), ("upcoming ", 1), ("the upcoming ", 1), ("previous ", -1), ("past ", -1),
        ("the current ", 0), ("current ", 0), ("coming ", 1), ("following ", 1),
    ]
    static let periodParts: [(String, PeriodPart)] = [
        ("early ", .beginning), ("mid-", .middle), ("mid ", .middle), ("late ", .end), ("the end of ", .end), ("the beginning of ", .beginning),
        ("end of ", .end), ("beginning of ", .beginning), ("the start of ", .beginning), ("start of ", .beginning),
        ("the middle of ", .middle), ("middle of ", .middle),
    ]
    /// The words that name a part of what follows them: `end of the year`.
    static let partWords = ["end of ", "beginning of ", "start of ", "middle of "]
    static let partsOfDay = [" morning", " afternoon", " evening", " night"]
    static let yearTails = [(" of last year", -1), (" last year", -1), (" this year", 0), (" of this year", 0), (" of next year", 1), (" next year", 1)]

    /// `over the next two years`, `within 90 days`, `for a period of five years`,
    /// `over the past 170 years`, `90 days`, `in 50 years`, `this decade`.
    func duration(_ v: TextView, at i: Int) -> (Core, Int)? {
        var k = i
        var prefix = ""
        for (p, _) in Self.durationTable.candidates(v, i) where matches(v, p, at: i) {
            k = i + p.unicodeScalars.count
            prefix = p
            break
        }
        if matches(v, "at least ", at: k) { k += 9 }
        // One unit named without a number: `this decade`, `over the next decade`, `in the next year`.
        let unitWords = Self.unitWords
        var w: Int?
        if matches(v, "this ", at: k) && (k == i || !prefix.isEmpty) { w = k + 5 }
        // `over the next year` is a length; `next year`, `the last year` and `past year` are points.
        if !prefix.isEmpty, Self.relativeEnds.contains(where: { prefix.hasSuffix($0) }), !Self.countedOnly.contains(prefix) { w = k }
        if let w {
            for (word, d) in unitWords where matchesWord(v, word, at: w) {
                // `this year`, `this month` are points in time, not lengths; only `this decade` is one.
                if w == k + 5 && word != "decade" { break }
                return (.duration(d), w + word.unicodeScalars.count)
            }
        }
        // `within a year`, `over a decade`: one unit, with a preposition.
        if k > i, prefix != "in ", matchesWord(v, "a ", at: k) || matchesWord(v, "an ", at: k) {
            let j = k + (v.at(k + 1) == " " ? 2 : 3)
            for (word, d) in unitWords + Self.units.map({ ($0.0, TimeDuration(amount: 1, unit: $0.1)) }) where matchesWord(v, word, at: j) {
                return (.duration(d), j + word.unicodeScalars.count)
            }
            return nil
        }
        guard let number = EnglishNumber.parse(v, at: k), number.value == number.value.rounded(), number.value > 0, number.value < 1000
        else { return nil }
        var j = number.end
        guard v.at(j) == " " || v.at(j) == "-" else { return nil }
        j += 1
        guard let (word, unit) = Self.units.first(where: { matchesWord(v, $0.0, at: j) }) else { return nil }
        // `a five-year plan` and `the 90-day review` name things, not spans of time.
        if v.at(number.end) == "-" { return nil }
        // A bare number of years is a length only with a preposition or `or less` after it.
        if k == i, !matches(v, " or less", at: j + word.unicodeScalars.count) { return nil }
        return (.duration(TimeDuration(amount: Int(number.value), unit: unit)), j + word.unicodeScalars.count)
    }

    /// `today`, `this year`, `next year`, `last October`, `this summer`, `the end of next year`.
    func relative(_ v: TextView, at i: Int, anchor: Day?) -> (Core, Int)? {
        guard let anchor else { return nil }
        if matchesWord(v, "today", at: i) { return (.point(.day(anchor.year, anchor.month, anchor.day), part: nil), i + 5) }
        for (word, delta) in Self.nearDays where matchesWord(v, word, at: i) {
            let d = anchor.adding(days: delta)
            return (.point(.day(d.year, d.month, d.day), part: nil), i + word.unicodeScalars.count)
        }
        // A holiday: in the year written after it, else the next on or after the document's date.
        if Self.holidayInitials.mayOpen(v, i), let (rule, e) = holiday(v, at: i) {
            let k = matches(v, " of ", at: e) ? e + 4 : (v.at(e) == " " || v.at(e) == "," ? e + (v.at(e) == "," ? 2 : 1) : e)
            if k > e, let (y, ye) = year(v, at: k, twoDigits: false), let d = Holidays.day(rule, in: y) {
                return (.point(.day(d.year, d.month, d.day), part: nil), ye)
            }
            guard var d = Holidays.day(rule, in: anchor.year) else { return nil }
            if d < anchor, let next = Holidays.day(rule, in: anchor.year + 1) { d = next }
            return (.point(.day(d.year, d.month, d.day), part: nil), e)
        }
        // A day of the week alone: the next after the document's date, unless a date follows it (`Monday, Feb 18`).
        if let (weekday, e) = weekday(v, at: i) {
            if v.at(e) == "," || v.at(e) == " ", let (core, ce) = calendar(v, at: v.skipSpaces(from: e + 1), anchor: anchor), case .point(.day, _) = core {
                return (core, ce)
            }
            // `Tuesday the 19th`: that day of the document's month.
            if matches(v, " the ", at: e), let (d, de) = dayNumber(v, at: e + 5), CharacterClass.isLetter(v.at(de - 1)),
                let day = Day(checkedYear: anchor.year, month: anchor.month, day: d)
            {
                return (.point(.day(day.year, day.month, day.day), part: nil), de)
            }
            let d = anchor.adding(days: (weekday - TimePoint.isoWeekday(anchor) + 6) % 7 + 1)
            return (.point(.day(d.year, d.month, d.day), part: nil), e)
        }
        if matchesWord(v, "last night", at: i) {
            let d = anchor.adding(days: -1)
            return (.point(.day(d.year, d.month, d.day), part: nil), i + 10)
        }
        if matchesWord(v, "tonight", at: i) { return (.point(.day(anchor.year, anchor.month, anchor.day), part: nil), i + 7) }
        if matchesWord(v, "noon", at: i) { return (.point(.clock(12, 0, nil), part: nil), i + 4) }
        if matchesWord(v, "midnight", at: i) { return (.point(.clock(0, 0, nil), part: nil), i + 8) }
        // `by the end of the year`, `the beginning of month`, `the start of the week`: the current one.
        if matches(v, "of ", at: i - 3), Self.partWords.contains(where: { matches(v, $0, at: i - $0.count) }) {
            for (w, point) in [("the year", TimePoint.year(anchor.year)), ("year", .year(anchor.year)), ("the month", .month(anchor.year, anchor.month)),
                ("month", .month(anchor.year, anchor.month)), ("the week", TimePoint.week(of: anchor, plus: 0)), ("week", TimePoint.week(of: anchor, plus: 0)),
                ("the decade", .decade(anchor.year / 10 * 10))] where matchesWord(v, w, at: i)
            {
                return (.point(point, part: nil), i + w.count)
            }
        }
        if matchesWord(v, "yesterday", at: i) {
            let d = anchor.adding(days: -1)
            return (.point(.day(d.year, d.month, d.day), part: nil), i + 9)
        }
        for (word, delta) in Self.relativeTable.candidates(v, i) where matches(v, word, at: i) {
            let k = i + word.unicodeScalars.count
            if matchesWord(v, "year", at: k) || matchesWord(v, "yr", at: k) {
                let e = k + (matchesWord(v, "yr", at: k) ? 2 : 4)
                return (.point(.year(anchor.year + delta), part: nil), e)
            }
            if matchesWord(v, "fiscal year", at: k) {
                return (.point(.fiscalYear(anchor.year + delta), part: nil), k + 11)
            }
            if matchesWord(v, "week", at: k) { return (.point(TimePoint.week(of: anchor, plus: delta), part: nil), k + 4) }
            // `this morning`, `this evening`: the document's day.
            if delta == 0, let part = ["morning", "afternoon", "evening"].first(where: { matchesWord(v, $0, at: k) }) {
                return (.point(.day(anchor.year, anchor.month, anchor.day), part: nil), k + part.count)
            }
            if matchesWord(v, "quarter", at: k) || matchesWord(v, "qtr", at: k) {
                let total = anchor.year * 4 + (anchor.month - 1) / 3 + delta
                return (.point(.quarter(total / 4, total % 4 + 1), part: nil), k + (matchesWord(v, "qtr", at: k) ? 3 : 7))
            }
            if Self.holidayInitials.mayOpen(v, k), let (rule, e) = holiday(v, at: k), var d = Holidays.day(rule, in: anchor.year) {
                // `last Thanksgiving` is the latest before the document, `next Christmas` the first after it.
                if delta < 0, !(d < anchor), let earlier = Holidays.day(rule, in: anchor.year - 1) { d = earlier }
                if delta > 0, !(anchor < d), let later = Holidays.day(rule, in: anchor.year + 1) { d = later }
                return (.point(.day(d.year, d.month, d.day), part: nil), e)
            }
            if let (weekday, e) = weekday(v, at: k) {
                // `last Monday` is the latest before the document; `next` and `this` the first after it.
                let today = TimePoint.isoWeekday(anchor)
                let d = delta < 0 ? anchor.adding(days: -((today - weekday + 6) % 7 + 1)) : anchor.adding(days: (weekday - today + 6) % 7 + 1)
                return (.point(.day(d.year, d.month, d.day), part: nil), e)
            }
            if matchesWord(v, "month", at: k) {
                let total = anchor.year * 12 + anchor.month - 1 + delta
                return (.point(.month(total / 12, total % 12 + 1), part: nil), k + 5)
            }
            for (name, code) in Self.seasons where matchesWord(v, name, at: k) {
                return (.point(.season(anchor.year + delta, code), part: nil), k + name.unicodeScalars.count)
            }
            for (name, m) in Self.months where !name.hasSuffix(".") && matchesWord(v, name, at: k) {
                // `last October` is the latest October before the document; `next March` the first after.
                var year = anchor.year
                if delta < 0 && m >= anchor.month { year -= 1 }
                if delta > 0 && m <= anchor.month { year += 1 }
                return (.point(.month(year, m), part: nil), k + name.unicodeScalars.count)
            }
        }
        return nil
    }

    /// Parts of a period: `early 2025`, `mid-2025`, `late March`; halves and quarters:
    /// `the first half of 2025`, `the third quarter of fiscal year 2025`, and of anything
    /// else (`the first half of the 2030s`) its beginning or end.
    func periodPart(_ v: TextView, at i: Int, anchor: Day?) -> (Core, Int)? {
        if let r = halfOrQuarter(v, at: i, anchor: anchor) { return r }
        for (word, part) in Self.periodTable.candidates(v, i) where matches(v, word, at: i) {
            let k = i + word.unicodeScalars.count
            if let (core, e) = relative(v, at: k, anchor: anchor) ?? calendar(v, at: k, anchor: anchor), case .point(let p, _) = core {
                return (.point(p, part: part), e)
            }
        }
        return nil
    }

    /// `April 10, 2024`, `10 April 2024`, `March 2026`, `June`, `2025`, `FY2025`, `fiscal year 2025`, `summer 2024`.
    func calendar(_ v: TextView, at i: Int, anchor: Day?, afterPreposition: Bool = false) -> (Core, Int)? {
        // Fiscal years: FY2025, fiscal year 2025, Japanese Fiscal Year (JFY) 2027, JFY2027.
        for prefix in Self.fiscalPrefixes where Self.fiscalInitials.mayOpen(v, i) && matches(v, prefix, at: i) {
            var k = i + prefix.unicodeScalars.count
            if v.at(k) == "(", let close = (k..<min(v.count, k + 8)).first(where: { v[$0] == ")" }), v.at(close + 1) == " " { k = close + 2 }
            if let (y, e) = year(v, at: k, twoDigits: false) { return (.point(.fiscalYear(y), part: nil), e) }
        }
        if matches(v, "jfy", at: i), CharacterClass.isUpper(v[i]) {
            var k = i + 3
            if v.at(k) == " " { k += 1 }
            if let (y, e) = year(v, at: k, twoDigits: true) { return (.point(.fiscalYear(y), part: nil), e) }
        }
        if matches(v, "fy", at: i), CharacterClass.isUpper(v[i]) {
            var k = i + 2
            if v.at(k) == " " { k += 1 }
            if let (y, e) = year(v, at: k, twoDigits: true) { return (.point(.fiscalYear(y), part: nil), e) }
        }
        if matches(v, "fiscal year ", at: i), let (y, e) = year(v, at: i + 12, twoDigits: false) {
            return (.point(.fiscalYear(y), part: nil), e)
        }
        // Decades: the 2020s, 2030s.
        if let r = decade(v, at: i) { return r }
        // Months abbreviated without a point, in capitals before a day or a year: Aug 8, Oct 1974, Feb13.
        if CharacterClass.isUpper(v.at(i)), let (name, m) = Self.shortMonths.first(where: { matches(v, $0.0, at: i) }) {
            let k = i + name.unicodeScalars.count
            let j = v.at(k) == " " ? k + 1 : k
            if !CharacterClass.isLetter(v.at(k)), let (y, e) = year(v, at: j, twoDigits: false) { return (.point(.month(y, m), part: nil), e) }
            if !CharacterClass.isLetter(v.at(k)), let (d, e) = dayNumber(v, at: j) {
                var y = anchor?.year
                var after = e
                if v.at(e) == ",", v.at(e + 1) == " ", let (yy, ye) = year(v, at: e + 2, twoDigits: false) { (y, after) = (yy, ye) }
                else if v.at(e) == " ", let (yy, ye) = year(v, at: e + 1, twoDigits: false) { (y, after) = (yy, ye) }
                guard let y, d <= Day.daysIn(year: y, month: m) else { return nil }
                return (.point(.day(y, m, d), part: nil), after)
            }
        }
        // Ordinal words for days: the first of March, March third 2015, February the 15th.
        if let r = ordinalDay(v, at: i, anchor: anchor) { return r }
        // `on the 15th`, `on 24th`: a day of the document's month (not `the 21st century`).
        if afterPreposition, let anchor, let (d, e) = dayNumber(v, at: matches(v, "the ", at: i) ? i + 4 : i), CharacterClass.isLetter(v.at(e - 1)),
            !(v.at(e) == " " && CharacterClass.isLetter(v.at(e + 1)) && !Self.afterDayWords.contains(where: { matchesWord(v, $0, at: e + 1) })),
            !CharacterClass.isLetter(v.at(e)), d <= Day.daysIn(year: anchor.year, month: anchor.month)
        {
            return (.point(.day(anchor.year, anchor.month, d), part: nil), e)
        }
        // Month first: April 10, 2024 / April 2024 / April; in lower case only before a day or year (march 3).
        if let (name, m) = monthAt(v, i) {
            var k = i + name.unicodeScalars.count
            if !CharacterClass.isUpper(v.at(i)) {
                guard !name.hasSuffix("."), name != "may", v.at(k) == " ", CharacterClass.isDigit(v.at(k + 1)),
                    let (_, e) = dayNumber(v, at: k + 1) ?? year(v, at: k + 1, twoDigits: false),
                    !((v.at(e) == "," || v.at(e) == ".") && CharacterClass.isDigit(v.at(e + 1)))
                else { return nil }
            }
            // `May` is also a verb: only a preposition before it or a day or year after it makes it a date.
            if name == "may", !afterPreposition, !(v.at(k) == " " && CharacterClass.isDigit(v.at(k + 1))) { return nil }
            if v.at(k) == " ", let (d, e) = dayNumber(v, at: k + 1) {
                var after = e
                var y = anchor?.year
                if v.at(after) == ",", v.at(after + 1) == " ", let (yy, ye) = year(v, at: after + 2, twoDigits: false) {
                    y = yy
                    after = ye
                } else if v.at(after) == " ", let (yy, ye) = year(v, at: after + 1, twoDigits: false) {
                    y = yy
                    after = ye
                }
                // `October 7 of last year`.
                if let anchor, let (delta, e) = relativeYearTail(v, at: after) {
                    y = anchor.year + delta
                    after = e
                }
                guard let y, d <= Day.daysIn(year: y, month: m) else { return nil }
                return (.point(.day(y, m, d), part: nil), after)
            }
            if v.at(k) == " ", let (y, e) = year(v, at: k + 1, twoDigits: false) { return (.point(.month(y, m), part: nil), e) }
            if v.at(k) == " ", matches(v, " of ", at: k), let (y, e) = year(v, at: k + 4, twoDigits: false) {
                return (.point(.month(y, m), part: nil), e)
            }
            guard let anchor else { return nil }
            k = i + name.unicodeScalars.count
            // `October this year`, `March of next year`.
            if let (delta, e) = relativeYearTail(v, at: k) { return (.point(.month(anchor.year + delta, m), part: nil), e) }
            return (.point(.month(anchor.year, m), part: nil), k)
        }
        // Days first as a range: `13-15 July`, `from the 13 to the 15th of July`, `23rd to 26th Oct`.
        if let r = dayRange(v, at: i, anchor: anchor) { return r }
        // Day first: 10 April 2024, 1st march 2025; without a year, an ordinal (15th February) or `of` (15 of February).
        if let (d, e) = dayNumber(v, at: i), v.at(e) == " " {
            let of = matches(v, " of ", at: e)
            let m0 = of ? e + 4 : e + 1
            for (name, m) in Self.months where !name.hasSuffix(".") && matchesWord(v, name, at: m0) {
                let k = m0 + name.unicodeScalars.count
                if v.at(k) == " ", let (y, ye) = year(v, at: k + 1, twoDigits: false), d <= Day.daysIn(year: y, month: m) {
                    return (.point(.day(y, m, d), part: nil), ye)
                }
                if let anchor, of || !CharacterClass.isDigit(v.at(e - 1)), name != "may" || CharacterClass.isUpper(v.at(m0)), d <= Day.daysIn(year: anchor.year, month: m) {
                    return (.point(.day(anchor.year, m, d), part: nil), k)
                }
            }
        }
        // ISO year and month: 2014-10.
        if let (y, e) = NumericDates.digits(v, at: i, max: 4), e == i + 4, v.at(e) == "-", let (m, me) = NumericDates.digits(v, at: e + 1, max: 2),
            me == e + 3, (1...12).contains(m), Day.years.contains(y), !CharacterClass.isDigit(v.at(me + 1)), v.at(me) != "-"
        {
            return (.point(.month(y, m), part: nil), me)
        }
        // Seasons with a year: summer 2024, spring of 2024.
        for (name, code) in Self.seasons where matchesWord(v, name, at: i) {
            var k = i + name.unicodeScalars.count
            if matches(v, " of", at: k) { k += 3 }
            if v.at(k) == " ", let (y, e) = year(v, at: k + 1, twoDigits: false) { return (.point(.season(y, code), part: nil), e) }
        }
        // A year alone.
        if let (y, e) = year(v, at: i, twoDigits: false) { return (.point(.year(y), part: nil), e) }
        return nil
    }

    /// `13-15 July`, `1-8 september 2025`, `from the 13 to the 15th of July`, `23rd to 26th Oct`,
    /// `19th To 21st aug`: two days of one month, written before it.
    func dayRange(_ v: TextView, at i: Int, anchor: Day?) -> (Core, Int)? {
        let a = matches(v, "the ", at: i) ? i + 4 : i
        guard let (d1, e1) = dayNumber(v, at: a) else { return nil }
        var k: Int
        if v.at(e1) == "-" || v.at(e1) == "–" { k = e1 + 1 }
        else if let joint = [" to ", " thru ", " through ", " - ", " – "].first(where: { matches(v, $0, at: e1) }) { k = e1 + joint.unicodeScalars.count }
        else { return nil }
        if matches(v, "the ", at: k) { k += 4 }
        guard let (d2, e2) = dayNumber(v, at: k), d2 > d1, v.at(e2) == " " else { return nil }
        let m0 = matches(v, " of ", at: e2) ? e2 + 4 : e2 + 1
        let month: Int, me: Int
        if let (m, e) = monthName(v, at: m0, lowerCase: true) { (month, me) = (m, e) }
        else if let (name, m) = Self.shortMonths.first(where: { matchesWord(v, $0.0, at: m0) }) { (month, me) = (m, m0 + name.unicodeScalars.count) }
        else { return nil }
        var end = me
        var y = anchor?.year
        if v.at(me) == " " || v.at(me) == ",", let (yy, ye) = year(v, at: me + (v.at(me) == "," ? 2 : 1), twoDigits: false) { (y, end) = (yy, ye) }
        guard let y, let first = Day(checkedYear: y, month: month, day: d1), let last = Day(checkedYear: y, month: month, day: d2) else { return nil }
        return (.range(.day(first.year, first.month, first.day), .day(last.year, last.month, last.day)), end)
    }

    /// `the first week of October 2014`, `last day of October`, `third day of october`,
    /// `first tuesday of october`, `the last Friday in October`, `the first Monday of the month`,
    /// `the 2nd week of next month`: a day or week counted within a month.
    func nthOfMonth(_ v: TextView, at i: Int, anchor: Day?) -> (Core, Int)? {
        let k = matches(v, "the ", at: i) ? i + 4 : i
        let n: Int, e: Int
        if matchesWord(v, "last", at: k) { (n, e) = (-1, k + 4) }
        else if let (o, oe) = ordinal(v, at: k), o <= 31 { (n, e) = (o, oe) }
        else { return nil }
        guard v.at(e) == " " else { return nil }
        let w = e + 1
        var weekday: Int?
        var week = false
        var we: Int
        if matchesWord(v, "day", at: w) { we = w + 3 }
        else if matchesWord(v, "week", at: w) { (week, we) = (true, w + 4) }
        else if let (wd, wde) = self.weekday(v, at: w) { (weekday, we) = (wd, wde) }
        else { return nil }
        guard matches(v, " of ", at: we) || matches(v, " in ", at: we) else { return nil }
        let m0 = we + 4
        var y: Int, m: Int, end: Int
        if let (mm, me) = monthName(v, at: m0, lowerCase: true) {
            guard let year = anchor?.year else { return nil }
            (y, m, end) = (year, mm, me)
            if v.at(me) == " " || v.at(me) == ",", let (yy, ye) = self.year(v, at: me + (v.at(me) == "," ? 2 : 1), twoDigits: false) { (y, end) = (yy, ye) }
        } else if let anchor, matchesWord(v, "the month", at: m0) {
            (y, m, end) = (anchor.year, anchor.month, m0 + 9)
        } else if let (core, ce) = relative(v, at: m0, anchor: anchor), case .point(.month(let yy, let mm), _) = core {
            (y, m, end) = (yy, mm, ce)
        } else {
            return nil
        }
        guard Day.years.contains(y) else { return nil }
        let days = Day.daysIn(year: y, month: m)
        if let weekday {
            guard n <= 5, let d = Holidays.day(.weekday(weekday, nth: n, month: m), in: y), d.month == m else { return nil }
            return (.point(.day(d.year, d.month, d.day), part: nil), end)
        }
        if week {
            guard n <= 5 else { return nil }
            let d = n < 0 ? Day(year: y, month: m, day: days) : Day(year: y, month: m, day: 1).adding(days: 7 * (n - 1))
            guard d.month == m else { return nil }
            return (.point(TimePoint.week(of: d, plus: 0), part: nil), end)
        }
        let day = n < 0 ? days : n
        guard day <= days else { return nil }
        return (.point(.day(y, m, day), part: nil), end)
    }

    func halfOrQuarter(_ v: TextView, at i: Int, anchor: Day?) -> (Core, Int)? {
        let k = matches(v, "the ", at: i) ? i + 4 : i
        // `first`…`fourth` or `1st`…`4th`, read as `ordinal` reads a day.
        guard let (n, e) = ordinal(v, at: k), (1...4).contains(n), v.at(e) == " " else { return nil }
        var j = e + 1
        let half = matches(v, "half of ", at: j)
        // `the third quarter of 2025`; `the 3rd quarter` and `third qtr` of the document's year.
        if !half, let q = ["quarter", "qtr"].first(where: { matchesWord(v, $0, at: j) }), !matches(v, q + " of ", at: j) {
            guard let anchor else { return nil }
            return (.point(.quarter(anchor.year, n), part: nil), j + q.count)
        }
        let qtr = matches(v, "qtr of ", at: j)
        guard half && n <= 2 || matches(v, "quarter of ", at: j) || qtr else { return nil }
        j += half ? 8 : (qtr ? 7 : 11)
        guard let (core, e) = relative(v, at: j, anchor: anchor) ?? calendar(v, at: j, anchor: anchor) ?? decade(v, at: j),
            case .point(let p, _) = core
        else { return nil }
        switch p {
        case .year(let y): return (.point(half ? .half(y, n) : .quarter(y, n), part: nil), e)
        case .fiscalYear(let y): return (.point(half ? .fiscalHalf(y, n) : .fiscalQuarter(y, n), part: nil), e)
        default: return (.point(p, part: n == 1 ? .beginning : .end), e)
        }
    }

    /// Days as ordinal words, by packed key: first … nineteenth, twentieth, thirtieth
    /// (`twenty-first` is read as `twenty` and `first`).
    static let ordinalKeys: [UInt64: Int] = {
        let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
            "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
        var keys = Dictionary(uniqueKeysWithValues: words.enumerated().map { (key(Array($0.element.unicodeScalars)[...])!, $0.offset + 1) })
        keys[key(Array("twentieth".unicodeScalars)[...])!] = 20
        keys[key(Array("thirtieth".unicodeScalars)[...])!] = 30
        return keys
    }()
    static let tensKeys: [UInt64: Int] = [key(Array("twenty".unicodeScalars)[...])!: 20, key(Array("thirty".unicodeScalars)[...])!: 30]

    /// A day written as an ordinal word (`third`) or number (`15th`), and where it ends.
    func ordinal(_ v: TextView, at i: Int) -> (Int, Int)? {
        if CharacterClass.isDigit(v.at(i)) {
            guard let (d, e) = dayNumber(v, at: i), CharacterClass.isLetter(v.at(e - 1)) else { return nil }
            return (d, e)
        }
        let (key, e) = Self.word(v, i)
        guard let key else { return nil }
        if let n = Self.ordinalKeys[key] { return (n, e) }
        // twenty-first, thirty-first.
        if v.at(e) == "-", let tens = Self.tensKeys[key] {
            let (unitKey, ue) = Self.word(v, e + 1)
            if let unitKey, let unit = Self.ordinalKeys[unitKey], unit < 10, tens + unit <= 31 { return (tens + unit, ue) }
        }
        return nil
    }

    /// `the first of March`, `first of march 2015`, `March third`, `February the 15th`.
    func ordinalDay(_ v: TextView, at i: Int, anchor: Day?) -> (Core, Int)? {
        var day: Int, month: Int, end: Int
        let k = matches(v, "the ", at: i) ? i + 4 : i
        if let (d, e) = ordinal(v, at: k), matches(v, " of ", at: e), let (m, me) = monthName(v, at: e + 4, lowerCase: true) {
            (day, month, end) = (d, m, me)
        } else if k == i, let (m, me) = monthName(v, at: i, lowerCase: true), v.at(me) == " " {
            let j = matches(v, " the ", at: me) ? me + 5 : me + 1
            guard let (d, e) = ordinal(v, at: j), !CharacterClass.isDigit(v.at(j)) || j > me + 1 else { return nil }
            (day, month, end) = (d, m, e)
        } else {
            return nil
        }
        var y = anchor?.year
        if v.at(end) == " " || v.at(end) == ",", let (written, ye) = year(v, at: end + (v.at(end) == "," ? 2 : 1), twoDigits: false) {
            (y, end) = (written, ye)
        }
        guard let y, day <= Day.daysIn(year: y, month: month) else { return nil }
        return (.point(.day(y, month, day), part: nil), end)
    }

    static let holidayInitials = Initials(Holidays.names.map(\.0))
    /// Words that may follow `on the 15th` where a noun would make it an ordinal (`the 15th anniversary`).
    static let afterDayWords = ["to", "and", "or", "at", "in", "for", "when", "with", "from", "until"]

    /// A holiday's name at `i`, in any case, with either apostrophe (`Mother’s Day`).
    func holiday(_ v: TextView, at i: Int) -> (Holidays.Rule, Int)? {
        Holidays.named(v, at: i) { name, at in
            var j = at
            for w in name.unicodeScalars {
                guard j < v.count else { return false }
                var u = v[j]
                if u == "’" { u = "'" }
                if CharacterClass.isUpper(u) { u = Unicode.Scalar(u.value + 32)! }
                guard u == w else { return false }
                j += 1
            }
            return true
        }
    }

    /// A day of the week at `i` (abbreviated only in capitals), 1 for Monday, and where it ends.
    static let weekdayKeys: [UInt64: (name: String, day: Int)] = Dictionary(
        weekdays.map { (key(Array($0.0.unicodeScalars)[...])!, ($0.0, $0.1)) }, uniquingKeysWith: { a, _ in a })

    func weekday(_ v: TextView, at i: Int) -> (Int, Int)? {
        let (key, end) = Self.word(v, i)
        if let key, let (name, n) = Self.weekdayKeys[key] {
            var e = end
            if !name.hasSuffix("day") {
                // Abbreviations only in capitals and before a date: `Fri, Jul 18`, `Wed. Feb 13` (not `the Sun.`).
                guard CharacterClass.isUpper(v[i]) else { return nil }
                if v.at(e) == "." { e += 1 }
                let k = v.skipSpaces(from: v.at(e) == "," ? e + 1 : e)
                guard v.at(e) == "," || v.at(e) == " ", CharacterClass.isDigit(v.at(k)) || monthName(v, at: k, lowerCase: false) != nil
                    || Self.shortMonths.contains(where: { matchesWord(v, $0.0, at: k) })
                else { return nil }
            }
            return (n, e)
        }
        return nil
    }

    /// A time of day: `3pm`, `11:45 a.m.`, `15:30`, `at 9am`, `3 in the morning`, `3 o'clock in
    /// the afternoon`, `at three am`, `at ten thirty p.m.`, `half past 3 pm`, `a quarter to noon`.
    func clock(_ v: TextView, at i: Int) -> (TimePoint, Int)? {
        let u = v.at(i)
        // Digits, `at …`, `half …` and `quarter …` open a time of day; other words never do.
        switch u {
        case "0"..."9", "a", "A", "h", "H", "q", "Q": break
        default: return nil
        }
        let k = matches(v, "at ", at: i) ? i + 3 : i
        if let r = clockFromHour(v, at: k) { return r }
        guard CharacterClass.isDigit(v.at(k)) else { return k > i ? wordClock(v, at: k) : nil }
        var point: TimePoint
        var e: Int
        if let (p, pe) = ClockTimes.colon(v, at: k) {
            (point, e) = (p, pe)
        } else if let (h, he) = NumericDates.digits(v, at: k, max: 2), h <= 24, v.at(he) == "h" {
            // 15h00, 13h30, 15h: the hour mark of European style.
            if let (m, me) = NumericDates.digits(v, at: he + 1, max: 2), me == he + 3, m < 60, !CharacterClass.isLetter(v.at(me)) {
                return (.clock(h, m, nil), me)
            }
            return CharacterClass.isLetter(v.at(he + 1)) ? nil : (.clock(h, 0, nil), he + 1)
        } else if let (h, he) = NumericDates.digits(v, at: k, max: 2), (1...12).contains(h) {
            (point, e) = (.clock(h, 0, nil), he)
        } else {
            return nil
        }
        guard case .clock(let h, let m, let s) = point else { return nil }
        if let (pm, end) = meridiem(v, at: e, minutes: m) {
            guard let pm else { return (point, end) }  // `3 o'clock`, `15:00 o'clock`
            guard h <= 12 else { return nil }
            return (.clock(ClockTimes.twentyFour(h, afternoon: pm), m, s), end)
        }
        // An hour alone is a time only with am or pm; `at 15:30` and `15:30` are read as they stand.
        guard m > 0 || ClockTimes.isColon(v.at(k + (h >= 10 ? 2 : 1))) else { return nil }
        return (point, e)
    }

    /// Words after an hour that say which half of the day it is in, `pm` true for the
    /// afternoon, or nil after `o'clock` alone, and where they end.
    func meridiem(_ v: TextView, at start: Int, minutes m: Int) -> (Bool?, Int)? {
        var e = start
        var oclock = false
        for w in [" o'clock", " oclock", " o’clock"] where matches(v, w, at: e) {
            e += w.unicodeScalars.count
            oclock = true
            break
        }
        let j = v.at(e) == " " ? e + 1 : e
        // am and pm, glued or after a space, with or without points; `7:30p` glued only.
        for (marker, pm) in Self.meridiemMarks
        where matches(v, marker, at: j) && !CharacterClass.isLetter(v.at(j + marker.count)) && (marker.count > 1 || j == e && m > 0) {
            return (pm, j + marker.count)
        }
        for (words, pm) in Self.dayHalves where matches(v, words, at: e) && !CharacterClass.isLetter(v.at(e + words.count)) {
            return (pm, e + words.count)
        }
        return oclock ? (nil, e) : nil
    }

    static let meridiemMarks = [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true), ("a", false), ("p", true)]
    static let dayHalves = [
        (" in the morning", false), (" in the am", false), (" in the afternoon", true), (" in afternoon", true), (" in the evening", true),
        (" in the pm", true), (" at night", true),
    ]

    /// `at three am`, `at seven thirty p.m.`, `at ten o'clock`: an hour in words, with the half
    /// of the day said (a number word alone is no time).
    func wordClock(_ v: TextView, at k: Int) -> (TimePoint, Int)? {
        guard let (hour, he) = EnglishNumber.unitWord(v, at: k), (1...12).contains(hour) else { return nil }
        let h = Int(hour)
        var m = 0
        var e = he
        // `ten thirty`, `four twenty-three`.
        if v.at(he) == " " || v.at(he) == "-", let (minutes, me) = EnglishNumber.parseWords(v, at: he + 1), (10...59).contains(minutes) {
            (m, e) = (Int(minutes), me)
        }
        guard let (pm, end) = meridiem(v, at: e, minutes: m) else { return nil }
        guard let pm else { return (.clock(h, m, nil), end) }
        return (.clock(ClockTimes.twentyFour(h, afternoon: pm), m, nil), end)
    }

    /// `half past 3 pm`, `a quarter past noon`, `20 minutes past 3pm`, `twenty after 3pm`,
    /// `a quarter to noon`: minutes counted from or to an hour. Before an hour only halves,
    /// quarters and counts of minutes read so (`5 to 10 am` is a range).
    func clockFromHour(_ v: TextView, at k: Int) -> (TimePoint, Int)? {
        var minutes: Int
        var j: Int
        var counted = false
        if matchesWord(v, "half", at: k) { (minutes, j) = (30, k + 4) }
        else if matchesWord(v, "a quarter", at: k) { (minutes, j) = (15, k + 9) }
        else if matchesWord(v, "quarter", at: k) { (minutes, j) = (15, k + 7) }
        else if let n = EnglishNumber.parse(v, at: k), n.value == n.value.rounded(), (1...59).contains(n.value), !n.scaled {
            (minutes, j) = (Int(n.value), n.end)
            for w in [" minutes", " minute", " mins", " min"] where matchesWord(v, w, at: j) {
                j += w.count
                counted = true
                break
            }
        } else {
            return nil
        }
        let before: Bool
        if matches(v, " past ", at: j) { (before, j) = (false, j + 6) }
        else if matches(v, " after ", at: j) { (before, j) = (false, j + 7) }
        else if matches(v, " to ", at: j), counted || minutes == 15 || minutes == 30 { (before, j) = (true, j + 4) }
        else if matches(v, " before ", at: j), counted || minutes == 15 || minutes == 30 { (before, j) = (true, j + 8) }
        else { return nil }
        let h: Int, end: Int
        if matchesWord(v, "noon", at: j) { (h, end) = (12, j + 4) }
        else if matchesWord(v, "midnight", at: j) { (h, end) = (0, j + 8) }
        else if let (p, e) = clock(v, at: j), case .clock(let hh, 0, _) = p { (h, end) = (hh, e) }
        else { return nil }
        let total = (h * 60 + (before ? -minutes : minutes) + 1440) % 1440
        return (.clock(total / 60, total % 60, nil), end)
    }

    /// Month names by their packed keys (`key`): full names, and abbreviations that stand
    /// only with their point (`Sept.`).
    static let monthKeys: [UInt64: (name: String, month: Int)] = Dictionary(
        months.map { (key(Array($0.0.unicodeScalars.filter { $0 != "." })[...])!, ($0.0, $0.1)) }, uniquingKeysWith: { a, _ in a })

    /// The month named at `i` (a whole word, or an abbreviation with its point) as the table spells it.
    func monthAt(_ v: TextView, _ i: Int) -> (String, Int)? {
        let (key, e) = Self.word(v, i)
        guard let key, let (name, m) = Self.monthKeys[key] else { return nil }
        if name.hasSuffix(".") { return v.at(e) == "." ? (name, m) : nil }
        return (name, m)
    }

    /// A month's full name at `i`, in capitals or, when `lowerCase`, in lower case as well.
    func monthName(_ v: TextView, at i: Int, lowerCase: Bool) -> (Int, Int)? {
        guard lowerCase || CharacterClass.isUpper(v.at(i)), let (name, m) = monthAt(v, i), !name.hasSuffix(".") else { return nil }
        return (m, i + name.unicodeScalars.count)
    }

    /// `the 2020s`, `2030s`: a decade, by its first year.
    func decade(_ v: TextView, at i: Int) -> (Core, Int)? {
        let k = matches(v, "the ", at: i) ? i + 4 : i
        guard let (n, e) = NumericDates.digits(v, at: k, max: 4), e == k + 4, n % 10 == 0, (1800...2090).contains(n),
            v.at(e) == "s", !CharacterClass.isLetter(v.at(e + 1)), v.at(k - 1) != "$"
        else { return nil }
        return (.point(.decade(n), part: nil), e + 1)
    }

    /// ` this year`, ` of last year`, ` next year` after a month: the year it names, relative to the document.
    func relativeYearTail(_ v: TextView, at k: Int) -> (Int, Int)? {
        for (words, delta) in Self.yearTails where matches(v, words, at: k) {
            return (delta, k + words.unicodeScalars.count)
        }
        return nil
    }

    /// `2024`, not part of a larger number, a money sum or a measure (`$2024`, `2024.5`, `2,024`).
    func year(_ v: TextView, at i: Int, twoDigits: Bool) -> (Int, Int)? {
        var j = i
        var n = 0
        while CharacterClass.isDigit(v.at(j)), j - i < 5 {
            n = n * 10 + Int(v[j].value - 0x30)
            j += 1
        }
        let digits = j - i
        if twoDigits && digits == 2 { return (2000 + n, j) }
        guard digits == 4, n >= 1800, n <= 2100 else { return nil }
        let after = v.at(j)
        if CharacterClass.isDigit(after) || CharacterClass.isLetter(after) && after != "s" || (after == "." || after == ",") && CharacterClass.isDigit(v.at(j + 1)) || after == "%" {
            return nil
        }
        if after == "s" { return nil }  // the 2030s
        if v.at(i - 1) == "$" { return nil }
        return (n, j)
    }

    func dayNumber(_ v: TextView, at i: Int) -> (Int, Int)? {
        var j = i
        var n = 0
        while CharacterClass.isDigit(v.at(j)), j - i < 2 {
            n = n * 10 + Int(v[j].value - 0x30)
            j += 1
        }
        guard j > i, !CharacterClass.isDigit(v.at(j)), (1...31).contains(n) else { return nil }
        for suffix in Self.ordinalSuffixes where matches(v, suffix, at: j) && !CharacterClass.isLetter(v.at(j + 2)) { return (n, j + 2) }
        return (n, j)
    }

    /// The second half of `April 3-4`, `from April 3 to 4`, `from 2024 to 2026`, `2024–2026`.
    func rangeEnd(_ v: TextView, at end: Int, first: TimePoint, anchor: Day?) -> (TimePoint, Int)? {
        var k: Int
        if v.at(end) == "-" || v.at(end) == "–" {
            k = end + 1
        } else if matches(v, " to ", at: end) || matches(v, " and ", at: end) {
            k = end + (matches(v, " to ", at: end) ? 4 : 5)
        } else if matches(v, " through ", at: end) {
            k = end + 9
        } else if matches(v, " thru ", at: end) {
            k = end + 6
        } else {
            return nil
        }
        if case .day(let y, let m, let d) = first, let (d2, e) = dayNumber(v, at: k), d2 > d, !CharacterClass.isLetter(v.at(e)),
            !(v.at(e) == " " && Self.months.contains { matches(v, $0.0, at: e + 1) })
        {
            if v.at(e) == ",", let (y2, ye) = year(v, at: e + 2, twoDigits: false) {
                return (Self.withYear(.day(y, m, d2), y2), ye)
            }
            return (.day(y, m, d2), e)
        }
        // `from 2 pm to 5 pm`, `3-4pm`: a time of day runs to another.
        if case .clock = first {
            return clock(v, at: k)
        }
        if let (core, e) = calendar(v, at: k, anchor: anchor), case .point(let p, _) = core {
            return (p, e)
        }
        return nil
    }
}

/// Lower-case phrases grouped by their first letter, in their order: a position is tried
/// against the few that could match there.
struct PhraseTable<Value: Sendable>: Sendable {
    private let groups: [[(String, Value)]]

    init(_ phrases: [(String, Value)]) {
        var groups = [[(String, Value)]](repeating: [], count: 26)
        for (phrase, value) in phrases {
            let u = phrase.unicodeScalars.first!
            precondition(u.value >= 0x61 && u.value <= 0x7A, "phrases start with a lower-case ASCII letter")
            groups[Int(u.value - 0x61)].append((phrase, value))
        }
        self.groups = groups
    }

    @inline(__always) func candidates(_ v: TextView, _ i: Int) -> [(String, Value)] {
        let u = v.at(i)
        guard CharacterClass.isASCIILetter(u) else { return [] }
        return groups[Int((u.value | 0x20) - 0x61)]
    }
}

/// The first letters of a list of lower-case phrases: a phrase can match (case-insensitively)
/// only where the text starts with one of them, so the list is passed over at once elsewhere.
struct Initials: Sendable {
    let mask: UInt32

    init(_ phrases: [String]) {
        var m: UInt32 = 0
        for p in phrases {
            let u = p.unicodeScalars.first!
            precondition(u.value >= 0x61 && u.value <= 0x7A, "phrases start with a lower-case ASCII letter")
            m |= 1 << (u.value - 0x61)
        }
        mask = m
    }

    @inline(__always) func mayOpen(_ v: TextView, _ i: Int) -> Bool {
        let u = v.at(i)
        guard CharacterClass.isASCIILetter(u) else { return false }
        return mask & (1 << ((u.value | 0x20) - 0x61)) != 0
    }
}
