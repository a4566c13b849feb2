/// The number that opens a line of a numbered document: `１．`, `第1章`, `一、`, `（１）`,
/// `①`, `ア．`, `(ア)`, `1 本日` in Japanese; `1.`, `(a)`, `IV.` in English. Numbering stays in the
/// text and in an item's span, but a title, an actor or a sentence starts after it.
enum Numbering {
    struct Mark: Equatable {
        /// 1 for chapters and top-level numbers, 2 for `（１）` and `①`, 3 for `ア` and `(a)`.
        var level: Int
        /// Where the text after the mark (and its spaces) starts, within the line given.
        var body: Int
    }

    static func mark(_ line: ArraySlice<Unicode.Scalar>) -> Mark? {
        guard let opening = line.first, mayOpen(CharacterClass.narrow(opening)) else { return nil }
        let s = Array(line.prefix(12).map(CharacterClass.narrow))
        guard let first = s.first else { return nil }
        var i = 0
        func digits() -> Int {
            let start = i
            while i < s.count, CharacterClass.isDigit(s[i]) || CharacterClass.kanjiDigit(s[i]) != nil || "十百".unicodeScalars.contains(s[i]) {
                i += 1
            }
            return i - start
        }
        func finish(_ level: Int) -> Mark? {
            var body = i
            while body < s.count, CharacterClass.isSpace(s[body]) { body += 1 }
            // The mark must lead into text, not end the line or run into a number (3.5).
            guard body < s.count || line.count > s.count, body > 0 else { return nil }
            if body < s.count, CharacterClass.isDigit(s[body]), body == i { return nil }
            return Mark(level: level, body: body)
        }
        let v = first.value
        switch first {
        case "第":
            i = 1
            guard (1...3).contains(digits()), i < s.count else { return nil }
            switch s[i] {
            case "章", "部": i += 1; return finish(1)
            case "節": i += 1; return finish(2)
            case ".", "、", " ": i += 1; return finish(1)
            default: return nil
            }
        case "(", "（":
            i = 1
            let n = digits()
            if n == 0, i < s.count, CharacterClass.isKatakana(s[i]) || CharacterClass.isLowerLetter(s[i]) { i += 1 }
            guard i > 1, i <= 4, i < s.count, s[i] == ")" || s[i] == "）" else { return nil }
            i += 1
            return finish(n > 0 ? 2 : 3)
        default:
            break
        }
        if (0x2460...0x2473).contains(v) {  // ①…⑳
            i = 1
            return finish(2)
        }
        if (0x2160...0x216B).contains(v) {  // Ⅰ…Ⅻ
            i = 1
            guard i < s.count, s[i] == "." || s[i] == " " || s[i] == "、" else { return nil }
            i += 1
            return finish(1)
        }
        if CharacterClass.isKatakana(first), s.count > 1, s[1] == "." || s[1] == " " || s[1] == "、" {
            i = 2
            return finish(3)
        }
        // 1. / １． / 一、 / IV.
        let n = digits()
        if n > 0 {
            let kanji = CharacterClass.kanjiDigit(s[0]) != nil || s[0] == "十"
            // Up to 999: communiqués and resolutions run past a hundred paragraphs; four digits are a year.
            guard n <= 3, i < s.count else { return nil }
            // `一、` and, in speeches, `一　はじめに`.
            if kanji ? (s[i] == "、" || s[i] == " ") : (s[i] == "." || s[i] == "、") {
                i += 1
                return finish(1)
            }
            // A ministry release's `1 本23日，…`: a number and a space before Japanese text.
            if !kanji, s[i] == " ", i + 1 < s.count, CharacterClass.isJapanese(s[i + 1]) {
                i += 1
                return finish(1)
            }
            return nil
        }
        while i < s.count, "IVX".unicodeScalars.contains(s[i]) { i += 1 }
        if (1...4).contains(i), i < s.count, s[i] == "." {
            i += 1
            guard i < s.count, s[i] == " " else { return nil }
            return finish(1)
        }
        return nil
    }
}

extension Numbering {
    /// Whether a line opening with `u` can be numbered at all: a quick test for every line.
    @inline(__always) static func mayOpen(_ u: Unicode.Scalar) -> Bool {
        CharacterClass.isDigit(u) || CharacterClass.kanjiDigit(u) != nil || u == "第" || u == "(" || u == "（" || u == "十"
            || (0x2460...0x2473).contains(u.value) || (0x2160...0x216B).contains(u.value) || CharacterClass.isKatakana(u)
            || u == "I" || u == "V" || u == "X"
    }
}

/// Japanese ministry layout, read without markup: numbered headings (`１．防衛協力`), a
/// numbered title on its own line with its text below (`（１）題名`), numbered paragraphs,
/// annexes (`別添`), and the closing `（了）`.
enum JapaneseLayout {
    static let closings: [[Unicode.Scalar]] = ["（了）", "(了)", "以上", "（以上）"].map { Array($0.unicodeScalars) }
    static let annexes: [[Unicode.Scalar]] = ["別添", "別紙", "参考"].map { Array($0.unicodeScalars) }

    static func kind(of line: ArraySlice<Unicode.Scalar>) -> LineKind? {
        // Most lines are running text: only short ones or numbered ones are looked at closely.
        if line.count <= 4, closings.contains(where: { line.elementsEqual($0) }) { return .blank }
        guard let mark = Numbering.mark(line) else {
            // 別添・別紙・参考 open an annex.
            if line.count <= 20, line.last != "。", annexes.contains(where: { line.starts(with: $0) }) {
                return .heading(level: 1, text: String(scalars: line))
            }
            return nil
        }
        let rest = line[(line.startIndex + mark.body)...]
        guard let last = rest.last else { return nil }
        if CharacterClass.isJapaneseSentenceEnd(last) || CharacterClass.isClosing(last) && rest.contains("。") || rest.count > 60 {
            return .numbered(body: mark.body)
        }
        let title = Layout.plain(rest)
        return mark.level == 1 ? .heading(level: 1, text: title) : .label(level: mark.level, text: title, body: mark.body)
    }
}
