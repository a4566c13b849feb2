import PledgeModel

/// English definitions: `Long Name (LN)` and `LN (Long Name)`; the long form starts at
/// the earliest capitalised word from which the abbreviation's letters follow the
/// words' initials in order (`Perovskite PV Accelerator for Commercializing
/// Technologies (PACT)`), without a leading article.
public struct EnglishTermRules: TermRules {
    public init() {}

    static let joiners: Set<String> = ["of", "for", "and", "the", "on", "in", "to", "at", "by", "with", "&", "de", "a", "an"]

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
        var inner = Array(v.scalars[(open + 1)..<close])
        while inner.first == " " { inner.removeFirst() }
        while inner.last == " " { inner.removeLast() }
        let beforeEnd = v.skipSpacesBackward(from: open)
        guard beforeEnd > 0 else { return nil }
        if Abbreviation.isShortForm(inner) {
            guard let start = longFormStart(v, end: beforeEnd, short: inner) else { return nil }
            return Term(short: String(scalars: inner), long: v.string(start, beforeEnd), span: v.span(start, close + 1))
        }
        // `IoT (Internet of Things)`: the abbreviation first.
        var s = beforeEnd
        while s > 0, CharacterClass.isASCIILetter(v[s - 1]) || CharacterClass.isDigit(v[s - 1]) || v[s - 1] == "-" || v[s - 1] == "/" { s -= 1 }
        let short = Array(v.scalars[s..<beforeEnd])
        guard s < beforeEnd, Abbreviation.isShortForm(short), inner.count > short.count, JapaneseTermRules().initialsMatch(inner, short)
        else { return nil }
        return Term(short: String(scalars: short), long: String(scalars: inner), span: v.span(s, close + 1))
    }

    /// Words before `end` back to a clause boundary, as (start, end) positions.
    func words(_ v: TextView, end: Int, limit: Int) -> [(Int, Int)] {
        var words: [(Int, Int)] = []
        var i = end
        while i > 0, words.count < limit {
            var j = i
            while j > 0, v[j - 1] == " " || v[j - 1] == "," { j -= 1 }
            var k = j
            while k > 0, !(v[k - 1] == " " || v[k - 1] == "," || v[k - 1] == "(" || v[k - 1] == ")" || v[k - 1] == ";" || v[k - 1] == ":" || v[k - 1] == "\"" || v[k - 1] == "“" || v[k - 1] == "”") {
                k -= 1
            }
            if k == j { break }
            words.insert((k, j), at: 0)
            // Stop at a clause boundary.
            if k > 0, v[k - 1] == "(" || v[k - 1] == ";" || v[k - 1] == ":" || v[k - 1] == "“" || v[k - 1] == "\"" { break }
            if v.at(j) == "." { break }
            i = k
        }
        return words
    }

    func longFormStart(_ v: TextView, end: Int, short: [Unicode.Scalar]) -> Int? {
        let letters = short.filter { CharacterClass.isASCIILetter($0) }.map { Character($0).lowercased() }
        guard let firstLetter = letters.first else { return nil }
        let ws = words(v, end: end, limit: short.count * 2 + 4)
        func lower(_ w: (Int, Int)) -> String { v.string(w.0, w.1).lowercased() }
        func capitalised(_ w: (Int, Int)) -> Bool { v[w.0].properties.isUppercase || CharacterClass.isDigit(v[w.0]) }
        // Earliest start whose words are all capitalised or joiners and whose initials spell the letters.
        var best: Int?
        for s in ws.indices.reversed() {
            let w = ws[s]
            if !capitalised(w) && !Self.joiners.contains(lower(w)) { break }
            guard capitalised(w), lower(w).hasPrefix(firstLetter) else { continue }
            var need = letters.dropFirst()[...]
            for x in ws[(s + 1)...] where need.first.map({ lower(x).hasPrefix($0) }) ?? false { need = need.dropFirst() }
            // Letters left may come from inside a word (IoT's o, F-REI's R).
            if need.isEmpty || need.count <= 1 && letters.count >= 3 { best = w.0 }
        }
        if let best { return best }
        return Abbreviation.latinLongFormStart(v, end: end, short: short).map { start in
            // Without its article: `the Partnership for …` → `Partnership for …`.
            matchesArticle(v, start) ? start + 4 : start
        }
    }

    func matchesArticle(_ v: TextView, _ i: Int) -> Bool {
        (v.matches("the ", at: i) || v.matches("The ", at: i))
    }
}
