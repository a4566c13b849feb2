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
/// separators and decimals, kanji numerals (三千五百, 二〇二四), and the
/// multipliers 万・億・兆 in descending groups, with spaces allowed between the
/// parts as PDF conversion leaves them (`1 億 700 万`).
public enum JapaneseNumber {
    static let bigUnits: [(Unicode.Scalar, Double)] = [("京", 1e16), ("兆", 1e12), ("億", 1e8), ("万", 1e4)]

    /// True when a number may start at `i`: a digit or kanji numeral not glued to a preceding digit.
    public static func canStart(_ v: TextView, _ i: Int) -> Bool {
        let u = v[i]
        guard CharacterClass.isDigit(u) || isKanjiNumeral(u) else { return false }
        let p = v.at(i - 1)
        if CharacterClass.isDigit(p) { return false }
        // A separator between digits continues a number; after a word it is punctuation.
        if (p == "." || p == "," || p == "・") && CharacterClass.isDigit(v.at(i - 2)) { return false }
        if isKanjiNumeral(u) && isKanjiNumeral(p) { return false }
        return true
    }

    @inline(__always) static func isKanjiNumeral(_ u: Unicode.Scalar) -> Bool {
        CharacterClass.kanjiDigit(u) != nil || u == "十" || u == "百" || u == "千"
    }

    /// Parses the number starting at `i`, or nil when none does.
    /// `allowGroups` lets `3億5,000万` and `1 億 700 万` read as one number.
    public static func parse(_ v: TextView, at i: Int, allowGroups: Bool = true) -> NumberMatch? {
        var total = 0.0
        var pos = i
        var lastScale = Double.infinity
        var scaled = false
        var kanji = false
        var parsedAny = false
        while let (base, afterBase, isKanji) = parseBase(v, at: pos) {
            var j = afterBase
            // Arabic digits may take a kanji 千/百 before a big unit: 3千万, 5百億, 3千人.
            var small = 1.0
            if !isKanji {
                if v.at(j) == "千" { small = 1000; j += 1 } else if v.at(j) == "百" { small = 100; j += 1 }
            }
            var scale = 1.0
            let k = v.skipSpaces(from: j)
            if let unit = bigUnits.first(where: { $0.0 == v.at(k) }), unit.1 < lastScale {
                scale = unit.1
                j = k + 1
                // 1万億 (ten thousand hundred-millions) is a trillion, as Chinese usage writes it.
                if let higher = bigUnits.first(where: { $0.0 == v.at(j) }), higher.1 > unit.1, unit.1 * higher.1 < lastScale {
                    scale = unit.1 * higher.1
                    j += 1
                }
            }
            total += base * small * scale
            parsedAny = true
            kanji = kanji || isKanji
            scaled = scaled || scale > 1 || small > 1
            pos = j
            guard scale > 1, allowGroups else { break }
            lastScale = scale
            // A following group joins only when it ends in a smaller unit (`3億5,000万`,
            // `1 億 700 万`); `1億 2024年` is no continuation.
            let n = v.skipSpaces(from: pos)
            guard let (_, afterNext, nextKanji) = parseBase(v, at: n) else { break }
            var m = afterNext
            if !nextKanji, v.at(m) == "千" || v.at(m) == "百" { m += 1 }
            guard let next = bigUnits.first(where: { $0.0 == v.at(v.skipSpaces(from: m)) }), next.1 < scale else {
                // A remainder below the last unit: 86万600人, 八万八千人, 123万7,500人. Not a year or a date.
                let after = v.at(v.skipSpaces(from: m))
                if m > n, !"年月日.度号".unicodeScalars.contains(after), !CharacterClass.isDigit(after),
                    let (rest, restEnd, _) = parseBase(v, at: n), rest < scale
                {
                    var small = 1.0
                    var end = restEnd
                    if v.at(end) == "千" { small = 1000; end += 1 } else if v.at(end) == "百" { small = 100; end += 1 }
                    if rest * small < scale {
                        total += rest * small
                        pos = end
                    }
                }
                break
            }
            pos = n
        }
        guard parsedAny else { return nil }
        return NumberMatch(value: total, end: pos, scaled: scaled, kanji: kanji)
    }

    /// One base numeral: Arabic (with separators/decimal) or kanji below 10,000.
    static func parseBase(_ v: TextView, at i: Int) -> (Double, Int, Bool)? {
        if CharacterClass.isDigit(v.at(i)) { return parseArabic(v, at: i).map { ($0.0, $0.1, false) } }
        if isKanjiNumeral(v.at(i)) { return parseKanji(v, at: i).map { ($0.0, $0.1, true) } }
        return nil
    }

    /// Arabic digits: `30,500`, `1.5`, `5，000` (narrowed), `8000`.
    public static func parseArabic(_ v: TextView, at i: Int) -> (Double, Int)? {
        var j = i
        var intPart = 0.0
        var digits = 0
        while CharacterClass.isDigit(v.at(j)) {
            intPart = intPart * 10 + Double(v[j].value - 0x30)
            j += 1
            digits += 1
        }
        guard digits > 0 else { return nil }
        // Thousands groups: a comma followed by exactly three digits.
        while v.at(j) == ",", CharacterClass.isDigit(v.at(j + 1)), CharacterClass.isDigit(v.at(j + 2)),
            CharacterClass.isDigit(v.at(j + 3)), !CharacterClass.isDigit(v.at(j + 4))
        {
            for k in 1...3 { intPart = intPart * 10 + Double(v[j + k].value - 0x30) }
            j += 4
        }
        var value = intPart
        if v.at(j) == "." && CharacterClass.isDigit(v.at(j + 1)) || isMiddleDotDecimal(v, j) {
            var scale = 0.1
            j += 1
            while CharacterClass.isDigit(v.at(j)) {
                value += Double(v[j].value - 0x30) * scale
                scale /= 10
                j += 1
            }
        }
        return (value, j)
    }

    /// `6・8兆円`: some newspapers write the decimal point as ・ before a multiplier.
    static func isMiddleDotDecimal(_ v: TextView, _ j: Int) -> Bool {
        guard v.at(j) == "・", CharacterClass.isDigit(v.at(j + 1)) else { return false }
        var k = j + 1
        while CharacterClass.isDigit(v.at(k)) { k += 1 }
        return bigUnits.contains { $0.0 == v.at(k) }
    }

    /// Kanji numerals below 10,000: additive (三千五百, 十二) or positional (二〇二四).
    public static func parseKanji(_ v: TextView, at i: Int) -> (Double, Int)? {
        var j = i
        var total = 0
        var current = -1  // pending digit, -1 when none
        var positional = 0
        var positionalDigits = 0
        var sawMultiplier = false
        while true {
            let u = v.at(j)
            if let d = CharacterClass.kanjiDigit(u) {
                // 一千〇二十四, 二百零八: after a multiplier, a zero only holds an empty place.
                if d == 0, sawMultiplier, current < 0, CharacterClass.kanjiDigit(v.at(j + 1)) != nil || v.at(j + 1) == "十" {
                    j += 1
                    continue
                }
                if current >= 0 && !sawMultiplier {
                    // Two digits in a row: positional writing (二〇二四).
                    if positionalDigits == 0 { positional = current; positionalDigits = 1 }
                    positional = positional * 10 + d
                    positionalDigits += 1
                } else if current >= 0 {
                    break  // 三千五五: malformed, stop before it
                }
                current = d
                j += 1
            } else if u == "十" || u == "百" || u == "千" {
                if positionalDigits > 0 { break }
                let m = u == "十" ? 10 : (u == "百" ? 100 : 1000)
                total += (current < 0 ? 1 : current) * m
                current = -1
                sawMultiplier = true
                j += 1
            } else {
                break
            }
        }
        if j == i { return nil }
        if positionalDigits > 0 { return (Double(positional), j) }
        if current >= 0 { total += current }
        return (Double(total), j)
    }
}
