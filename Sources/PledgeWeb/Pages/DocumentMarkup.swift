/// The light markup a read document carries (`# ` headings, `- ` and `・` bullets, `**bold**`,
/// as the HTML and PDF readers write them), found in a part of its text so that the document
/// page can show headings, bullets and bold instead of the characters that mark them.
///
/// Offsets count Unicode scalars from the start of the text given, as `Annotator` does.
struct DocumentMarkup: Equatable {
    enum Kind: Equatable {
        /// A heading of this level, from 1 (`#`).
        case heading(Int)
        case bullet
        case bold
    }

    struct Block: Equatable {
        var kind: Kind
        var range: Range<Int>
    }

    /// What the markup marks, without its marker characters.
    var blocks: [Block] = []
    /// The marker characters: `### `, `- `, `**`.
    var markers: [Range<Int>] = []

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var lineStart = 0
        while lineStart <= scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            read(line: lineStart..<lineEnd, of: scalars)
            lineStart = lineEnd + 1
        }
    }

    private mutating func read(line: Range<Int>, of s: [Unicode.Scalar]) {
        var i = line.lowerBound
        while i < line.upperBound, s[i] == " " || s[i] == "\t" || s[i] == "\u{3000}" { i += 1 }
        var end = line.upperBound
        while end > i, s[end - 1] == " " || s[end - 1] == "\t" || s[end - 1] == "\r" || s[end - 1] == "\u{3000}" { end -= 1 }
        guard i < end else { return }
        var contentStart = i
        var kind: Kind?
        if s[i] == "#" {
            var level = 0
            while i + level < end, s[i + level] == "#" { level += 1 }
            if level <= 6, i + level < end, s[i + level] == " " {
                kind = .heading(level)
                contentStart = i + level + 1
            }
        } else if (s[i] == "-" || s[i] == "*" || s[i] == "•") && i + 1 < end && s[i + 1] == " " {
            kind = .bullet
            contentStart = i + 2
        } else if s[i] == "・" && i + 1 < end {
            kind = .bullet
            contentStart = i + 1
        }
        if let kind {
            markers.append(line.lowerBound..<contentStart)
            blocks.append(Block(kind: kind, range: contentStart..<end))
        }
        readBold(contentStart..<end, of: s)
    }

    /// `**…**` pairs within one line.
    private mutating func readBold(_ range: Range<Int>, of s: [Unicode.Scalar]) {
        var open: Int?
        var i = range.lowerBound
        while i + 1 < range.upperBound {
            guard s[i] == "*", s[i + 1] == "*" else {
                i += 1
                continue
            }
            if let start = open {
                if i > start + 2 {
                    markers.append(start..<start + 2)
                    markers.append(i..<i + 2)
                    blocks.append(Block(kind: .bold, range: start + 2..<i))
                }
                open = nil
            } else {
                open = i
            }
            i += 2
        }
    }
}
