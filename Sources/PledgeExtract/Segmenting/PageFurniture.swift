/// Lines a PDF repeats at the top or bottom of its pages: running headers and footers
/// (`日米ファクトシート（仮訳）`, `The White House`, `Page 3 of 17`). `pdftotext` starts every
/// page after the first with a form feed, which tells where pages begin.
///
/// A line is furniture when text of its shape (digits aside) stands among the first or last
/// three lines of at least half the pages, and of three at least. Only the first such line
/// at each edge of a page goes, so a title that repeats the running header on page one stays.
enum PageFurniture {
    static let edge = 3

    /// - Parameters:
    ///   - text: each line's text (its first code points suffice), by line.
    ///   - blank: whether a line is blank to layout (empty, or a page number).
    static func lines(text: [[Unicode.Scalar]], blank: [Bool]) -> [Int] {
        var pageStarts = [0]
        for (i, line) in text.enumerated() where i > 0 && line.first == "\u{0C}" { pageStarts.append(i) }
        guard pageStarts.count >= 3 else { return [] }
        let pages = pageStarts.indices.map { p in pageStarts[p]..<(p + 1 < pageStarts.count ? pageStarts[p + 1] : text.count) }

        func key(_ i: Int) -> [Unicode.Scalar] {
            var out: [Unicode.Scalar] = []
            var lastWasDigit = false
            for u in text[i] where !CharacterClass.isSpace(u) && u != "\u{0C}" {
                let digit = CharacterClass.isDigit(CharacterClass.narrow(u))
                if digit && lastWasDigit { continue }
                out.append(digit ? "#" : u)
                lastWasDigit = digit
            }
            return out
        }
        // The lines at each edge of each page, by their shape.
        var edges: [(top: [Int], bottom: [Int])] = []
        var pagesWith: [[Unicode.Scalar]: Set<Int>] = [:]
        for (p, page) in pages.enumerated() {
            let filled = page.filter { !blank[$0] && text[$0].count <= 120 && !key($0).isEmpty }
            let top = Array(filled.prefix(edge)), bottom = Array(filled.suffix(edge))
            edges.append((top, bottom))
            for i in Set(top + bottom) { pagesWith[key(i), default: []].insert(p) }
        }
        let needed = max(3, pages.count / 2)
        let repeated = Set(pagesWith.filter { $0.value.count >= needed }.map(\.key))
        var found: [Int] = []
        for (top, bottom) in edges {
            var seen = Set<[Unicode.Scalar]>()
            for i in top where repeated.contains(key(i)) && seen.insert(key(i)).inserted { found.append(i) }
            seen = []
            for i in bottom.reversed() where repeated.contains(key(i)) && seen.insert(key(i)).inserted && !found.contains(i) {
                found.append(i)
            }
        }
        return found.sorted()
    }
}
