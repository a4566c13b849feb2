import PledgeModel

/// The words of a passage that say what it is about, for comparing two documents in one
/// language: English content words (stemmed) and pairs of neighbouring ones, which name
/// programmes (`open ran`, `lunar rover`); Japanese katakana words and pairs of kanji.
/// Function words and the vocabulary every diplomatic text uses are left out.
enum ItemWords {
    static func words(_ s: some Collection<Unicode.Scalar>) -> Set<String> {
        var out = Set<String>()
        var previous: String?
        var word = String.UnicodeScalarView()
        var capitals = 0
        var katakana = String.UnicodeScalarView()
        var kanji: [Unicode.Scalar] = []
        func endWord(breaking: Bool) {
            defer { word = String.UnicodeScalarView(); capitals = 0 }
            guard !word.isEmpty else { if breaking { previous = nil }; return }
            let raw = String(word)
            let w = stem(raw)
            // Abbreviations written in capitals are names, compared as such elsewhere.
            if capitals >= 2 || w.utf8.count < 3 || functionWords.contains(w) || functionWords.contains(raw)
                || w.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                // A function word does not break a name (`Partnership for Global Infrastructure`).
                if breaking || !joiners.contains(w) { previous = nil }
                return
            }
            if !commonWords.contains(w) { out.insert(w) }
            if let p = previous, !(commonWords.contains(p) && commonWords.contains(w)) { out.insert(p + " " + w) }
            previous = w
            if breaking { previous = nil }
        }
        func endJapanese() {
            if katakana.count >= 2 { out.insert(String(katakana)) }
            katakana = String.UnicodeScalarView()
            if kanji.count >= 2 { for k in 0..<(kanji.count - 1) { out.insert(String(String.UnicodeScalarView([kanji[k], kanji[k + 1]]))) } }
            kanji = []
        }
        for raw in s {
            let u = CharacterClass.narrow(raw)
            if CharacterClass.isASCIILetter(u) || CharacterClass.isDigit(u) || (u == "-" && !word.isEmpty) {
                if CharacterClass.isUpper(u) { capitals += 1 }
                word.append(CharacterClass.isUpper(u) ? Unicode.Scalar(u.value + 32)! : u)
                continue
            }
            if u == "’" || u == "'" { continue }
            endWord(breaking: u != " ")
            if CharacterClass.isKatakana(u) && u != "・" { katakana.append(u); continue }
            if CharacterClass.isKanji(u) { kanji.append(u); if !katakana.isEmpty { endJapanese() }; continue }
            endJapanese()
        }
        endWord(breaking: true)
        endJapanese()
        return out
    }

    /// A word without its inflection: `partnerships` and `partnership`, `launched` and `launch`.
    static func stem(_ w: String) -> String {
        var w = w
        while w.hasSuffix("-") { w.removeLast() }
        let n = w.utf8.count
        if n > 4, w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if n > 4, w.hasSuffix("sses") || w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("xes") { return String(w.dropLast(2)) }
        if n > 3, w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is") { w.removeLast() }
        if w.utf8.count > 5, w.hasSuffix("ing") { return String(w.dropLast(3)) }
        if w.utf8.count > 5, w.hasSuffix("ed"), !w.hasSuffix("eed") { return String(w.dropLast(w.hasSuffix("ied") ? 3 : 2)) + (w.hasSuffix("ied") ? "y" : "") }
        return w
    }

    /// The words that name a document's own parties (`japan`, `japanese`, `philippine`): every
    /// item of a statement between them names them, so alone they tell items apart no better
    /// than "we" does. Pairs of words that hold them are kept.
    static func partyWords(_ parties: [Party]) -> Set<String> {
        let codes = Set(parties.map(\.rawValue))
        var out = Set<String>()
        for party in parties {
            for w in PartyNames.name(of: party, in: .en).lowercased().split(whereSeparator: { !$0.isLetter }) { out.insert(stem(String(w))) }
        }
        for (adjective, code) in PartyNames.englishAdjectives where codes.contains(code) { out.insert(stem(adjective)) }
        for (alias, code) in PartyNames.englishAliases where codes.contains(code) && !alias.contains(" ") { out.insert(stem(alias)) }
        return out
    }

    /// Function words that may sit inside a name.
    static let joiners: Set<String> = ["for", "and", "the", "of", "on", "in"]

    /// Words that say nothing of a topic; they break a pair of words (except `joiners`).
    static let functionWords: Set<String> = [
        "the", "and", "for", "with", "that", "this", "these", "those", "from", "into", "onto", "our", "their", "its",
        "which", "who", "whom", "whose", "will", "shall", "would", "should", "could", "can", "may", "might", "must",
        "are", "was", "were", "been", "being", "has", "have", "had", "not", "but", "also", "such", "other", "each",
        "all", "both", "any", "more", "most", "well", "than", "through", "across", "between", "among", "under",
        "over", "about", "upon", "within", "including", "include", "includ", "toward", "towards", "while", "where",
        "when", "there", "here", "they", "them", "you", "his", "her", "she", "him", "one", "two", "three", "four",
        "five", "first", "second", "further", "during", "after", "before", "intend", "plan", "aim", "seek",
        "commit", "welcome", "announce", "affirm", "reaffirm", "recogniz", "recognize", "recognise", "today",
        "continu", "continue", "together", "jointly", "also", "like-minded", "make", "take", "help", "ensure",
        "provide", "use", "based", "its", "u.s", "usa", "look", "forward",
    ]

    /// Words every statement of this kind uses: no evidence alone, but part of a name in a pair
    /// (`economic corridor`, `security partnership`).
    static let commonWords: Set<String> = [
        "build", "work", "effort", "support", "cooperation", "cooperate", "collaborat", "collaboration", "partner",
        "partnership", "country", "nation", "state", "united", "leader", "government",
        "president", "prime", "minister", "year", "commitment", "deepen", "strengthen", "enhance", "promote",
        "advance", "expand", "important", "importance", "region", "regional", "global", "world", "international",
        "bilateral", "trilateral", "alliance", "joint", "area", "field", "program", "programme", "initiative",
        "project", "future", "shared", "share", "common", "close", "closely", "strong", "stronger", "around", "key",
        "critical", "range", "wide", "broad", "level", "high", "economic", "security", "develop", "development",
        "mutual", "indo-pacific", "pacific", "prosperity", "peace", "stability", "new",
    ]
}
