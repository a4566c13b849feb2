import PledgeModel

/// English definitions: `Long Name (LN)` and `LN (Long Name)`; the long form starts at
/// the earliest capitalised word from which the abbreviation's letters follow the
/// words' initials in order (`Perovskite PV Accelerator for Commercializing
/// Technologies (PACT)`), without a leading article.
public struct EnglishTermRules: TermRules {
    public init() {}

    static let joiners: Set<String> = ["of", "for", "and", "the", "on", "in", "to", "at", "by", "with", "&", "de", "des", "du", "la", "le", "et", "a", "an"]

    public func terms(in v: TextView) -> [Term] {
        var found: [Term] = []
        var i = 0
        while i < v.count {
            guard v[i] == "(" else { i += 1; continue }
            var close = i + 1
            while close < v.count, close - i < 120, v[close] != ")", v[close] != "(" { close += 1 }
            guard close < v.count, v[close] == ")" else { i += 1; continue }
            if let term = definition(v, open: i, close: close) { found.append(term) }
            i = close
        }
        return found
    }

    func definition(_ v: TextView, open: Int, close: Int) -> Term? {
        guard let (inner, beforeEnd) = Abbreviation.parenthesis(v, open: open, close: close) else { return nil }
        if Abbreviation.isShortForm(inner) {
            guard let start = longFormStart(v, end: beforeEnd, short: inner) else { return nil }
            var longEnd = beforeEnd
            // `Federal Railroad Administration’s (FRA)`: the possessive is not part of the name.
            if v.matches("’s", endingAt: longEnd) || v.matches("'s", endingAt: longEnd) { longEnd -= 2 }
            return Term(short: String(scalars: inner), long: v.string(start, longEnd), span: v.span(start, close + 1))
        }
        // `IoT (Internet of Things)`: the abbreviation first.
        guard let (s, short) = Abbreviation.shortForm(v, endingAt: beforeEnd), inner.count > short.count,
            JapaneseTermRules().initialsMatch(inner, short)
        else { return nil }
        return Term(short: String(scalars: short), long: String(scalars: inner), span: v.span(s, close + 1))
    }

    /// Words before `end` back to a clause boundary, as (start, end) positions; a
    /// parenthesised aside inside a name (`Technology (S&T) Cooperation`) counts as a word.
    func words(_ v: TextView, end: Int, limit: Int) -> [(Int, Int)] {
        var words: [(Int, Int)] = []
        var i = end
        while i > 0, words.count < limit {
            var j = i
            while j > 0, v[j - 1] == " " || v[j - 1] == "," { j -= 1 }
            var k = j
            if k > 0, v[k - 1] == ")" {
                while k > 0, v[k - 1] != "(" { k -= 1 }
                k = max(0, k - 1)
            } else {
                while k > 0, !(" ,()\";:“”".unicodeScalars.contains(v[k - 1])) { k -= 1 }
            }
            if k == j { break }
            words.insert((k, j), at: 0)
            if k > 0, "(;:“\"".unicodeScalars.contains(v[k - 1]) { break }
            // A sentence ends before this word: `… in 2023. The Quad (…)`.
            var p = k
            while p > 0, v[p - 1] == " " { p -= 1 }
            if p > 0, v[p - 1] == ".", p >= 2, CharacterClass.isLowerLetter(v[p - 2]) { break }
            i = k
        }
        return words
    }

    /// Initials of a word, one per part of a compound: `Low-Earth` → l, e; `U.S.` → u, s.
    func initials(_ v: TextView, _ w: (Int, Int)) -> [String] {
        var out: [String] = []
        var atStart = true
        for i in w.0..<w.1 {
            let u = v[i]
            if u == "-" || u == "." || u == "/" { atStart = true; continue }
            if atStart, CharacterClass.isLetter(u) || CharacterClass.isDigit(u) { out.append(String(Character(u)).lowercased()) }
            atStart = false
        }
        return out
    }

    func longFormStart(_ v: TextView, end: Int, short: [Unicode.Scalar]) -> Int? {
        var letters = short.filter { CharacterClass.isASCIILetter($0) }.map { String(Character($0)).lowercased() }
        // A plural mark is no letter of the name: A/SMRs.
        if short.last == "s", short.count > 2, CharacterClass.isUpper(short[short.count - 2]) { letters.removeLast() }
        guard let firstLetter = letters.first else { return nil }
        let ws = words(v, end: end, limit: short.count * 2 + 6)
        guard !ws.isEmpty else { return nil }
        func lower(_ w: (Int, Int)) -> String { v.string(w.0, w.1).lowercased() }
        func capitalised(_ w: (Int, Int)) -> Bool { CharacterClass.isUpperLetter(v[w.0]) || CharacterClass.isDigit(v[w.0]) }
        func possessive(_ w: (Int, Int)) -> Bool { lower(w).hasSuffix("’s") || lower(w).hasSuffix("'s") }
        // The nearest start whose initials spell the letters in order (Schwartz and Hearst),
        // not on a joining word.
        var start: Int?
        for s in ws.indices.reversed() where !Self.joiners.contains(lower(ws[s])) && !possessive(ws[s]) {
            let firsts = ws[s...].map { initials(v, $0) }
            guard firsts[0].first == firstLetter else { continue }
            var need = letters.dropFirst()[...]
            for part in firsts.flatMap({ $0 }).dropFirst() where need.first == part { need = need.dropFirst() }
            if need.isEmpty { start = s; break }
        }
        if var s = start {
            // Only a capitalised word with the same initial extends the name leftwards:
            // `Perovskite PV Accelerator for Commercializing Technologies (PACT)`. Modifiers
            // such as `U.S.` or `Japanese` stay outside, as in `U.S. Food and Drug Administration (FDA)`.
            while s > 0, capitalised(ws[s - 1]), initials(v, ws[s - 1]).first == firstLetter, !possessive(ws[s - 1]),
                lower(ws[s - 1]) != "the", !v.string(ws[s - 1].1, ws[s].0).contains(",")
            {
                s -= 1
            }
            return ws[s].0
        }
        // No spelling: the run of capitalised words before the parenthesis (`Green Transformation (GX)`).
        var s = ws.count
        while s > 0, capitalised(ws[s - 1]) && lower(ws[s - 1]) != "the" && !possessive(ws[s - 1]) || Self.joiners.contains(lower(ws[s - 1])) && s >= 2 && capitalised(ws[s - 2]) {
            s -= 1
        }
        while s < ws.count, Self.joiners.contains(lower(ws[s])) { s += 1 }
        return s < ws.count && (ws.count - s >= 2 || lower(ws[s]).hasPrefix(firstLetter)) ? ws[s].0 : nil
    }

    func matchesArticle(_ v: TextView, _ i: Int) -> Bool {
        (v.matches("the ", at: i) || v.matches("The ", at: i))
    }
}
