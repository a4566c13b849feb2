import PledgeExtract

/// How the register's full-text search reads text, the same for every store.
///
/// - Japanese and Chinese (kana, kanji) have no spaces between words, so every pair of
///   neighbouring characters is a token: 宇宙飛行士 → 宇宙 宙飛 飛行 行士. A search term
///   matches where all its pairs occur and the term itself occurs as written, so two-character
///   words like 量子 are found as easily as long ones. Only pairs of kanji and katakana are
///   indexed (`isIndexed`).
/// - Other scripts are read as words, lower-cased, full-width letters narrowed. A search
///   word matches words that begin with it (`semiconductor` finds `semiconductors`); words
///   of one or two letters match whole words only, so `AI` does not find `said`.
/// - A term with punctuation or symbols (`$2.9`, `100%`) matches where it occurs as written.
public enum SearchText {
    /// Calls `body` with every token of `text`, in order.
    static func scan(_ text: String, _ body: (String) -> Void) {
        var word = String.UnicodeScalarView()
        var previousIdeograph: Unicode.Scalar?
        func endWord() {
            if !word.isEmpty { body(String(word)) }
            word.removeAll(keepingCapacity: true)
        }
        for raw in text.unicodeScalars {
            let s = narrow(raw)
            if isIdeographic(s) {
                endWord()
                if let p = previousIdeograph {
                    var pair = String.UnicodeScalarView()
                    pair.append(p)
                    pair.append(s)
                    body(String(pair))
                }
                previousIdeograph = s
            } else if isWordCharacter(s) {
                previousIdeograph = nil
                if s.value < 0x80 {
                    word.append((0x41...0x5A).contains(s.value) ? Unicode.Scalar(s.value + 0x20)! : s)
                } else if s.properties.changesWhenLowercased {
                    word.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
                } else {
                    word.append(s)
                }
            } else {
                previousIdeograph = nil
                endWord()
            }
        }
        endWord()
    }

    /// Every token of a text, in order, repeats included.
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        scan(text) { out.append($0) }
        return out
    }

    /// What the index holds of a text: its distinct indexed tokens, separated by spaces.
    /// The same tokens as `scan` gives, found over UTF-8 bytes with hashed keys, because
    /// it runs over every item of every document ingested.
    public static func indexTokens(_ text: String) -> String {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { indexTokens(bytes: $0) } ?? ""
    }

    static func indexTokens(bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var seen = TokenHashSet()
        var word: [UInt8] = []
        var wordHash: UInt64 = 0xcbf2_9ce4_8422_2325
        var previous: UInt32?  // the previous code point, when it was ideographic
        func endWord() {
            guard !word.isEmpty else { return }
            if !stopWordHashes.contains(wordHash), seen.insert(wordHash) {
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: word)
            }
            word.removeAll(keepingCapacity: true)
            wordHash = 0xcbf2_9ce4_8422_2325
        }
        func appendWord(_ b: UInt8) {
            word.append(b)
            wordHash = (wordHash ^ UInt64(b)) &* 0x100_0000_01b3
        }
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                previous = nil
                if (0x61...0x7A).contains(b0) || (0x30...0x39).contains(b0) {
                    appendWord(b0)
                } else if (0x41...0x5A).contains(b0) {
                    appendWord(b0 + 0x20)
                } else {
                    endWord()
                }
                i += 1
                continue
            }
            let start = i
            let (value, length) = UTF8Scalar.decode(bytes, at: i)
            i += length
            guard let raw = Unicode.Scalar(value) else { previous = nil; endWord(); continue }
            let s = narrow(raw)
            if s.value < 0x80 {
                // Full-width ASCII: read as the ASCII character.
                previous = nil
                let b = UInt8(s.value)
                if (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) { appendWord(b) }
                else if (0x41...0x5A).contains(b) { appendWord(b + 0x20) }
                else { endWord() }
            } else if isIdeographic(s) {
                endWord()
                if let p = previous {
                    let hiragana = (0x3041...0x309F).contains(p) || (0x3041...0x309F).contains(s.value)
                    if !hiragana, seen.insert(UInt64(p) << 32 | UInt64(s.value) | 1 << 63) {
                        if !out.isEmpty { out.append(0x20) }
                        // The pair as written: the previous code point's bytes end where this one's begin.
                        let previousLength = p < 0x800 ? 2 : p < 0x10000 ? 3 : 4
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(start - previousLength)..<i]))
                    }
                }
                previous = s.value
            } else if isWordCharacter(s) {
                previous = nil
                if s.properties.changesWhenLowercased {
                    for b in s.properties.lowercaseMapping.utf8 { appendWord(b) }
                } else {
                    for k in start..<i { appendWord(bytes[k]) }
                }
            } else {
                previous = nil
                endWord()
            }
        }
        endWord()
        return String(decoding: out, as: UTF8.self)
    }

    /// The tokens an index entry already holds, by 64-bit hash: open addressing with a
    /// multiplicative hash, which costs a fraction of `Set`'s seeded SipHash on this hot path.
    struct TokenHashSet {
        private var slots = [UInt64](repeating: 0, count: 4096)
        private var count = 0

        /// Whether `hash` was new. Zero stands for an empty slot, so it is stored as one.
        mutating func insert(_ hash: UInt64) -> Bool {
            let key = hash == 0 ? 1 : hash
            if (count + 1) * 2 > slots.count { grow() }
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while true {
                let slot = slots[index]
                if slot == key { return false }
                if slot == 0 {
                    slots[index] = key
                    count += 1
                    return true
                }
                index = (index + 1) & mask
            }
        }

        private mutating func grow() {
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            count = 0
            for key in old where key != 0 { _ = insert(key) }
        }
    }

    static let stopWordHashes: Set<UInt64> = Set(stopWords.map { word in
        word.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    })

    /// Grammatical words carry little that a reader searches for: English function words, and
    /// pairs with a hiragana in them (particles and endings: する, ため, 化し). Japanese names
    /// and terms are written in kanji and katakana (量子, 半導体, サプライチェーン), whose pairs
    /// are all kept. Leaving the rest out halves the index; a search for them still finds its
    /// items, by substring.
    public static func isIndexed(_ token: String) -> Bool {
        let scalars = token.unicodeScalars
        if scalars.contains(where: { (0x3041...0x309F).contains($0.value) }) { return false }
        return !stopWords.contains(token)
    }

    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in", "into", "is", "it",
        "its", "of", "on", "or", "that", "the", "their", "these", "this", "those", "to", "was", "were", "which", "with",
    ]

    static func narrow(_ s: Unicode.Scalar) -> Unicode.Scalar {
        // Full-width ASCII (Ａ, ２) reads as ASCII; katakana stay as they are.
        if (0xFF01...0xFF5E).contains(s.value) { return Unicode.Scalar(s.value - 0xFEE0)! }
        return s
    }

    static func isIdeographic(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3005, 0x3006, 0x3041...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (0x30...0x39).contains(s.value) || (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value) }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }
}

/// A search as the user typed it: what a store asks of its index (`SearchText` tokens, all
/// required) and the exact test each item then passes (`matches`).
public struct SearchQuery: Sendable, Equatable {
    public struct Token: Sendable, Equatable {
        public var text: String
        /// Matches tokens that begin with `text`.
        public var prefix: Bool
    }

    enum Term: Sendable, Equatable {
        /// A word of letters or digits: found at the start of a word (the whole word when short).
        case word(Token)
        /// Anything else: found as written; `tokens` are what the index can check of it.
        case substring(String, tokens: [String])
    }

    var terms: [Term] = []

    public init(_ search: String) {
        for word in search.split(whereSeparator: { $0.isWhitespace }) {
            let term = String(word)
            let parts = SearchText.tokens(term)
            let plainWord = parts.count == 1 && !term.unicodeScalars.contains(where: SearchText.isIdeographic)
                && term.unicodeScalars.allSatisfy { SearchText.isWordCharacter(SearchText.narrow($0)) }
            if plainWord && SearchText.isIndexed(parts[0]) {
                terms.append(.word(Token(text: parts[0], prefix: parts[0].unicodeScalars.count >= 3)))
            } else {
                let folded = String(decoding: SearchText.folded(term), as: UTF8.self)
                terms.append(.substring(folded, tokens: parts.filter(SearchText.isIndexed)))
            }
        }
    }

    /// Every token the index must hold.
    public var tokens: [Token] {
        terms.flatMap { term -> [Token] in
            switch term {
            case .word(let token): return [token]
            case .substring(_, let tokens): return tokens.map { Token(text: $0, prefix: false) }
            }
        }
    }

    /// Terms that must occur as written, folded like the text they are looked for in.
    public var substrings: [String] {
        terms.compactMap { if case .substring(let s, _) = $0 { return s } else { return nil } }
    }

    /// The FTS5 query for the tokens, or `nil` when the index cannot narrow the search.
    public var indexQuery: String? {
        let tokens = self.tokens
        guard !tokens.isEmpty else { return nil }
        return tokens.map { "\"" + $0.text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + ($0.prefix ? "*" : "") }
            .joined(separator: " AND ")
    }

    /// Terms written only in kana and kanji: matched the same in the text as stored, so a store
    /// can look for them itself before asking `matches`.
    public var literalTerms: [String] {
        substrings.filter { $0.unicodeScalars.allSatisfy(SearchText.isIdeographic) }
    }

    /// Words of ASCII letters and digits: a text holding one has it, lower-cased, as a substring,
    /// unless the text writes it in full-width letters (ＡＩ).
    public var asciiWords: [String] {
        terms.compactMap { if case .word(let t) = $0, t.text.utf8.allSatisfy({ $0 < 0x80 }) { return t.text } else { return nil } }
    }

    /// Strings a text that `matches` must hold as they are, once it is folded
    /// (`SearchText.foldedText`): every term, words included, so a store can narrow with
    /// substring tests before asking `matches`.
    public var foldedTerms: [String] {
        terms.map { term in
            switch term {
            case .substring(let s, _): return s
            case .word(let token): return token.text
            }
        }
    }

    /// Whether `text` holds every term. This is the meaning of a search; indexes only narrow it.
    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { raw in
            // Most texts need no folding beyond ASCII case, which the comparison does itself;
            // only letters with case outside ASCII, or full-width ones, need the folded copy.
            if SearchText.needsFolding(raw) {
                return SearchText.folded(String(decoding: raw, as: UTF8.self)).withUnsafeBufferPointer { matches(in: $0) }
            }
            return matches(in: raw)
        }
    }

    /// `haystack` is folded, or differs from its folded form only in ASCII case.
    func matches(in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case .substring(let s, _):
                return SearchText.occurs(Array(s.utf8), in: haystack)
            case .word(let token):
                let needle = Array(token.text.utf8)
                return SearchText.occurs(needle, in: haystack) { at in
                    SearchText.startsWord(haystack, at) && (token.prefix || SearchText.endsWord(haystack, at + needle.count))
                }
            }
        }
    }
}

extension SearchText {
    /// Whether a text writes Latin letters or digits full-width (ＡＩ, ２０２６).
    public static func hasWideLatin(_ text: String) -> Bool {
        // U+FF10…FF5A is EF BC 90 … EF BD 9A in UTF-8.
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i + 2 < bytes.count {
                if bytes[i] == 0xEF {
                    let b1 = bytes[i + 1], b2 = bytes[i + 2]
                    if b1 == 0xBC && ((0x90...0x99).contains(b2) || (0xA1...0xBA).contains(b2)) { return true }
                    if b1 == 0xBD && (0x81...0x9A).contains(b2) { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// A text as search compares it: full-width ASCII narrowed, letters lower-cased.
    public static func foldedText(_ text: String) -> String { String(decoding: folded(text), as: UTF8.self) }

    /// A text as search compares it: full-width ASCII narrowed, letters lower-cased, as UTF-8.
    static func folded(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for raw in text.unicodeScalars {
            let s = narrow(raw)
            if s.value < 0x80 {
                let b = UInt8(s.value)
                out.append((0x41...0x5A).contains(b) ? b + 0x20 : b)
            } else if s.value < 0x2E80 && s.properties.changesWhenLowercased {
                // Kana and kanji (from U+2E80 on) have no case: no need to ask.
                out.append(contentsOf: s.properties.lowercaseMapping.utf8)
            } else {
                out.append(contentsOf: UTF8.encode(s)!)
            }
        }
        return out
    }

    /// Whether UTF-8 text holds letters that fold to something else beyond ASCII case:
    /// Latin, Greek and Cyrillic letters past ASCII, or full-width forms.
    static func needsFolding(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0xC3 && b <= 0xD4 { return true }  // U+00C0…U+052F
            if i + 1 < bytes.count {
                let c = bytes[i + 1]
                if b == 0xE1 && c >= 0xB8 { return true }  // U+1E00…U+1FFF
                if b == 0xE2 && c >= 0xB0 && c <= 0xB7 { return true }  // U+2C00…U+2DFF
                if b == 0xEA && c >= 0x99 && c <= 0x9F { return true }  // U+A640…U+A7FF
                if b == 0xEF && (c == 0xBC || c == 0xBD) { return true }  // full-width forms
            }
            i += 1
        }
        return false
    }

    /// Whether `needle` (folded) occurs in `haystack` at a position `accept` takes, ignoring ASCII case.
    static func occurs(
        _ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, where accept: (Int) -> Bool = { _ in true }
    ) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        for i in 0...(haystack.count - needle.count) where lower(haystack[i]) == first {
            var k = 1
            while k < needle.count && lower(haystack[i + k]) == needle[k] { k += 1 }
            if k == needle.count && accept(i) { return true }
        }
        return false
    }

    /// The code point that ends just before byte `at`, if any.
    static func scalar(before at: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard at > 0 else { return nil }
        var start = at - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        var decoder = UTF8()
        var iterator = bytes[start..<at].makeIterator()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return s }
        return nil
    }

    static func scalar(at: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard at < bytes.count else { return nil }
        var decoder = UTF8()
        var iterator = bytes[at...].makeIterator()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return s }
        return nil
    }

    /// Whether a word token can start at byte `at`: the code point before is no letter or
    /// digit of a word (ideographs make their own tokens, so a word may follow one).
    static func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        guard let s = scalar(before: at, in: bytes) else { return true }
        return !isWordCharacter(s) || isIdeographic(s)
    }

    static func endsWord(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        guard let s = scalar(at: at, in: bytes) else { return true }
        return !isWordCharacter(s) || isIdeographic(s)
    }
}
