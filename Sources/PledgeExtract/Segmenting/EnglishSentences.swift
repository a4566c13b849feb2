/// English sentences end at `.`, `!` or `?` followed by a space and a capital, a digit
/// or a quote; a period that closes an abbreviation (`U.S.`, `D.C.`, `Inc.`, `No.`,
/// `e.g.`) or sits inside a number (`2.9`) ends nothing, unless an abbreviation is
/// followed by a word that starts sentences (`… with the U.S. The two countries …`).
public struct EnglishSentenceRules: SentenceRules {
    public init() {}

    /// Abbreviations after which a capitalised word usually continues the sentence.
    static let abbreviations: Set<String> = [
        "u.s", "u.k", "u.n", "d.c", "e.u", "inc", "ltd", "co", "corp", "no", "nos", "e.g", "i.e", "mr", "mrs", "ms", "dr", "st",
        "jr", "sr", "gov", "sen", "rep", "gen", "lt", "col", "adm", "amb", "dept", "approx", "vs", "etc", "fig", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "p.m", "a.m", "u.s.a", "h.e", "prof", "mt", "ft",
    ]
    /// Words that open sentences, so they end an abbreviation-final sentence before them.
    static let sentenceOpeners: Set<String> = [
        "The", "This", "These", "Those", "We", "Our", "It", "Its", "They", "Their", "In", "As", "Both", "Together", "Today",
        "Through", "Building", "Under", "With", "For", "To", "At", "On", "By", "Since", "Moreover", "Additionally", "Further",
        "Furthermore", "Japan", "Leaders", "President", "Prime",
    ]

    public func sentences(in v: TextView, range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            // The next mark, looked for in the view's code points without bounds checks.
            i = v.scalars.withUnsafeBufferPointer { s in
                var k = i
                while k < range.upperBound {
                    let u = s[k]
                    if u == "." || u == "!" || u == "?" { break }
                    k += 1
                }
                return k
            }
            guard i < range.upperBound else { break }
            var end = i + 1
            while end < range.upperBound, CharacterClass.isClosing(v[end]) || v[end] == "\"" { end += 1 }
            if endsSentence(v, mark: i, after: end, limit: range.upperBound) {
                append(&result, v, start, end)
                start = end
            }
            i = end
        }
        append(&result, v, start, range.upperBound)
        return result
    }

    func endsSentence(_ v: TextView, mark i: Int, after end: Int, limit: Int) -> Bool {
        if end >= limit { return true }
        guard v[end] == " " || v[end] == "\n" else { return false }  // 2.9, U.S.-Japan, e.g.,
        let next = v.skipSpaces(from: end)
        guard next < limit else { return true }
        let n = v[next]
        guard CharacterClass.isUpperLetter(n) || CharacterClass.isDigit(n) || "“\"‘'(".unicodeScalars.contains(n) else { return false }
        guard v[i] == "." else { return true }
        // The word the period closes.
        var w = i
        while w > 0, CharacterClass.isLetter(v[w - 1]) || v[w - 1] == "." { w -= 1 }
        let word = v.lowercasedString(w, i)
        // One character: one code point, or (rarely) more that are not all ASCII.
        let single = i - w == 1 || (i - w > 1 && !v.scalars[w..<i].allSatisfy { $0.value < 0x80 } && word.count == 1)
        if single && word.unicodeScalars.first!.properties.isAlphabetic { return false }  // initials: J. Smith
        if Self.abbreviations.contains(word) {
            var e = next
            while e < limit, CharacterClass.isLetter(v[e]) { e += 1 }
            return Self.sentenceOpeners.contains(v.string(next, e))
        }
        return true
    }

    func append(_ result: inout [Range<Int>], _ v: TextView, _ from: Int, _ to: Int) {
        let a = v.skipSpaces(from: from)
        let b = v.skipSpacesBackward(from: to)
        if a < b { result.append(a..<b) }
    }
}
