import PledgeModel

/// Reads English numbers: digits with thousands separators and decimals (`30,500`,
/// `2.9`), number words (`three`, `twenty-five`, `two hundred`), and a scale word
/// after either (`$2.9 billion`, `two million`).
public enum EnglishNumber {
    static let units: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    /// The number words as code points, longest first so `seventeen` wins over `seven`.
    static let unitWords: [([Unicode.Scalar], Double)] = units.map { (Array($0.key.unicodeScalars), $0.value) }
        .sorted { $0.0.count > $1.0.count }
    static let scales: [String: Double] = [
        "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mn": 1e6, "bn": 1e9,
        "m": 1e6, "b": 1e9, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    ]

    /// The lower-cased word of letters (and inner hyphens) starting at `i`, and where it ends.
    static func word(_ v: TextView, at i: Int) -> (String, Int) {
        // Callers look one past a word, which may be the end of the text.
        guard i < v.count else { return ("", i) }
        var j = i
        while j < v.count, CharacterClass.isLetter(v[j]) || (v[j] == "-" && CharacterClass.isLetter(v.at(j + 1)) && j > i) { j += 1 }
        return (v.lowercasedString(i, j), j)
    }

    /// Parses the number starting at `i` (digits or a number word at a word start).
    public static func parse(_ v: TextView, at i: Int) -> NumberMatch? {
        var value: Double
        var end: Int
        var words = false
        if CharacterClass.isDigit(v[i]) {
            guard let (n, e) = JapaneseNumber.parseArabic(v, at: i) else { return nil }
            value = n
            end = e
        } else {
            guard !CharacterClass.isLetter(v.at(i - 1)), let (n, e) = parseWords(v, at: i) else { return nil }
            value = n
            end = e
            words = true
        }
        if let (scale, e) = scale(v, after: end, words: words) {
            value *= scale
            end = e
        }
        // 8.45 million is 8450000, not 8450000.000000002.
        let whole = value.rounded()
        if abs(value - whole) < 1e-6 * max(1, abs(value)) { value = whole }
        return NumberMatch(value: value, end: end, scaled: value >= 1000 && words, kanji: words)
    }

    /// The scale word after a number, after a space (`2.9 billion`) or glued (`$5bn`), as a
    /// factor, and where it ends. `hundred` scales only number words (`two hundred`).
    static func scale(_ v: TextView, after end: Int, words: Bool) -> (Double, Int)? {
        let k = v.at(end) == " " || v.at(end) == "-" ? end + 1 : end
        let (w, we) = word(v, at: k)
        guard let scale = scales[w], !(scale == 100 && !words), !(w.count == 1 && k != end), !(w == "k" && k != end) else { return nil }
        // `two hundred million`
        if scale == 100, v.at(we) == " ", let next = scales[word(v, at: we + 1).0], next > 100 {
            return (scale * next, word(v, at: we + 1).1)
        }
        return (scale, we)
    }

    /// Packed keys (five bits a letter) of the number words, for the time rules' quick test.
    static let unitKeys = KeySet(unitKeyList)
    static let unitKeyList = units.keys.compactMap { EnglishTimeRules.key(Array($0.unicodeScalars)[...]) }

    static func isNumberWord(_ key: UInt64) -> Bool { unitKeys.contains(key) }

    /// `three`, `Twenty-five`: a number word standing alone (compared without allocating,
    /// since every word of a text is tried).
    static func parseWords(_ v: TextView, at i: Int) -> (Double, Int)? {
        // `half-billion`, `half a million`: the scale word that follows does the rest.
        if v.matches("half-", at: i) || v.matches("Half-", at: i) { return (0.5, i + 4) }
        if v.matches("half a ", at: i) || v.matches("Half a ", at: i) { return (0.5, i + 6) }
        // `a million people`, `a billion dollars`: the article stands for one before a scale word.
        if v[i] == "a" || v[i] == "A", v.at(i + 1) == " ", let (scale, _) = scale(v, after: i + 1, words: true), scale >= 100 {
            return (1, i + 1)
        }
        guard let (a, e) = unitWord(v, at: i) else { return nil }
        if v.at(e) == "-", a >= 20, let (b, e2) = unitWord(v, at: e + 1), b < 10 { return (a + b, e2) }
        return (a, e)
    }

    static func unitWord(_ v: TextView, at i: Int) -> (Double, Int)? {
        let first = CharacterClass.isUpper(v[i]) ? Unicode.Scalar(v[i].value + 32)! : v[i]
        for (word, value) in unitWords where word[0] == first {
            var j = 1
            while j < word.count, i + j < v.count, v[i + j] == word[j] { j += 1 }
            if j == word.count, !CharacterClass.isLetter(v.at(i + j)) { return (value, i + j) }
        }
        return nil
    }
}

/// English amounts: `$2.9 billion`, `USD 110 million`, `¥120 billion`, `approximately
/// 120 billion yen`, `€1.5 billion`, `PHP 10 million`, `more than three million people`,
/// `3,000 more jobs`, `an eight-person pilot`.
public struct EnglishAmountRules: AmountRules {
    public init() {}

    static let symbols: [(String, String)] = [
        ("US$", "USD"), ("A$", "AUD"), ("C$", "CAD"), ("NZ$", "NZD"), ("S$", "SGD"), ("HK$", "HKD"), ("$", "USD"),
        ("NT$", "TWD"), ("R$", "BRL"), ("Rs.", "INR"), ("Rs", "INR"), ("RM", "MYR"),
        ("¥", "JPY"), ("￥", "JPY"), ("€", "EUR"), ("£", "GBP"), ("₩", "KRW"), ("₱", "PHP"), ("₹", "INR"), ("₫", "VND"),
        ("฿", "THB"), ("₺", "TRY"), ("₽", "RUB"), ("₪", "ILS"),
    ]
    /// Subunits named alone: `ten cents` is a tenth of a dollar.
    static let subunitWords: [(String, String)] = [("cents", "USD"), ("cent", "USD"), ("pennies", "USD"), ("penny", "USD"), ("pence", "GBP")]

    /// Marks written after the number (`20€`, `500 ¥`).
    static let trailingSymbols: [(String, String)] = [("US$", "USD"), ("Rs", "INR"), ("RMB", "CNY"), ("RM", "MYR"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("￥", "JPY"), ("₩", "KRW"), ("₹", "INR"), ("₫", "VND")]
    /// The first code points of `symbols`: elsewhere no mark is tried.
    static let symbolInitials = Set(symbols.map { $0.0.unicodeScalars.first! })
    static var codes: Set<String> { Currencies.codes }

    /// The currency named after a number, one to a few words (`ringgit`, `Swiss francs`,
    /// `New Taiwan dollars`), and where its name ends. A word that names a currency only as
    /// the last word of its name (`baht`, `dinar`) counts after digits, not after `two`.
    func currencyName(_ v: TextView, at k: Int, afterDigits: Bool) -> (code: String, end: Int)? {
        var words: [String] = []
        var ends: [Int] = []
        var at = k
        // Most numbers are followed by no currency's first word: settled with one lookup.
        let (first, _) = EnglishNumber.word(v, at: k)
        guard Currencies.englishFirstWords.contains(first) else { return nil }
        for _ in 0..<Currencies.longestEnglishName {
            let (w, we) = EnglishNumber.word(v, at: at)
            guard !w.isEmpty else { break }
            words.append(w)
            ends.append(we)
            guard v.at(we) == " " else { break }
            at = we + 1
        }
        for n in stride(from: words.count, through: 1, by: -1) {
            let name = words[..<n].joined(separator: " ")
            guard let code = Currencies.english[name] else { continue }
            if n == 1, !afterDigits, Currencies.preferred[name] == nil, Currencies.preferred[String(name.dropLast())] == nil { continue }
            return (code, ends[n - 1])
        }
        return nil
    }
    static let peopleNouns: Set<String> = [
        "people", "persons", "person", "jobs", "job", "workers", "employees", "students", "participants", "personnel",
        "individuals", "fellows", "professionals", "researchers", "experts", "scholars", "teachers", "troops", "officials",
        "visitors", "tourists", "refugees", "residents", "children", "women", "youth", "engineers", "members",
        "staff", "trainees", "positions", "scientists", "doctors", "nurses", "volunteers", "soldiers", "veterans",
        "citizens", "civilians", "alumni", "delegates", "entrepreneurs", "americans", "japanese", "graduates", "interns",
        "leaders", "journalists", "senators", "executives", "farmers", "australians", "filipinos", "koreans", "lawmakers",
        "diplomats", "patients", "learners", "educators", "families", "girls", "boys", "men",
    ]
    /// Qualifiers before the amount, longest first.
    static let leading: [(String, Qualifier)] = [
        ("more than ", .over), ("in excess of ", .over), ("upwards of ", .over), ("over ", .over), ("exceeding ", .over),
        ("approximately ", .approx), ("about ", .approx), ("around ", .approx), ("roughly ", .approx), ("nearly ", .approx),
        ("almost ", .approx), ("some ", .approx), ("up to ", .up_to), ("as much as ", .up_to), ("less than ", .up_to),
        ("fewer than ", .up_to), ("lower than ", .up_to), ("under ", .up_to), ("below ", .up_to), ("above ", .over),
        ("greater than ", .over), ("higher than ", .over),
        ("as many as ", .up_to), ("at least ", .at_least), ("a minimum of ", .at_least), ("no less than ", .at_least),
    ]

    /// `leading` with the capitalised form and length of each qualifier, worked out once.
    static let leadingForms: [(words: String, capitalised: String, count: Int, qualifier: Qualifier)] = leading.map {
        ($0.0, $0.0.capitalisedFirst, $0.0.unicodeScalars.count, $0.1)
    }
    static let upToVerbs = ["add ", "adds ", "added ", "adding ", "amount ", "amounts ", "amounting "]
    static let groupWords = ["the ", "The ", "our ", "Our ", "these ", "those ", "both ", "all ", "their "]

    public func amounts(in v: TextView) -> [Amount] {
        var found: [Amount] = []
        var i = 0
        let n = v.count
        let words = v.words ?? WordIndex(v)
        var w = 0
        while i < n {
            if CharacterClass.isASCIILetter(v[i]) {
                // A word: only its first letter can open an amount, told by the index.
                while words.end(w) <= i { w += 1 }
                if words.start(w) == i, mayStart(v, i, numberWord: words.has(w, WordIndex.Class.number)), let (amounts, end) = amountOrRange(in: v, at: i) {
                    found += amounts
                    i = end
                } else {
                    i = words.end(w)
                }
            } else if mayStart(v, i), let (amounts, end) = amountOrRange(in: v, at: i) {
                found += amounts
                i = end
            } else if CharacterClass.isASCIILetter(v[i]) {
                // Nothing starts inside a word: go to its end.
                i += 1
                while i < n, CharacterClass.isASCIILetter(v[i]) { i += 1 }
            } else {
                i += 1
            }
        }
        return found
    }

    /// `mayStart` at the first letter of a word, whose being a number word is known.
    func mayStart(_ v: TextView, _ i: Int, numberWord: Bool) -> Bool {
        let u = v[i]
        let p = v.at(i - 1)
        if CharacterClass.isASCIILetter(p) { return false }
        if CharacterClass.isUpper(u) && !CharacterClass.isLetter(p) {
            if CharacterClass.isUpper(v.at(i + 1)) || v.at(i + 1) == "$" { return true }
            if u == "R", v.at(i + 1) == "s", !CharacterClass.isLetter(v.at(i + 2)) { return true }  // Rs 20
            return numberWord || u == "H" && v.matches("Half", at: i) || u == "A" && Self.isArticleBeforeScale(v, i)
        }
        switch u {
        case "o", "t", "f", "s", "e", "n", "z", "h":
            guard !CharacterClass.isLetter(p) && !CharacterClass.isDigit(p) else { return false }
            return numberWord || u == "h" && v.matches("half", at: i)
        case "a": return Self.isArticleBeforeScale(v, i)
        default: return false
        }
    }

    /// `a million`, `a billion`: the article before a scale word.
    static func isArticleBeforeScale(_ v: TextView, _ i: Int) -> Bool {
        guard v.at(i + 1) == " ", Self.scaleInitials.contains(v.at(i + 2)) else { return false }
        return !CharacterClass.isLetter(v.at(i - 1)) && EnglishNumber.scale(v, after: i + 1, words: true) != nil
    }

    /// The first letters of the scale words (`hundred`, `million`, `lakh`, `crore` ...), either case.
    static let scaleInitials: Set<Unicode.Scalar> = Set(EnglishNumber.scales.keys.flatMap { [$0.unicodeScalars.first!, Unicode.Scalar($0.unicodeScalars.first!.value - 32)!] })

    func mayStart(_ v: TextView, _ i: Int) -> Bool {
        let u = v[i]
        let p = v.at(i - 1)
        // Inside a word nothing starts (most positions of a text end here).
        if CharacterClass.isASCIILetter(p) { return false }
        if CharacterClass.isDigit(u) {
            return !CharacterClass.isDigit(p) && !CharacterClass.isLetter(p) && !(p == "." || p == ",") && p != "-"
        }
        switch u {
        case "$", "¥", "￥", "€", "£", "₩", "₱", "₹", "₫", "฿", "₺", "₽", "₪": return true
        default: break
        }
        if CharacterClass.isUpper(u) && !CharacterClass.isLetter(p) {
            // USD, A$, US$, or a capitalised number word opening a sentence.
            if CharacterClass.isUpper(v.at(i + 1)) || v.at(i + 1) == "$" { return true }
            let (key, _) = EnglishTimeRules.word(v, i)
            return key.map { EnglishNumber.unitKeys.contains($0) } ?? false || v.matches("Half", at: i) || u == "A" && Self.isArticleBeforeScale(v, i)
        }
        if u == "a" { return Self.isArticleBeforeScale(v, i) }
        // Number words start with one of these letters: one, two, ..., ninety.
        switch u {
        case "o", "t", "f", "s", "e", "n", "z", "h":
            guard !CharacterClass.isLetter(p) && !CharacterClass.isDigit(p) else { return false }
            // Only a number word (or `half-`) can start an amount here; most words are passed over at once.
            let (key, _) = EnglishTimeRules.word(v, i)
            return key.map { EnglishNumber.unitKeys.contains($0) } ?? false || v.matches("half", at: i)
        default: return false
        }
    }

    /// The amount that starts at `i`, or both ends of a range that starts there.
    func amountOrRange(in v: TextView, at i: Int) -> ([Amount], Int)? {
        let single = amount(in: v, at: i)
        if let both = range(in: v, at: i, lower: single) { return both }
        return single.map { ([$0.0], $0.1) }
    }

    /// The length of what joins a range's ends at `e`: `10-20`, `10–20`, `10 to 20`, `10 - 20`,
    /// and `10 and 20` after `between`.
    static func rangeConnector(_ v: TextView, at e: Int, between: Bool) -> Int? {
        switch v.at(e) {
        case "-", "–", "—": return 1
        case " ":
            if v.matches(" to ", at: e) { return 4 }
            if between && v.matches(" and ", at: e) { return 5 }
            if v.at(e + 1) == "-" || v.at(e + 1) == "–", v.at(e + 2) == " " { return 3 }
            return nil
        default: return nil
        }
    }

    /// Both ends of a range that share a unit or a scale: `10-20 dollars`, `between 10 and
    /// 20 people`, `from 1.1 to 1.3 billion yen`, `$10-20 million`, `7-9 lakh rupees`. The
    /// lower end is read `at_least` and the upper `up_to`, each with the value it stands for
    /// (`$10-20 million` is 10 million to 20 million). Ends that each carry their own unit
    /// and scale (`from $1 billion to $2 billion`) are two amounts as they stand.
    /// `lower` is the sum read at `i`, if any, with the view position it ends at.
    func range(in v: TextView, at i: Int, lower: (Amount, Int)?) -> ([Amount], Int)? {
        // The lower end's number, as written: after the mark of a sum (`$10`), or at `i`.
        var j = i
        if let (_, end) = lower {
            // Only a sum that ends in its bare number can take the upper end's scale: `$10`-20 million.
            guard CharacterClass.isDigit(v.at(end - 1)), Self.rangeConnector(v, at: end, between: true) != nil else { return nil }
            while j < end, !CharacterClass.isDigit(v[j]) { j += 1 }
        } else {
            // Most numbers stand alone: settled by what follows the token before it is read whole.
            var t = i
            while CharacterClass.isASCIILetter(v.at(t)) || CharacterClass.isDigit(v.at(t)) || v.at(t) == "," || v.at(t) == "." && CharacterClass.isDigit(v.at(t + 1)) { t += 1 }
            guard Self.rangeConnector(v, at: t, between: true) != nil || v.at(t) == " " && Self.scaleInitials.contains(v.at(t + 1)) else { return nil }
        }
        guard let plainA = plainNumber(v, at: j), let fullA = EnglishNumber.parse(v, at: j) else { return nil }
        let aScaled = fullA.end != plainA.1
        if lower != nil && aScaled { return nil }
        let between = v.matches("between ", endingAt: i) || v.matches("Between ", endingAt: i)
        guard let joint = Self.rangeConnector(v, at: fullA.end, between: between) else { return nil }
        let k = fullA.end + joint
        guard k < v.count else { return nil }
        // The upper end: a sum in its own right, or a number that takes the lower end's unit.
        var upper: Amount
        var upperEnd: Int
        if let (b, e) = amount(in: v, at: k) {
            upper = b
            upperEnd = e
        } else if let (a, _) = lower, let b = EnglishNumber.parse(v, at: k) {
            let span = v.span(k, b.end)
            upper = Amount(span: span, text: v.source(span), kind: a.kind, value: b.value, unit: a.unit, qualifier: nil)
            upperEnd = b.end
        } else {
            return nil
        }
        if let (a, _) = lower, a.unit != upper.unit || a.kind != upper.kind { return nil }
        // The upper end's number as written, after any mark in front (`$20 million`).
        var m = k
        while m < upperEnd, plainNumber(v, at: m) == nil { m += 1 }
        // `10-$20`: a mark on the upper end alone shares nothing with a bare lower number.
        if lower == nil && m > k { return nil }
        guard let plainB = plainNumber(v, at: m), let fullB = EnglishNumber.parse(v, at: m) else { return nil }
        // `$10-20 million`, `2-3 billion yen`: the scale is shared when the lower number is the smaller.
        let upperScale = fullB.end != plainB.1 && plainB.0 != 0 ? fullB.value / plainB.0 : 1
        let valueA = aScaled ? fullA.value : plainA.0 * (plainA.0 <= plainB.0 ? upperScale : 1)
        var start = v.offset(i)
        var lowerQualifier = Qualifier.at_least
        var upperQualifier = Qualifier.up_to
        if let (a, _) = lower, a.qualifier != nil {
            start = a.span.start  // `more than $10-20 million`: the words already read
            lowerQualifier = a.qualifier!
        } else if between || v.matches("from ", endingAt: i) || v.matches("From ", endingAt: i) {
            start = v.offset(i - (between ? 8 : 5))
        } else if let form = Self.leadingForms.first(where: { v.matches($0.words, endingAt: i) || v.matches($0.capitalised, endingAt: i) }),
            form.qualifier == .approx
        {
            start = v.offset(i - form.count)  // `around 10-20 dollars`: both ends are approximate.
            lowerQualifier = .approx
            upperQualifier = .approx
        }
        let lowerSpan = SourceSpan(start, v.offset(fullA.end - 1) + 1)
        let a = Amount(span: lowerSpan, text: v.source(lowerSpan), kind: upper.kind, value: valueA, unit: upper.unit, qualifier: lowerQualifier)
        upper.qualifier = upper.qualifier ?? upperQualifier
        return ([a, upper], upperEnd)
    }

    /// A number without the scale word that may follow it: digits, or number words.
    func plainNumber(_ v: TextView, at i: Int) -> (Double, Int)? {
        if CharacterClass.isDigit(v.at(i)) { return JapaneseNumber.parseArabic(v, at: i) }
        guard CharacterClass.isASCIILetter(v.at(i)), !CharacterClass.isLetter(v.at(i - 1)) else { return nil }
        return EnglishNumber.parseWords(v, at: i)
    }

    /// ISO 4217 codes that English texts also write as words or acronyms: Conference of the
    /// Parties, a cup, the top, all.
    static let codesThatAreNames: Set<String> = ["COP", "CUP", "TOP", "ALL", "SOS", "TRY", "MOP", "BAM"]

    func amount(in v: TextView, at i: Int) -> (Amount, Int)? {
        var start = i
        var unit: String?
        var j = i
        // Currency mark or code in front.
        if Self.symbolInitials.contains(v[i]), let (mark, code) = Self.symbols.first(where: { v.matches($0.0, at: i) }) {
            unit = code
            j = i + mark.unicodeScalars.count
            // `Rs 20`, `RM 42`: a mark in letters stands apart from its number.
            // `$ 10`, `US$ 3.14`: so may a symbol, before digits.
            if CharacterClass.isLetter(mark.unicodeScalars.last!) || mark.hasSuffix("."), v.at(j) == " " { j += 1 }
            else if v.at(j) == " ", CharacterClass.isDigit(v.at(j + 1)) { j += 1 }
        } else if CharacterClass.isUpper(v[i]), CharacterClass.isUpper(v.at(i + 1)) {
            let e = i + 3
            guard CharacterClass.isUpper(v.at(i + 2)), !CharacterClass.isLetter(v.at(e)), Self.codes.contains(v.string(i, e)) else {
                return nil
            }
            unit = v.string(i, e)
            guard v.at(e) == " " || Currencies.glued.contains(unit!) else { return nil }
            j = v.at(e) == " " ? e + 1 : e
        }
        guard j < v.count, let number = EnglishNumber.parse(v, at: j) else { return nil }
        // `COP 26`, `CBD COP 15`: codes that are also words or meeting names, before a small whole
        // number, name the meeting or the series (`MYR 42` stays a sum).
        if let code = unit, j > i + 3, Self.codesThatAreNames.contains(code), number.value < 100,
            number.value == number.value.rounded(), number.end - j <= 2
        {
            return nil
        }
        // A number word alone only counts people (`eight fellows`) or carries a scale (`two million`).
        var end = number.end
        var kind = AmountKind.money
        var centsValue = 0.0
        var multiplier = 1.0
        if unit == nil {
            let k = v.at(end) == " " ? end + 1 : end
            if let (code, we) = currencyName(v, at: k, afterDigits: !number.kanji) {
                // `two yen loan projects` counts loans, not yen.
                let after = EnglishNumber.word(v, at: we + 1).0
                if number.kanji, number.value < 100, after == "loan" || after == "loans" { return nil }
                unit = code
                end = we
            } else if let (mark, code) = Self.trailingSymbols.first(where: { v.matches($0.0, at: k) }),
                !CharacterClass.isLetter(v.at(k + mark.unicodeScalars.count)) || !CharacterClass.isLetter(mark.unicodeScalars.last!)
            {
                unit = code  // `20€`
                end = k + mark.unicodeScalars.count
            } else if v.at(end) == "$" || v.at(end) == "¢" {
                // `10$`, `10¢`: glued after the number.
                if v.at(end) == "¢" { multiplier = 0.01 }
                unit = "USD"
                end += 1
            } else if let (word, code) = Self.subunitWords.first(where: { EnglishNumber.word(v, at: k).0 == $0.0 }) {
                unit = code  // `ten cents`, `50 pence`: a hundredth of the currency
                multiplier = 0.01
                end = k + word.count
            } else if CharacterClass.isUpper(v.at(k)), k + 3 <= v.count, !CharacterClass.isLetter(v.at(k + 3)), Self.codes.contains(v.string(k, k + 3)) {
                unit = v.string(k, k + 3)  // `40.8 billion JPY`
                end = k + 3
            } else if v.matches("U.S. dollars", at: k) {
                unit = "USD"
                end = k + 12
            } else if let e = peopleEnd(v, from: number.end, hyphenated: true) {
                unit = "person"
                kind = .people
                end = e
            }
        }
        guard let unit else { return nil }
        if kind == .money, multiplier == 1, let (cents, e) = Self.subunit(v, after: end) {
            centsValue = cents
            end = e
        }
        if number.kanji && number.value < 2 && kind == .people { return nil }
        // `the two leaders`, `our three countries`: a definite group named, not counted.
        if number.kanji, number.value < 100, kind == .people,
            Self.groupWords.contains(where: { v.matches($0, endingAt: i) })
        {
            return nil
        }
        // Qualifier words just before: `more than $5.8 billion`, `up to 160 new jobs`.
        var qualifier: Qualifier?
        for (words, capitalised, count, q) in Self.leadingForms where (v.matches(words, endingAt: start) || v.matches(capitalised, endingAt: start))
            && !CharacterClass.isLetter(v.at(start - count - 1))
        {
            // `adds up to $12.1 billion` is a sum, not a ceiling.
            if q == .up_to, Self.upToVerbs.contains(where: { v.matches($0, endingAt: start - count) }) {
                break
            }
            qualifier = q
            start -= count
            break
        }
        if v.matches(" or more", at: end) {
            qualifier = qualifier ?? .at_least
            end += 8
        }
        let span = v.span(start, end)
        return (Amount(span: span, text: v.source(span), kind: kind, value: number.value * multiplier + centsValue, unit: unit, qualifier: qualifier), end)
    }

    /// Names of the hundredth parts of currencies.
    static let subunitNames: Set<String> = Set(subunitWords.map(\.0)).union([
        "sen", "sens", "centavos", "centavo", "centimes", "centime", "paise", "kopecks",
    ])

    /// `$20 and 43 cents`, `20 ringgit 43 sen`, `3 GBP 1 pence`, `$20 and 43c`, `one dollar and
    /// forty-two cents`: the hundredths that follow a sum, as a fraction of it, and where they end.
    static func subunit(_ v: TextView, after end: Int) -> (Double, Int)? {
        guard v.at(end) == " " else { return nil }
        var c = end + 1
        if v.matches("and ", at: c) { c += 4 }
        guard c < v.count, CharacterClass.isDigit(v[c]) || CharacterClass.isASCIILetter(v[c]), let cents = EnglishNumber.parse(v, at: c),
            cents.value < 100, cents.value == cents.value.rounded()
        else { return nil }
        if CharacterClass.isDigit(v[c]), v.at(cents.end) == "c" || v.at(cents.end) == "p", !CharacterClass.isLetter(v.at(cents.end + 1)) {
            return (cents.value / 100, cents.end + 1)
        }
        guard v.at(cents.end) == " " else { return nil }
        let (w, we) = EnglishNumber.word(v, at: cents.end + 1)
        return subunitNames.contains(w) ? (cents.value / 100, we) : nil
    }

    /// Where a head count ends: `900 jobs`, `3,000 more jobs`, `700 U.S. jobs`,
    /// `30,500 full-time equivalent jobs`, `9,000 exchange alumni`, `eight-person`. Up to
    /// three describing words may stand between the number and the noun; a preposition,
    /// a number or a measure (`3 billion gallons`) ends the search.
    func peopleEnd(_ v: TextView, from end: Int, hyphenated: Bool) -> Int? {
        if v.matches("-person", at: end) || v.matches("-member", at: end) { return end + 7 }
        var k = end
        for _ in 0..<4 {
            guard v.at(k) == " " else { return nil }
            k += 1
            var e = k
            while e < v.count, CharacterClass.isLetter(v[e]) || v[e] == "-" || v[e] == "." && e + 1 < v.count && v[e + 1] != " " { e += 1 }
            if v.at(e) == "." && v.string(k, e) == "U.S" { e += 1 }
            guard e > k else { return nil }
            let w = v.lowercasedString(k, e)
            if Self.peopleNouns.contains(w) { return e }
            if Self.notModifiers.contains(w) || w.hasSuffix("ly") { return nil }
            k = e
        }
        return nil
    }

    /// Words that cannot describe the people counted: they end a head count's search.
    static let notModifiers: Set<String> = [
        "of", "in", "to", "for", "and", "or", "with", "from", "by", "at", "on", "per", "a", "an", "the", "which", "that", "who",
        "will", "would", "is", "are", "was", "were", "has", "have", "be", "been", "million", "billion", "trillion", "thousand",
        "percent", "dollars", "yen", "gallons", "tons", "tonnes", "megawatts", "gigawatts", "kilometers", "miles", "hectares",
        "acres", "barrels", "households", "homes", "companies", "countries", "projects", "years", "months", "days",
    ]
}

extension String {
    /// `more than ` → `More than `, for qualifiers that open a sentence.
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
