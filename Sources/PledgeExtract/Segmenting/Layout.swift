import Foundation

/// What one line is, read from its markup alone.
enum LineKind: Equatable {
    case blank
    /// `#` headings (level = number of marks), a line that is all bold, `【…】` alone (level 0).
    case heading(level: Int, text: String)
    /// `**タイトル：**本文`, `**Title:** text`, `【タイトル】本文`; `body` is where the text starts.
    case titled(title: String, body: Int)
    /// `- `, `* `, `• `, `・`, `●`, `○`; `body` is where the text starts.
    case bullet(body: Int)
    /// A numbered paragraph (`（１）日米両国は…。`, `1. We, the Leaders…`); `body` is where the text starts.
    case numbered(body: Int)
    /// A short numbered line without a full stop (`（１）宇宙協力`): the title of the text
    /// below it, or a heading when no text follows.
    case label(level: Int, text: String, body: Int)
    case text
}

/// A run of lines that forms one unit of the document.
struct Block {
    enum Kind: Equatable {
        case title(String)
        case dateLine
        case heading(level: Int, text: String)
        case paragraph
        case bullet
        case titled(String)
    }

    var kind: Kind
    /// Indices into the document's lines, first to last (blank lines inside a page-break join included).
    var firstLine: Int
    var lastLine: Int
    /// Document offset where the sentences begin (after bullet marks and titles).
    var bodyStart: Int
    /// Document offsets of characters a page break duplicated (`キ⏎⏎キャンパス`), left out of the view.
    var skipped: [Int] = []
}

/// How a language joins text that a page break or a hard wrap cut.
struct LayoutRules: Sendable {
    /// Whether a block that ends this way before a blank line goes on after it.
    /// `acrossPage`: the blank lines hold page furniture, so a page ends between the two.
    var continuesAfterBreak: @Sendable (_ lastLine: [Unicode.Scalar], _ blockLength: Int, _ next: [Unicode.Scalar], _ acrossPage: Bool) -> Bool
    /// A second look at a line the markup alone calls body text (English headings
    /// in capitals, `Title: text` paragraphs); the line comes trimmed of spaces.
    var refine: @Sendable (_ line: ArraySlice<Unicode.Scalar>) -> LineKind? = { _ in nil }
    /// The titled lead a line opens with, if any: for a heading-like line that wrapping shows
    /// to be a paragraph's first line (`Investing in U.S. Infrastructure: The U.S. Department`).
    var lead: @Sendable (_ line: ArraySlice<Unicode.Scalar>) -> LineKind? = { _ in nil }
}

extension LayoutRules {
    static let japanese = LayoutRules { last, length, next, _ in
        guard length >= 30, let end = last.last(where: { !CharacterClass.isSpace($0) }),
            let first = next.first(where: { !CharacterClass.isSpace($0) })
        else { return false }
        if CharacterClass.isJapaneseSentenceEnd(end) || CharacterClass.isClosing(end) { return false }
        if end == "：" || end == ":" || end == "." { return false }
        // The continuation is Japanese running text, not a new heading-like line.
        return CharacterClass.isJapanese(first) || CharacterClass.isDigit(first) || CharacterClass.isASCIILetter(first)
    } refine: { line in
        JapaneseLayout.kind(of: line)
    }
}

/// Reads the layout of a document: which lines are headings, titled paragraphs,
/// bullets and body text, where the title and date stand, and which paragraphs a
/// page break cut in two.
enum Layout {
    static func classify(_ line: [Unicode.Scalar], rules: LayoutRules) -> LineKind {
        let kind = classify(line)
        guard kind == .text else { return kind }
        var a = 0
        var b = line.count
        while a < b, CharacterClass.isSpace(line[a]) { a += 1 }
        while b > a, CharacterClass.isSpace(line[b - 1]) { b -= 1 }
        guard let refined = rules.refine(line[a..<b]) else { return .text }
        // Positions the rules report are within the trimmed line.
        if case .titled(let title, let body) = refined { return .titled(title: title, body: body + a) }
        if case .bullet(let body) = refined { return .bullet(body: body + a) }
        if case .numbered(let body) = refined { return .numbered(body: body + a) }
        if case .label(let level, let text, let body) = refined { return .label(level: level, text: text, body: body + a) }
        return refined
    }

    static func classify(_ line: [Unicode.Scalar]) -> LineKind {
        var a = 0
        var b = line.count
        while a < b, CharacterClass.isSpace(line[a]) { a += 1 }
        while b > a, CharacterClass.isSpace(line[b - 1]) { b -= 1 }
        if a == b || isPageNumber(line[a..<b]) { return .blank }
        let s = line[a..<b]
        // Markdown headings.
        var hashes = a
        while hashes < b, line[hashes] == "#" { hashes += 1 }
        if hashes > a, hashes - a <= 6, hashes == b || CharacterClass.isSpace(line[hashes]) {
            let text = plain(line[hashes..<b])
            // A heading without text (`###`, the end mark of White House releases) is no heading.
            return text.isEmpty ? .blank : .heading(level: hashes - a, text: text)
        }
        // Bold leads and all-bold lines; a bullet that opens with a bold lead is titled by it
        // (`- **Help Vaccinate the World:** As Quad countries ...`, as web pages set initiatives).
        var bulletBody = a
        if line[a] == "-" || line[a] == "*" || line[a] == "•", a + 1 < b, CharacterClass.isSpace(line[a + 1]) {
            bulletBody = a + 1
            while bulletBody < b, CharacterClass.isSpace(line[bulletBody]) { bulletBody += 1 }
            if !line[bulletBody..<b].starts(with: ["*", "*"]) { bulletBody = a }
        }
        if bulletBody > a, let close = find(["*", "*"], in: line, from: bulletBody + 2, to: b), close > bulletBody + 2, close + 2 < b,
            case .titled(let title, let body) = classify(Array(line[bulletBody..<b]))
        {
            return .titled(title: title, body: body + bulletBody)
        }
        if s.starts(with: ["*", "*"]), let close = find(["*", "*"], in: line, from: a + 2, to: b), close > a + 2 {
            var title = Array(line[(a + 2)..<close])
            var body = close + 2
            while body < b, CharacterClass.isSpace(line[body]) { body += 1 }
            if body == b { return .heading(level: 0, text: plain(title[...])) }
            if line[body] == "：" || line[body] == ":" {
                body += 1
                while body < b, CharacterClass.isSpace(line[body]) { body += 1 }
            }
            while let last = title.last, last == "：" || last == ":" || CharacterClass.isSpace(last) { title.removeLast() }
            return .titled(title: plain(title[...]), body: body)
        }
        if line[a] == "【", let close = line[a..<min(b, a + 40)].firstIndex(of: "】") {
            var body = close + 1
            while body < b, CharacterClass.isSpace(line[body]) || line[body] == "：" { body += 1 }
            let title = plain(line[(a + 1)..<close])
            return body == b ? .heading(level: 0, text: title) : .titled(title: title, body: body)
        }
        // Bullets.
        let u = line[a]
        if (u == "-" || u == "*" || u == "•" || u == "・" || u == "●" || u == "○" || u == "◯" || u == "▪" || u == "◆"), a + 1 < b {
            let next = line[a + 1]
            if CharacterClass.isSpace(next) || (u != "-" && u != "*") {
                var body = a + 1
                while body < b, CharacterClass.isSpace(line[body]) { body += 1 }
                return .bullet(body: body)
            }
        }
        return .text
    }

    /// Heading or title text without markup and outer spaces.
    static func plain(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var text = String(scalars: s.filter { $0 != "*" })
        while text.hasSuffix("#") { text.removeLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// `3`, `- 3 -`, `12/40`: page furniture from PDF conversion.
    static func isPageNumber(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard s.count <= 12 else { return false }
        var digits = 0
        for u in s {
            if CharacterClass.isDigit(u) { digits += 1 } else if !(u == "-" || u == " " || u == "/" || u == "－" || u == "—" || u == "–") {
                return false
            }
        }
        return digits > 0 && digits <= 4 && (s.first == "-" || s.first == "－" || s.first == "—" || s.first == "–" || CharacterClass.isDigit(s.first!))
            && !(s.count == digits && digits == 4)  // a bare four-digit number may be a year line
    }

    static func find(_ needle: [Unicode.Scalar], in s: [Unicode.Scalar], from: Int, to: Int) -> Int? {
        var i = from
        while i + needle.count <= to {
            if s[i] == needle[0] && s[i + 1] == needle[1] { return i }
            i += 1
        }
        return nil
    }
}

extension Layout {
    /// Groups classified lines into blocks: wrapped lines join their paragraph,
    /// each bullet and titled paragraph starts a block, and a paragraph that a page
    /// break cut (it stops mid-sentence and goes on after blank lines) stays one.
    static func blocks(
        kinds: [LineKind], head: (Int) -> [Unicode.Scalar], tail: (Int) -> [Unicode.Scalar],
        title: (Int) -> [Unicode.Scalar], lines: [Line], rules: LayoutRules, titleLine: Int?, dateLine: Int?
    ) -> [Block] {
        var blocks: [Block] = []
        var current: Block?
        var currentLength = 0
        var i = 0

        func close() {
            if let c = current { blocks.append(c) }
            current = nil
            currentLength = 0
        }

        while i < kinds.count {
            let kind = kinds[i]
            let line = lines[i]
            if i == titleLine {
                close()
                var text = ""
                if case .heading(_, let heading) = kind { text = heading } else { text = plain(title(i)[...]) }
                blocks.append(Block(kind: .title(text), firstLine: i, lastLine: i, bodyStart: line.start))
                i += 1
                continue
            }
            if i == dateLine {
                close()
                blocks.append(Block(kind: .dateLine, firstLine: i, lastLine: i, bodyStart: line.start))
                i += 1
                continue
            }
            switch kind {
            case .blank:
                guard current != nil else { i += 1; continue }
                // Look past the blank lines: does the cut paragraph go on?
                var j = i
                while j < kinds.count, kinds[j] == .blank { j += 1 }
                if j < kinds.count, kinds[j] == .text, j != titleLine, j != dateLine {
                    let last = tail(current!.lastLine)
                    let next = head(j)
                    let acrossPage = lines[i..<j].contains { $0.end > $0.start }
                    if rules.continuesAfterBreak(last, currentLength, next, acrossPage) {
                        // A character repeated across the break was printed twice.
                        if let end = last.last(where: { !CharacterClass.isSpace($0) }),
                            let firstIndex = next.firstIndex(where: { !CharacterClass.isSpace($0) }),
                            next[firstIndex] == end, CharacterClass.isKanji(end) || CharacterClass.isKatakana(end) || CharacterClass.isHiragana(end),
                            end != "ー"
                        {
                            current!.skipped.append(lines[j].start + firstIndex)
                        }
                        current!.lastLine = j
                        currentLength += next.count
                        i = j + 1
                        continue
                    }
                }
                close()
                i = j
                continue
            case .heading(let level, let text):
                close()
                blocks.append(Block(kind: .heading(level: level, text: text), firstLine: i, lastLine: i, bodyStart: line.start))
            case .titled(let title, let body):
                close()
                current = Block(kind: .titled(title), firstLine: i, lastLine: i, bodyStart: line.start + body)
                currentLength = line.end - line.start
            case .bullet(let body):
                close()
                current = Block(kind: .bullet, firstLine: i, lastLine: i, bodyStart: line.start + body)
                currentLength = line.end - line.start
            case .numbered(let body):
                close()
                current = Block(kind: .paragraph, firstLine: i, lastLine: i, bodyStart: line.start + body)
                currentLength = line.end - line.start
            case .label(let level, let text, _):
                close()
                // Text right below makes the label its title; anything else makes it a heading.
                // Past a blank line or two, or past a page break (blank lines around furniture).
                var j = i + 1
                while j < kinds.count, kinds[j] == .blank, j - i <= 16 { j += 1 }
                if j - i > 3, !lines[(i + 1)..<j].contains(where: { $0.end > $0.start }) { j = kinds.count }
                if j < kinds.count, kinds[j] == .text, j != titleLine, j != dateLine {
                    let s = head(j)
                    var a = 0
                    while a < s.count, CharacterClass.isSpace(s[a]) { a += 1 }
                    current = Block(kind: .titled(text), firstLine: i, lastLine: j, bodyStart: lines[j].start + a)
                    currentLength = (line.end - line.start) + (lines[j].end - lines[j].start)
                    i = j + 1
                    continue
                }
                blocks.append(Block(kind: .heading(level: level, text: text), firstLine: i, lastLine: i, bodyStart: line.start))
            case .text:
                // A line indented with an ideographic space (or a tab) after a finished sentence opens
                // a new paragraph, as Diet records and many Japanese texts lay paragraphs out.
                if let c = current, let first = head(i).first, first == "\u{3000}" || first == "\t",
                    let end = tail(c.lastLine).last(where: { !CharacterClass.isSpace($0) }),
                    CharacterClass.isJapaneseSentenceEnd(end) || end == "." || end == "!" || end == "?" || CharacterClass.isClosing(end)
                {
                    close()
                }
                if current != nil {
                    current!.lastLine = i  // a wrapped line of the same paragraph
                } else {
                    var a = 0
                    let s = head(i)
                    while a < s.count, CharacterClass.isSpace(s[a]) { a += 1 }
                    current = Block(kind: .paragraph, firstLine: i, lastLine: i, bodyStart: line.start + a)
                }
                currentLength += line.end - line.start
            }
            i += 1
        }
        close()
        return blocks
    }
}
