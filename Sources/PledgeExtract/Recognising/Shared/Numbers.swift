/// A number read from text, with where it ends.
public struct NumberMatch: Equatable, Sendable {
    public var value: Double
    /// View position just after the last code point of the number.
    public var end: Int
    /// Whether a scale word (万, 億, 兆, million, ...) took part.
    public var scaled: Bool
    /// Whether the number was written in kanji numerals.
    public var kanji: Bool
}

/// Reads Japanese numbers: Arabic or (narrowed) full-width digits with thousands
/// separators and decimals, kanji numerals (三千五百, 二〇二四) and their formal forms
/// (壱萬弐仟, 廿, 卅), digits and kanji mixed (2千2十5, 58百7万), the units 万 to 無量大数
/// in descending groups with spaces allowed between the parts as PDF conversion leaves
/// them (`1 億 700 万`), and K/M/G after Arabic digits. Sums are kept as whole numbers over
/// a power of ten (`DecimalNumber`), so `250.32千` is 250,320 and not a binary fraction near it.
public enum JapaneseNumber {
    /// The unit of 10^exponent at `i` (万 is 4, 億 8 … 無量大数 68), with its length.
    static func bigUnit(_ v: TextView, at i: Int) -> (exponent: Int, length: Int)? {
        switch v.at(i) {
        case "万", "萬": return (4, 1)
        case "億": return (8, 1)
        case "兆": return (12, 1)
        case "京": return (16, 1)
        case "垓": return (20, 1)
        case "秭", "𥝱": return (24, 1)
        case "穣": return (28, 1)
        case "溝": return (32, 1)
        case "澗": return (36, 1)
        case "正": return (40, 1)
        case "載": return (44, 1)
        case "極": return (48, 1)
        case "恒": return v.matches("恒河沙", at: i) ? (52, 3) : nil
        case "阿": return v.matches("阿僧祇", at: i) ? (56, 3) : nil
        case "那": return v.matches("那由他", at: i) || v.matches("那由多", at: i) ? (60, 3) : nil
        case "不": return v.matches("不可思議", at: i) ? (64, 4) : nil
        case "無": return v.matches("無量大数", at: i) ? (68, 4) : nil
        default: return nil
        }
    }

    /// 十, 百, 千 and their formal forms, and the contracted tens that carry their own
    /// digit: 廿 (20), 卅 (30), 卌 (40), 皕 (200).
    @inline(__always) static func multiplier(_ u: Unicode.Scalar) -> (value: Int, order: Int, contracted: Bool)? {
        switch u {
        case "十", "拾", "什": return (10, 10, false)
        case "百", "佰", "陌": return (100, 100, false)
        case "千", "仟", "阡": return (1000, 1000, false)
        case "廿", "卄": return (20, 10, true)
        case "卅", "丗": return (30, 10, true)
        case "卌": return (40, 10, true)
        case "皕": return (200, 100, true)
        default: return nil
        }
    }

    /// True when a number may start at `i`: a digit or kanji numeral not glued to a preceding digit.
    public static func canStart(_ v: TextView, _ i: Int) -> Bool {
        let u = v[i]
        // `.77`: a decimal with no whole part, where the point is no sentence's end.
        if u == "." {
            let p = v.at(i - 1)
            return CharacterClass.isDigit(v.at(i + 1)) && !CharacterClass.isDigit(p) && !CharacterClass.isLetter(p) && p != "."
        }
        guard CharacterClass.isDigit(u) || isKanjiNumeral(u) || u == "ゼ" && v.at(i + 1) == "ロ" else { return false }
        let p = v.at(i - 1)
        if CharacterClass.isDigit(p) { return false }
        // A separator between digits continues a number; after a word it is punctuation.
        if (p == "." || p == "," || p == "・") && CharacterClass.isDigit(v.at(i - 2)) { return false }
        if isKanjiNumeral(u) && isKanjiNumeral(p) { return false }
        return true
    }

    /// Whether `u` is a kanji digit or multiplier. Asked of every mark of a Japanese text, so
    /// answered from a bitmap of the CJK block rather than by the tables.
    @inline(__always) static func isKanjiNumeral(_ u: Unicode.Scalar) -> Bool {
        let offset = u.value &- 0x4E00
        guard offset < 0x5200 else { return u == "〇" }
        return numeralBits[Int(offset >> 6)] & (1 << UInt64(offset & 63)) != 0
    }

    /// One bit for each code point from U+4E00 to U+9FFF: set for the numerals `kanjiDigit` and `multiplier` read.
    static let numeralBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x5200 / 64)
        for value in UInt32(0x4E00)..<0xA000 {
            let u = Unicode.Scalar(value)!
            if CharacterClass.kanjiDigit(u) != nil || multiplier(u) != nil {
                bits[Int((value - 0x4E00) >> 6)] |= 1 << UInt64((value - 0x4E00) & 63)
            }
        }
        return bits
    }()

    /// Parses the number starting at `i`, or nil when none does.
    /// `allowGroups` lets `3億5,000万` and `1 億 700 万` read as one number.
    public static func parse(_ v: TextView, at i: Int, allowGroups: Bool = true) -> NumberMatch? {
        guard var group = parseGroup(v, at: i) else { return nil }
        var total = DecimalNumber.zero
        var pos = i
        var lastExponent = Int.max
        var scaled = false
        var kanji = false
        while true {
            var j = group.end
            var exponent = 0
            let k = v.skipSpaces(from: j)
            if let unit = bigUnit(v, at: k), unit.exponent < lastExponent {
                exponent = unit.exponent
                j = k + unit.length
                // 1万億 (ten thousand hundred-millions) is a trillion, as Chinese usage writes it.
                if let higher = bigUnit(v, at: j), higher.exponent > unit.exponent, unit.exponent + higher.exponent < lastExponent {
                    exponent += higher.exponent
                    j += higher.length
                }
            } else if lastExponent == Int.max, !group.kanji, let e = metricExponent(v, at: j) {
                // 100K, 1.2M, .0012G: the metric prefixes some texts put after digits.
                exponent = e
                j += 1
            }
            total = total + group.value.shifted(by: exponent)
            kanji = kanji || group.kanji
            scaled = scaled || exponent > 0 || group.multiplied
            pos = j
            guard exponent >= 4, allowGroups, exponent < lastExponent else { break }
            lastExponent = exponent
            // A following group joins only when it ends in a smaller unit (`3億5,000万`,
            // `1 億 700 万`); `1億 2024年` is no continuation.
            let n = v.skipSpaces(from: pos)
            guard let next = parseGroup(v, at: n) else { break }
            let afterNext = v.skipSpaces(from: next.end)
            if let unit = bigUnit(v, at: afterNext), unit.exponent < exponent {
                group = next
                continue
            }
            // A remainder below the last unit: 86万600人, 八万八千人, 123万7,500人. Not a year or a date.
            let after = v.at(afterNext)
            if bigUnit(v, at: afterNext) == nil, !"年月日.度号".unicodeScalars.contains(after), !CharacterClass.isDigit(after),
                next.value.double < DecimalNumber.power(exponent)
            {
                total = total + next.value
                kanji = kanji || next.kanji
                pos = next.end
            }
            break
        }
        return NumberMatch(value: total.double, end: pos, scaled: scaled, kanji: kanji)
    }

    /// K, M or G right after digits and before no other letter, as a power of ten.
    static func metricExponent(_ v: TextView, at j: Int) -> Int? {
        guard !CharacterClass.isASCIILetter(v.at(j + 1)) else { return nil }
        switch v.at(j) {
        case "K", "k": return 3
        case "M": return 6
        case "G": return 9
        default: return nil
        }
    }

    /// One group below the big units, read term by term: a digit part (Arabic, or kanji
    /// digits, several in a row being positional as in 二〇二四) and a multiplier, each
    /// multiplier smaller than the one before: 三千五百, 2千2十5, 千皕卅肆, 12千345.
    static func parseGroup(_ v: TextView, at i: Int) -> (value: DecimalNumber, end: Int, kanji: Bool, multiplied: Bool)? {
        var total = DecimalNumber.zero
        var j = i
        var lastOrder = Int.max
        var kanji = false
        var read = false
        while true {
            var digits: DecimalNumber?
            var afterDigits = j
            let u = v.at(j)
            if CharacterClass.isDigit(u) || u == "." && j == i && CharacterClass.isDigit(v.at(j + 1)) {
                guard let (value, end) = parseArabicDecimal(v, at: j) else { break }
                digits = value
                afterDigits = end
            } else if u == "ゼ", j == i, v.at(j + 1) == "ロ", !CharacterClass.isKatakana(v.at(j + 2)) {
                // ゼロ円: zero in katakana, alone.
                digits = DecimalNumber.zero
                afterDigits = j + 2
            } else if let d = CharacterClass.kanjiDigit(u) {
                // 一千〇二十四, 二百零八: after a multiplier, a zero only holds an empty place.
                if d == 0, lastOrder != Int.max, isKanjiNumeral(v.at(j + 1)) {
                    j += 1
                    continue
                }
                var run = 0
                var k = j
                while let d = CharacterClass.kanjiDigit(v.at(k)), k - j < 18 {
                    run = run * 10 + d
                    k += 1
                }
                digits = DecimalNumber(Double(run))
                afterDigits = k
                kanji = true
            }
            if let m = multiplier(v.at(afterDigits)), m.order < lastOrder, !(m.contracted && digits != nil) {
                total = total + (digits ?? DecimalNumber(1)).times(Double(m.value))
                lastOrder = m.order
                kanji = true
                read = true
                j = afterDigits + 1
                continue
            }
            guard let digits else { break }
            // The units after a multiplier stay below it: 三千五, but 1千1000 stops at 1千.
            if lastOrder != Int.max && digits.double >= Double(lastOrder) { break }
            total = total + digits
            read = true
            j = afterDigits
            break
        }
        return read ? (total, j, kanji, lastOrder != Int.max) : nil
    }

    /// Arabic digits: `30,500`, `1.5`, `5，000` (narrowed), `8000`.
    public static func parseArabic(_ v: TextView, at i: Int) -> (Double, Int)? {
        parseArabicDecimal(v, at: i).map { ($0.0.double, $0.1) }
    }

    /// `parseArabic` as an exact decimal.
    static func parseArabicDecimal(_ v: TextView, at i: Int) -> (DecimalNumber, Int)? {
        var number = DecimalNumber.zero
        var digitCount = 0
        var j = i
        while CharacterClass.isDigit(v.at(j)) {
            number.numerator = number.numerator * 10 + Double(v[j].value - 0x30)
            digitCount += 1
            j += 1
        }
        guard digitCount > 0 || v.at(j) == "." && CharacterClass.isDigit(v.at(j + 1)) else { return nil }
        // Thousands groups: a comma followed by exactly three digits.
        while v.at(j) == ",", CharacterClass.isDigit(v.at(j + 1)), CharacterClass.isDigit(v.at(j + 2)),
            CharacterClass.isDigit(v.at(j + 3)), !CharacterClass.isDigit(v.at(j + 4))
        {
            for k in 1...3 { number.numerator = number.numerator * 10 + Double(v[j + k].value - 0x30) }
            j += 4
        }
        if v.at(j) == "." && CharacterClass.isDigit(v.at(j + 1)) || isMiddleDotDecimal(v, j) {
            j += 1
            while CharacterClass.isDigit(v.at(j)) {
                number.numerator = number.numerator * 10 + Double(v[j].value - 0x30)
                number.fraction += 1
                j += 1
            }
        }
        return (number, j)
    }

    /// `6・8兆円`: some newspapers write the decimal point as ・ before a multiplier.
    static func isMiddleDotDecimal(_ v: TextView, _ j: Int) -> Bool {
        guard v.at(j) == "・", CharacterClass.isDigit(v.at(j + 1)) else { return false }
        var k = j + 1
        while CharacterClass.isDigit(v.at(k)) { k += 1 }
        return bigUnit(v, at: k) != nil
    }

    /// Kanji numerals below 10,000: additive (三千五百, 十二) or positional (二〇二四).
    public static func parseKanji(_ v: TextView, at i: Int) -> (Double, Int)? {
        guard isKanjiNumeral(v.at(i)), let group = parseGroup(v, at: i), group.kanji else { return nil }
        return (group.value.double, group.end)
    }
}

/// A number as a whole numerator over a power of ten, so that sums and scalings of what a
/// text writes in decimals stay exact (`250.32千` is 25032 × 1000 / 100) and only the final
/// division rounds. Beyond 2^53 the numerator is approximate, as any `Double` is.
struct DecimalNumber: Sendable {
    var numerator: Double
    /// The power of ten the numerator is divided by.
    var fraction: Int

    static let zero = DecimalNumber(0)

    init(_ integer: Double) {
        numerator = integer
        fraction = 0
    }

    var double: Double { fraction == 0 ? numerator : numerator / Self.power(fraction) }

    /// Multiplied by a whole number.
    func times(_ k: Double) -> DecimalNumber {
        var r = self
        r.numerator *= k
        return r
    }

    /// Multiplied by 10^exponent (a unit such as 億), cancelling the fraction first.
    func shifted(by exponent: Int) -> DecimalNumber {
        var r = self
        let cancelled = min(exponent, fraction)
        r.fraction -= cancelled
        r.numerator *= Self.power(exponent - cancelled)
        return r
    }

    static func + (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber {
        var r = DecimalNumber(0)
        r.fraction = max(a.fraction, b.fraction)
        r.numerator = a.numerator * power(r.fraction - a.fraction) + b.numerator * power(r.fraction - b.fraction)
        return r
    }

    /// 10^n: exact from the table up to 10^22, the largest power of ten a `Double` holds exactly.
    static func power(_ n: Int) -> Double {
        n < powers.count ? powers[n] : powers[22] * power(n - 22)
    }

    static let powers: [Double] = (0...22).map { n in (0..<n).reduce(1.0) { r, _ in r * 10 } }
}
