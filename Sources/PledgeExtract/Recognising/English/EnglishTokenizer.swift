import PledgeModel

/// Sentences into words, each looked up once in the word lists.
extension EnglishSentenceReadingRules {
    func tokenize(_ s: [Unicode.Scalar]) -> [Word] {
        var words: [Word] = []
        words.reserveCapacity(s.count / 5 + 4)
        let n = s.count
        var i = 0
        while i < n {
            let first = s[i]
            guard CharacterClass.isLetter(first) || CharacterClass.isDigit(first) else { i += 1; continue }
            // One pass reads the word's extent, its packed key (ASCII letters only, up to 12)
            // and whether it holds anything but ASCII and `’`.
            var j = i
            var key: UInt64 = 0
            var letters = true
            var plain = true
            while j < n {
                let u = s[j]
                let v = u.value
                if v < 0x80 {
                    if CharacterClass.isASCIILetter(u) {
                        key = key << 5 | UInt64((v | 0x20) - 0x60)
                    } else if CharacterClass.isDigit(u) || u == "-" || u == "'" || u == "&" || (u == "." && j + 1 < n && CharacterClass.isLetter(s[j + 1])) {
                        letters = false
                    } else {
                        break
                    }
                } else if u == "’" {
                    letters = false
                } else if CharacterClass.isLetter(u) {
                    letters = false
                    plain = false
                } else {
                    break
                }
                j += 1
            }
            if j < n, s[j] == ".", j - i <= 4, s[i..<j].contains(".") { j += 1; letters = false }  // U.S.
            var text: String
            var flags: UInt16
            var verb: Modality?
            if letters && j - i <= 12 {
                // Words the rules ask about are shared strings; any other word only keeps the
                // ending the rules test (`~ing`, `~ed`, `~s`), so no string is built for it.
                if let e = Self.vocabulary.keys.index(of: key) {
                    let entry = Self.vocabulary.entries[e]
                    text = entry.text
                    flags = entry.flags
                    verb = entry.verb
                } else {
                    text = Self.ending(s[i..<j])
                    flags = 0
                }
                flags |= Self.asciiSuffixFlags(s[i..<j])
            } else if plain && !letters {
                // Digits, hyphens, apostrophes or dots: no word the rules list (all plain letters)
                // can equal it, so it too keeps only its ending.
                text = Self.ending(s[i..<j])
                flags = Self.asciiSuffixFlags(s[i..<j])
            } else {
                text = String(lowercasedScalars: s[i..<j])
                flags = Self.suffixFlags(text)
                // A long plain word is on a list only if it is one of the few long listed words.
                if !(letters && plain) || Self.longListed.contains(text) {
                    flags |= Self.listFlags(text)
                    verb = Self.verbs[text]
                }
            }
            words.append(Word(start: i, end: j, text: text, capitalised: CharacterClass.isUpperLetter(first), flags: flags, verb: verb))
            i = j
        }
        return words
    }
}
