extension LayoutRules {
    /// English releases: headings in capitals (level 1) or in title case (level 2),
    /// initiatives that open `Title: text`, paragraphs cut by a page break that go on
    /// in lower case, wrapped lines joined with a space.
    static let english = LayoutRules(
        continuesAfterBreak: { last, length, next, acrossPage in
            guard length >= 30, let end = last.last(where: { !CharacterClass.isSpace($0) }),
                let first = next.first(where: { !CharacterClass.isSpace($0) })
            else { return false }
            if ".!?:;".unicodeScalars.contains(end) || CharacterClass.isClosing(end) { return false }
            // A page that stops mid-sentence goes on on the next, whatever the next word is.
            if acrossPage { return CharacterClass.isLetter(first) || CharacterClass.isDigit(first) || first == "$" }
            return CharacterClass.isLowerLetter(first)
        },
        refine: { line in EnglishLayout.kind(of: line) },
        lead: { line in EnglishLayout.titledLead(line) }
    )
}

enum EnglishLayout {
    /// Words a title leaves in lower case.
    static let minorWords: Set<String> = [
        "a", "an", "the", "and", "or", "nor", "but", "of", "for", "to", "in", "on", "at", "by", "with", "under", "from", "via",
        "into", "through", "as", "per", "vs.", "its", "our", "their", "across", "between", "toward", "towards", "against",
        "among", "amid", "over", "within", "&", "–", "—", "-",
    ]

    /// Lines a web page or PDF of a government release carries above its text.
    static let furniture: Set<String> = [
        "the white house", "briefing room", "statements and releases", "statements & releases", "fact sheets",
        "press releases", "speeches and remarks", "presidential actions", "news", "home", "share", "print",
    ]

    static func kind(of line: ArraySlice<Unicode.Scalar>) -> LineKind? {
        let last = line.last!
        if line.count <= 30, furniture.contains(String(scalars: line).lowercased()) { return .blank }
        // 1. We, the Leaders of the G7, … / (a) … : a numbered paragraph, read after its number.
        if let mark = Numbering.mark(line), line.count - mark.body > 0 {
            let rest = line[(line.startIndex + mark.body)...]
            if rest.count > 100 || ".!?".unicodeScalars.contains(rest.last!) || rest.last == ")" || rest.last == "\"" {
                return .numbered(body: mark.body)
            }
        }
        let terminal = last == "." || last == "!" || last == "?"
        // Headings are short; a paragraph's opening is only read for a `Title:` lead.
        // `Title: text` is a titled lead even when the line stops short (a wrapped PDF line),
        // unless what follows the colon reads as a heading too (`FACT SHEET: Japan Official Visit`).
        var colonLead = false
        if !terminal, line.count <= 120, let colon = line.dropLast().firstIndex(of: ":") {
            let rest = line[(colon + 1)...].drop(while: { CharacterClass.isSpace($0) })
            colonLead = !rest.isEmpty && !isTitleCase(rest, nil, maxWords: 12)
        }
        if !terminal, !colonLead, line.count <= 120 {
            let letters = line.filter { CharacterClass.isLetter($0) }
            guard !letters.isEmpty else { return nil }
            let text = String(scalars: line)
            // DEFENSE AND SECURITY COOPERATION
            if letters.count >= 3, !letters.contains(where: { CharacterClass.isLowerLetter($0) }) {
                return .heading(level: 1, text: text)
            }
            // Economic Cooperation; `Collaborative Government-Private Sector Engagement:` before a list.
            if line.count <= 100, isTitleCase(line, text, maxWords: 12) {
                return .heading(level: 2, text: last == ":" ? String(text.dropLast()) : text)
            }
        }
        return titledLead(line)
    }

    /// `Upgrading Alliance Command and Control: The United States and Japan intend ...`
    static func titledLead(_ line: ArraySlice<Unicode.Scalar>) -> LineKind? {
        let opening = line.prefix(141)
        if let colon = opening.firstIndex(of: ":") {
            let lead = line[line.startIndex..<colon]
            // A sentence before the colon is no title.
            let sentenceInside = lead.indices.dropLast().contains { lead[$0] == "." && lead[$0 + 1] == " " }
            var body = colon + 1
            while body < line.endIndex, CharacterClass.isSpace(line[body]) { body += 1 }
            if body < line.endIndex, !sentenceInside, isTitleCase(lead, nil, maxWords: 16) {
                let title = String(scalars: lead)
                return .titled(title: title, body: body - line.startIndex)
            }
        }
        return nil
    }

    /// Code points that never join a neighbour into one character: the words of a line made only
    /// of these split at the space code point exactly as its characters split at `" "`.
    @inline(__always) static func isSimple(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x300 || (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E)
    }

    /// `isTitleCase(_:maxWords:)` read on code points, without building strings for the
    /// words; `text` is the same line as a string when the caller has it.
    static func isTitleCase(_ line: ArraySlice<Unicode.Scalar>, _ text: String?, maxWords: Int) -> Bool {
        guard line.allSatisfy(isSimple) else { return isTitleCase(text ?? String(scalars: line), maxWords: maxWords) }
        var count = 0
        var major = 0
        var capitalised = 0
        var i = line.startIndex
        let end = line.endIndex
        while i < end {
            if line[i] == " " { i += 1; continue }
            var j = i
            while j < end, line[j] != " " { j += 1 }
            count += 1
            if count > maxWords { return false }
            if count == 1, !(CharacterClass.isUpperLetter(line[i]) || CharacterClass.isDigit(line[i])) { return false }
            let word = line[i..<j]
            // No minor word is longer than eight bytes, nor holds other than ASCII or a dash.
            let minor = word.count <= 8 && word.allSatisfy { $0.value < 0x80 || $0 == "–" || $0 == "—" }
                && minorWords.contains(String(lowercasedScalars: word))
            if !minor {
                major += 1
                if let u = word.first(where: { CharacterClass.isLetter($0) || CharacterClass.isDigit($0) }),
                    CharacterClass.isUpperLetter(u) || CharacterClass.isDigit(u)
                {
                    capitalised += 1
                }
            }
            i = j
        }
        guard count > 0 else { return false }
        return major > 0 && capitalised * 10 >= major * 8
    }

    /// Most words that are not minor start with a capital or a digit, and the first does.
    static func isTitleCase(_ text: String, maxWords: Int) -> Bool {
        let words = text.split(separator: " ")
        guard !words.isEmpty, words.count <= maxWords, let first = words[0].unicodeScalars.first,
            CharacterClass.isUpperLetter(first) || CharacterClass.isDigit(first)
        else { return false }
        var major = 0
        var capitalised = 0
        // No minor word is longer than eight bytes, lower-cased or not: longer words skip the lookup.
        for word in words where word.utf8.count > 8 || !minorWords.contains(word.lowercased()) {
            major += 1
            if let u = word.unicodeScalars.first(where: { CharacterClass.isLetter($0) || CharacterClass.isDigit($0) }),
                CharacterClass.isUpperLetter(u) || CharacterClass.isDigit(u)
            {
                capitalised += 1
            }
        }
        return major > 0 && capitalised * 10 >= major * 8
    }
}
