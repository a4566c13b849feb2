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
            // The closing parenthesis, allowing one nested pair: `(USD(R&E))`.
            var close = i + 1
            var depth = 0
            while close < v.count, close - i < 120 {
                if v[close] == "(" { depth += 1 }
                if v[close] == ")" { if depth == 0 { break }; depth -= 1 }
                close += 1
            }
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
        // `IoT (Internet of Things)`, `USTDA (the U.S. Trade and Development Agency)`: the abbreviation first.
        var long = inner[...]
        if long.starts(with: "the ".unicodeScalars) { long = long.dropFirst(4) }
        guard let (s, short) = Abbreviation.shortForm(v, endingAt: beforeEnd), long.count > short.count,
            spells(short, Array(long))
        else { return nil }
        return Term(short: String(scalars: short), long: String(scalars: long), span: v.span(s, close + 1))
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
                while k > 0, !Self.endsWord(v[k - 1]) { k -= 1 }
            }
            if k == j { break }
            words.append((k, j))
            if k > 0, Self.endsPhrase(v[k - 1]) { break }
            // A sentence ends before this word: `… in 2023. The Quad (…)`.
            var p = k
            while p > 0, v[p - 1] == " " { p -= 1 }
            if p > 0, v[p - 1] == ".", p >= 2, CharacterClass.isLowerLetter(v[p - 2]) { break }
            i = k
        }
        words.reverse()
        return words
    }

    /// What stands between the words of a name: ` ,()";:“”`.
    @inline(__always) static func endsWord(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case " ", ",", "(", ")", "\"", ";", ":", "“", "”": return true
        default: return false
        }
    }

    /// What opens the stretch a name can stand in: `(;:“"`.
    @inline(__always) static func endsPhrase(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "(", ";", ":", "“", "\"": return true
        default: return false
        }
    }

    /// Whether a comma stands in view positions `[from, to)`.
    @inline(__always) func hasComma(_ v: TextView, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if v[i] == "," { return true }
            i += 1
        }
        return false
    }

    /// The parts of the words before a parenthesis, split at `-`, `.` and `/`, each with where it
    /// starts and its lower-cased text: `Low-Earth` → low, earth; `U.S.` → u, s.
    func parts(_ v: TextView, _ ws: [(Int, Int)]) -> [(start: Int, word: Int, text: String)] {
        var out: [(start: Int, word: Int, text: String)] = []
        out.reserveCapacity(ws.count + 4)
        for (n, w) in ws.enumerated() {
            var i = w.0
            while i < w.1 {
                while i < w.1, !(CharacterClass.isLetter(v[i]) || CharacterClass.isDigit(v[i])) { i += 1 }
                var j = i
                while j < w.1, CharacterClass.isLetter(v[j]) || CharacterClass.isDigit(v[j]) || v[j] == "’" || v[j] == "'" { j += 1 }
                if j > i { out.append((i, n, v.lowercasedString(i, j))) }
                i = j
            }
        }
        return out
    }

    static let numberWords: [Character: [String]] = [
        "1": ["one", "first"], "2": ["two", "second"], "3": ["three", "third"], "4": ["four"], "5": ["five", "fifth"],
        "6": ["six"], "7": ["seven"], "8": ["eight"], "9": ["nine", "ninth"], "0": ["zero"],
    ]

    /// Whether an abbreviation's letter stands for a word part: its initial, or a digit for its number word (`5G`, `G7`).
    func letter(_ l: Character, matches part: String) -> Bool {
        // An ASCII letter against a part that opens with two ASCII bytes (or is one): its first
        // character is its first byte, compared without breaking the string into characters.
        if let a = l.asciiValue, CharacterClass.isASCIILetter(Unicode.Scalar(a)) {
            let bytes = part.utf8
            if let b0 = bytes.first, b0 < 0x80 {
                let second = bytes.dropFirst().first
                if second == nil || second! < 0x80 { return b0 == a }
            }
            return part.first == l
        }
        if l.isNumber { return part.first == l || (Self.numberWords[l] ?? []).contains { part.hasPrefix($0) } }
        return part.first == l
    }

    func longFormStart(_ v: TextView, end: Int, short: [Unicode.Scalar]) -> Int? {
        var letters = short.filter { CharacterClass.isASCIILetter($0) || CharacterClass.isDigit($0) }.map { Character(String($0).lowercased()) }
        // A plural mark is no letter of the name: A/SMRs.
        if short.last == "s", short.count > 2, CharacterClass.isUpper(short[short.count - 2]) { letters.removeLast() }
        guard let firstLetter = letters.first else { return nil }
        let ws = words(v, end: end, limit: short.count * 2 + 6)
        guard !ws.isEmpty else { return nil }
        // Each word lower-cased once: the rules below ask for it many times.
        let lowered = ws.map { v.lowercasedString($0.0, $0.1) }
        func lower(_ n: Int) -> String { lowered[n] }
        func capitalised(_ n: Int) -> Bool { CharacterClass.isUpperLetter(v[ws[n].0]) || CharacterClass.isDigit(v[ws[n].0]) }
        func possessive(_ n: Int) -> Bool { lowered[n].hasSuffix("’s") || lowered[n].hasSuffix("'s") }
        let ps = parts(v, ws)
        // A head noun with `of` or `on the` belongs to the name when one of the letters is its
        // initial: `National Institute of Advanced … (AIST)`, `Treaty on the Non-Proliferation … (NPT)`.
        func extendOverHead(_ s: Int) -> Int {
            guard s >= 1 else { return s }
            var head = s - 1
            if lower(head) == "the", head >= 1, lower(head - 1) == "on" { head -= 1 } else if lower(head) != "of" { return s }
            var first = head
            while first >= 1, capitalised(first - 1), lower(first - 1) != "the", !possessive(first - 1),
                !hasComma(v, ws[first - 1].1, ws[first].0)
            {
                first -= 1
            }
            guard first < head else { return s }
            let initials = (first..<head).compactMap { lower($0).first }
            return initials.contains(where: { letters.contains($0) }) ? first : s
        }
        // The nearest part from which the letters follow the parts' initials in order, not a
        // joining word: `Japan-North Atlantic Treaty Organization (NATO)` starts at North.
        var found: Int?
        // No joining word is longer than four bytes: longer parts skip the lookup.
        for p in ps.indices.reversed() where (ps[p].text.utf8.count > 4 || !Self.joiners.contains(ps[p].text)) && letter(firstLetter, matches: ps[p].text) {
            var need = letters.dropFirst()[...]
            for q in ps[(p + 1)...] where need.first.map({ letter($0, matches: q.text) }) ?? false { need = need.dropFirst() }
            if need.isEmpty { found = p; break }
        }
        if let p = found {
            var s = ps[p].word
            // Starting inside a compound word keeps the start there (North in Japan-North).
            if ps[p].start != ws[s].0 { return ps[p].start }
            // A capitalised word with the same initial belongs to the name (`Perovskite PV
            // Accelerator … (PACT)`), and so does a head noun with `of` or `on the` (`National
            // Institute of Advanced …`, `Treaty on the Non-Proliferation …`). Modifiers such as
            // `U.S.` or `Japanese` stay outside, as in `U.S. Food and Drug Administration (FDA)`.
            while s > 0 {
                let prev = ws[s - 1]
                if hasComma(v, prev.1, ws[s].0) || possessive(s - 1) { break }
                if capitalised(s - 1), lower(s - 1) != "the", letter(firstLetter, matches: lower(s - 1)) {
                    s -= 1
                    continue
                }
                break
            }
            s = extendOverHead(s)
            return ws[s].0
        }
        // Letters found inside words (Schwartz and Hearst): `intercontinental ballistic missile (ICBM)`,
        // `Competitiveness and Resilience (CoRe)`.
        let text = Array(v.lowercasedString(ws[0].0, end).unicodeScalars)
        var l = letters.count - 1
        var t = text.count - 1
        while l >= 0 {
            let c = Unicode.Scalar(String(letters[l]))!
            while t >= 0, text[t] != c || (l == 0 && t > 0 && (CharacterClass.isLetter(text[t - 1]) || CharacterClass.isDigit(text[t - 1]))) { t -= 1 }
            if t < 0 { break }
            l -= 1
            t -= 1
        }
        if l < 0 {
            let start = ws[0].0 + t + 1
            if let w = ws.firstIndex(where: { $0.0 == start }) { return ws[extendOverHead(w)].0 }
            return matchesArticle(v, start) ? start + 4 : start
        }
        // No spelling: the run of capitalised words before the parenthesis (`Green Transformation (GX)`).
        var s = ws.count
        while s > 0, capitalised(s - 1) && lower(s - 1) != "the" && !possessive(s - 1) || Self.joiners.contains(lower(s - 1)) && s >= 2 && capitalised(s - 2) {
            s -= 1
        }
        while s < ws.count, Self.joiners.contains(lower(s)) { s += 1 }
        return s < ws.count && (ws.count - s >= 2 || lower(s).hasPrefix(String(firstLetter))) ? ws[s].0 : nil
    }

    /// Whether the letters of `short` appear in `long` in order, the first at the start of its first word.
    func spells(_ short: [Unicode.Scalar], _ long: [Unicode.Scalar]) -> Bool {
        let letters = short.filter(CharacterClass.isASCIILetter).map { CharacterClass.isUpper($0) ? Unicode.Scalar($0.value + 32)! : $0 }
        let text = long.map { CharacterClass.isUpper($0) ? Unicode.Scalar($0.value + 32)! : $0 }
        guard let first = letters.first, text.first == first, long.contains(where: { $0 == " " }) else { return false }
        var t = 1
        for c in letters.dropFirst() {
            while t < text.count, text[t] != c { t += 1 }
            if t == text.count { return false }
            t += 1
        }
        return true
    }

    func matchesArticle(_ v: TextView, _ i: Int) -> Bool {
        (v.matches("the ", at: i) || v.matches("The ", at: i))
    }
}
