import PledgeModel

/// Finds abbreviations defined by parentheses. One rule set per language.
public protocol TermRules: Sendable {
    func terms(in view: TextView) -> [Term]
}

/// What the two languages share: telling an abbreviation from other parenthesised
/// text, and finding the start of a Latin-script long form (`Long Name (LN)`).
enum Abbreviation {
    /// `BIAC`, `IoT`, `A/SMR`, `I-Corps`, `F-REI`, `J-LEAP`: Latin script, short, at least
    /// two capitals, no spaces. `(map)`, `(e-methane)`, `(2024)` are not abbreviations.
    static func isShortForm(_ s: [Unicode.Scalar]) -> Bool {
        guard s.count >= 2, s.count <= 12, CharacterClass.isASCIILetter(s[0]) || CharacterClass.isDigit(s[0]) else { return false }
        var capitals = 0
        var digits = 0
        for u in s {
            if CharacterClass.isUpper(u) { capitals += 1 } else if CharacterClass.isDigit(u) { digits += 1 } else if !(CharacterClass.isASCIILetter(u) || u == "-" || u == "/" || u == "&" || u == "." || u == "(" || u == ")") {
                return false
            }
        }
        if fileFormats.contains(String(scalars: s)) { return false }
        // `5G`: a capital with digits is as much an abbreviation as `BIAC`.
        return capitals >= 2 || capitals == 1 && digits >= 1 && s.count <= 4
    }

    /// Parenthesised file formats and sizes, as in `英文（PDF）`, are not definitions.
    static let fileFormats: Set<String> = ["PDF", "HTML", "XLS", "XLSX", "DOC", "DOCX", "PPT", "CSV", "JPG", "PNG", "MB", "KB", "GB", "ZIP"]

    /// The trimmed text inside parentheses `[open, close]` and where the text before them ends.
    static func parenthesis(_ v: TextView, open: Int, close: Int) -> (inner: [Unicode.Scalar], beforeEnd: Int)? {
        var inner = Array(v.scalars[(open + 1)..<close])
        while inner.first == " " { inner.removeFirst() }
        while inner.last == " " { inner.removeLast() }
        let beforeEnd = v.skipSpacesBackward(from: open)
        return beforeEnd > 0 ? (inner, beforeEnd) : nil
    }

    /// An abbreviation standing just before `end` (`IoT` in `IoT（Internet of Things）`).
    static func shortForm(_ v: TextView, endingAt end: Int) -> (start: Int, short: [Unicode.Scalar])? {
        var s = end
        while s > 0, CharacterClass.isASCIILetter(v[s - 1]) || CharacterClass.isDigit(v[s - 1]) || v[s - 1] == "-" || v[s - 1] == "/" { s -= 1 }
        let short = Array(v.scalars[s..<end])
        guard s < end, isShortForm(short), !CharacterClass.isASCIILetter(v.at(s - 1)) else { return nil }
        return (s, short)
    }

    static let stopWords: Set<String> = ["of", "for", "and", "the", "on", "in", "to", "at", "by", "with", "a", "an"]

    /// Start index (in `v`) of a Latin long form that ends at `end` and abbreviates as `short`,
    /// or nil. Takes the whole run of Latin words back to a non-Latin boundary when its
    /// first word starts with the abbreviation's first letter and the run is not much
    /// longer than the abbreviation; otherwise the shortest run whose word initials
    /// spell the abbreviation in order (Schwartz and Hearst's rule).
    static func latinLongFormStart(_ v: TextView, end: Int, short: [Unicode.Scalar]) -> Int? {
        var words: [(start: Int, end: Int)] = []
        var i = end
        while i > 0 {
            var j = i
            while j > 0, v[j - 1] == " " { j -= 1 }
            var k = j
            while k > 0, CharacterClass.isASCIILetter(v[k - 1]) || CharacterClass.isDigit(v[k - 1]) || v[k - 1] == "-" || v[k - 1] == "'" {
                k -= 1
            }
            if k == j { break }
            words.insert((k, j), at: 0)
            i = k
            if words.count > 2 * short.count + 5 { break }
        }
        guard !words.isEmpty else { return nil }
        let letters = short.filter { CharacterClass.isASCIILetter($0) }.map { Character($0).lowercased() }
        guard let firstLetter = letters.first else { return nil }
        func initial(_ w: (start: Int, end: Int)) -> String { Character(v[w.start]).lowercased() }
        func text(_ w: (start: Int, end: Int)) -> String { v.string(w.start, w.end).lowercased() }
        let limit = min(short.count + 5, short.count * 2)
        if words.count <= limit, initial(words[0]) == firstLetter, !stopWords.contains(text(words[0])) {
            return words[0].start
        }
        // Shortest suffix of words whose initials contain the letters in order.
        let initials = words.map { initial($0) }
        for first in stride(from: words.count - 1, through: 0, by: -1) where initials[first] == firstLetter {
            var need = letters.dropFirst()[...]
            for w in words[(first + 1)...] {
                let t = text(w)
                for c in t where need.first.map({ String(c) == $0 }) ?? false { need = need.dropFirst() }
            }
            if need.isEmpty && words.count - first <= limit { return words[first].start }
        }
        return nil
    }
}
